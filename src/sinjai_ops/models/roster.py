"""roster.yaml: the personnel who can be plotted."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from sinjai_ops.models.common import Day, Frozen, Nrp, RankName, SkillName, Text


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

    def on_leave(self, day: date) -> bool:
        return any(leave.start <= day <= leave.end for leave in self.unavailable)

    def qualified(self, skill: str, day: date, max_age_days: int | None) -> bool:
        """Holds the skill on that day, with a drill no older than `max_age_days` if one is due."""
        if skill not in self.skills:
            return False
        if max_age_days is None:
            return True
        drilled = self.drills.get(skill)
        return drilled is not None and 0 <= (day - drilled).days <= max_age_days


class RosterFile(Frozen):
    personnel: list[Person]
