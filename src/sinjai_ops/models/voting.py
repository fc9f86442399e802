"""Voting day: the TPS list, the `voting:` section of operation.yaml, `policy.tps`, and what
the plan says of the TPS duty (groups, Padal, Linmas). The contract is formats.md, "Voting
day"; this module is the one home of these shapes, shared by load, validate, demand, solve and
render."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, NonNegativeInt, PositiveInt, WithJsonSchema

from sinjai_ops.models.common import Day, EndTime, Frozen, Ident, LocalTime, Text
from sinjai_ops.models.received import member_id

CATEGORIES: tuple[str, ...] = ("sangat-rawan", "khusus", "rawan", "kurang-rawan")
"""The TPS categories of the Bawaslu vulnerability map, most vulnerable first."""


def category_word(value: Any) -> Any:
    """`Sangat Rawan`, `SANGAT_RAWAN` and ` sangat rawan ` are `sangat-rawan`; anything else is
    left for the Literal to refuse (validate suggests the nearest)."""
    if isinstance(value, str):
        word = "-".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        if word in CATEGORIES:
            return word
    return value


Category = Annotated[
    Literal["sangat-rawan", "khusus", "rawan", "kurang-rawan"],
    BeforeValidator(category_word),
    WithJsonSchema(
        {
            "type": "string",
            "description": "kurang-rawan, rawan, sangat-rawan or khusus (a space instead of "
            "the dash and any case are accepted)",
        }
    ),
]


def tps_number(value: Any) -> str:
    """The TPS number as the plan writes it: three digits (`1`, `001` and `"001"` are one TPS).
    A value that is not a whole number >= 1 is returned as written, for validate to refuse."""
    text = str(value).strip()
    if isinstance(value, bool):
        return text
    if text.isdigit() and int(text) >= 1:
        return f"{int(text):03d}"
    return text


class Tps(Frozen):
    """One TPS (polling station) of the KPU list."""

    kecamatan: Text
    desa: Text
    """The desa or kelurahan."""
    tps: str
    """Three digits (see `tps_number`), unique within the desa."""
    voters: NonNegativeInt
    """DPT."""
    category: Category
    island: bool = False
    """Reached by boat (Pulau Sembilan): its officers have no other duty the day before."""


class VotingArea(Frozen):
    """Which unit of the roster (a Polsek) covers which kecamatan."""

    unit: Text
    kecamatan: list[Text] = Field(min_length=1)


class PadalRule(Frozen):
    least_rank: Text = "Ipda"
    """One perwira pengendali per kecamatan, of at least this rank."""


class VotingReserve(Frozen):
    """The Kapolres' power on hand on the voting day: `officers` heads of any skill plus one
    commander head (at least `padal.least_rank`) at post `reserve` of `site`."""

    site: Ident
    officers: NonNegativeInt


class VotingSection(Frozen):
    """`voting:` in operation.yaml."""

    date: Day
    report: LocalTime
    """Officers at their TPS (30 minutes before opening)."""
    open: LocalTime
    close: LocalTime
    counting_until: EndTime
    """Expected end of counting; the TPS duty ends then (24:00 is midnight)."""
    areas: list[VotingArea] = Field(min_length=1)
    padal: PadalRule = Field(default_factory=PadalRule)
    reserve: VotingReserve | None = None
    tps: Text | None = None
    """Where the TPS list is, relative to the scenario folder (default: `tps.csv`, `tps.xlsx`
    or `tps.yaml` beside operation.yaml)."""


class TpsPattern(Frozen):
    """The pola: `officers` for a group of up to `tps` TPS of one desa and one category."""

    officers: PositiveInt
    tps: PositiveInt


class TpsPolicy(Frozen):
    """`policy.tps`."""

    pattern: dict[Category, TpsPattern]
    linmas_per_tps: NonNegativeInt = 2
    priorities: dict[Category, PositiveInt] = Field(default_factory=dict)
    """Weight of one TPS head by category (sangat rawan first); a category not named weighs
    as `priorities.post`."""


class TpsListFile(Frozen):
    """tps.yaml: `tps:` as a list of TPS."""

    tps: list[Tps]


# What the plan says of the voting day.


class GroupMember(Frozen):
    """A member of a received unit standing in a TPS group: counted, not named (he has no
    NRP)."""

    unit: str
    member: int


class TpsGroup(Frozen):
    """TPS of one desa and one category guarded together by the pattern's officers."""

    kecamatan: str
    desa: str
    category: Category
    tps: list[str]
    officers: list[str]
    """NRPs, sorted. Within the solve, a received unit's member's internal id too
    (`models.received.member_id`); the plan moves them to `members`."""
    missing: int
    members: list[GroupMember] = Field(default_factory=list)
    """Members of received units in the group, by unit and number (the JSON writes the field
    only when some stand there)."""

    def standing(self) -> list[str]:
        """Everyone in the group: the officers' NRPs, then the members' internal ids."""
        return [*self.officers, *(member_id(m.unit, m.member) for m in self.members)]

    def heads(self) -> int:
        """Heads filled in the group (officers and members)."""
        return len(self.officers) + len(self.members)


class PadalDuty(Frozen):
    kecamatan: str
    nrp: str | None
    """None when no perwira is free: a missing head in the shortfalls."""


class LinmasNeed(Frozen):
    """Linmas are not Polri: counted per desa, never named."""

    kecamatan: str
    desa: str
    need: int


class TpsShortfall(Frozen):
    """TPS officers (or a Padal, category None) missing in one kecamatan and category: a line of
    the BKO request."""

    date: date
    kecamatan: str
    category: Category | None
    missing: int
    start: str = Field(alias="from")
    """Local moment `YYYY-MM-DDTHH:MM` the duty starts."""
    until: str
    weight: int
    skill: None = None


# What the demand stage derives from them (`sinjai_ops.demand_voting`).

ANY_SKILL = "any"
"""The skill of a head that any officer may fill whatever his skills (a TPS head, a member of
the voting day's reserve)."""


class TpsGroupNeed(Frozen):
    """One TPS group as the demand makes it, before officers are named."""

    kecamatan: str
    desa: str
    category: Category
    island: bool
    tps: list[str]
    """Three digits each, in number order."""
    officers: int
    """Heads the pattern asks for the whole duty."""
    weight: int
    """Priority of one such head (`policy.tps.priorities`, else `priorities.post`)."""


class VotingDemand(Frozen):
    """The voting day's duty: TPS groups, a Padal per kecamatan, the Linmas count."""

    date: date
    start: datetime
    """Aware local moment the TPS duty starts (`voting.report`)."""
    end: datetime
    """And ends (`voting.counting_until`, the next day when at or before `report`)."""
    groups: list[TpsGroupNeed]
    """Sorted by kecamatan, desa, first TPS."""
    padal: list[str]
    """The kecamatan that each need a Padal, sorted."""
    padal_rank: str
    """The least rank of a Padal: `padal.least_rank`, and a perwira in any case."""
    padal_weight: int
    linmas: list[LinmasNeed]
    areas: dict[str, list[str]] = Field(default_factory=dict)
    """Unit of the roster to the kecamatan it covers (`voting.areas`)."""
