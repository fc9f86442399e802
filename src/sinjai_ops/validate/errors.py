"""Pydantic's errors turned into problems placed at the node they are about, in words an
officer can act on."""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem

M = TypeVar("M", bound=BaseModel)


def parse_model(
    doc: Document, model: type[M], policy: Policy | None = None
) -> tuple[M | None, list[Problem]]:
    """The model of a document, or the problems that prevent it, each placed in the file.

    With a policy, skill and rank names are checked against it in the same pass.
    """
    context = {"skills": policy.skills, "ranks": policy.ranks} if policy else None
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        problems = [_from_pydantic(doc, model, err) for err in exc.errors(include_url=False)]
        return None, problems


def _from_pydantic(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    is_key = "[key]" in err["loc"]
    loc: Path = tuple(p for p in err["loc"] if p != "[key]")
    kind: str = err["type"]
    given = err.get("input")
    ctx = err.get("ctx") or {}
    shown = _show(given)
    if kind == "missing":
        return problem_at(doc, loc[:-1], f"missing required field '{loc[-1]}'")
    if kind == "extra_forbidden":
        name = loc[-1]
        allowed = _fields_at(model, loc[:-1])
        hint = suggest(name, allowed) or (
            f"; expected one of: {', '.join(allowed)}" if allowed else ""
        )
        return problem_at(doc, loc, f"unknown field '{name}'{hint}", key=True)
    if given is None and not loc:
        fields = ", ".join(f"'{name}:'" for name in _fields_at(model, ()))
        return problem_at(doc, loc, f"the file is empty; it should hold {fields}")
    if not loc and _looks_like_csv(given):
        return problem_at(
            doc,
            loc,
            "this looks like a spreadsheet's CSV export, not YAML; turn it into a roster with "
            "`sinjai-ops roster import FILE -o roster.yaml`",
        )
    if given is None and loc in doc.nulls:
        word = doc.nulls[loc]
        return problem_at(
            doc,
            loc,
            f"YAML reads an unquoted {word} as no value at all; if {word} is what you mean, "
            f'quote it: "{word}"',
        )
    if given is None and kind not in ("value_error",):
        return problem_at(doc, loc, "is empty; give a value")
    messages = {
        "int_parsing": f"expected a whole number, got {shown}",
        "int_from_float": f"expected a whole number, got {shown}",
        "int_type": f"expected a whole number, got {shown}",
        "float_parsing": f"expected a number, got {shown}",
        "float_type": f"expected a number, got {shown}",
        "finite_number": f"expected a finite number, got {shown}",
        "bool_parsing": f"expected true or false, got {shown}",
        "bool_type": f"expected true or false, got {shown}",
        "list_type": f"expected a list (e.g. [a, b]), got {shown}",
        "dict_type": f"expected a mapping of 'key: value' lines, got {shown}",
        "model_type": f"expected a mapping of 'key: value' lines, got {shown}",
        "model_attributes_type": f"expected a mapping of 'key: value' lines, got {shown}",
        "string_type": f"expected a single value, got {shown}",
        "greater_than_equal": f"must be at least {ctx.get('ge')}, got {given}",
        "greater_than": f"must be more than {ctx.get('gt')}, got {given}",
        "less_than_equal": f"must be at most {ctx.get('le')}, got {given}",
        "less_than": f"must be less than {ctx.get('lt')}, got {given}",
        "too_short": f"needs at least {ctx.get('min_length')} item(s)",
    }
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = f"{shown} is not one of: {', '.join(options)}{suggest(given, options)}"
    elif kind == "value_error":
        message = str(err["msg"]).removeprefix("Value error, ")
    else:
        message = messages.get(kind, str(err["msg"]))
    return problem_at(doc, loc, message, key=is_key)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57] + "...")
    return repr(value)


def _looks_like_csv(value: Any) -> bool:
    """A spreadsheet's CSV export where YAML was expected: one long line of separated cells."""
    if not isinstance(value, str):
        return False
    first = value.split("\n", 1)[0]
    return first.count(";") >= 2 or first.count(",") >= 2 or first.count("\t") >= 2


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            rest = [a for a in get_args(tp) if a is not type(None)]
            tp = rest[0]
        else:
            return tp


def _fields_at(model: type[BaseModel], loc: Path) -> list[str]:
    """The field names that the model accepts at `loc`, for a suggestion."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {f.alias or n: f for n, f in tp.model_fields.items()}
            if part not in fields:
                return []
            tp = fields[str(part)].annotation
        elif get_origin(tp) in (list, dict):
            tp = get_args(tp)[-1]
        else:
            return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []
