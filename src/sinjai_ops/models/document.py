"""Plain data of one file with the place of each of its nodes, and problems placed there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sinjai_ops.i18n import Msg
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
    nulls: Mapping[Path, str] = field(default_factory=dict, repr=False)
    """The word typed where YAML reads no value (`null`, `Null`, `~`), by path."""
    quoted: frozenset[Path] = field(default_factory=frozenset, repr=False)
    """The paths of the scalars written in quotes (`"1"`, `'no'`) or as blocks: text to any
    reader."""

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
    doc: Document, path: Path, message: Msg | str, *, key: bool = False, warning: bool = False
) -> Problem:
    where = doc.loc(path, key=key)
    return Problem.at(
        where.file, where.line, where.column, message, path=format_path(path), warning=warning
    )


def overlay(base: Document, over: Document, at: tuple[str, ...]) -> Document:
    """`base` with the mapping at `at` in `over` merged in: mappings key by key, all else whole."""
    values = dict(base.values)
    keys = dict(base.keys)

    def move(path: tuple[Any, ...]) -> None:
        for table, source in ((values, over.values), (keys, over.keys)):
            for stale in [p for p in table if p[: len(path)] == path]:
                del table[stale]
            for p, where in source.items():
                if p[: len(at) + len(path)] == (*at, *path):
                    table[p[len(at) :]] = where

    def merge(old: Any, new: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(old, dict) and isinstance(new, dict):
            merged = dict(old)
            for key, value in new.items():
                if key in old:
                    merged[key] = merge(old[key], value, (*path, key))
                    keys[(*path, key)] = over.keys[(*at, *path, key)]
                else:
                    merged[key] = value
                    move((*path, key))
            return merged
        move(path)
        return new

    return Document(base.file, merge(base.data, over.at(at), ()), values, keys)
