"""Times of day as officers write them: `08:30`, `8.30`, `24:00` for the end of a day, and
Indonesia's zones (WIB, WITA, WIT) after a time, held against the operation's zone."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo, WithJsonSchema

from sinjai_ops.i18n import NOTHING, Invalid, Msg, t

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_DIGITS = re.compile(r"^\d+$")

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
