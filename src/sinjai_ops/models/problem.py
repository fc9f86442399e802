"""A problem found in the user's files: a value, never an exception."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from sinjai_ops.i18n import Msg, told
from sinjai_ops.models.common import Frozen


class Problem(Frozen):
    """One finding, located in the file the officer wrote."""

    file: str
    line: int
    """1-based line of the node the finding is about."""
    column: int
    """1-based column."""
    path: str
    """Where in the document, e.g. `sites[0].posts[1].need`; empty for the whole file."""
    message: str
    """In English; `said(lang)` gives it in the reader's language."""
    severity: Literal["error", "warning"] = "error"
    sheet: str | None = None
    """A workbook's sheet when the problem is at one of its cells (`cell` names the cell,
    `line` and `column` are its row and column); absent for a text file."""
    cell: str | None = None
    """The cell of `sheet`, as `D12`."""
    msg: Any = Field(default=None, exclude=True, repr=False)
    """The `Msg` the message was made from, kept to be said in another language."""

    def said(self, lang: str) -> str:
        return told(self.msg, self.message, lang)

    @classmethod
    def at(
        cls,
        file: str,
        line: int,
        column: int,
        message: Msg | str,
        *,
        path: str = "",
        warning: bool = False,
        place: str | None = None,
    ) -> Problem:
        """A problem whose message can be said in the reader's language when it is a `Msg`.
        `place`: a workbook's cell as `Sheet!D12` (then `line` and `column` are its row and
        column)."""
        sheet = cell = None
        if place and "!" in place:
            sheet, cell = place.rsplit("!", 1)
        return cls(
            file=file,
            line=line,
            column=column,
            path=path,
            message=str(message),
            severity="warning" if warning else "error",
            sheet=sheet,
            cell=cell,
            msg=message if isinstance(message, Msg) else None,
        )

    @property
    def where(self) -> str:
        """`FILE:SHEET!CELL` for a workbook's cell, else `FILE:LINE:COLUMN`."""
        if self.cell is not None:
            return f"{self.file}:{self.sheet}!{self.cell}"
        return f"{self.file}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.severity, self.message)
