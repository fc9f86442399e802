"""May this officer hold this head on this day? Each rule is a small function in `RULES`,
asked in that order; the first that says no gives the reason (`reasons.Reason`).

    assignable      # plotted at all (`assignable: false` is never plotted)
    not_on_leave    # no leave of roster.yaml that day
    holds           # the head's skill (a member head) or at least its rank (a commander head)
    drilled         # a drill of the skill no older than `drills.max_age_days`, not after the day
    neutral         # tied to none of the candidates the head is kept from
    in_rank_band    # a perwira post's perwira, the perwira policy, not above the commander
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from sinjai_ops.models.policy import Policy
from sinjai_ops.models.received import UnitMember
from sinjai_ops.models.roster import Person
from sinjai_ops.models.voting import ANY_SKILL
from sinjai_ops.rules.reasons import Code, Reason, reason

if TYPE_CHECKING:
    from sinjai_ops.rules.role import Role

Rule = Callable[[Person, "Role", date, Policy], Reason | None]


def assignable(person: Person, role: Role, day: date, policy: Policy) -> Reason | None:
    return None if person.assignable else reason(Code.NOT_ASSIGNABLE)


def not_on_leave(person: Person, role: Role, day: date, policy: Policy) -> Reason | None:
    for leave in person.unavailable:
        if leave.start <= day <= leave.end:
            return reason(Code.ON_LEAVE, why=leave.reason, until=leave.end)
    return None


def skilled_for(person: Person, role: Role) -> bool:
    """Holds the head's skill, or the head is a commander's (any skill): the quick part of
    `holds`, for callers that sort out many heads at once. A head of `ANY_SKILL` (a TPS head,
    the voting day's reserve) takes any officer."""
    return role.leads or role.skill == ANY_SKILL or role.skill in person.skills


def holds(person: Person, role: Role, day: date, policy: Policy) -> Reason | None:
    if not skilled_for(person, role):
        return reason(Code.NO_SKILL, skill=role.skill)
    if role.leads and isinstance(person, UnitMember):
        # A received unit's member is rank-and-file: his own commander leads him.
        return reason(Code.BELOW_COMMAND, rank=person.rank, least=role.min_rank)
    if role.leads and policy.ranks.index(person.rank) < policy.ranks.index(role.min_rank):
        return reason(Code.BELOW_COMMAND, rank=person.rank, least=role.min_rank)
    return None


def drilled(person: Person, role: Role, day: date, policy: Policy) -> Reason | None:
    """`Person.qualified`, with the facts of its answer."""
    limit = policy.drills.max_age_days.get(role.skill)
    if role.leads or limit is None or person.qualified(role.skill, day, limit):
        return None
    if isinstance(person, UnitMember):
        return None  # a received unit comes current in its skills

    last = person.drills.get(role.skill)
    if last is None:
        return reason(Code.NO_DRILL, skill=role.skill)
    if last > day:
        return reason(Code.DRILL_LATER, skill=role.skill, drilled=last, day=day)
    return reason(
        Code.DRILL_EXPIRED,
        skill=role.skill,
        drilled=last,
        until=person.drill_valid_until(role.skill, limit),
    )


def neutral(person: Person, role: Role, day: date, policy: Policy) -> Reason | None:
    if not (role.avoid and person.ties):
        return None
    tied = sorted(set(role.avoid) & set(person.ties))
    return reason(Code.TIED, candidates=tuple(tied)) if tied else None


def in_rank_band(person: Person, role: Role, day: date, policy: Policy) -> Reason | None:
    if not (role.rank_from or role.rank_to):
        return None
    ranks = policy.ranks
    rank = ranks.index(person.rank)
    if role.rank_from and rank < ranks.index(role.rank_from):
        return reason(Code.NOT_PERWIRA, rank=person.rank)
    if role.rank_to and rank > ranks.index(role.rank_to):
        if policy.perwira(person.rank) and not policy.perwira(role.rank_to):
            return reason(Code.PERWIRA_POLICY, rank=person.rank)
        return reason(Code.OUTRANKS, rank=person.rank, most=role.rank_to)
    return None


RULES: tuple[Rule, ...] = (assignable, not_on_leave, holds, drilled, neutral, in_rank_band)
"""Who may fill which head, in the order the reasons are told."""


def why_not(person: Person, role: Role, day: date, policy: Policy) -> Reason | None:
    """The first rule that keeps `person` from `role` on `day`; None when they may fill it."""
    for rule in RULES:
        found = rule(person, role, day, policy)
        if found is not None:
            return found
    return None


def why_none(person: Person, roles: list[Role], day: date, policy: Policy) -> Reason | None:
    """Why `person` may fill none of `roles` (None when they may fill one): among the roles
    whose skill (or, for a commander head, rank) they hold, the reason found earliest in
    `RULES`, so that an officer with an old drill is told of the drill, not of a commander head
    they are too junior for."""
    found = [why_not(person, role, day, policy) for role in roles]
    if any(r is None for r in found):
        return None
    held = [r for r in found if r is not None and r.code not in (Code.NO_SKILL, Code.BELOW_COMMAND)]
    told = held or [r for r in found if r is not None]
    order = {rule: k for k, rule in enumerate(_CODES)}
    return min(told, key=lambda r: order[r.code]) if told else None


_CODES = (
    Code.NOT_ASSIGNABLE,
    Code.ON_LEAVE,
    Code.NO_SKILL,
    Code.BELOW_COMMAND,
    Code.NO_DRILL,
    Code.DRILL_LATER,
    Code.DRILL_EXPIRED,
    Code.TIED,
    Code.NOT_PERWIRA,
    Code.PERWIRA_POLICY,
    Code.OUTRANKS,
)
