"""One TPS of the list as written: each value's text and its place (what `tps_list` reads and
`validate.tps` checks), kept light so that a scenario without a TPS list imports no sheet
reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sinjai_ops.models.problem import Problem


@dataclass(frozen=True)
class Spot:
    """Where a value was written: a file's line and column (a workbook's row and column, its
    cell in `place`), and the key of the value for scripts (`tps[3].voters`)."""

    file: str
    line: int
    column: int
    path: str = ""
    place: str | None = None
    """A workbook's cell, as `DAFTAR TPS!D12`; None in a text file."""

    def problem(self, message: Any, warning: bool = False) -> Problem:
        return Problem.at(
            self.file,
            self.line,
            self.column,
            message,
            path=self.path,
            warning=warning,
            place=self.place,
        )

    @property
    def where(self) -> str:
        """`FILE:SHEET!CELL` in a workbook, else `FILE:LINE:COLUMN`: as the problems say it."""
        if self.place is not None:
            return f"{self.file}:{self.place}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class TpsRow:
    """One TPS as written: each field's text ('' when empty) and its place."""

    values: dict[str, str]
    spots: dict[str, Spot]
    row: Spot
    """The row itself (the first cell, or the list item)."""
    told: tuple[str, ...] = ()
    """Fields whose cell could not be read, already told (a formula without its value): the
    row gives no TPS, and its empty value is not told again."""
