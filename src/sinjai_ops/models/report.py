"""What the printable report shows, gathered from the scenario, the plan and the checklist."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from sinjai_ops.models.checklist import Checklist
from sinjai_ops.models.common import Frozen
from sinjai_ops.models.drills import DrillPlan
from sinjai_ops.models.plan import Plan


class VisitBar(Frozen):
    """One candidate visit on the day's timeline."""

    candidate: str
    label: str
    site: str
    arrive: datetime
    depart: datetime
    window_start: datetime
    """Arrival less the lead: heads in place from here."""
    window_end: datetime
    conflict: bool
    """Meets a rival at that site that day."""


class Staffing(Frozen):
    """Heads needed and filled at a site, hour by hour of one day (local clock)."""

    date: date
    site: str
    needed: list[int]
    filled: list[int]


class ReportData(Frozen):
    unit: str
    commander: str
    """`rank name (NRP)` of the operation's commander."""
    start: date
    end: date
    plan: Plan
    checklist: Checklist
    visits: list[VisitBar] = Field(default_factory=list)
    staffing: list[Staffing] = Field(default_factory=list)
    loads: list[int] = Field(default_factory=list)
    """Shifts of every officer who may be plotted, for the histogram."""
    drills: DrillPlan | None = None
    """The drill schedule, where the operation has a `drill_schedule:`."""
