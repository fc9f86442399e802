"""units.yaml: the Polda's units that it lends whole as BKO (an SSK or SST of Brimob, a Sabhara
or Dalmas platoon, a squad), and the shape of one unit, shared with the units a Polres has
received (`received_units:`, which add their own `from`/`to`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PositiveInt, WithJsonSchema, model_validator

from sinjai_ops.i18n import Invalid, t
from sinjai_ops.models.common import Day, Frozen, Ident, Nrp, RankName, SkillName, Text

UnitKind = Literal["ssk", "sst", "peleton", "regu"]
"""SSK (a company, about 100), SST (a platoon, about 30), peleton (a Sabhara or Dalmas platoon),
regu (a squad)."""

UNIT_KINDS: tuple[str, ...] = ("ssk", "sst", "peleton", "regu")

Hours = Annotated[
    float,
    Field(ge=0),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
"""Hours of travel, zero or more (a fraction allowed: 1.5)."""


class UnitCommander(Frozen):
    """The unit's own commander: named in the unit, not in any Polres roster."""

    name: Text
    rank: RankName
    nrp: Nrp


class Availability(Frozen):
    """Whole days, inclusive, on which the unit can be sent."""

    start: Day = Field(alias="from")
    end: Day = Field(alias="to")

    @model_validator(mode="after")
    def _in_order(self) -> Availability:
        if self.end < self.start:
            raise Invalid(
                t(
                    "available.to ({end}) comes before available.from ({start}); swap the two "
                    "dates, or correct the wrong one",
                    end=self.end,
                    start=self.start,
                )
            )
        return self


class UnitFields(Frozen):
    """What every unit states about itself, lent or received."""

    id: Ident
    name: Text
    kind: UnitKind
    strength: PositiveInt
    """Members, the commander not counted."""
    skills: list[SkillName] = Field(min_length=1)
    """What every member is current in."""
    commander: UnitCommander
    base: Text
    """Where the unit stays (a key of `travel_hours`)."""


class Unit(UnitFields):
    """A unit of the Polda, as units.yaml lists it."""

    available: Availability | None = None
    """When the unit can be sent; always when absent."""


class UnitsFile(Frozen):
    units: list[Unit] = Field(min_length=1)
    travel_hours: dict[Text, dict[Text, Hours]] = Field(default_factory=dict)
    """Base -> the operation's unit (`Polres Sinjai`) -> hours of travel one way."""

    def travel(self, base: str, polres: str) -> float | None:
        """Hours from a base to a Polres; None when units.yaml does not say."""
        return self.travel_hours.get(base, {}).get(polres)
