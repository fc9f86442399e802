"""The header of the personnel office's sheet: which row it is, and which roster field each
column holds.

Headers are matched through the tables of configs/roster_import.yaml (which an operation may
extend). The header row is found among the first rows (a title above it, blank rows, merged
cells), and a two-row header is read as the office writes it: a group merged over its
sub-columns (LATIHAN over DALMAS, TIDAK TERSEDIA over DARI, SAMPAI, ALASAN). A column that is not
read is named in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sinjai_ops.i18n import t
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.roster_cells import cell_name, cell_problem, cell_text, key
from sinjai_ops.table_cells import Cell

HEADER_ROWS = 10
"""The header row is looked for among this many first non-empty rows."""
_NUMBERED = re.compile(r"\s+\d+$")
_SKILL_WORDS = {"intelkam": "intel", "dokkes": "medic", "sabhara": "samapta"}
_REQUIRED = ("nrp", "name", "rank", "unit")


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
class Header:
    columns: list[Column] = field(default_factory=list)
    periods: list[dict[str, Column]] = field(default_factory=list)
    unread: list[tuple[str, Cell]] = field(default_factory=list)
    first_data: int = 0


class Names:
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


def find_header(
    file: str, body: list[list[Cell]], names: Names, tables: dict[str, Any]
) -> tuple[Header | None, list[Problem]]:
    """The header of the sheet's non-empty rows and its problems (a missing column an error, an
    unread one a warning); no header when none of the first rows names a known column."""
    best = _header_row(body, names)
    if best is None:
        first = body[0][0]
        return None, [
            cell_problem(
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
    header = _read_columns(top, sub, names, best)
    _group_periods(header)
    problems = _header_problems(file, header, top, tables)
    while header.first_data < len(body) and _numbering(body[header.first_data]):
        header.first_data += 1  # the row of column numbers (1, 2, 3 ...) under the header
    return header, problems


def _header_row(body: list[list[Cell]], names: Names) -> int | None:
    """The index of the first row naming the most known columns, among the first rows."""

    def score(row: list[Cell]) -> int:
        titles = [key(c.value) for c in row if cell_text(c.value)]
        return sum(names.classify(x) is not None or names.group(x) for x in titles)

    scores = [score(row) for row in body[:HEADER_ROWS]]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return None if scores[best] == 0 else best


def _read_columns(top: list[Cell], sub: list[Cell], names: Names, best: int) -> Header:
    """The columns of a header row (at index `best`) and of the row below it when that holds
    the sub-columns of groups (a two-row header)."""
    width = max(len(top), len(sub))
    starts = [c.column - 1 for c in top if cell_text(c.value)]
    spans = {
        i: range(i, starts[n + 1] if n + 1 < len(starts) else max(width, i + 1))
        for n, i in enumerate(starts)
    }
    by_index = {c.column - 1: c for c in top}
    sub_at = {c.column - 1: c for c in sub if cell_text(c.value)}

    def grouped(i: int) -> bool:
        title = key(by_index[i].value)
        return names.group(title) or (len(spans[i]) > 1 and names.classify(title) is None)

    two_rows = (
        bool(sub_at)
        and all(i not in sub_at or grouped(i) for i in starts)
        and any(j in sub_at for i in starts if grouped(i) for j in spans[i])
    )
    header = Header(first_data=best + (2 if two_rows else 1))
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
                cell_text(cell.value)
                if where is cell
                else f"{cell_text(cell.value)} {cell_text(where.value)}"
            )
            if found is None or (found[0] not in ("from", "to", "reason") and found in seen):
                header.unread.append((shown, where))
                continue
            seen.add(found)
            header.columns.append(Column(j, found[0], shown, where, found[1]))
    return header


def _group_periods(header: Header) -> None:
    """Gathers the from, to and reason columns into the periods away they belong to."""
    for column in header.columns:
        if column.field in ("from", "to", "reason"):
            if not header.periods or column.field in header.periods[-1]:  # the next period
                header.periods.append({})
            header.periods[-1][column.field] = column


def _header_problems(
    file: str, header: Header, top: list[Cell], tables: dict[str, Any]
) -> list[Problem]:
    """A column the roster needs and the header lacks; else the columns that are not read."""
    problems: list[Problem] = []
    have = {c.field for c in header.columns}
    for wanted in _REQUIRED:
        if wanted not in have:
            known = ", ".join(tables["columns"][wanted])
            problems.append(
                cell_problem(
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
        listed = ", ".join(f"'{title}' ({cell_name(c)})" for title, c in header.unread)
        problems.append(
            cell_problem(
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
    return problems


def _numbering(row: list[Cell]) -> bool:
    values = [cell_text(c.value) for c in row if cell_text(c.value)]
    return len(values) > 2 and values == [str(n) for n in range(1, len(values) + 1)]
