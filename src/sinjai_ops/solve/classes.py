"""Officers who are interchangeable for this operation, grouped so the model stays small.

Two officers are interchangeable when, on every day, they may fill exactly the same roles (a
skill with a fresh enough drill and a rank in the head's band, or a commander head of some least
rank) and both are perwira or neither is: same leave days, same relevant skills, same drill
validity, same rank band. The model decides how many of each class
work where; the names are given out afterwards, within each class.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sinjai_ops.models.plan import Demand
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.received import UnitMember, member_of
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.rules import Role, role_of
from sinjai_ops.rules.eligibility import skilled_for
from sinjai_ops.rules.schedule import FRESH, Start, State, absent


@dataclass(frozen=True)
class OfficerClass:
    members: tuple[str, ...]
    """NRPs, sorted."""
    roles_by_day: tuple[frozenset[Role], ...]
    """Roles each member may fill, by day of the operation."""
    perwira: bool = False
    """Its members are perwira (their rank-and-file heads are a last resort)."""
    blocked: frozenset[int] = frozenset()
    """Slots its one member may not work (an absence); such officers have a class of their own."""
    start: Start = FRESH
    """The first slot its members may work and where they stand before it (re-plan from
    now)."""
    past: int = 0
    """Shifts each member already worked before the re-planned part."""


def eligible_roles(person: Person, day: date, roles: list[Role], policy: Policy) -> frozenset[Role]:
    """Roles a person may fill on a day (`rules.eligibility`; the roles of skills they do not
    hold are sorted out first, as `eligibility.holds` would refuse them)."""
    return frozenset(
        role for role in roles if skilled_for(person, role) and role.fits(person, day, policy)
    )


Known = dict[tuple[object, ...], tuple[frozenset[Role], ...]]
_kept: list[tuple[Policy, list[date], list[Role], Known]] = []
_kept_lock = threading.Lock()
_KEEP = 4
"""Policies (with their days and roles) whose roles by kind of officer are kept: the plan's,
and the few the remedies measure at the same time (`pipeline.measure`)."""


def _known_roles(policy: Policy, days: list[date], roles: list[Role]) -> Known:
    """The roles by day of each kind of officer (`officer_classes`' key: everything of an
    officer that `eligible_roles` reads), kept from an earlier call with this same policy (the
    very object: it is frozen), days and roles. The remedies ask again after changing a few
    officers, or the policy (then all is worked out afresh); the officers left alone have the
    roles they had, as nothing else goes into them. Safe across threads: the dictionary is
    taken under a lock, and an entry two threads both work out is the same."""
    with _kept_lock:
        for kept in _kept:
            if kept[0] is policy and kept[1:3] == (days, roles):
                return kept[3]
        known: Known = {}
        _kept[:] = [(policy, days, roles, known), *_kept[: _KEEP - 1]]
        return known


def officer_classes(
    scenario: Scenario,
    demand: Demand,
    starts: dict[str, tuple[Start, int]] | None = None,
    homes: dict[str, str] | None = None,
) -> list[OfficerClass]:
    """Classes of interchangeable officers; an officer who is pinned or absent somewhere has a
    class of their own, so that the model can hold them to it. `starts`: where each officer
    stands after a frozen past (re-plan from now); officers who stand alike share a class.
    `homes`: on a voting day, the area of each officer's unit (`solve.voting.homes`); officers
    of different areas are not interchangeable there."""
    days = sorted({s.date for s in demand.slots})
    roles = sorted({role_of(n) for n in demand.needs})
    policy = scenario.policy
    adjustments = scenario.adjustments
    # A received unit's members are absent outside its window alike: they share a class.
    alone = {p.nrp for p in adjustments.pins} | {
        a.nrp for a in adjustments.absences if member_of(a.nrp) is None
    }
    Key = tuple[bool, tuple[frozenset[Role], ...], str, frozenset[int], tuple[Start, int], str]
    groups: dict[Key, list[str]] = defaultdict(list)
    # Many officers share everything that decides their roles: work that out once for each.
    known = _known_roles(policy, days, roles)
    for person in scenario.roster.personnel:
        key = (
            isinstance(person, UnitMember),  # current in the unit's skills, never a leader
            person.assignable,
            person.rank,
            tuple(person.skills),
            tuple(person.ties),
            tuple(sorted(person.drills.items())),
            tuple((leave.start, leave.end) for leave in person.unavailable),
        )
        if key not in known:
            known[key] = tuple(eligible_roles(person, day, roles, policy) for day in days)
        signature = known[key]
        if not any(signature):
            continue
        blocked: frozenset[int] = frozenset()
        if person.nrp in alone or member_of(person.nrp) is not None:
            blocked = frozenset(
                t
                for t, slot in enumerate(demand.slots)
                if absent(adjustments, person.nrp, slot) is not None
            )
        own = person.nrp if person.nrp in alone else ""
        begin = (starts or {}).get(person.nrp, ((0, State()), 0))
        home = (homes or {}).get(person.nrp, "")
        key_of = (policy.perwira(person.rank), signature, own, blocked, begin, home)
        groups[key_of].append(person.nrp)
    classes = [
        OfficerClass(tuple(sorted(m)), sig, perwira, blocked, begin[0], begin[1])
        for (perwira, sig, _, blocked, begin, _), m in groups.items()
    ]
    return sorted(classes, key=lambda c: c.members[0])
