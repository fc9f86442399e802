"""Files to plain data, keeping exactly what the officer typed and where.

YAML 1.1 would read `11:00` as 660, `01040117` as an octal number and `no` as False, and would
let a repeated key overwrite the first. This loader works on the parser's events instead of its
constructor: every scalar stays the text that was written (only a plain empty value or `null`
becomes None), and the line and column of every key and value are recorded. The models parse the
text by the rules of the file contract.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import Any

import yaml

from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.common import Path
from sinjai_ops.models.document import Document, Loc
from sinjai_ops.models.problem import Problem

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_MAX_DEPTH = 64


def byte_place(raw: bytes, offset: int) -> tuple[int, int]:
    """The line and column (1-based, in bytes) of the byte at `offset`."""
    before = raw[:offset]
    return before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a file, without its byte-order mark."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [_problem(file, 1, 1, t("the file is UTF-16; save it as UTF-8"))]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, column = byte_place(raw, exc.start)
        byte = raw[exc.start]
        return None, [
            _problem(
                file,
                line,
                column,
                t(
                    "byte 0x{byte} is not UTF-8; save the file as UTF-8 "
                    "(most editors offer it under 'Save with encoding')",
                    byte=format(byte, "02X"),
                ),
            )
        ]


def load_yaml(text: str, file: str, syntax: str = "YAML") -> tuple[Document | None, list[Problem]]:
    """Plain data and node places of one YAML text, or the problems that prevent it.

    `syntax` names the language in messages: JSON is read here too, as the YAML it is.
    """
    builder = _Builder(file)
    try:
        data = builder.build(yaml.parse(text, Loader=_Parser))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        found = text[mark.index] if mark and mark.index < len(text) else ""
        return None, [_problem(file, line, column, _syntax_message(exc, found, syntax))]
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        message = t(
            "the character #x{code} is not allowed in YAML (a control character); remove it",
            code=format(exc.character, "04X"),
        )
        return None, [_problem(file, line, column, message)]
    # Duplicate keys, anchors and tags are errors, but the data around them is still whole
    # (the first of two keys is kept, an alias reads as empty), so the models check it too.
    doc = Document(
        file, data, builder.values, builder.keys, builder.nulls, frozenset(builder.quoted)
    )
    return doc, builder.problems


def _problem(file: str, line: int, column: int, message: Msg) -> Problem:
    return Problem.at(file, line, column, message)


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _syntax_message(exc: yaml.MarkedYAMLError, found: str, syntax: str) -> Msg:
    # The parser's own words (`problem`, `context`) are PyYAML's, in English.
    problem = exc.problem or "invalid YAML"
    if found == "\t" or "'\\t'" in problem:
        return t("a tab character here; YAML indents with spaces only")
    if "mapping values are not allowed" in problem:
        return t(
            "{syntax} syntax error: a ':' where no key can start; "
            "quote a value that contains ': ', or check the indentation",
            syntax=syntax,
        )
    context = f" ({exc.context})" if exc.context else ""
    return t("{syntax} syntax error: {problem}", syntax=syntax, problem=problem + context)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[Path, Loc] = {}
        self.keys: dict[Path, Loc] = {}
        self.nulls: dict[Path, str] = {}
        self.quoted: set[Path] = set()
        self.problems: list[Problem] = []

    def build(self, events: Iterator[yaml.Event]) -> Any:
        data: Any = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._error(event, t("more than one YAML document ('---'); keep one per file"))
            elif isinstance(event, yaml.NodeEvent):
                node = self._node(event, events, (), 0)
                if documents == 1:
                    data = node
        return data

    def _loc(self, event: yaml.Event) -> Loc:
        mark = event.start_mark
        return Loc(self.file, mark.line + 1, mark.column + 1) if mark else Loc(self.file, 1, 1)

    def _error(self, event: yaml.Event, message: Msg) -> None:
        where = self._loc(event)
        self.problems.append(_problem(self.file, where.line, where.column, message))

    def _node(self, event: yaml.Event, events: Iterator[yaml.Event], path: Path, depth: int) -> Any:
        self.values[path] = self._loc(event)
        if isinstance(event, yaml.AliasEvent):
            self._error(
                event, t("alias '*{name}' is not allowed; write the value out", name=event.anchor)
            )
            return None
        assert isinstance(event, yaml.NodeEvent)
        if event.anchor is not None:
            self._error(
                event,
                t(
                    "anchor '&{name}' is not allowed; these files hold plain data",
                    name=event.anchor,
                ),
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self._error(
                event, t("tag '{name}' is not allowed; these files hold plain data", name=shown)
            )
        if depth > _MAX_DEPTH:
            self._error(event, t("nested too deeply"))
            self._skip(event, events)
            return None
        if isinstance(event, yaml.ScalarEvent):
            # Plain style is None in the pure-Python parser and "" in libyaml's.
            if not event.style and event.value in _NULLS:
                if event.value:
                    self.nulls[path] = event.value
                return None
            if event.style:  # quoted or a block (| >): text to every reader
                self.quoted.add(path)
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for item in events:
                if isinstance(item, yaml.SequenceEndEvent):
                    return items
                items.append(self._node(item, events, (*path, len(items)), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, path, depth)
        raise AssertionError(f"unexpected YAML event {event!r}")

    def _mapping(self, events: Iterator[yaml.Event], path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Loc] = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            value_event = None
            if not isinstance(key_event, yaml.ScalarEvent):
                self._error(key_event, t("a key must be a plain word, not a list or mapping"))
                self._skip(key_event, events)
                self._skip(next(events), events)
                continue
            key = key_event.value
            value_event = next(events)
            if key in first_seen:
                first = first_seen[key]
                self._error(
                    key_event,
                    t(
                        "duplicate key '{key}' (first at line {line}); remove one: a repeated key "
                        "does not overwrite the first",
                        key=key,
                        line=first.line,
                    ),
                )
                self._skip(value_event, events)
                continue
            first_seen[key] = self.keys[(*path, key)] = self._loc(key_event)
            result[key] = self._node(value_event, events, (*path, key), depth + 1)
        raise AssertionError("unterminated mapping")

    def _skip(self, event: yaml.Event, events: Iterator[yaml.Event]) -> None:
        if isinstance(event, yaml.CollectionStartEvent):
            level = 1
            for inner in events:
                if isinstance(inner, yaml.CollectionStartEvent):
                    level += 1
                elif isinstance(inner, yaml.CollectionEndEvent):
                    level -= 1
                    if level == 0:
                        return
