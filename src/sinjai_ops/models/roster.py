"""roster.yaml: the personnel who can be plotted."""

from __future__ import annotations

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


class RosterFile(Frozen):
    personnel: list[Person]
