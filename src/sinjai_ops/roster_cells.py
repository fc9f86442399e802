"""Reading the cells of the personnel office's sheet: a cell's text, an NRP, a date, the cells
a merged range fills, and the problem told at a cell.

Excel's habits are undone where it is safe and said where it is not: an NRP stored as a number
that lost its leading zero gets it back with a warning, an Excel serial number where a date
belongs is read as that date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.problem import Problem
from sinjai_ops.table_cells import MAX_COLUMNS, Cell

_EXCEL_EPOCH = date(1899, 12, 30)
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def key(text: object) -> str:
    """How names are compared: upper case, no dots, single spaces."""
    return re.sub(r"\s+", " ", str(text).replace(".", " ")).strip().upper()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    return str(value).strip()


def cell_name(cell: Cell) -> str:
    return cell.place.split("!", 1)[1] if cell.sheet else cell.place


def cell_problem(
    file: str, cell: Cell, message: Msg, warning: bool = False, path: str = ""
) -> Problem:
    """The problem at a cell: `FILE:SHEET!CELL` in a workbook, `FILE:LINE:COLUMN` in a CSV."""
    place = cell.place if cell.sheet else None
    return Problem.at(
        file, cell.line, cell.column, message, path=path, warning=warning, place=place
    )


def merged_cells(
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


def blank_at(row: Cell, index: int) -> Cell:
    """The empty cell of a row at a column the sheet left out."""
    if "!" not in row.place:
        return Cell(None, row.line, index + 1, f"{row.line}:{index + 1}")
    from openpyxl.utils import get_column_letter

    sheet = row.place.split("!", 1)[0]
    return Cell(None, row.line, index + 1, f"{sheet}!{get_column_letter(index + 1)}{row.line}")


def read_nrp(cell: Cell, problem: Any) -> str | None:
    text = cell_text(cell.value)
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


def read_date(cell: Cell, problem: Any) -> date | None:
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial date
    text = cell_text(value)
    try:
        if m := _ISO.match(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DAY_FIRST.match(text):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        pass
    problem(cell, t("'{text}' is not a date; write it as a date cell or as 2024-08-19", text=text))
    return None
