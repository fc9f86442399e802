"""operation.yaml: the operation, its shifts, sites and posts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from importlib import resources
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import Field, NonNegativeInt, WithJsonSchema

from sinjai_ops.i18n import Invalid, t
from sinjai_ops.models.checklist import Template
from sinjai_ops.models.common import (
    Day,
    EndTime,
    Frozen,
    Ident,
    LocalTime,
    Nrp,
    RankName,
    SkillName,
    Text,
    suggest,
)
from sinjai_ops.models.demand import Slot
from sinjai_ops.models.drills import DrillSchedule
from sinjai_ops.models.received import ReceivedUnit, Support
from sinjai_ops.models.sprin import DocumentInfo
from sinjai_ops.models.voting import VotingSection


def known_timezone(value: str) -> bool:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def check_timezone(value: str) -> str:
    """An IANA time zone that this machine knows (tzdata ships them all)."""
    if known_timezone(value):
        return value
    offset = value.strip().lstrip("+-").replace(":", "").replace("0", "")
    if offset.isdigit() or value.upper().startswith(("UTC", "GMT")):
        hint = t("; a UTC offset is not a time zone: WITA (UTC+8) is Asia/Makassar")
    else:
        hint = suggest(value, sorted(available_timezones())) or t(
            "; use an IANA name such as Asia/Makassar (WITA), Asia/Jakarta (WIB) or "
            "Asia/Jayapura (WIT)"
        )
    raise Invalid(t("unknown time zone '{value}'{hint}", value=value, hint=hint))


def _zone_names() -> list[str]:
    """The IANA names of the tzdata package (a dependency): the same list on every machine, so
    that the schema is byte-stable."""
    listed = resources.files("tzdata") / "zones"
    return sorted(line for line in listed.read_text(encoding="utf-8").splitlines() if line)


TimeZone = Annotated[
    Text,
    WithJsonSchema(
        {
            "type": "string",
            "enum": _zone_names(),
            "description": "An IANA time zone: Asia/Makassar (WITA), Asia/Jakarta (WIB), "
            "Asia/Jayapura (WIT)",
        }
    ),
]


class OperationInfo(Frozen):
    name: Text
    unit: Text
    timezone: TimeZone
    """IANA time zone name, e.g. Asia/Makassar (checked by `check_timezone` in validate, so
    that the rest of the file is still checked when it is wrong)."""
    start: Day
    end: Day
    commander: Nrp
    language: Literal["id", "en"] | None = None
    """Default language of plans and checklists (optional; English when absent)."""


class Shift(Frozen):
    id: Ident
    start: LocalTime
    end: EndTime
    """At or before `start`: the shift ends the next day. `24:00` is read as 00:00, so that
    22:00-24:00 is a 2-hour shift ending at midnight and 06:00-24:00 one of 18 hours."""
    night: bool = False
    """A night shift for `rest.max_consecutive_nights`, whatever its hours (a shift that ends
    the next day is one anyway)."""


class Post(Frozen):
    id: Ident
    name: Text | None = None
    ring: int | None = Field(default=None, ge=1, le=3)
    need: dict[SkillName, NonNegativeInt] = Field(default_factory=dict)
    """Heads per active shift, by skill."""
    commander: RankName | None = None
    """One more head, of at least this rank, of any skill. The post's other heads go to
    officers who do not outrank it."""
    perwira: bool = False
    """Every head of this post asks for a perwira (an officers' post)."""
    days: list[Day] | None = None
    shifts: list[Ident] | None = None
    support: Support | None = None
    """Other agencies beside the post in each of its shifts (TNI, Satpol PP, ...): shown in the
    documents, never planned by name, never counted as Polri heads."""

    def active(self, day: date, shift: str) -> bool:
        """Manned in that shift of that day: every day and shift unless the post names some."""
        return (self.days is None or day in self.days) and (
            self.shifts is None or shift in self.shifts
        )


class Site(Frozen):
    id: Ident
    name: Text
    address: Text | None = None
    """Where the site is (street, village): in each officer's calendar events, so that a phone
    can show the way (optional)."""
    posts: list[Post] = Field(default_factory=list)


class OperationRole(Frozen):
    """A role of the operation's structure (Karendal Ops, Ka Posko, Ka Anev, ...) and who
    holds it."""

    role: Text
    nrp: Nrp


class TaskForce(Frozen):
    """A task force (Satgas) of the operation, owning posts and/or skills."""

    id: Ident
    name: Text
    """Satgas Preemtif, Preventif, Kamseltibcarlantas, Gakkum, Humas, Banops, ..."""
    head: Nrp | None = None
    """The Kasatgas."""
    posts: list[Text] = Field(default_factory=list)
    """Post ids it owns (also `reserve` and `visit:<candidate>`)."""
    skills: list[SkillName] = Field(default_factory=list)
    """Heads of these skills it owns, wherever no post list says otherwise."""


class Structure(Frozen):
    roles: list[OperationRole] = Field(default_factory=list)
    task_forces: list[TaskForce] = Field(default_factory=list)


class OperationFile(Frozen):
    """operation.yaml."""

    operation: OperationInfo
    shifts: list[Shift] = Field(min_length=1)
    sites: list[Site] = Field(min_length=1)
    policy: dict[str, Any] | None = None
    """Overrides merged into configs/policy.yaml; validated as part of the merged policy."""
    checklists: list[Template] = Field(default_factory=list)
    """The operation's own checklist templates; one with a shipped template's id replaces it."""
    structure: Structure | None = None
    """The operation's structure (as in its Sprin): roles and task forces (optional)."""
    document: DocumentInfo | None = None
    """What the Sprin's annex prints around the plotting: kop, number, date, signature
    (optional; blanks are printed as dots to fill in by hand)."""
    voting: VotingSection | None = None
    """The voting day's TPS duty (optional; formats.md, "Voting day")."""
    received_units: list[ReceivedUnit] = Field(default_factory=list)
    """Whole units received as BKO (formats.md, "Many Polres"): their members fill heads."""

    drill_schedule: DrillSchedule | None = None
    """What a drill session may be, and the joint exercise (optional; formats.md, "Drill
    schedule")."""

    def days(self) -> list[date]:
        info = self.operation
        return [info.start + timedelta(days=k) for k in range((info.end - info.start).days + 1)]

    def slots(self) -> list[Slot]:
        """Every shift of every day of the operation, in order of start."""
        zone = ZoneInfo(self.operation.timezone)
        slots = []
        for day in self.days():
            for order, shift in enumerate(self.shifts):
                start = datetime.combine(day, shift.start, tzinfo=zone)
                end_day = day if shift.end > shift.start else day + timedelta(days=1)
                end = datetime.combine(end_day, shift.end, tzinfo=zone)
                # Hours across a change of clock are real hours, not wall-clock ones.
                hours = (end.timestamp() - start.timestamp()) / 3600
                slots.append(
                    Slot(date=day, shift=shift.id, order=order, start=start, end=end, hours=hours)
                )
        return sorted(slots, key=lambda s: (s.start.timestamp(), s.date, s.order))
