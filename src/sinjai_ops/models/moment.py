"""Local moments (`2024-08-27 06:00`): an absence's or a received unit's `from` and `to`."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo, WithJsonSchema

from sinjai_ops.i18n import Invalid, t
from sinjai_ops.models.common import (
    ZONE_SUFFIX,
    parse_date,
    read_clock,
    wrong_zone,
    zone_of,
    zone_shift,
)

_MOMENT = re.compile(r"^(\S+)[ T](\S+(?:\s*[A-Za-z]+)?)$")


def read_moment(value: Any, zone: str | None = None, *, end: bool = False) -> datetime:
    """`2024-08-27 06:00` (or `T` between, or `06.00`, or the operation's zone after it): a
    local date and time, naive; the operation's time zone gives it its place in time. `24:00`
    ends a day: as an end it is 00:00 of the next day; as a start it is refused with that fix.
    `zone` as for `read_time` (None: no zone may be written)."""
    if isinstance(value, datetime):
        return value
    text = value.strip() if isinstance(value, str) else None
    if text is None or not (m := _MOMENT.match(text)):
        raise Invalid(
            t(
                "{shown} is not a date and time; write YYYY-MM-DD HH:MM, e.g. 2024-08-27 06:00",
                shown=repr(value),
            )
        )
    day = parse_date(m.group(1))
    hour, minute, written = read_clock(m.group(2), zone)
    moment = datetime.combine(day, time()) + timedelta(hours=hour, minutes=minute)
    shift = zone_shift(written, zone)
    if shift != 0:
        assert written is not None and zone is not None
        fix = "" if shift is None else f"{moment + timedelta(minutes=shift):%Y-%m-%d %H:%M}"
        raise wrong_zone(repr(value), written, zone, fix)
    if hour == 24 and not end:
        raise Invalid(
            t(
                "{shown} is the end of a day, not a moment to start at; write {fix}",
                shown=repr(value),
                fix=f"{moment:%Y-%m-%d %H:%M}",
            )
        )
    return moment


def parse_moment(value: Any) -> datetime:
    """A moment typed where no zone can follow it (`--from`): `24:00` is refused."""
    return read_moment(value)


def _start_moment(value: Any, info: ValidationInfo) -> datetime:
    """A moment something starts at (an absence's `from`)."""
    return read_moment(value, zone_of(info))


def _end_moment(value: Any, info: ValidationInfo) -> datetime:
    """A moment something ends at (an absence's `to`): `24:00` is the end of that day."""
    return read_moment(value, zone_of(info), end=True)


_MOMENT_PATTERN = r"^\d{4}-\d{2}-\d{2}[ T]([01]?[0-9]|2[0-3])[:.][0-5][0-9]" + ZONE_SUFFIX + "$"
_END_MOMENT_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[ T](([01]?[0-9]|2[0-3])[:.][0-5][0-9]|24[:.]00)" + ZONE_SUFFIX + "$"
)
Moment = Annotated[
    datetime,
    BeforeValidator(_start_moment),
    WithJsonSchema(
        {"type": "string", "pattern": _MOMENT_PATTERN, "examples": ["2024-08-27 06:00"]}
    ),
]
EndMoment = Annotated[
    datetime,
    BeforeValidator(_end_moment),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _END_MOMENT_PATTERN,
            "description": "24:00 is the midnight that ends that day",
            "examples": ["2024-08-27 24:00"],
        }
    ),
]
