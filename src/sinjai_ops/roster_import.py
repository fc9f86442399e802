"""The personnel office's spreadsheet to roster.yaml: a pure function of the cells read.

Headers, ranks and units are matched through the tables of configs/roster_import.yaml (which an
operation may extend). Excel's habits are undone where it is safe and said where it is not: an
NRP stored as a number that lost its leading zero gets it back with a warning, an Excel serial
number where a date belongs is read as that date. Every problem names its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import yaml

from sinjai_ops.i18n import Invalid, Msg, t
from sinjai_ops.models.common import check_text, suggest
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem

_EXCEL_EPOCH = date(1899, 12, 30)
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SKILL_WORDS = {"intelkam": "intel", "dokkes": "medic", "sabhara": "samapta"}


@dataclass(frozen=True)
class Cell:
    value: Any
    line: int
    column: int
    place: str
    """`Sheet1!B3` in a workbook, `3:2` in a CSV file."""


def key(text: object) -> str:
    """How names are compared: upper case, no dots, single spaces."""
    return re.sub(r"\s+", " ", str(text).replace(".", " ")).strip().upper()


def import_rows(
    file: str, rows: list[list[Cell]], tables: dict[str, Any], policy: Policy
) -> tuple[str | None, list[Problem]]:
    """roster.yaml text from the rows of the sheet (the first non-empty row is the header),
    and every problem; no text when any problem is an error."""
    problems: list[Problem] = []

    def problem(cell: Cell, message: Msg, warning: bool = False) -> None:
        place = f"{file}:{cell.place}" if "!" in cell.place else file
        problems.append(Problem.at(place, cell.line, cell.column, message, warning=warning))

    body = [r for r in rows if any(_text(c.value) for c in r)]
    if not body:
        return None, [Problem.at(file, 1, 1, t("no rows to import"))]
    header = body[0]
    wanted = {field: {key(h) for h in names} for field, names in tables["columns"].items()}
    where: dict[str, int] = {}
    for i, cell in enumerate(header):
        for field, names in wanted.items():
            if key(cell.value) in names and field not in where:
                where[field] = i
    for field in ("nrp", "name", "rank", "unit"):
        if field not in where:
            known = ", ".join(tables["columns"][field])
            problem(
                header[0],
                t(
                    "no column for {field}; name one of: {known} (or add yours with --map)",
                    field=field,
                    known=known,
                ),
            )
    if problems:
        return None, problems
    ranks = {key(k): v for k, v in tables["ranks"].items()}
    ranks.update({key(r): r for r in policy.ranks})
    units = {key(k): v for k, v in tables["units"].items()}
    skills = {s.upper(): s for s in policy.skills}
    skills.update({k.upper(): v for k, v in _SKILL_WORDS.items()})
    people: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for row in body[1:]:

        def at(field: str, row: list[Cell] = row) -> Cell | None:
            i = where.get(field)
            return row[i] if i is not None and i < len(row) else None

        person: dict[str, Any] = {}
        nrp_cell = at("nrp")
        if nrp_cell is None or not _text(nrp_cell.value):
            problem(nrp_cell or row[0], t("no NRP; give the officer's NRP"))
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
        name_cell = at("name")
        if name_cell is None or not _text(name_cell.value):
            problem(name_cell or row[0], t("no name; give the officer's name"))
        else:
            person["name"] = _plain(name_cell, problem)
        rank_cell = at("rank")
        rank = ranks.get(key(rank_cell.value)) if rank_cell else None
        if rank_cell is None or rank is None:
            shown = _text(rank_cell.value) if rank_cell else ""
            hint = suggest(shown.title(), policy.ranks)
            problem(
                rank_cell or row[0],
                t("unknown rank '{rank}'{hint}; add it to ranks with --map", rank=shown, hint=hint),
            )
        else:
            person["rank"] = rank
        unit_cell = at("unit")
        unit = _plain(unit_cell, problem) if unit_cell else ""
        if not unit:
            problem(unit_cell or row[0], t("no unit; give the officer's unit (satuan)"))
        person["unit"] = unit
        held: list[str] = []
        skills_cell = at("skills")
        if skills_cell is not None and _text(skills_cell.value):
            for word in re.split(r"[,;/]", _text(skills_cell.value)):
                found = skills.get(word.strip().upper())
                if found is None:
                    shown = word.strip()
                    hint = suggest(shown.lower(), policy.skills)
                    problem(skills_cell, t("unknown skill '{value}'{hint}", value=shown, hint=hint))
                elif found not in held:
                    held.append(found)
        elif key(unit) in units:
            held = list(units[key(unit)])
        elif unit:
            problem(
                unit_cell or row[0],
                t(
                    "unit '{unit}' is not in the units table, so the officer gets no skill; add "
                    "it with --map or fill a FUNGSI column",
                    unit=unit,
                ),
                warning=True,
            )
        person["skills"] = held
        plot_cell = at("assignable")
        if plot_cell is not None and _text(plot_cell.value):
            answer = _text(plot_cell.value).casefold()
            if answer in ("tidak", "no", "t", "n"):
                person["assignable"] = False
            elif answer not in ("ya", "yes", "y"):
                problem(plot_cell, t("'{value}' is not ya or tidak", value=_text(plot_cell.value)))
        drill_cell = at("drill_dalmas")
        if drill_cell is not None and _text(drill_cell.value):
            day = _date(drill_cell, problem)
            if day is not None:
                person["drills"] = {"dalmas": day.isoformat()}
        people.append(person)
    if any(p.severity == "error" for p in problems):
        return None, problems
    text = (
        "# Imported by sinjai-ops roster import; check it with sinjai-ops validate.\n"
        + yaml.safe_dump(
            {"personnel": people}, sort_keys=False, allow_unicode=True, default_flow_style=None
        )
    )
    return text, problems


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _plain(cell: Cell, problem: Any) -> str:
    """The text of a cell; a control character in it is told at the cell."""
    text = _text(cell.value)
    try:
        check_text(text)
    except Invalid as exc:
        problem(cell, exc.msg)
    return text


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
        if len(digits) in (8, 18):
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
    if isinstance(value, (int, float)) and 20000 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial date
    text = _text(value)
    if m := _ISO.match(text):
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DAY_FIRST.match(text):
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            pass
    problem(cell, t("'{text}' is not a date; write it as a date cell or as 2024-08-19", text=text))
    return None
