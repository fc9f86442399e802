"""The loader keeps what the officer typed, and says where every node is."""

from __future__ import annotations

import pytest

from sinjai_ops.load import decode, load_yaml


def data(text: str) -> object:
    doc, problems = load_yaml(text, "f.yaml")
    assert problems == []
    assert doc is not None
    return doc.data


def messages(text: str) -> list[str]:
    _, problems = load_yaml(text, "f.yaml")
    return [f"{p.line}:{p.column}: {p.message}" for p in problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("depart: 11:00", {"depart": "11:00"}),  # YAML 1.1: 660
        ("arrive: 8:30", {"arrive": "8:30"}),  # YAML 1.1: 510
        ("nrp: 01040117", {"nrp": "01040117"}),  # YAML 1.1: an octal-looking int
        ("nrp: 0777", {"nrp": "0777"}),  # YAML 1.1: 511
        ("reason: no", {"reason": "no"}),  # YAML 1.1: False
        ("on: yes", {"on": "yes"}),
        ("x: 1e3", {"x": "1e3"}),
        ("x:", {"x": None}),
        ("x: ~", {"x": None}),
        ("x: ''", {"x": ""}),
        ("x: 'null'", {"x": "null"}),
    ],
)
def test_scalars_stay_as_typed(text: str, expected: object) -> None:
    assert data(text) == expected


def test_places_of_keys_and_values() -> None:
    doc, _ = load_yaml("a:\n  - {b: 1}\n  - c\n", "f.yaml")
    assert doc is not None
    value, key = doc.loc(("a", 0, "b")), doc.loc(("a", 0, "b"), key=True)
    assert (value.line, value.column) == (2, 9)
    assert (key.line, key.column) == (2, 6)
    assert doc.loc(("a", 1)).line == 3
    # A missing path falls back to its nearest ancestor.
    assert doc.loc(("a", 1, "zzz")).line == 3


def test_duplicate_key_is_an_error_and_the_first_is_kept() -> None:
    doc, problems = load_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(p.line, p.column) for p in problems] == [(3, 1)]
    assert "duplicate key 'a' (first at line 1)" in problems[0].message
    assert doc is not None and doc.data == {"a": "1", "b": "2"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: &x 1\nb: *x\n", "anchor '&x'"),
        ("a: &x 1\nb: *x\n", "alias '*x'"),
        ("a: !!binary aGk=\n", "tag '!!binary'"),
        ("a: !!python/object:os.system x\n", "tag '!!python/object:os.system'"),
        ("a: !custom x\n", "tag '!custom'"),
        ("---\na: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: [1\n", "YAML syntax error"),
        ("a:\n\tb: 1\n", "tab character"),
        ("? [a]\n: 1\n", "a key must be a plain word"),
        ("a: \x07\n", "#x0007"),
    ],
)
def test_refused_constructs(text: str, fragment: str) -> None:
    assert any(fragment in m for m in messages(text)), messages(text)


def test_deep_nesting_is_refused_not_a_crash() -> None:
    assert any("nested too deeply" in m for m in messages("a: " + "[" * 200 + "]" * 200))


def test_decode_accepts_bom_and_crlf() -> None:
    text, problems = decode(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "f.yaml")
    assert problems == [] and text is not None
    assert data(text) == {"a": "1", "b": "2"}


def test_decode_names_line_and_column_of_a_bad_byte() -> None:
    _, problems = decode(b"a: 1\nname: P\xe9rez\n", "f.yaml")
    assert [(p.line, p.column) for p in problems] == [(2, 8)]
    assert "0xE9 is not UTF-8" in problems[0].message


def test_decode_refuses_utf16() -> None:
    _, problems = decode("a: 1".encode("utf-16"), "f.yaml")
    assert "UTF-16" in problems[0].message
