"""Staffing policy: the defaults of configs/policy.yaml with an operation's overrides merged in."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, NonNegativeInt, PositiveInt, WithJsonSchema

from sinjai_ops.models.common import Frozen, Ident, Text
from sinjai_ops.models.voting import TpsPolicy

_RISK_WORDS = {"rendah": "low", "sedang": "medium", "tinggi": "high"}


def _risk_word(value: Any) -> Any:
    """`tinggi/sedang/rendah` are the file contract's Indonesian names of the risks."""
    if isinstance(value, str):
        return _RISK_WORDS.get(value, value)
    return value


Risk = Annotated[
    Literal["low", "medium", "high"],
    BeforeValidator(_risk_word),
    WithJsonSchema({"enum": ["low", "medium", "high", *_RISK_WORDS]}),
]


class CrowdRule(Frozen):
    skill: Ident
    supporters_per_head: dict[Risk, PositiveInt]
    """Expected supporters one crowd-control officer covers, by intelligence risk."""
    minimum: NonNegativeInt
    """Heads for any visit with supporters at all."""


class EscortRule(Frozen):
    skill: Ident
    vehicles_per_head: PositiveInt
    minimum: NonNegativeInt


class ProtectionRule(Frozen):
    skill: Ident
    per_candidate: NonNegativeInt


class VisitPolicy(Frozen):
    lead_minutes: NonNegativeInt
    """Heads are in place this long before a candidate arrives."""
    tail_minutes: NonNegativeInt
    """And stay this long after departure."""
    crowd: CrowdRule
    escort: EscortRule
    protection: ProtectionRule


class RivalPolicy(Frozen):
    min_gap_minutes: NonNegativeInt


class RestPolicy(Frozen):
    min_rest_hours: float = Field(ge=0, le=72, allow_inf_nan=False)
    max_hours_per_day: float = Field(gt=0, le=24, allow_inf_nan=False)
    max_consecutive_nights: PositiveInt | None = None
    """At most this many night shifts on consecutive days (absent or null: no limit)."""


class ReservePolicy(Frozen):
    fraction: float = Field(ge=0, le=1, allow_inf_nan=False)
    site: Ident
    skill: Ident


class DrillPolicy(Frozen):
    max_age_days: dict[Ident, PositiveInt]


class RankRoles(Frozen):
    """Who leads and who is led: perwira lead posts, bintara and tamtama stand in them."""

    perwira_from: Text
    """The lowest rank of a perwira (officer); every rank from it up is perwira."""
    perwira_on_rank_and_file: bool
    """Whether a perwira may fill a rank-and-file head when nobody else can (a last resort,
    taken only after every other officer, and listed by the plan)."""


class TeamsPolicy(Frozen):
    """A leader for every team: a post, a visit team or the reserve whose heads in a shift
    (filled or missing, commander heads not counted) are more than `leader_above` gets one
    commander head (Katim, Danru) asking at least `leader_least_rank`, unless its post names
    its own `commander`."""

    leader_above: NonNegativeInt
    """The most heads a team may have without a leader: a regu (squad) of 9."""
    leader_least_rank: Text
    """The least rank of the leader's head; its members never outrank it."""


class BkoPolicy(Frozen):
    lead_days: NonNegativeInt
    """Days before the first missing head by which the BKO request must reach Polda."""


class Priorities(Frozen):
    """Weight of one filled head, by kind of head: the solver fills heavier heads first."""

    protection: PositiveInt
    ring1: PositiveInt
    commander: PositiveInt
    ring2: PositiveInt
    crowd: PositiveInt
    escort: PositiveInt
    ring3: PositiveInt
    post: PositiveInt
    reserve: PositiveInt


class Policy(Frozen):
    skills: list[Ident] = Field(min_length=1)
    ranks: list[Text] = Field(min_length=1)
    visits: VisitPolicy
    rivals: RivalPolicy
    rest: RestPolicy
    reserve: ReservePolicy
    drills: DrillPolicy
    priorities: Priorities
    rank_roles: RankRoles
    teams: TeamsPolicy
    bko: BkoPolicy
    tps: TpsPolicy | None = None
    """The TPS patterns of the voting day (configs/policy.yaml ships them)."""

    def perwira(self, rank: str) -> bool:
        """An officer (perwira): may lead a post; not plotted as rank-and-file by default."""
        return self.ranks.index(rank) >= self.ranks.index(self.rank_roles.perwira_from)
