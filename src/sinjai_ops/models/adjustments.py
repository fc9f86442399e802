"""adjustments.yaml: decisions made by hand (pins), what the day brought (absences), and the
units received after the plan was published (`received_units`)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from sinjai_ops.models.common import Day, Frozen, Ident, Nrp, SkillName, Text
from sinjai_ops.models.moment import EndMoment as EndMoment
from sinjai_ops.models.moment import Moment as Moment
from sinjai_ops.models.moment import parse_moment as parse_moment
from sinjai_ops.models.moment import read_moment as read_moment
from sinjai_ops.models.received import ReceivedUnit


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
    end: EndMoment = Field(alias="to")
    reason: Text | None = None
    """sakit, izin, cuti, dinas luar, ..."""


class AdjustmentsFile(Frozen):
    pins: list[Pin] = Field(default_factory=list)
    absences: list[Absence] = Field(default_factory=list)
    received_units: list[ReceivedUnit] = Field(default_factory=list)
    """Units received after the plan was published (formats.md, "Many Polres")."""

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
