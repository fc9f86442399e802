"""Pydantic's errors turned into problems placed at the node they are about, in words an
officer can act on."""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from sinjai_ops.i18n import NOTHING, Invalid, Msg, t
from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.validate.yaml_types import MEANT

M = TypeVar("M", bound=BaseModel)


def parse_model(
    doc: Document, model: type[M], policy: Policy | None = None, timezone: str | None = None
) -> tuple[M | None, list[Problem]]:
    """The model of a document, or the problems that prevent it, each placed in the file.

    With a policy, skill and rank names are checked against it in the same pass; with the
    operation's time zone, a zone written after a time (`08:30 WITA`) is held against it.
    """
    context: dict[str, Any] | None = (
        {"skills": policy.skills, "ranks": policy.ranks} if policy else None
    )
    if timezone is not None:
        context = {**(context or {}), "timezone": timezone}
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
        return problem_at(doc, loc[:-1], t("missing required field '{name}'", name=loc[-1]))
    if kind == "extra_forbidden":
        name = loc[-1]
        allowed = _fields_at(model, loc[:-1])
        hint = suggest(name, allowed) or (
            t("; expected one of: {names}", names=", ".join(allowed)) if allowed else NOTHING
        )
        return problem_at(
            doc, loc, t("unknown field '{name}'{hint}", name=name, hint=hint), key=True
        )
    if given is None and not loc:
        fields = ", ".join(f"'{name}:'" for name in _fields_at(model, ()))
        return problem_at(doc, loc, t("the file is empty; it should hold {fields}", fields=fields))
    if not loc and _looks_like_csv(given):
        return problem_at(
            doc,
            loc,
            t(
                "this looks like a spreadsheet's CSV export, not YAML; turn it into a roster "
                "with `sinjai-ops roster import FILE -o roster.yaml`"
            ),
        )
    if given is None and loc in doc.nulls:
        return problem_at(
            doc,
            loc,
            t(
                "YAML reads an unquoted {word} as no value at all; if {word} is what you mean, "
                'quote it: "{word}"',
                word=doc.nulls[loc],
            ),
        )
    if given is None and kind not in ("value_error",):
        return problem_at(doc, loc, t("is empty; give a value"))
    return problem_at(doc, loc, _message(kind, given, shown, ctx, err), key=is_key)


def _message(kind: str, given: Any, shown: Msg | str, ctx: dict[str, Any], err: Any) -> Msg:
    whole = t("expected a whole number, got {shown}", shown=shown)
    number = t("expected a number, got {shown}", shown=shown)
    meant = MEANT.get(given.casefold()) if isinstance(given, str) else None
    boolean = (
        t("expected true or false, got {shown}; write {word}", shown=shown, word=meant)
        if meant
        else t("expected true or false, got {shown}", shown=shown)
    )
    mapping = t("expected a mapping of 'key: value' lines, got {shown}", shown=shown)
    messages = {
        "int_parsing": whole,
        "int_from_float": whole,
        "int_type": whole,
        "float_parsing": number,
        "float_type": number,
        "finite_number": t("expected a finite number, got {shown}", shown=shown),
        "bool_parsing": boolean,
        "bool_type": boolean,
        "list_type": t("expected a list (e.g. [a, b]), got {shown}", shown=shown),
        "dict_type": mapping,
        "model_type": mapping,
        "model_attributes_type": mapping,
        "string_type": t("expected a single value, got {shown}", shown=shown),
        "greater_than_equal": t("must be at least {n}, got {given}", n=ctx.get("ge"), given=given),
        "greater_than": t("must be more than {n}, got {given}", n=ctx.get("gt"), given=given),
        "less_than_equal": t("must be at most {n}, got {given}", n=ctx.get("le"), given=given),
        "less_than": t("must be less than {n}, got {given}", n=ctx.get("lt"), given=given),
        "too_short": t("needs at least {n} item(s)", n=ctx.get("min_length")),
    }
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return t(
            "{shown} is not one of: {options}{hint}",
            shown=shown,
            options=", ".join(options),
            hint=suggest(given, options),
        )
    if kind == "value_error":
        error = ctx.get("error")
        if isinstance(error, Invalid):
            return error.msg
        return t("{text}", text=str(err["msg"]).removeprefix("Value error, "))
    if kind in messages:
        return messages[kind]
    return t("{text}", text=str(err["msg"]))


def _show(value: Any) -> Msg | str:
    if isinstance(value, dict):
        return t("a mapping")
    if isinstance(value, list):
        return t("a list")
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


def readable(model: type[BaseModel], data: Any, context: dict[str, Any] | None) -> dict[str, Any]:
    """The fields of a mapping written for `model` that are valid on their own, parsed, by
    field name, so that one bad field does not hide what is wrong with the others (its own
    problem is told by the file's check): a field not written has its default, a field that
    is itself a model is read the same way (a mapping), a written field that is not valid is
    left out, and so is a required one not written."""
    given = data if isinstance(data, dict) else {}
    out: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in given:
            if not field.is_required():
                default = field.get_default(call_default_factory=True)
                out[name] = dict(default) if isinstance(default, BaseModel) else default
            continue
        shape = _unwrap(field.annotation)
        value = given[key]
        if isinstance(shape, type) and issubclass(shape, BaseModel) and isinstance(value, dict):
            out[name] = readable(shape, value, context)
            continue
        try:
            # The field's type and constraints, without its model-only settings (an alias).
            kind: Any = (
                Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
            )
            adapter: TypeAdapter[Any] = TypeAdapter(kind)
            out[name] = adapter.validate_python(value, context=context)
        except ValidationError:
            continue  # told by the file's own check
    return out
