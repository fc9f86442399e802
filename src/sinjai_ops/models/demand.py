"""The demand: the slots of an operation (one shift on one day) and the heads needed in them,
as `sinjai_ops.demand` derives them from a scenario."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from sinjai_ops.models.common import Frozen

RESERVE_POST = "reserve"
"""The post of the reserve's heads (an operation's own post may not take this id)."""
COMMAND = "command"
"""The skill of a commander head in the plan."""
DEFAULT_TIME_LIMIT = 120.0
"""Seconds the solver may take, by default (CPU seconds of HiGHS's work are not counted apart)."""

HeadKind = Literal[
    "protection", "ring1", "commander", "ring2", "crowd", "escort", "ring3", "post", "reserve"
]


class Slot(Frozen):
    """One shift on one day: the unit of time of the plan."""

    date: date
    """The day on which the shift starts."""
    shift: str
    order: int
    """Index of the shift in operation.yaml, for sorting."""
    start: datetime
    """Aware local start."""
    end: datetime
    hours: float


class Need(Frozen):
    """Heads needed at one post, in one slot, of one skill (or of a least rank, for a commander)."""

    date: date
    shift: str
    site: str
    post: str
    skill: str
    """`command` for a commander head."""
    heads: int
    min_rank: str | None = None
    """A commander head: any skill, at least this rank."""
    rank_from: str | None = None
    """A member head of a post that asks for perwira: at least this rank."""
    rank_to: str | None = None
    """A member head: at most this rank (below perwira for rank-and-file, and never above the
    rank the post's commander head asks)."""
    avoid: tuple[str, ...] = ()
    """Candidates whose tied officers may not fill this head (their visit, or its site while
    the visit lasts): neutrality."""
    kind: HeadKind
    weight: int
    """Priority of one filled head (policy `priorities`)."""
    source: str
    """Where the need comes from: `post`, `commander`, `visit:<purpose>`, `reserve`."""


class Demand(Frozen):
    slots: list[Slot]
    needs: list[Need]
