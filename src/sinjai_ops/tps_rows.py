"""One TPS of the list as written: each value's text and its place (what `tps_list` reads and
`validate.tps` checks), kept light so that a scenario without a TPS list imports no sheet
reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sinjai_ops.models.problem import Problem


@dataclass(frozen=True)
class Spot:
    """Where a value was written: a file's line and column (a workbook's cell in `file`)."""

    file: str
    line: int
    column: int
    path: str = ""

    def problem(self, message: Any, warning: bool = False) -> Problem:
        return Problem.at(
            self.file, self.line, self.column, message, path=self.path, warning=warning
        )


@dataclass(frozen=True)
class TpsRow:
    """One TPS as written: each field's text ('' when empty) and its place."""

    values: dict[str, str]
    spots: dict[str, Spot]
    row: Spot
    """The row itself (the first cell, or the list item)."""
