"""A problem found in the user's files: a value, never an exception."""

from __future__ import annotations

from typing import Literal

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
    severity: Literal["error", "warning"] = "error"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.severity, self.message)
