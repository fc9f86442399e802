"""A spreadsheet's cells, each with its place, and the limits of what is read of a sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sinjai_ops.i18n import Msg
from sinjai_ops.models.problem import Problem

MAX_UNPACKED = 100 * 2**20
"""The most a workbook may unpack to (all its parts): a 50,000-officer sheet is about 30 MB."""
MAX_RATIO = 100
"""The most a part of more than 1 MiB may unpack to, as a multiple of its packed size; sheets
written by Excel, LibreOffice or openpyxl stay below 20."""
MAX_COLUMNS = 256
"""Columns read from a sheet (a personnel sheet has a dozen or two)."""
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Cell:
    value: Any
    line: int
    column: int
    place: str
    """`Sheet1!B3` in a workbook, `3:2` in a CSV file."""
    formula: str | None = None
    """A formula whose value the workbook did not save (its value is then None)."""

    @property
    def sheet(self) -> bool:
        return "!" in self.place


@dataclass(frozen=True)
class Table:
    rows: list[list[Cell]]
    """The non-empty rows, each cell with its place."""
    merged: tuple[tuple[int, int, int, int], ...] = ()
    """A workbook's merged ranges: first row, first column, last row, last column."""


def file_problem(name: str, message: Msg, line: int = 1, column: int = 1) -> Problem:
    """A problem of the file, at its start unless a line and column are given."""
    return Problem.at(name, line, column, message)
