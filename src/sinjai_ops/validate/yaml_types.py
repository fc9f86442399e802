"""Scalars as an editor reads them, held against the file's own JSON Schema.

sinjai-ops reads every scalar as the text that was typed (see load.py). An editor checking the
same file against `sinjai-ops schema` reads it as YAML 1.2 does: `123` and `true` are a number
and a boolean, `"1"` and `'no'` are text. Where the schema names the type of a value, validate
asks the same of it, so that the editor and CI agree:

- a value in quotes is text: `number: "1"` or `assignable: "false"` is refused where the schema
  wants a number or true/false ("write it without quotes");
- a plain `123` or `true` where the schema wants text is refused ("quote it"), as the schema
  refuses it;
- a plain word where the schema wants true/false (`assignable: no`) or a number is refused.

What the schema cannot say (an NRP's leading zeros, a bare hour where a time belongs) is left to
the models, which check the text as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.common import Path
from sinjai_ops.models.document import Document, format_path, problem_at
from sinjai_ops.models.problem import Problem

Schema = dict[str, Any]

# The YAML 1.2 core schema's plain scalars that are not text.
_BOOLEAN = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
_INTEGER = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_NUMBER = re.compile(
    r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$"
)

# Words an officer writes for yes and no (YAML 1.1 read some of them as booleans; 1.2 does not).
MEANT = {
    **dict.fromkeys(("no", "n", "off", "0", "tidak", "t"), "false"),
    **dict.fromkeys(("yes", "y", "on", "1", "ya"), "true"),
}


def read_as(text: str, quoted: bool) -> set[str]:
    """The JSON types an editor's YAML 1.2 gives a scalar (a whole number is a number too)."""
    if quoted:
        return {"string"}
    if text in _BOOLEAN:
        return {"boolean"}
    if _INTEGER.match(text):
        return {"integer", "number"}
    if _NUMBER.match(text):
        try:
            whole = float(text).is_integer()
        except ValueError:
            whole = False
        return {"integer", "number"} if whole else {"number"}
    return {"string"}


def check_yaml_types(doc: Document, schema: Schema, skip: set[str]) -> list[Problem]:
    """Every scalar whose YAML 1.2 type the schema refuses; not at the paths in `skip` (those
    the models have already told about)."""
    defs: dict[str, Schema] = schema.get("$defs", {})
    allowed: dict[int, set[str] | None] = {}  # by schema node: the same few nodes, many values
    out = []
    for path, text, node in _scalars(doc.data, schema, defs, ()):
        if id(node) not in allowed:
            allowed[id(node)] = _types(node, defs)
        wanted = allowed[id(node)]
        if wanted is None:
            continue
        quoted = path in doc.quoted
        typed = read_as(text, quoted)
        if typed & wanted or format_path(path) in skip:
            continue
        out.append(problem_at(doc, path, _message(text, quoted, typed, wanted)))
    return out


def _message(text: str, quoted: bool, typed: set[str], wanted: set[str]) -> Msg:
    shown = repr(text)
    if quoted:
        if "boolean" in wanted:
            return t(
                "{shown} is in quotes, so it is text, not true or false; write it without quotes",
                shown=shown,
            )
        return t(
            "{shown} is in quotes, so it is text, not a number; write it without quotes",
            shown=shown,
        )
    if "string" in wanted:
        if "boolean" in typed:
            return t(
                "YAML reads {text} as true or false, not as text; if it is text, quote it: "
                '"{text}"',
                text=text,
            )
        return t(
            'YAML reads {text} as a number, not as text; if it is text, quote it: "{text}"',
            text=text,
        )
    if "boolean" in wanted:
        meant = MEANT.get(text.casefold())
        if meant is not None:
            return t("expected true or false, got {shown}; write {word}", shown=shown, word=meant)
        return t("expected true or false, got {shown}", shown=shown)
    if "integer" in wanted and "number" not in wanted:
        return t("expected a whole number, got {shown}", shown=shown)
    return t("expected a number, got {shown}", shown=shown)


def _resolve(node: Schema, defs: dict[str, Schema]) -> Schema:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _branches(node: Schema, defs: dict[str, Schema]) -> list[Schema]:
    node = _resolve(node, defs)
    for key in ("anyOf", "oneOf"):
        if key in node:
            return [b for branch in node[key] for b in _branches(branch, defs)]
    return [node]


def _types(node: Schema, defs: dict[str, Schema]) -> set[str] | None:
    """The JSON types a schema node allows; None when it does not say."""
    allowed: set[str] = set()
    for branch in _branches(node, defs):
        kind = branch.get("type")
        if isinstance(kind, str):
            allowed.add(kind)
        elif isinstance(kind, list):
            allowed.update(kind)
        elif "enum" in branch or "const" in branch:
            values = branch.get("enum", [branch.get("const")])
            allowed.update(_json_type(v) for v in values)
        else:
            return None
    if "number" in allowed:
        allowed.add("integer")
    return allowed


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "null" if value is None else "string"


def _scalars(
    data: Any, node: Schema, defs: dict[str, Schema], path: Path
) -> Iterator[tuple[Path, str, Schema]]:
    """Each text scalar of `data`, with the schema node that describes it."""
    # A roster repeats the same few keys under the same few nodes thousands of times: each
    # node's child for a key is looked up once.
    children: dict[tuple[int, str], Schema | None] = {}
    items: dict[int, Schema | None] = {}

    def child(node: Schema, key: str) -> Schema | None:
        at = (id(node), key)
        if at not in children:
            branches = _branches(node, defs)
            children[at] = next((c for b in branches if (c := _property(b, key)) is not None), None)
        return children[at]

    def item(node: Schema) -> Schema | None:
        if id(node) not in items:
            items[id(node)] = next(
                (b["items"] for b in _branches(node, defs) if isinstance(b.get("items"), dict)),
                None,
            )
        return items[id(node)]

    def walk(data: Any, node: Schema, path: Path) -> Iterator[tuple[Path, str, Schema]]:
        if isinstance(data, str):
            yield path, data, node
        elif isinstance(data, dict):
            for key, value in data.items():
                found = child(node, str(key))
                if found is not None:
                    yield from walk(value, found, (*path, key))
        elif isinstance(data, list):
            each = item(node)
            if each is not None:
                for i, value in enumerate(data):
                    yield from walk(value, each, (*path, i))

    return walk(data, node, path)


def _property(node: Schema, key: str) -> Schema | None:
    """The schema of the value at `key` of a mapping (read, never changed)."""
    properties: dict[str, Schema] = node.get("properties", {})
    if key in properties:
        return properties[key]
    patterns: dict[str, Schema] = node.get("patternProperties", {})
    for pattern, child in patterns.items():
        if re.search(pattern, key):
            return child
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else None
