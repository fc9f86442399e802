"""Plain data of one file with the place of each of its nodes, and problems placed there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sinjai_ops.models.common import Path
from sinjai_ops.models.problem import Problem


@dataclass(frozen=True)
class Loc:
    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Document:
    """The plain data of one file and the place of each of its nodes."""

    file: str
    data: Any
    values: Mapping[Path, Loc] = field(repr=False)
    """Where the value at each path starts."""
    keys: Mapping[Path, Loc] = field(repr=False)
    """Where the key that names each mapping entry starts."""

    def loc(self, path: Path, *, key: bool = False) -> Loc:
        """The place of `path`, or of its nearest ancestor that exists."""
        if key and path in self.keys:
            return self.keys[path]
        for n in range(len(path), -1, -1):
            found = self.values.get(path[:n])
            if found is not None:
                return found
        return Loc(self.file, 1, 1)

    def at(self, path: Path) -> Any:
        node = self.data
        for part in path:
            node = node[part]
        return node


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def problem_at(
    doc: Document, path: Path, message: str, *, key: bool = False, warning: bool = False
) -> Problem:
    where = doc.loc(path, key=key)
    return Problem(
        file=where.file,
        line=where.line,
        column=where.column,
        path=format_path(path),
        message=message,
        severity="warning" if warning else "error",
    )
