"""Value types shared by every input file, with the parsing rules of the file contract.

The loader hands every scalar over as the exact text the officer typed, so these parsers see
`8:30`, never the integer 510 that YAML 1.1 would have made of it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime, time
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

Path = tuple[str | int, ...]

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
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
    """Base of every model: immutable, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


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


ZONES: dict[str, tuple[int, tuple[str, ...]]] = {
    "WIB": (7, ("Asia/Jakarta", "Asia/Pontianak")),
    "WITA": (8, ("Asia/Makassar", "Asia/Ujung_Pandang")),
    "WIT": (9, ("Asia/Jayapura",)),
}
"""Indonesia's three zones as officers write them after a time (`08:30 WITA`): hours ahead of
UTC, and the IANA names of operation.yaml that each stands for."""

_ZONED = re.compile(r"^(.*?)\s*(wib|wita|wit)$", re.IGNORECASE)
_MIDNIGHT = re.compile(r"^24[:.]00$")

UNKNOWN_ZONE = "?"
"""The operation's zone when a file is checked without it (a file given on its own): a time
written with WIB, WITA or WIT is then read as written, and held against the operation's zone
whenever the files are checked together."""


def zone_name(zone: str) -> str | None:
    """WIB, WITA or WIT for an IANA name of Indonesia's zones, else None."""
    return next((name for name, (_, names) in ZONES.items() if zone in names), None)


def zone_of(info: ValidationInfo) -> str:
    """The operation's time zone handed down as validation context, or `UNKNOWN_ZONE`."""
    zone = (info.context or {}).get("timezone")
    return zone if isinstance(zone, str) else UNKNOWN_ZONE


def split_zone(text: str, zone: str | None) -> tuple[str, str | None]:
    """The time and the zone written after it (`WITA`), when a zone may be written there."""
    found = _ZONED.match(text.strip()) if zone is not None else None
    if found is None:
        return text.strip(), None
    return found.group(1), found.group(2).upper()


def _clock(value: Any, text: str | None) -> tuple[int, int]:
    """(hour, minute) as typed; hour 24 only for `24:00`."""
    if text is not None and _MIDNIGHT.match(text):
        return 24, 0
    if text is not None and (m := _TIME.match(text)):
        return int(m.group(1)), int(m.group(2))
    shown = repr(value) if isinstance(value, str) else str(value)
    if text is not None and _DIGITS.match(text):
        raise Invalid(
            t(
                "{shown} is not a time (a bare number is not a time); write HH:MM "
                "(or HH.MM), e.g. 08:30",
                shown=shown,
            )
        )
    raise Invalid(t("{shown} is not a time; write HH:MM (or HH.MM), e.g. 08:30", shown=shown))


def zone_shift(written: str | None, zone: str | None) -> int | None:
    """Minutes to add to a time written in `written` (WIB, WITA, WIT) to get the operation's
    local time: 0 when it is the operation's own zone (or the zone is not known here), None
    when the operation runs on a zone that is none of the three."""
    if written is None or zone is None or zone == UNKNOWN_ZONE or zone in ZONES[written][1]:
        return 0
    ours = zone_name(zone)
    return None if ours is None else (ZONES[ours][0] - ZONES[written][0]) * 60


def wrong_zone(shown: str, written: str, zone: str, fix: str, when: Msg = NOTHING) -> Invalid:
    """A time written in another zone than the operation's, with what to write instead (`fix`
    and `when`, e.g. " (of the next day)"; `fix` empty when the operation runs outside
    Indonesia's three zones)."""
    if not fix:
        return Invalid(
            t(
                "{shown} is {written} time, but the operation runs on {zone}: write the time "
                "in {zone}, without {written}",
                shown=shown,
                written=written,
                zone=zone,
            )
        )
    return Invalid(
        t(
            "{shown} is {written} time, but the operation runs on {ours} ({zone}): write "
            "{fix}{when}",
            shown=shown,
            written=written,
            ours=zone_name(zone),
            zone=zone,
            fix=fix,
            when=when,
        )
    )


def read_clock(value: Any, zone: str | None) -> tuple[int, int, str | None]:
    """(hour, minute, zone written after it) of a time as an officer writes it: `08:30`,
    `8:30`, `08.30`, `24:00`, with `WIB`, `WITA` or `WIT` after it when `zone` is given (the
    operation's IANA zone, or `UNKNOWN_ZONE`; None: no zone may be written there)."""
    text = value if isinstance(value, str) else None
    written = None
    if text is not None:
        text, written = split_zone(text, zone)
    hour, minute = _clock(value, text)
    return hour, minute, written


def read_time(value: Any, zone: str | None = None, *, end: bool = False) -> time:
    """A time of day. A zone written after it must be the operation's (another is refused
    with the time converted). `24:00` is the midnight that ends a day: where an end belongs it
    is read as 00:00, which an end already means as the end of the day (a shift that ends at
    or before its start ends the next day; a visit that departs at 00:00 departs as its day
    ends); where a start belongs it is refused, with 00:00 as the fix."""
    if isinstance(value, time):
        return value
    hour, minute, written = read_clock(value, zone)
    shift = zone_shift(written, zone)
    if shift != 0:
        assert written is not None and zone is not None
        if shift is None:
            raise wrong_zone(repr(value), written, zone, "")
        total = hour * 60 + minute + shift
        days, rest = divmod(total, 24 * 60)
        if end and rest == 0 and days == 1:
            days, rest = 0, 24 * 60  # the end of the day stays 24:00
        fix = f"{rest // 60:02d}:{rest % 60:02d}"
        when = (
            t(" (of the next day)") if days > 0 else t(" (of the day before)") if days else NOTHING
        )
        raise wrong_zone(repr(value), written, zone, fix, when)
    if hour == 24:
        if not end:
            raise Invalid(
                t(
                    "{shown} is the end of a day, not a time to start at; write 00:00 (of the "
                    "next day)",
                    shown=repr(value),
                )
            )
        return time(0, 0)
    return time(hour, minute)


def parse_time(value: Any) -> time:
    """A time of day typed where no zone can follow it (a start: `24:00` is refused)."""
    return read_time(value)


def _start_time(value: Any, info: ValidationInfo) -> time:
    """A start, or a time something is due at: `24:00` is refused (write 00:00)."""
    return read_time(value, zone_of(info))


def _end_time(value: Any, info: ValidationInfo) -> time:
    """An end: `24:00` is the midnight that ends the day, read as 00:00."""
    return read_time(value, zone_of(info), end=True)


def end_clock(moment: time | datetime) -> str:
    """An end as people read it: `24:00` for the midnight that ends a day, else `HH:MM`."""
    return "24:00" if (moment.hour, moment.minute) == (0, 0) else f"{moment:%H:%M}"


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


ZONE_SUFFIX = r"(\s*([Ww][Ii][Tt][Aa]?|[Ww][Ii][Bb]))?"
TIME_PATTERN = r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]" + ZONE_SUFFIX + "$"
END_PATTERN = r"^(([01]?[0-9]|2[0-3])[:.][0-5][0-9]|24[:.]00)" + ZONE_SUFFIX + "$"

LocalTime = Annotated[
    time,
    BeforeValidator(_start_time),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": TIME_PATTERN},
                # An editor reads an unquoted 11.30 as the number 11.3; sinjai-ops reads it as
                # typed, 11:30. A schema cannot tell 11.3 from 11.30, nor 11 from 11.00: validate
                # refuses a bare hour (11) and a time that is not HH.MM (11.3).
                {"type": "number", "minimum": 0, "maximum": 23.59},
            ],
            "description": "HH:MM, or the Indonesian HH.MM; unquoted 11:00 and 11.00 are both "
            "read as typed (eleven o'clock), never as numbers; the operation's zone may follow "
            "(08:30 WITA)",
            "examples": ["08:30"],
        }
    ),
]
"""A start, or a moment something is due: `24:00` is refused (00:00 is the fix)."""
EndTime = Annotated[
    time,
    BeforeValidator(_end_time),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": END_PATTERN},
                {"type": "number", "minimum": 0, "maximum": 23.59},
                {"const": 24},
            ],
            "description": "HH:MM, or the Indonesian HH.MM, as for a start; 24:00 (24.00) is "
            "the midnight that ends the day",
            "examples": ["14:00", "24:00"],
        }
    ),
]
"""An end: `24:00` is the midnight that ends the day (read as 00:00, which an end at or before
its start already means)."""
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
