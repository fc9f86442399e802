"""The personnel office's spreadsheet to roster.yaml: a pure function of the cells read.

The header is found by `roster_header`, the cells are read by `roster_cells`; here each data
row becomes an officer of the roster.

Headers, ranks and units are matched through the tables of configs/roster_import.yaml (which an
operation may extend). The header row is found among the first rows (a title above it, blank
rows, merged cells), and a two-row header is read as the office writes it: a group merged over
its sub-columns (LATIHAN over DALMAS, TIDAK TERSEDIA over DARI, SAMPAI, ALASAN). Excel's habits
are undone where it is safe and said where it is not: an NRP stored as a number that lost its
leading zero gets it back with a warning, an Excel serial number where a date belongs is read as
that date. Every problem names its cell; a column that is not read is named in a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import yaml

from sinjai_ops.controls import refused
from sinjai_ops.i18n import Invalid, Msg, t
from sinjai_ops.models.common import check_text, suggest
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.roster_cells import (
    blank_at,
    cell_problem,
    cell_text,
    key,
    merged_cells,
    read_date,
    read_nrp,
)
from sinjai_ops.roster_header import Column, Header, Names, find_header
from sinjai_ops.table_cells import Cell
from sinjai_ops.validate.yaml_types import read_as

__all__ = ["Cell", "import_rows", "key", "unwritable_character"]

NO_SKILL = "-"
"""A skills cell holding only this: the officer holds no skill (an empty cell: the unit's)."""
_IDENT = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter where PyYAML has it (the same text, four times as fast), quoting every
    text that an editor's YAML 1.2 would read as a number or a boolean (0E0, 1_000 are text to
    PyYAML's YAML 1.1, not to the schema that validate holds the file to)."""


def _represent_text(dumper: Any, text: str) -> Any:
    style = "'" if read_as(text, False) != {"string"} else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
_DUMPER = _Dumper


def unwritable_character(text: str) -> str | None:
    """The first character of `text` that a cell of a workbook cannot hold, or that a sheet
    could not tell from layout (a control character, a line break, a lone surrogate)."""
    for ch in text:
        if ch != "\t" and (
            unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff\u2028\u2029"
        ):
            return ch
    return None


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
    body = [r for r in rows if any(cell_text(c.value) or c.formula for c in r)]
    if not body:
        return None, [Problem.at(file, 1, 1, t("no rows to import"))]
    names = Names(tables, policy)
    header, problems = find_header(file, body, names, tables)
    if header is None or any(p.severity == "error" for p in problems):
        return None, problems
    filled = merged_cells(body, header.first_data, merged)
    reader = _Rows(file, header, names, tables, policy, filled, problems)
    people = [reader.person(row) for row in body[header.first_data :]]
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _roster_text([p for p in people if p is not None]), problems


def _roster_text(people: list[dict[str, Any]]) -> str:
    return (
        "# Imported by sinjai-ops roster import; check it with sinjai-ops validate.\n"
        + yaml.dump(
            {"personnel": people},
            Dumper=_DUMPER,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=None,
        )
    )


class _Rows:
    """Reads the data rows under a header into officers, adding each problem to `problems`."""

    def __init__(
        self,
        file: str,
        header: Header,
        names: Names,
        tables: dict[str, Any],
        policy: Policy,
        filled: dict[tuple[int, int], Cell],
        problems: list[Problem],
    ) -> None:
        self.file = file
        self.header = header
        self.names = names
        self.policy = policy
        self.filled = filled
        self.problems = problems
        self.ranks = {key(k): v for k, v in tables["ranks"].items()}
        self.ranks.update({key(r): r for r in policy.ranks})
        self.units = {key(k): v for k, v in tables["units"].items()}
        self.seen: dict[str, str] = {}
        """Each NRP read so far, and the cell it was first read at."""

    def problem(self, cell: Cell, message: Msg, warning: bool = False) -> None:
        self.problems.append(cell_problem(self.file, cell, message, warning))

    def cells(self, row: list[Cell]) -> Callable[[Column], Cell]:
        """The cell of a row under a column: an empty one where the sheet left it out, the
        value of a merged range where one covers it."""
        by_column = {c.column - 1: c for c in row}
        blank = Cell(None, row[0].line, 1, row[0].place)

        def at(column: Column) -> Cell:
            cell = by_column.get(column.index) or blank_at(blank, column.index)
            spread = self.filled.get((cell.line, cell.column))
            return cell if spread is None or cell.value is not None else spread

        return at

    def person(self, row: list[Cell]) -> dict[str, Any] | None:
        """The officer of a row, with the fields its cells give; None when a cell cannot be
        read at all (a formula without a value, a refused character)."""
        at = self.cells(row)
        got: dict[str, Cell] = {}
        broken = False
        for column in self.header.columns:
            cell = at(column)
            if column.field in ("position", "number"):
                continue
            got.setdefault(column.field, cell)
            broken = self.unreadable(cell) or broken
        if broken:
            return None
        person: dict[str, Any] = {}
        self.identity(got, person)
        unit_cell = got["unit"]
        unit = cell_text(unit_cell.value)
        if not unit:
            self.problem(unit_cell, t("no unit; give the officer's unit (satuan)"))
        person["unit"] = unit
        person["skills"] = _skills(
            got.get("skills"), unit, unit_cell, self.units, self.names, self.policy, self.problem
        )
        self.assignable(got.get("assignable"), person)
        drills = self.drills(at)
        if drills:
            person["drills"] = drills
        periods = (_period(at, period, self.problem) for period in self.header.periods)
        away = [p for p in periods if p]
        if away:
            person["unavailable"] = away
        self.ties(got.get("ties"), person)
        desa = cell_text(got["desa"].value) if "desa" in got else ""
        if desa:
            person["desa"] = desa
        return person

    def unreadable(self, cell: Cell) -> bool:
        """Whether a cell holds a formula without its value or a character refused in a roster
        (told at the cell)."""
        if cell.formula is not None and cell.value is None:
            self.problem(
                cell,
                t(
                    "formula without a saved value ({formula}); open the workbook in Excel "
                    "and save it again (Excel saves the values), or paste the column as values",
                    formula=cell.formula,
                ),
            )
            return True
        if isinstance(cell.value, str) and refused(cell.value):
            # The same words as validate's for the same characters, told at the cell.
            try:
                check_text(cell.value)
            except Invalid as exc:
                self.problem(cell, exc.msg)
            return True
        return False

    def identity(self, got: dict[str, Cell], person: dict[str, Any]) -> None:
        """The officer's NRP (once in the sheet), name and rank."""
        nrp_cell = got["nrp"]
        if not cell_text(nrp_cell.value):
            self.problem(nrp_cell, t("no NRP; give the officer's NRP"))
        elif (nrp := read_nrp(nrp_cell, self.problem)) is not None:
            if nrp in self.seen:
                self.problem(
                    nrp_cell,
                    t(
                        "NRP {nrp} is in the sheet twice (first at {first})",
                        nrp=nrp,
                        first=self.seen[nrp],
                    ),
                )
            self.seen[nrp] = nrp_cell.place
            person["nrp"] = nrp
        name_cell = got["name"]
        if not cell_text(name_cell.value):
            self.problem(name_cell, t("no name; give the officer's name"))
        else:
            person["name"] = cell_text(name_cell.value)
        rank_cell = got["rank"]
        rank = self.ranks.get(key(rank_cell.value))
        if rank is None:
            shown = cell_text(rank_cell.value)
            hint = suggest(shown.title(), self.policy.ranks)
            self.problem(
                rank_cell,
                t("unknown rank '{rank}'{hint}; add it to ranks with --map", rank=shown, hint=hint),
            )
        else:
            person["rank"] = rank

    def assignable(self, cell: Cell | None, person: dict[str, Any]) -> None:
        """`assignable: false` for an officer the sheet says not to plot (tidak)."""
        if cell is None or not cell_text(cell.value):
            return
        answer = cell.value
        said = cell_text(answer).casefold()
        if answer is False or said in ("tidak", "no", "t", "n"):
            person["assignable"] = False
        elif answer is not True and said not in ("ya", "yes", "y"):
            self.problem(cell, t("'{value}' is not ya or tidak", value=cell_text(cell.value)))

    def drills(self, at: Callable[[Column], Cell]) -> dict[str, date]:
        """The day of the last drill of each skill the row gives one for."""
        drills: dict[str, date] = {}
        for column in self.header.columns:
            cell = at(column)
            if column.field == "drill" and cell_text(cell.value):
                day = read_date(cell, self.problem)
                if day is not None:
                    drills[column.skill] = day
        return drills

    def ties(self, cell: Cell | None, person: dict[str, Any]) -> None:
        """The candidates the officer declared ties to, by id."""
        if cell is None or not cell_text(cell.value):
            return
        ties = [w for w in re.split(r"[,;/\s]+", cell_text(cell.value)) if w]
        for word in ties:
            if not _IDENT.match(word):
                self.problem(
                    cell,
                    t(
                        "'{word}' is not a candidate's id (lowercase letters, digits and "
                        "'-', as in arrivals.yaml)",
                        word=word,
                    ),
                )
        person["ties"] = list(dict.fromkeys(ties))


def _skills(
    cell: Cell | None,
    unit: str,
    unit_cell: Cell,
    units: dict[str, list[str]],
    names: Names,
    policy: Policy,
    problem: Any,
) -> list[str]:
    """The skills of the FUNGSI cell; without one (or with it empty), the unit's."""
    held: list[str] = []
    if cell is not None and cell_text(cell.value) == NO_SKILL:
        return held
    if cell is not None and cell_text(cell.value):
        for word in re.split(r"[,;/]", cell_text(cell.value)):
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


def _period(
    at: Callable[[Column], Cell], period: dict[str, Column], problem: Any
) -> dict[str, Any] | None:
    """One period away (from, to, reason) of a row; None when its cells are empty."""
    cells = {part: at(column) for part, column in period.items()}
    if not any(cell_text(c.value) for c in cells.values()):
        return None
    days: dict[str, date] = {}
    for part in ("from", "to"):
        cell = cells.get(part)
        if cell is None:
            other = next(iter(cells.values()))
            problem(other, t("a period away needs a DARI and a SAMPAI column (first, last day)"))
        elif not cell_text(cell.value):
            problem(
                cell,
                t("no first day (DARI) of the period away")
                if part == "from"
                else t("no last day (SAMPAI) of the period away; for one day, the same date"),
            )
        elif (day := read_date(cell, problem)) is not None:
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
    if reason is not None and cell_text(reason.value):
        found["reason"] = cell_text(reason.value)
    return found
