"""Value types shared by every input file, with the parsing rules of the file contract (times
of day and zones in `models.clock`, re-exported here).

The loader hands every scalar over as the exact text the officer typed, so these parsers see
`8:30`, never the integer 510 that YAML 1.1 would have made of it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationInfo,
    WithJsonSchema,
)

from sinjai_ops.controls import escaped, refused
from sinjai_ops.i18n import NOTHING, Invalid, Msg, t
from sinjai_ops.models.clock import UNKNOWN_ZONE as UNKNOWN_ZONE
from sinjai_ops.models.clock import ZONE_SUFFIX as ZONE_SUFFIX
from sinjai_ops.models.clock import ZONES as ZONES
from sinjai_ops.models.clock import EndTime as EndTime
from sinjai_ops.models.clock import LocalTime as LocalTime
from sinjai_ops.models.clock import end_clock as end_clock
from sinjai_ops.models.clock import parse_time as parse_time
from sinjai_ops.models.clock import read_clock as read_clock
from sinjai_ops.models.clock import read_time as read_time
from sinjai_ops.models.clock import split_zone as split_zone
from sinjai_ops.models.clock import wrong_zone as wrong_zone
from sinjai_ops.models.clock import zone_name as zone_name
from sinjai_ops.models.clock import zone_of as zone_of
from sinjai_ops.models.clock import zone_shift as zone_shift

Path = tuple[str | int, ...]

_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_IDENT = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DIGITS = re.compile(r"^\d+$")

IDENT_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
NRP_PATTERN = r"^([0-9]{8}|[0-9]{18})$"
CONTROL_PATTERN = r"[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]"
"""A control character (`controls.CONTROLS`) as a JSON Schema pattern, that a text must not
match anywhere (a `^...$` would let a final newline through in Python's `re`)."""


class Frozen(BaseModel):
    """Base of every model: immutable, and unknown fields are errors.

    Pydantic builds a model's validator when the model is first used, not when it is defined
    (`defer_build`): a command pays only for the models it validates (`validate` never builds
    the plan's). A model used inside several others is `Shared`."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


SHARED = ConfigDict(defer_build=False)
"""The `model_config` of a model nested in several others (a checklist template: in
operation.yaml, in the shipped checklists, in the scenario): built once, when it is defined, so
that each model holding it reuses it instead of building it again when it is first used."""


def suggest(word: object, choices: Iterable[str]) -> Msg:
    """`; did you mean 'x'?` for the closest choice, or nothing (an empty `Msg`)."""
    if not isinstance(word, str):
        return NOTHING
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return t("; did you mean '{name}'?", name=lowered[word.lower()])
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return t("; did you mean '{name}'?", name=close[0]) if close else NOTHING


def _known(kind: str, value: str, info: ValidationInfo) -> str:
    # The policy in force is passed as validation context; without one (validating the policy
    # file itself, or a schema check) names are not looked up.
    names = (info.context or {}).get(kind)
    if names is not None and value not in names:
        # Names in any case mean the policy's name (SAMAPTA, bripda): as documented.
        same = [n for n in names if n.casefold() == value.casefold()]
        if len(same) == 1:
            return str(same[0])
        hint = suggest(value, names)
        if kind == "skills":
            raise Invalid(t("unknown skill '{value}'{hint}", value=value, hint=hint))
        raise Invalid(t("unknown rank '{value}'{hint}", value=value, hint=hint))
    return value


def check_skill(value: str, info: ValidationInfo) -> str:
    return _known("skills", value, info)


def check_rank(value: str, info: ValidationInfo) -> str:
    return _known("ranks", value, info)


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else None
    if text is not None and (d := _DAY_FIRST.match(text)):
        iso = f"{d.group(3)}-{int(d.group(2)):02d}-{int(d.group(1)):02d}"
        raise Invalid(
            t(
                "{shown} is day-month-year; dates are year first: write {iso}",
                shown=repr(value),
                iso=iso,
            )
        )
    if text is None or not (m := _DATE.match(text)):
        raise Invalid(
            t("{shown} is not a date; write YYYY-MM-DD, e.g. 2024-08-26", shown=repr(value))
        )
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise Invalid(
            t("{shown} is not a date of the calendar (no such day in that month)", shown=repr(text))
        ) from None


def check_ident(value: str) -> str:
    if not _IDENT.match(value):
        raise Invalid(
            t(
                "{shown} is not a valid id; use lowercase letters, digits and '-' (e.g. kpu-ring1)",
                shown=repr(value),
            )
        )
    return value


def check_nrp(value: str) -> str:
    if not _DIGITS.match(value) or len(value) not in (8, 18):
        if _DIGITS.match(value):
            raise Invalid(
                t(
                    "NRP {shown} has {n} digits; an NRP has 8 digits (a civil NIP 18); "
                    "keep leading zeros as written",
                    shown=repr(value),
                    n=len(value),
                )
            )
        raise Invalid(
            t(
                "NRP {shown} has not only digits; an NRP has 8 digits (a civil NIP 18); "
                "keep leading zeros as written",
                shown=repr(value),
            )
        )
    return value


def _must_be_text(value: Any) -> Any:
    # Scalars arrive as text; a mapping or list where a word belongs is a structural error
    # that pydantic reports on its own, so only None needs a clearer message here.
    if value is None:
        raise Invalid(t("is empty; give a value"))
    return value


def check_text(value: str) -> str:
    """A text value (a name, a unit, a reason) holds no control character: no newline, no
    escape code, no NUL, no C1 control, no bidi override; a tab is allowed."""
    found = refused(value)
    if not found:
        return value
    position, first = found[0]
    if len(found) == 1:
        raise Invalid(
            t(
                "holds the control character {char} at character {position}; remove it "
                "(a control character is not text: a terminal obeys it, moving the cursor or "
                "turning the text around)",
                char=escaped(first),
                position=position,
            )
        )
    chars = ", ".join(dict.fromkeys(escaped(ch) for _, ch in found))
    raise Invalid(
        t(
            "holds {n} control characters ({chars}), the first at character {position}; remove "
            "them (a control character is not text: a terminal obeys it, moving the cursor or "
            "turning the text around)",
            n=len(found),
            chars=chars,
            position=position,
        )
    )


Day = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2024-08-26"]}),
]
Ident = Annotated[
    str,
    BeforeValidator(_must_be_text),
    AfterValidator(check_ident),
    WithJsonSchema({"type": "string", "pattern": IDENT_PATTERN}),
]
Nrp = Annotated[
    str,
    BeforeValidator(_must_be_text),
    AfterValidator(check_nrp),
    # An unquoted NRP is a number to an editor's YAML 1.2 parser, its leading zeros gone; the
    # tool reads it as typed. The schema takes the numbers that can be an NRP written so.
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": NRP_PATTERN},
                {"type": "integer", "minimum": 0, "maximum": 99999999},
                {"type": "integer", "minimum": 10**17, "maximum": 10**18 - 1},
            ],
            "description": "8 digits (a civil NIP 18), leading zeros kept: quote it",
        }
    ),
]
Text = Annotated[
    str,
    BeforeValidator(_must_be_text),
    AfterValidator(check_text),
    WithJsonSchema({"type": "string", "not": {"pattern": CONTROL_PATTERN}}),
]
"""A single-line text value: a name, a unit, a reason (never a control character)."""
SkillName = Annotated[
    str,
    BeforeValidator(_must_be_text),
    AfterValidator(check_skill),
    AfterValidator(check_ident),
    # Any case: the tool reads `Samapta` as the policy's `samapta`.
    WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9-]*$"}),
]
"""A skill of the policy in force."""
RankName = Annotated[Text, AfterValidator(check_rank)]
"""A rank of the policy in force."""
