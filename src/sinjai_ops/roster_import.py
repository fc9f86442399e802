"""The personnel office's spreadsheet to roster.yaml: a pure function of the cells read.

Headers, ranks and units are matched through the tables of configs/roster_import.yaml (which an
operation may extend). The header row is found among the first rows (a title above it, blank
rows, merged cells), and a two-row header is read as the office writes it: a group merged over
its sub-columns (LATIHAN over DALMAS, TIDAK TERSEDIA over DARI, SAMPAI, ALASAN). Excel's habits
are undone where it is safe and said where it is not: an NRP stored as a number that lost its
leading zero gets it back with a warning, an Excel serial number where a date belongs is read as
that date. Every problem names its cell; a column that is not read is named in a warning.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import yaml

from sinjai_ops.controls import refused
from sinjai_ops.i18n import Invalid, Msg, t
from sinjai_ops.models.common import check_text, suggest
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.tables import MAX_COLUMNS, Cell
from sinjai_ops.validate.yaml_types import read_as

__all__ = ["Cell", "import_rows", "key", "unwritable_character"]

HEADER_ROWS = 10
"""The header row is looked for among this many first non-empty rows."""
NO_SKILL = "-"
"""A skills cell holding only this: the officer holds no skill (an empty cell: the unit's)."""
_EXCEL_EPOCH = date(1899, 12, 30)
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_IDENT = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NUMBERED = re.compile(r"\s+\d+$")
_SKILL_WORDS = {"intelkam": "intel", "dokkes": "medic", "sabhara": "samapta"}
_REQUIRED = ("nrp", "name", "rank", "unit")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter where PyYAML has it (the same text, four times as fast), quoting every
    text that an editor's YAML 1.2 would read as a number or a boolean (0E0, 1_000 are text to
    PyYAML's YAML 1.1, not to the schema that validate holds the file to)."""


def _represent_text(dumper: Any, text: str) -> Any:
    style = "'" if read_as(text, False) != {"string"} else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
_DUMPER = _Dumper


@dataclass(frozen=True)
class Column:
    index: int
    field: str
    """A roster field (nrp, name, rank, unit, skills, assignable, ties), `drill` (with its
    skill), `from`, `to` or `reason` (of a period away), `position` or `number` (known, not
    planned on)."""
    title: str
    cell: Cell
    skill: str = ""


@dataclass
class _Header:
    columns: list[Column] = field(default_factory=list)
    periods: list[dict[str, Column]] = field(default_factory=list)
    unread: list[tuple[str, Cell]] = field(default_factory=list)
    first_data: int = 0


def key(text: object) -> str:
    """How names are compared: upper case, no dots, single spaces."""
    return re.sub(r"\s+", " ", str(text).replace(".", " ")).strip().upper()


def unwritable_character(text: str) -> str | None:
    """The first character of `text` that a cell of a workbook cannot hold, or that a sheet
    could not tell from layout (a control character, a line break, a lone surrogate)."""
    for ch in text:
        if ch != "\t" and (
            unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff\u2028\u2029"
        ):
            return ch
    return None


class _Names:
    """The tables of configs/roster_import.yaml, keyed for matching headers."""

    def __init__(self, tables: dict[str, Any], policy: Policy) -> None:
        self.fields: dict[str, tuple[str, str]] = {}
        for name, headers in tables["columns"].items():
            field_name, skill = (
                ("drill", name.removeprefix("drill_")) if name.startswith("drill_") else (name, "")
            )
            for header in headers:
                self.fields.setdefault(key(header), (field_name, skill))
        self.drills = {key(h) for h in tables.get("drills", [])}
        away = tables.get("unavailable", {})
        self.groups = {key(h) for h in away.get("group", [])}
        self.away = {key(h): part for part in ("from", "to", "reason") for h in away.get(part, [])}
        self.skills = {s.upper(): s for s in policy.skills}
        self.skills.update({k.upper(): v for k, v in _SKILL_WORDS.items()})

    def group(self, title: str) -> bool:
        return _bare(title) in self.drills | self.groups

    def classify(self, title: str) -> tuple[str, str] | None:
        """(field, skill) of a column's full title; None for a column that is not read."""
        if title in self.fields:
            return self.fields[title]
        for prefix in self.drills:
            if title.startswith(prefix + " "):
                skill = self.skills.get(title[len(prefix) + 1 :])
                return ("drill", skill) if skill else None
        for group in self.groups:
            if title.startswith(group + " ") and title[len(group) + 1 :] in self.away:
                return self.away[title[len(group) + 1 :]], ""
        return None


def _bare(title: str) -> str:
    """A group's title without its number (TIDAK TERSEDIA 2 is TIDAK TERSEDIA)."""
    return _NUMBERED.sub("", title)


def _full(top: str, sub: str) -> str:
    return key(f"{_bare(key(top))} {sub}")


def _find_header(
    file: str, body: list[list[Cell]], names: _Names, tables: dict[str, Any]
) -> tuple[_Header | None, list[Problem]]:
    def score(row: list[Cell]) -> int:
        titles = [key(c.value) for c in row if _text(c.value)]
        return sum(names.classify(x) is not None or names.group(x) for x in titles)

    scores = [score(row) for row in body[:HEADER_ROWS]]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    if scores[best] == 0:
        first = body[0][0]
        return None, [
            _problem(
                file,
                first,
                t(
                    "no header row in the first {n} rows; name the columns NRP, NAMA, PANGKAT and "
                    "SATUAN (or add your headers with --map)",
                    n=HEADER_ROWS,
                ),
            )
        ]
    top = body[best]
    sub = body[best + 1] if best + 1 < len(body) else []
    width = max(len(top), len(sub))
    starts = [c.column - 1 for c in top if _text(c.value)]
    spans = {
        i: range(i, starts[n + 1] if n + 1 < len(starts) else max(width, i + 1))
        for n, i in enumerate(starts)
    }
    by_index = {c.column - 1: c for c in top}
    sub_at = {c.column - 1: c for c in sub if _text(c.value)}

    def grouped(i: int) -> bool:
        title = key(by_index[i].value)
        return names.group(title) or (len(spans[i]) > 1 and names.classify(title) is None)

    two_rows = (
        bool(sub_at)
        and all(i not in sub_at or grouped(i) for i in starts)
        and any(j in sub_at for i in starts if grouped(i) for j in spans[i])
    )
    header = _Header(first_data=best + (2 if two_rows else 1))
    seen: set[tuple[str, str]] = set()
    for i in starts:
        cell = by_index[i]
        if two_rows and grouped(i):
            places = [
                (j, _full(cell.value, key(sub_at[j].value)), sub_at[j])
                for j in spans[i]
                if j in sub_at
            ]
        else:
            places = [(i, key(cell.value), cell)]
        for j, title, where in places:
            found = names.classify(title)
            shown = (
                _text(cell.value) if where is cell else f"{_text(cell.value)} {_text(where.value)}"
            )
            if found is None or (found[0] not in ("from", "to", "reason") and found in seen):
                header.unread.append((shown, where))
                continue
            seen.add(found)
            header.columns.append(Column(j, found[0], shown, where, found[1]))
    for column in header.columns:
        if column.field in ("from", "to", "reason"):
            if not header.periods or column.field in header.periods[-1]:  # the next period
                header.periods.append({})
            header.periods[-1][column.field] = column
    problems: list[Problem] = []
    have = {c.field for c in header.columns}
    for wanted in _REQUIRED:
        if wanted not in have:
            known = ", ".join(tables["columns"][wanted])
            problems.append(
                _problem(
                    file,
                    top[0],
                    t(
                        "no column for {field}; name one of: {known} (or add yours with --map)",
                        field=wanted,
                        known=known,
                    ),
                )
            )
    if header.unread and not problems:
        listed = ", ".join(f"'{title}' ({_cell_name(c)})" for title, c in header.unread)
        problems.append(
            _problem(
                file,
                header.unread[0][1],
                t(
                    "columns not read: {columns}; to read one, add its header to the tables of "
                    "configs/roster_import.yaml with --map",
                    columns=listed,
                ),
                warning=True,
            )
        )
    while header.first_data < len(body) and _numbering(body[header.first_data]):
        header.first_data += 1  # the row of column numbers (1, 2, 3 ...) under the header
    return header, problems


def _numbering(row: list[Cell]) -> bool:
    values = [_text(c.value) for c in row if _text(c.value)]
    return len(values) > 2 and values == [str(n) for n in range(1, len(values) + 1)]


def _cell_name(cell: Cell) -> str:
    return cell.place.split("!", 1)[1] if cell.sheet else cell.place


def _problem(file: str, cell: Cell, message: Msg, warning: bool = False) -> Problem:
    place = f"{file}:{cell.place}" if cell.sheet else file
    return Problem.at(place, cell.line, cell.column, message, warning=warning)


def import_rows(
    file: str,
    rows: list[list[Cell]],
    tables: dict[str, Any],
    policy: Policy,
    merged: Sequence[tuple[int, int, int, int]] = (),
) -> tuple[str | None, list[Problem]]:
    """roster.yaml text from the rows of the sheet, and every problem; no text when any
    problem is an error. A range merged below the header (a unit merged down over its
    members) holds its value in each of its cells, as the sheet shows it."""
    body = [r for r in rows if any(_text(c.value) or c.formula for c in r)]
    if not body:
        return None, [Problem.at(file, 1, 1, t("no rows to import"))]
    names = _Names(tables, policy)
    header, problems = _find_header(file, body, names, tables)
    if header is None or any(p.severity == "error" for p in problems):
        return None, problems

    def problem(cell: Cell, message: Msg, warning: bool = False) -> None:
        problems.append(_problem(file, cell, message, warning))

    filled = _spread(body, header.first_data, merged)

    ranks = {key(k): v for k, v in tables["ranks"].items()}
    ranks.update({key(r): r for r in policy.ranks})
    units = {key(k): v for k, v in tables["units"].items()}
    people: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for row in body[header.first_data :]:
        cells = {c.column - 1: c for c in row}
        blank = Cell(None, row[0].line, 1, row[0].place)

        def at(column: Column, cells: dict[int, Cell] = cells, blank: Cell = blank) -> Cell:
            cell = cells.get(column.index) or _blank_at(blank, column.index)
            spread = filled.get((cell.line, cell.column))
            return cell if spread is None or cell.value is not None else spread

        got: dict[str, Cell] = {}
        broken = False
        for column in header.columns:
            cell = at(column)
            if column.field in ("position", "number"):
                continue
            got.setdefault(column.field, cell)
            if cell.formula is not None and cell.value is None:
                problem(
                    cell,
                    t(
                        "formula without a saved value ({formula}); open the workbook in Excel "
                        "and save it again (Excel saves the values), or paste the column as values",
                        formula=cell.formula,
                    ),
                )
                broken = True
            elif isinstance(cell.value, str) and refused(cell.value):
                # The same words as validate's for the same characters, told at the cell.
                try:
                    check_text(cell.value)
                except Invalid as exc:
                    problem(cell, exc.msg)
                broken = True
        if broken:
            continue
        person: dict[str, Any] = {}
        nrp_cell = got["nrp"]
        if not _text(nrp_cell.value):
            problem(nrp_cell, t("no NRP; give the officer's NRP"))
        elif (nrp := _nrp(nrp_cell, problem)) is not None:
            if nrp in seen:
                problem(
                    nrp_cell,
                    t(
                        "NRP {nrp} is in the sheet twice (first at {first})",
                        nrp=nrp,
                        first=seen[nrp],
                    ),
                )
            seen[nrp] = nrp_cell.place
            person["nrp"] = nrp
        name_cell = got["name"]
        if not _text(name_cell.value):
            problem(name_cell, t("no name; give the officer's name"))
        else:
            person["name"] = _text(name_cell.value)
        rank_cell = got["rank"]
        rank = ranks.get(key(rank_cell.value))
        if rank is None:
            shown = _text(rank_cell.value)
            hint = suggest(shown.title(), policy.ranks)
            problem(
                rank_cell,
                t("unknown rank '{rank}'{hint}; add it to ranks with --map", rank=shown, hint=hint),
            )
        else:
            person["rank"] = rank
        unit_cell = got["unit"]
        unit = _text(unit_cell.value)
        if not unit:
            problem(unit_cell, t("no unit; give the officer's unit (satuan)"))
        person["unit"] = unit
        person["skills"] = _skills(
            got.get("skills"), unit, unit_cell, units, names, policy, problem
        )
        plot_cell = got.get("assignable")
        if plot_cell is not None and _text(plot_cell.value):
            answer = plot_cell.value
            said = _text(answer).casefold()
            if answer is False or said in ("tidak", "no", "t", "n"):
                person["assignable"] = False
            elif answer is not True and said not in ("ya", "yes", "y"):
                problem(plot_cell, t("'{value}' is not ya or tidak", value=_text(plot_cell.value)))
        drills: dict[str, date] = {}
        for column in header.columns:
            cell = at(column)
            if column.field == "drill" and _text(cell.value):
                day = _date(cell, problem)
                if day is not None:
                    drills[column.skill] = day
        if drills:
            person["drills"] = drills
        away = [p for p in (_period(at, period, problem) for period in header.periods) if p]
        if away:
            person["unavailable"] = away
        ties_cell = got.get("ties")
        if ties_cell is not None and _text(ties_cell.value):
            ties = [w for w in re.split(r"[,;/\s]+", _text(ties_cell.value)) if w]
            for word in ties:
                if not _IDENT.match(word):
                    problem(
                        ties_cell,
                        t(
                            "'{word}' is not a candidate's id (lowercase letters, digits and "
                            "'-', as in arrivals.yaml)",
                            word=word,
                        ),
                    )
            person["ties"] = list(dict.fromkeys(ties))
        people.append(person)
    if any(p.severity == "error" for p in problems):
        return None, problems
    text = (
        "# Imported by sinjai-ops roster import; check it with sinjai-ops validate.\n"
        + yaml.dump(
            {"personnel": people},
            Dumper=_DUMPER,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=None,
        )
    )
    return text, problems


def _spread(
    body: list[list[Cell]], first: int, merged: Sequence[tuple[int, int, int, int]]
) -> dict[tuple[int, int], Cell]:
    """The cells of the data rows that a merged range covers, holding its value (placed at
    the range's first cell, where the value is), by line and column."""
    if first >= len(body):
        return {}
    lines = [row[0].line for row in body]
    by_line = {row[0].line: row for row in body}
    filled: dict[tuple[int, int], Cell] = {}
    for r1, c1, r2, c2 in merged:
        top = by_line.get(r1)
        if r1 < lines[first] or top is None or c1 > len(top) or top[c1 - 1].value is None:
            continue
        source = top[c1 - 1]
        for line in lines[bisect.bisect_left(lines, r1) : bisect.bisect_right(lines, r2)]:
            for column in range(c1, min(c2, MAX_COLUMNS) + 1):
                if (line, column) != (r1, c1):
                    filled[(line, column)] = source
    return filled


def _blank_at(row: Cell, index: int) -> Cell:
    """The empty cell of a row at a column the sheet left out."""
    if "!" not in row.place:
        return Cell(None, row.line, index + 1, f"{row.line}:{index + 1}")
    from openpyxl.utils import get_column_letter

    sheet = row.place.split("!", 1)[0]
    return Cell(None, row.line, index + 1, f"{sheet}!{get_column_letter(index + 1)}{row.line}")


def _skills(
    cell: Cell | None,
    unit: str,
    unit_cell: Cell,
    units: dict[str, list[str]],
    names: _Names,
    policy: Policy,
    problem: Any,
) -> list[str]:
    """The skills of the FUNGSI cell; without one (or with it empty), the unit's."""
    held: list[str] = []
    if cell is not None and _text(cell.value) == NO_SKILL:
        return held
    if cell is not None and _text(cell.value):
        for word in re.split(r"[,;/]", _text(cell.value)):
            found = names.skills.get(word.strip().upper())
            if found is None:
                shown = word.strip()
                hint = suggest(shown.lower(), policy.skills)
                problem(cell, t("unknown skill '{value}'{hint}", value=shown, hint=hint))
            elif found not in held:
                held.append(found)
        return held
    if key(unit) in units:
        return list(units[key(unit)])
    if unit:
        problem(
            unit_cell,
            t(
                "unit '{unit}' is not in the units table, so the officer gets no skill; add "
                "it with --map or fill a FUNGSI column",
                unit=unit,
            ),
            warning=True,
        )
    return held


def _period(at: Any, period: dict[str, Column], problem: Any) -> dict[str, Any] | None:
    """One period away (from, to, reason) of a row; None when its cells are empty."""
    cells = {part: at(column) for part, column in period.items()}
    if not any(_text(c.value) for c in cells.values()):
        return None
    days: dict[str, date] = {}
    for part in ("from", "to"):
        cell = cells.get(part)
        if cell is None:
            other = next(iter(cells.values()))
            problem(other, t("a period away needs a DARI and a SAMPAI column (first, last day)"))
        elif not _text(cell.value):
            problem(
                cell,
                t("no first day (DARI) of the period away")
                if part == "from"
                else t("no last day (SAMPAI) of the period away; for one day, the same date"),
            )
        elif (day := _date(cell, problem)) is not None:
            days[part] = day
    if len(days) < 2:
        return None
    if days["to"] < days["from"]:
        problem(
            cells["to"],
            t(
                "the period away ends ({end}) before it starts ({start})",
                end=days["to"].isoformat(),
                start=days["from"].isoformat(),
            ),
        )
        return None
    reason = cells.get("reason")
    found: dict[str, Any] = {"from": days["from"], "to": days["to"]}
    if reason is not None and _text(reason.value):
        found["reason"] = _text(reason.value)
    return found


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    return str(value).strip()


def _nrp(cell: Cell, problem: Any) -> str | None:
    text = _text(cell.value)
    if isinstance(cell.value, (int, float)) or text.isdigit():
        digits = text
        if len(digits) in (7, 17):
            fixed = "0" + digits
            problem(
                cell,
                t(
                    "NRP {digits} has {n} digits: the spreadsheet dropped a leading zero; read as "
                    "{fixed} (store the column as text to keep it)",
                    digits=digits,
                    n=len(digits),
                    fixed=fixed,
                ),
                warning=True,
            )
            return fixed
        if len(digits) in (8, 18) and digits.isascii():
            return digits
    problem(
        cell,
        t(
            "NRP '{text}' is not 8 digits (a civil NIP 18); write it as the personnel file has it",
            text=text,
        ),
    )
    return None


def _date(cell: Cell, problem: Any) -> date | None:
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial date
    text = _text(value)
    try:
        if m := _ISO.match(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DAY_FIRST.match(text):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        pass
    problem(cell, t("'{text}' is not a date; write it as a date cell or as 2024-08-19", text=text))
    return None
