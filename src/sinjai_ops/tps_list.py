"""The TPS list as KPU publishes it (tps.csv, tps.xlsx or tps.yaml) to rows of text, each value
with its place: a pure function of the file's bytes.

A sheet is read by the machinery of `roster import` (`tables.read_table`: encodings, workbooks,
merged cells): the header is the row among the first that names the most known columns, in any
case and in Indonesian (KECAMATAN, DESA/KELURAHAN, NO TPS, DPT, KATEGORI, PULAU); a title above
it, a row of column numbers under it and a kecamatan merged down over its desa are read as the
sheet shows them. tps.yaml holds `tps:` as a list of the same fields. What each value means is
`validate.tps`'s to say; here every value stays the text that was written.
"""

from __future__ import annotations

from typing import Any

from sinjai_ops.i18n import t
from sinjai_ops.load import decode, load_yaml
from sinjai_ops.models.common import suggest
from sinjai_ops.models.document import Document, format_path
from sinjai_ops.models.problem import Problem
from sinjai_ops.roster_cells import (
    blank_at,
    cell_name,
    cell_problem,
    cell_text,
    key,
    merged_cells,
)
from sinjai_ops.roster_header import HEADER_ROWS
from sinjai_ops.table_cells import Cell
from sinjai_ops.tables import read_table
from sinjai_ops.tps_rows import Spot, TpsRow

FIELDS = ("kecamatan", "desa", "tps", "voters", "category", "island")
REQUIRED = ("kecamatan", "desa", "tps", "voters", "category")
HEADERS: dict[str, tuple[str, ...]] = {
    "kecamatan": ("KECAMATAN", "KEC", "NAMA KECAMATAN"),
    "desa": (
        "DESA/KELURAHAN",
        "KELURAHAN/DESA",
        "DESA/KEL",
        "DESA",
        "KELURAHAN",
        "NAMA DESA",
        "NAMA DESA/KELURAHAN",
    ),
    "tps": ("TPS", "NO TPS", "NOMOR TPS", "NO URUT TPS"),
    "voters": ("DPT", "PEMILIH", "VOTERS", "JUMLAH DPT", "JUMLAH PEMILIH"),
    "category": ("KATEGORI", "CATEGORY", "KERAWANAN", "KATEGORI KERAWANAN"),
    "island": ("PULAU", "ISLAND", "KEPULAUAN"),
}
"""Header names by field (compared in upper case, without dots, `/` without spaces around it);
the field's own name is accepted too."""
_IGNORED = {"NO", "NOMOR", "NO URUT"}
"""Columns a list numbers its rows with: known, not read, not warned of."""


def header_key(title: object) -> str:
    return key(title).replace(" / ", "/").replace("/ ", "/").replace(" /", "/")


_BY_HEADER = {header_key(h): f for f, names in HEADERS.items() for h in (*names, f)}


def read_tps(raw: bytes, name: str) -> tuple[list[TpsRow], list[Problem]]:
    """The rows of a TPS list and the problems that prevent reading (part of) it."""
    if name.lower().endswith((".yaml", ".yml")):
        rows, problems = _yaml_rows(raw, name)
    else:
        rows, problems = _table_rows(raw, name)
    if not rows and not any(p.severity == "error" for p in problems):
        problems.append(
            Problem.at(
                name, 1, 1, t("the TPS list holds no TPS; give one row for each TPS of the list")
            )
        )
    return rows, problems


def _table_rows(raw: bytes, name: str) -> tuple[list[TpsRow], list[Problem]]:
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    table, problems = read_table(raw, name, suffix)
    if table is None:
        return [], problems
    body = [r for r in table.rows if any(cell_text(c.value) for c in r)]
    if not body:
        return [], problems
    rows, found = _sheet_rows(name, body, table.merged)
    return rows, problems + found


def _sheet_rows(
    name: str, body: list[list[Cell]], merged: tuple[tuple[int, int, int, int], ...]
) -> tuple[list[TpsRow], list[Problem]]:
    best = _header_row(body)
    if best is None:
        known = "KECAMATAN, DESA/KELURAHAN, TPS, DPT, KATEGORI"
        return [], [
            cell_problem(
                name,
                body[0][0],
                t(
                    "no header row in the first {n} rows; name the columns {known}",
                    n=HEADER_ROWS,
                    known=known,
                ),
            )
        ]
    columns, problems = _columns(name, body[best])
    if any(p.severity == "error" for p in problems):
        return [], problems
    first = best + 1
    while first < len(body) and _numbering(body[first]):
        first += 1  # the row of column numbers (1, 2, 3 ...) under the header
    filled = merged_cells(body, first, merged)
    rows = []
    for row in body[first:]:
        by_column = {c.column - 1: c for c in row}
        values: dict[str, str] = {}
        spots: dict[str, Spot] = {}
        for field, index in columns.items():
            cell = by_column.get(index) or blank_at(row[0], index)
            if cell.value is None:
                cell = filled.get((cell.line, cell.column), cell)
            values[field] = cell_text(cell.value)
            spots[field] = _cell_spot(name, cell)
        if _total(values):
            continue
        rows.append(TpsRow(values, spots, _cell_spot(name, row[0])))
    return rows, problems


def _cell_spot(name: str, cell: Cell) -> Spot:
    # As `cell_problem` places it: a workbook's cell is named beside the file.
    return Spot(f"{name}:{cell.place}" if cell.sheet else name, cell.line, cell.column)


def _header_row(body: list[list[Cell]]) -> int | None:
    def score(row: list[Cell]) -> int:
        return sum(header_key(c.value) in _BY_HEADER for c in row if cell_text(c.value))

    scores = [score(row) for row in body[:HEADER_ROWS]]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return None if scores[best] == 0 else best


def _columns(name: str, header: list[Cell]) -> tuple[dict[str, int], list[Problem]]:
    """The column of each field, and the problems of the header: a required column missing (an
    error), a column not read (a warning)."""
    columns: dict[str, int] = {}
    unread: list[Cell] = []
    for cell in header:
        title = header_key(cell.value)
        field = _BY_HEADER.get(title)
        if field is not None and field not in columns:
            columns[field] = cell.column - 1
        elif cell_text(cell.value) and title not in _IGNORED:
            unread.append(cell)
    problems = [
        cell_problem(
            name,
            header[0],
            t(
                "no column for {field}; name one of: {known}",
                field=field,
                known=", ".join(HEADERS[field]),
            ),
        )
        for field in REQUIRED
        if field not in columns
    ]
    if unread and not problems:
        listed = ", ".join(f"'{cell_text(c.value)}' ({cell_name(c)})" for c in unread)
        problems.append(
            cell_problem(
                name,
                unread[0],
                t("columns not read: {columns}", columns=listed),
                warning=True,
            )
        )
    return columns, problems


_TOTALS = {"JUMLAH", "TOTAL", "JUMLAH TOTAL", "GRAND TOTAL", "JUMLAH KECAMATAN"}


def _total(values: dict[str, str]) -> bool:
    """A row of sums under a kecamatan or the list (JUMLAH in a name column, no TPS number)."""
    named = {key(values.get("kecamatan", "")), key(values.get("desa", ""))}
    return bool(named & _TOTALS) and not values.get("tps")


def _numbering(row: list[Cell]) -> bool:
    values = [cell_text(c.value) for c in row if cell_text(c.value)]
    return len(values) > 2 and values == [str(n) for n in range(1, len(values) + 1)]


def _yaml_rows(raw: bytes, name: str) -> tuple[list[TpsRow], list[Problem]]:
    text, problems = decode(raw, name)
    if text is None:
        return [], problems
    doc, found = load_yaml(text, name)
    problems += found
    if doc is None:
        return [], problems
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("tps"), list):
        return [], [
            *problems,
            _spot(doc, ()).problem(
                t("tps.yaml holds 'tps:' as a list of TPS (kecamatan, desa, tps, voters, category)")
            ),
        ]
    for extra in sorted(k for k in data if k != "tps"):
        problems.append(
            _spot(doc, (extra,), key=True).problem(
                t("unknown field '{name}'{hint}", name=extra, hint=suggest(extra, ["tps"]))
            )
        )
    rows = []
    for i, item in enumerate(data["tps"]):
        row, found = _yaml_row(doc, i, item)
        problems += found
        if row is not None:
            rows.append(row)
    return rows, problems


def _yaml_row(doc: Document, i: int, item: Any) -> tuple[TpsRow | None, list[Problem]]:
    where = _spot(doc, ("tps", i))
    if not isinstance(item, dict):
        return None, [
            where.problem(t("a TPS is a mapping of kecamatan, desa, tps, voters and category"))
        ]
    problems: list[Problem] = []
    values: dict[str, str] = {}
    spots: dict[str, Spot] = {}
    for field, value in item.items():
        path = ("tps", i, field)
        if field not in FIELDS:
            problems.append(
                _spot(doc, path, key=True).problem(
                    t("unknown field '{name}'{hint}", name=field, hint=suggest(field, FIELDS))
                )
            )
        elif isinstance(value, (dict, list)):
            problems.append(
                _spot(doc, path).problem(
                    t("{name} is one value, not a list or mapping", name=field)
                )
            )
        else:
            values[field] = "" if value is None else str(value).strip()
            spots[field] = _spot(doc, path)
    for field in FIELDS:
        if field not in spots:
            values[field] = ""
            spots[field] = where
    return TpsRow(values, spots, where), problems


def _spot(doc: Document, path: tuple[Any, ...], key: bool = False) -> Spot:
    loc = doc.loc(path, key=key)
    return Spot(loc.file, loc.line, loc.column, format_path(path))
