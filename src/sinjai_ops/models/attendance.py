"""What the roll calls found (attendance for `anev`), and the daily evaluation it gives."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, NonNegativeInt

from sinjai_ops.models.common import Day, Frozen, Ident, Nrp, Text
from sinjai_ops.models.plan import Names


class Mark(Frozen):
    """One exception found at a roll call; every planned officer not listed was present."""

    nrp: Nrp
    date: Day
    shift: Ident
    status: Literal["present", "absent", "late"]
    reason: Text | None = None
    minutes: NonNegativeInt | None = None
    """For `late`: how many minutes late."""


class AttendanceFile(Frozen):
    attendance: list[Mark]


class Totals(Frozen):
    """Officer-shifts."""

    planned: int
    present: int
    absent: int
    late: int


class Line(Frozen):
    """Planned and present at one site, in one shift, for one skill."""

    date: date
    shift: str
    site: str
    skill: str
    planned: int
    present: int


class Away(Frozen):
    nrp: str
    name: str
    date: date
    shift: str
    site: str
    post: str
    reason: str | None
    minutes: int | None = None
    """For a late arrival."""


class Empty(Frozen):
    """A head that stood empty, and for how long."""

    date: date
    shift: str
    site: str
    post: str
    skill: str
    hours: float
    why: str
    """`absent`, `late` or `not filled` (a shortfall of the plan: the BKO request)."""


class Evaluation(Frozen):
    operation: str
    days: list[date]
    totals: Totals
    lines: list[Line] = Field(default_factory=list)
    absences: list[Away] = Field(default_factory=list)
    late: list[Away] = Field(default_factory=list)
    empty: list[Empty] = Field(default_factory=list)
    bko_requested: int = 0
    """Heads the plan asked Polda for on these days (whether they came is not recorded)."""
    names: Names = Field(default_factory=Names, exclude=True)
    """For the views made for people (JSON keeps ids)."""
