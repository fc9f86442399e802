"""Drills that keep the force ready: the `drill_schedule:` section of operation.yaml (what a
drill session may be, and the joint Sispamkota exercise) and the schedule `sinjai-ops drills`
makes of it (formats.md, "Drill schedule"). Not the roster's `drills:` dates (when an officer
last drilled) nor `policy.drills` (how old a drill may be)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Any

from pydantic import ConfigDict, Field, NonNegativeInt, WithJsonSchema

from sinjai_ops.i18n import told
from sinjai_ops.models.common import Day, EndTime, Frozen, Ident, LocalTime, Nrp, Text
from sinjai_ops.models.received import SupportCounts

DEFAULT_DAYS = 14
"""Sessions may be held on the 14 days before the operation unless the section names days."""


class DrillHours(Frozen):
    start: LocalTime = time(8, 0)
    end: EndTime = time(12, 0)


class JointExercise(Frozen):
    """The joint exercise (Sispamkota) of the Polres with the units that join it."""

    name: Text = "Sispamkota"
    date: Day
    start: LocalTime
    end: EndTime
    site: Ident
    units: SupportCounts = Field(default_factory=SupportCounts)
    """The joining units counted, with the keys and checks of a post's `support:`:
    `{tni: 2, satpol-pp: 2, dishub: 1}`."""


class DrillSchedule(Frozen):
    """What a drill session may be: where, on which days and hours, for how many, how long, led
    by whom, drilling which skills."""

    site: Ident
    days: list[Day] | None = None
    """The days sessions may be held (default: the 14 days before the operation starts)."""
    hours: DrillHours = Field(default_factory=DrillHours)
    """The hours of a day sessions may take (default 08:00-12:00)."""
    capacity: Annotated[int, WithJsonSchema({"type": "integer", "minimum": 1})] = 38
    """Attendees of one session at most, at least 1 (checked by validate with the rest of the
    section) (default a Dalmas platoon of 30 and its support squad
    of 8)."""
    length_hours: float = Field(default=4.0, gt=0, le=24, allow_inf_nan=False)
    """How long one session lasts."""
    instructor_least_rank: Text = "Aipda"
    """The least rank of the officer who leads a session (a rank of the policy, checked by
    validate with the rest of the section)."""
    skills: list[Ident] | None = None
    """The skills drilled (default: every skill with a `policy.drills.max_age_days`)."""
    lead_days: NonNegativeInt = 0
    """Sessions end at least this many days before the operation's first day (0: any time
    before its first shift)."""
    joint_exercise: JointExercise | None = None


class DrillSession(Frozen):
    id: Ident
    skill: Ident
    date: Day
    start: datetime
    end: datetime
    site: Ident
    site_name: str
    site_address: str | None = None
    instructor: Nrp | None
    instructor_reason: str | None = None
    """Why nobody may lead it, when `instructor` is None (English; see `said`)."""
    reason_msg: Any = Field(default=None, exclude=True, repr=False)
    attendees: list[Nrp]


class DrillPlan(Frozen):
    """The schedule: its sessions, the heads the plan fills before and after, how sure."""

    operation: str
    timezone: str
    sessions: list[DrillSession]
    heads_filled_before: int
    heads_filled_after: int
    heads_needed: int
    weighted_before: int
    weighted_after: int
    """The plan's first objective (heads weighted by priority) before and after: a drill may
    put an officer on a heavier head (crowd control) without filling one more."""
    status: str
    """`optimal` (every stage proven) or `feasible` (the time ran out: the best found)."""
    restricted_to: str | None = None
    """Where the proof of the heads holds only over a restricted set of schedules: which
    (English; see `said`)."""
    restricted_msg: Any = Field(default=None, exclude=True, repr=False)
    remedy_recovered: int | None = None
    """What the plan's drill remedy says a drill would fill (measured again), for comparison."""
    short_of_remedy: list[str] = Field(default_factory=list)
    """Why the schedule fills fewer heads than the remedy: each reason a line (English)."""
    short_msgs: list[Any] = Field(default_factory=list, exclude=True, repr=False)
    names: dict[str, str] = Field(default_factory=dict)
    """Name and rank of each officer named, by NRP."""
    joint_exercise: JointExercise | None = None
    joint_site_name: str | None = None
    defaulted: bool = False
    """operation.yaml has no `drill_schedule:`: its defaults are used."""
    home_site: str | None = None
    """Where sessions are held (the section's site, or the default's)."""
    home_site_name: str | None = None


class PublishedSession(Frozen):
    """A session as `drills --format json` wrote it (what `anev` reads)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str
    skill: str
    date: Day
    attendees: list[str]


class PublishedDrills(Frozen):
    """A drill schedule written by `drills --format json`, as `anev --drills` reads it."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    operation: str | None = None
    sessions: list[PublishedSession]


def said(msg: Any, text: str | None, lang: str) -> str | None:
    """A reason kept in English with the `Msg` it was made from, in `lang`."""
    return told(msg, text, lang) if text else None
