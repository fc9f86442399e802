"""The TPS list as KPU publishes it (tps.csv, tps.xlsx or tps.yaml) to rows of text, each value
with its place: a pure function of the file's bytes.

A sheet is read by the machinery of `roster import` (`tables.read_table`: encodings, workbooks,
merged cells): the header is the row among the first that names the most known columns, in any
case and in Indonesian (KECAMATAN, DESA/KELURAHAN, NO TPS, DPT, KATEGORI, PULAU); a title above
it, a row of column numbers under it and a kecamatan merged down over its desa are read as the
sheet shows them (`tps_header`); rows of sums are skipped, a kecamatan or desa written once
over its rows is filled down with a warning (`tps_fill`), a formula without a saved value is
told at its cell. tps.yaml holds `tps:` as a list of the same fields. What each value means is
`validate.tps`'s to say; here every value stays the text that was written.
"""

from __future__ import annotations

import re
from typing import Any

from sinjai_ops.i18n import t
from sinjai_ops.load import decode, load_yaml
from sinjai_ops.models.common import suggest
from sinjai_ops.models.document import Document, format_path
from sinjai_ops.models.problem import Problem
from sinjai_ops.roster_cells import blank_at, cell_problem, cell_text, key, merged_cells
from sinjai_ops.roster_header import HEADER_ROWS
from sinjai_ops.table_cells import Cell
from sinjai_ops.tables import read_table
from sinjai_ops.tps_fill import fill_down
from sinjai_ops.tps_header import columns, header_row
from sinjai_ops.tps_rows import Spot, TpsRow

FIELDS = ("kecamatan", "desa", "tps", "voters", "category", "island")


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
    body = [r for r in table.rows if any(cell_text(c.value) or c.formula for c in r)]
    if not body:
        return [], problems
    rows, found = _sheet_rows(name, body, table.merged)
    return rows, problems + found


def _sheet_rows(
    name: str, body: list[list[Cell]], merged: tuple[tuple[int, int, int, int], ...]
) -> tuple[list[TpsRow], list[Problem]]:
    best = header_row(body)
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
    found, problems = columns(name, body[best])
    if any(p.severity == "error" for p in problems):
        return [], problems
    first = best + 1
    while first < len(body) and _numbering(body[first]):
        first += 1  # the row of column numbers (1, 2, 3 ...) under the header
    filled = merged_cells(body, first, merged)
    rows: list[TpsRow] = []
    for row in body[first:]:
        by_column = {c.column - 1: c for c in row}
        cells: dict[str, Cell] = {}
        for field, index in found.items():
            cell = by_column.get(index) or blank_at(row[0], index)
            if cell.value is None:
                cell = filled.get((cell.line, cell.column), cell)
            cells[field] = cell
        if _sums(row, cells):
            continue
        at = f"tps[{len(rows)}]"
        told = tuple(f for f, c in cells.items() if c.formula is not None and c.value is None)
        problems += [_formula(name, cells[f], f"{at}.{f}") for f in told]
        rows.append(
            TpsRow(
                {f: cell_text(c.value) for f, c in cells.items()},
                {f: _cell_spot(name, c, f"{at}.{f}") for f, c in cells.items()},
                _cell_spot(name, row[0], at),
                told,
            )
        )
    rows, found_fill = fill_down(rows)
    return rows, problems + found_fill


def _cell_spot(name: str, cell: Cell, path: str) -> Spot:
    return Spot(name, cell.line, cell.column, path, cell.place if cell.sheet else None)


def _formula(name: str, cell: Cell, path: str) -> Problem:
    """A formula the workbook saved no value of, told as `roster import` tells it."""
    return cell_problem(
        name,
        cell,
        t(
            "formula without a saved value ({formula}); open the workbook in Excel "
            "and save it again (Excel saves the values), or paste the column as values",
            formula=cell.formula,
        ),
        path=path,
    )


_SUMS = re.compile(r"^(JUMLAH|JML|TOTAL|SUBTOTAL|SUB TOTAL|GRAND TOTAL)\b")


def _sums(row: list[Cell], cells: dict[str, Cell]) -> bool:
    """A row of sums under a desa, a kecamatan or the list: its first text, its kecamatan or
    its desa starts with JUMLAH, TOTAL or SUBTOTAL (`JUMLAH Sinjai Utara`, `Total Kabupaten`,
    `Jumlah Kec. Sinjai Utara` as its desa), and it has no TPS number or no desa of its own
    (`TOTAL,,427,196000`: the count of TPS in the TPS column). A remark in another column
    (`Jumlah pemilih disabilitas 3`) does not make a TPS row a row of sums."""
    first = next((c.value for c in row if isinstance(c.value, str) and c.value.strip()), "")
    texts = [first, cells["kecamatan"].value, cells["desa"].value]
    if not any(_SUMS.match(key(text)) for text in texts if isinstance(text, str)):
        return False
    desa = key(cells["desa"].value) if cells["desa"].value is not None else ""
    return not cell_text(cells["tps"].value) or not desa or bool(_SUMS.match(desa))


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
