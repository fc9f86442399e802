"""A head as the rules see it: what any officer must be to fill it."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sinjai_ops.models.plan import Need
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.roster import Person
from sinjai_ops.rules.eligibility import why_not


class Role(NamedTuple):
    """What the model counts heads by: heads of one role are interchangeable for any officer.
    Empty strings stand for "none", so that roles sort."""

    skill: str
    min_rank: str
    """A commander head's least rank (any skill); empty for a member head."""
    rank_from: str
    """A member head's band of ranks, empty where open."""
    rank_to: str
    avoid: tuple[str, ...] = ()
    """Candidates whose tied officers may not fill it."""

    @property
    def leads(self) -> bool:
        return bool(self.min_rank)

    def fits(self, person: Person, day: date, policy: Policy) -> bool:
        """No rule of `eligibility` keeps the person from it on that day."""
        return why_not(person, self, day, policy) is None


def role_of(need: Need) -> Role:
    return Role(
        need.skill, need.min_rank or "", need.rank_from or "", need.rank_to or "", need.avoid
    )
