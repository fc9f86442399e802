"""Ids, NRPs and ballot numbers used twice, read from the plain data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sinjai_ops.i18n import N_, t
from sinjai_ops.models.common import Path
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.problem import Problem

_IDENTITIES: dict[str, list[tuple[Path, str]]] = {
    "operation": [
        (("shifts", "*", "id"), N_("shift id")),
        (("sites", "*", "id"), N_("site id")),
        (("sites", "*", "posts", "*", "id"), N_("post id")),
        (("checklists", "*", "id"), N_("template id")),
    ],
    "roster": [(("personnel", "*", "nrp"), N_("NRP"))],
    "arrivals": [
        (("candidates", "*", "id"), N_("candidate id")),
        (("candidates", "*", "number"), N_("ballot number")),
    ],
    "checklists": [(("templates", "*", "id"), N_("template id"))],
}


def _raw_values(node: Any, pattern: Path, path: Path = ()) -> list[tuple[Path, str]]:
    """The text at every path matching `pattern` (`*` for any list index) in plain data."""
    if not pattern:
        return [(path, node)] if isinstance(node, str) else []
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items = enumerate(node) if isinstance(node, list) else iter(())
        return [found for i, item in items for found in _raw_values(item, rest, (*path, i))]
    if isinstance(node, dict) and head in node:
        return _raw_values(node[head], rest, (*path, head))
    return []


def check_identities(doc: Document, kind: str) -> list[Problem]:
    """Ids, NRPs and ballot numbers used twice, read from the plain data: reported even when
    other parts of the file keep its model from being built."""
    out: list[Problem] = []
    for pattern, what in _IDENTITIES.get(kind, []):
        found = _raw_values(doc.data, pattern)
        out += _dupes(doc, [v for _, v in found], lambda i, f=found: f[i][0], what)
    return out


def _dupes(doc: Document, items: Sequence[str], path_of: Any, what: str) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, value in enumerate(items):
        if value in seen:
            first = doc.loc(path_of(seen[value]))
            out.append(
                problem_at(
                    doc,
                    path_of(i),
                    t(
                        "{what} '{value}' is used twice (first at line {line}); each {what} "
                        "must be unique",
                        what=t(what),
                        value=value,
                        line=first.line,
                    ),
                )
            )
        else:
            seen[value] = i
    return out
