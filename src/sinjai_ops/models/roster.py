"""roster.yaml: the personnel who can be plotted."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import Field

from sinjai_ops.models.common import Day, Frozen, Ident, Nrp, RankName, SkillName, Text


class Leave(Frozen):
    start: Day = Field(alias="from")
    end: Day = Field(alias="to")
    """Whole days, inclusive."""
    reason: Text | None = None


class Person(Frozen):
    nrp: Nrp
    name: Text
    rank: RankName
    unit: Text
    skills: list[SkillName] = Field(default_factory=list)
    assignable: bool = True
    """False for commanders who are not plotted."""
    drills: dict[SkillName, Day] = Field(default_factory=dict)
    """Date of the last drill, by skill."""
    unavailable: list[Leave] = Field(default_factory=list)
    ties: list[Ident] = Field(default_factory=list)
    """Candidates this officer is related to, by family or otherwise, as declared to Propam:
    never plotted on their visits, nor at a site they visit while the visit lasts."""
    desa: Text | None = None
    """The desa where he is Bhabinkamtibmas (voting day: kept at its TPS where possible)."""

    def on_leave(self, day: date) -> bool:
        return any(leave.start <= day <= leave.end for leave in self.unavailable)

    def drill_valid_until(self, skill: str, max_age_days: int | None) -> date | None:
        """Last day on which the drill in `skill` qualifies: never (None) without a recorded
        drill, always (date.max) for a skill without a drill limit."""
        if max_age_days is None:
            return date.max
        drilled = self.drills.get(skill)
        return None if drilled is None else drilled + timedelta(days=max_age_days)

    def qualified(self, skill: str, day: date, max_age_days: int | None) -> bool:
        """Holds the skill on that day, with a drill no older than `max_age_days` if one is due
        (a drill recorded after the day does not count for it)."""
        if skill not in self.skills:
            return False
        until = self.drill_valid_until(skill, max_age_days)
        drilled = self.drills.get(skill, date.min) if max_age_days is not None else date.min
        return until is not None and drilled <= day <= until


class RosterFile(Frozen):
    personnel: list[Person]
