"""adjustments.yaml: decisions made by hand (pins) and what the day brought (absences)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from sinjai_ops.i18n import Invalid, t
from sinjai_ops.models.common import (
    Day,
    Frozen,
    Ident,
    Nrp,
    SkillName,
    Text,
    parse_date,
    parse_time,
)

_MOMENT = re.compile(r"^(\S+)[ T](\S+)$")


def parse_moment(value: Any) -> datetime:
    """`2024-08-27 06:00` (or `T` between, or `06.00`): a local date and time, naive; the
    operation's time zone gives it its place in time."""
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
    return datetime.combine(parse_date(m.group(1)), parse_time(m.group(2)))


Moment = Annotated[
    datetime,
    BeforeValidator(parse_moment),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}[ T]([01]?[0-9]|2[0-3])[:.][0-5][0-9]$",
            "examples": ["2024-08-27 06:00"],
        }
    ),
]


class Pin(Frozen):
    """An officer at a post on a date and shift, set by hand: the plan keeps it."""

    nrp: Nrp
    date: Day
    shift: Ident
    site: Ident
    post: Text
    """A post of the site, `visit:<candidate>` or `reserve`."""
    skill: SkillName | None = None
    """Optional when the officer fits only one head there; `command` for the commander head."""


class Absence(Frozen):
    """The officer is not available between these moments (local time)."""

    nrp: Nrp
    start: Moment = Field(alias="from")
    end: Moment = Field(alias="to")
    reason: Text | None = None
    """sakit, izin, cuti, dinas luar, ..."""


class AdjustmentsFile(Frozen):
    pins: list[Pin] = Field(default_factory=list)
    absences: list[Absence] = Field(default_factory=list)

    def absence_during(self, nrp: str, start: datetime, end: datetime) -> Absence | None:
        """The officer's absence that shares more than an instant with [start, end) (aware
        moments; absences are read in the zone of `start`)."""
        zone = start.tzinfo
        for a in self.absences:
            if a.nrp != nrp:
                continue
            if a.start.replace(tzinfo=zone) < end and start < a.end.replace(tzinfo=zone):
                return a
        return None
