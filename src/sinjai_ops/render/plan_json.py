"""The plan for scripts: JSON per the file contract, and the same data as YAML."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

import yaml

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.plan_data import plan_data
from sinjai_ops.render.view import View


def as_json(plan: Plan, view: View) -> str:
    return dumps(plan_data(plan)) + "\n"


def as_yaml(plan: Plan, view: View) -> str:
    return yaml.safe_dump(plan_data(plan), sort_keys=False, allow_unicode=True, width=100)


def dumps(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, byte for byte, without the standard
    library's pure-Python encoder, which `indent` falls back to and which takes seconds on a
    large plan: a mapping or list of plain values (most of a plan: its rows) is written in one
    call of the C encoder, whose separator between items carries the line break and indent."""
    out: list[str] = []
    _write(data, "\n", out)
    return "".join(out)


def _refuse(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


@cache
def _flat(inner: str) -> Callable[[Any], str]:
    """Writes a mapping or list whose values are all plain, its items on lines at `inner`."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": "))
    if c_make_encoder is None:  # pragma: no cover - CPython has the C encoder
        return encoder.encode
    make = c_make_encoder(
        None, _refuse, encode_basestring, None, ": ", "," + inner, False, False, True
    )

    def write(value: Any) -> str:
        return "".join(make(value, 0))

    return write


def _write(value: Any, newline: str, out: list[str]) -> None:
    kind = type(value)
    if kind is dict:
        items = value.values()
    elif kind is list or kind is tuple:
        items = value
    else:
        out.append(_scalar(value))
        return
    if not value:
        out.append("{}" if kind is dict else "[]")
        return
    inner = newline + "  "
    if _NESTED.isdisjoint(map(type, items)):
        text = _flat(inner)(value)
        out.append(text[0] + inner + text[1:-1] + newline + text[-1])
        return
    append = out.append
    if kind is dict:
        sep = "{" + inner
        for key, item in value.items():
            # A key that is not text is written as text, as the standard encoder does.
            name = encode_basestring(key) if type(key) is str else _flat("")({key: 0})[1:-4]
            if type(item) in _NESTED:
                append(sep + name + ": ")
                _write(item, inner, out)
            else:
                append(sep + name + ": " + _scalar(item))
            sep = "," + inner
        append(newline + "}")
    else:
        sep = "[" + inner
        for item in value:
            if type(item) in _NESTED:
                append(sep)
                _write(item, inner, out)
            else:
                append(sep + _scalar(item))
            sep = "," + inner
        append(newline + "]")


_NESTED = frozenset({dict, list, tuple})
_CONSTANTS = {True: "true", False: "false", None: "null"}


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return str(encode_basestring(value))
    if kind is int:
        return int.__repr__(value)
    if value is True or value is False or value is None:
        return _CONSTANTS[value]
    # Floats and anything else as the standard encoder writes them (and its refusals).
    return _flat("")([value])[1:-1]
