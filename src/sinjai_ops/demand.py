"""Scenario to heads needed per (date, shift, site, post, skill): the demand rules of the spec.

The one home of those rules; `plan` and `checklist` derive demand here. The shifts of each day
and a visit's window belong to the models (`OperationFile.slots`, `Visit.window`), so that
`validate` reads them the same way.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sinjai_ops.models.arrivals import Candidate, Visit
from sinjai_ops.models.operation import Post
from sinjai_ops.models.plan import COMMAND, RESERVE_POST, Demand, HeadKind, Need, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.scenario import Scenario

_RING_KIND: dict[int | None, HeadKind] = {1: "ring1", 2: "ring2", 3: "ring3", None: "post"}


def overlaps(slot: Slot, start: datetime, end: datetime) -> bool:
    """Shares more than an instant."""
    return slot.start.timestamp() < end.timestamp() and start.timestamp() < slot.end.timestamp()


def visit_heads(
    visit: Visit, candidate: Candidate, policy: Policy
) -> list[tuple[str, int, HeadKind]]:
    """(skill, heads, kind) that one visit adds at its site while it lasts."""
    rules = policy.visits
    out: list[tuple[str, int, HeadKind]] = []
    if visit.supporters > 0:
        per_head = rules.crowd.supporters_per_head[candidate.risk]
        heads = max(math.ceil(visit.supporters / per_head), rules.crowd.minimum)
        out.append((rules.crowd.skill, heads, "crowd"))
    if visit.vehicles > 0:
        per_head = rules.escort.vehicles_per_head
        heads = max(math.ceil(visit.vehicles / per_head), rules.escort.minimum)
        out.append((rules.escort.skill, heads, "escort"))
    if rules.protection.per_candidate > 0:
        out.append((rules.protection.skill, rules.protection.per_candidate, "protection"))
    return out


def member_band(
    post: Post | None, policy: Policy, leader: str | None = None
) -> tuple[str | None, str | None]:
    """The ranks that may fill a member head (not the commander head) of a post, or of a visit
    or the reserve (`post` None): perwira only at a post that asks for them; below perwira
    elsewhere, unless the policy lets perwira stand in as a last resort; and never above the
    rank the team's commander head asks (the post's `commander`, else `leader`, the least rank
    of the leader head a large team gets), so that its commander is the most senior there."""
    ranks = policy.ranks
    first_perwira = ranks.index(policy.rank_roles.perwira_from)
    if post is not None and post.perwira:
        low, high = first_perwira, len(ranks) - 1
    elif policy.rank_roles.perwira_on_rank_and_file:
        low, high = 0, len(ranks) - 1
    else:
        low, high = 0, first_perwira - 1
    lead = post.commander if post is not None and post.commander is not None else leader
    if lead is not None:
        high = min(high, ranks.index(lead))
    return (ranks[low] if low > 0 else None), (ranks[high] if high < len(ranks) - 1 else None)


def leader_rank(post: Post | None, policy: Policy) -> str:
    """The least rank of the leader head of a large team (`policy.teams`): at a post that asks
    for perwira, at least its first perwira rank, so that the leader is not junior to the
    members."""
    least = policy.teams.leader_least_rank
    perwira = policy.rank_roles.perwira_from
    if (
        post is not None
        and post.perwira
        and policy.ranks.index(least) < policy.ranks.index(perwira)
    ):
        return perwira
    return least


def needs_leader(post: Post | None, members: int, policy: Policy) -> bool:
    """A team (the heads of one post in one shift, commander heads not counted) gets a leader
    head when it is larger than `policy.teams.leader_above` and its post names no commander."""
    has_own = post is not None and post.commander is not None
    return not has_own and members > policy.teams.leader_above


class _Key(NamedTuple):
    date: date
    shift: str
    site: str
    post: str
    skill: str
    min_rank: str | None
    kind: HeadKind
    source: str
    rank_from: str | None = None
    rank_to: str | None = None


class _Team:
    """The member heads of one post in one shift, gathered before the rank band of its members
    is known (it depends on whether the team gets a leader)."""

    def __init__(self, post: Post | None) -> None:
        self.post = post
        self.heads: dict[tuple[str, HeadKind, str], int] = defaultdict(int)
        """(skill, kind, source) to heads."""


def derive_demand(scenario: Scenario) -> Demand:
    """Heads needed in every slot: posts, commanders, visits, the reserve, and a leader for
    every team larger than a regu."""
    op, policy = scenario.operation, scenario.policy
    zone = ZoneInfo(op.operation.timezone)
    slots = op.slots()
    heads: dict[_Key, int] = defaultdict(int)
    teams: dict[tuple[date, str, str, str], _Team] = {}

    def team(slot: Slot, site: str, post_id: str, post: Post | None) -> _Team:
        key = (slot.date, slot.shift, site, post_id)
        if key not in teams:
            teams[key] = _Team(post)
        return teams[key]

    for slot in slots:
        for site in op.sites:
            for post in site.posts:
                if not post.active(slot.date, slot.shift):
                    continue
                kind = _RING_KIND[post.ring]
                members = team(slot, site.id, post.id, post)
                for skill, count in post.need.items():
                    members.heads[(skill, kind, "post")] += count
                if post.commander is not None:
                    key = _Key(
                        slot.date,
                        slot.shift,
                        site.id,
                        post.id,
                        COMMAND,
                        post.commander,
                        "commander",
                        "commander",
                    )
                    heads[key] += 1

    for candidate in scenario.arrivals.candidates:
        for visit in candidate.visits:
            start, end = visit.window(policy.visits, zone)
            post_id = f"visit:{candidate.id}"
            source = f"visit:{visit.purpose}"
            for slot in slots:
                if overlaps(slot, start, end):
                    members = team(slot, visit.site, post_id, None)
                    for skill, count, kind in visit_heads(visit, candidate, policy):
                        members.heads[(skill, kind, source)] += count

    def staff(key: tuple[date, str, str, str], members: _Team) -> None:
        """The team's member heads, and its leader head where it is large enough."""
        day, shift, site, post_id = key
        size = sum(members.heads.values())
        leader = leader_rank(members.post, policy)
        led = size > 0 and needs_leader(members.post, size, policy)
        band = member_band(members.post, policy, leader if led else None)
        for (skill, kind, source), count in members.heads.items():
            heads[_Key(day, shift, site, post_id, skill, None, kind, source, *band)] += count
        if led:
            heads[_Key(day, shift, site, post_id, COMMAND, leader, "commander", "leader")] += 1

    for where, members in teams.items():
        staff(where, members)

    # Decimal, so that 10% of 30 heads is 3, not ceil(3.0000000000000004) = 4.
    fraction = Decimal(str(policy.reserve.fraction))
    if fraction > 0:
        per_slot: dict[tuple[date, str], int] = defaultdict(int)
        for k, count in heads.items():
            per_slot[(k.date, k.shift)] += count
        for slot in slots:
            reserve = math.ceil(fraction * per_slot[(slot.date, slot.shift)])
            members = _Team(None)
            members.heads[(policy.reserve.skill, "reserve", "reserve")] = reserve
            staff((slot.date, slot.shift, policy.reserve.site, RESERVE_POST), members)

    # Neutrality: where an officer is tied to a candidate, every head at the site of that
    # candidate's visit, in a shift that overlaps the visit's window, is kept from them.
    tied = {c for p in scenario.roster.personnel for c in p.ties}
    avoid: dict[tuple[date, str, str], set[str]] = defaultdict(set)
    for candidate in scenario.arrivals.candidates:
        if candidate.id not in tied:
            continue
        for visit in candidate.visits:
            start, end = visit.window(policy.visits, zone)
            for slot in slots:
                if overlaps(slot, start, end):
                    avoid[(slot.date, slot.shift, visit.site)].add(candidate.id)

    order = {(s.date, s.shift): i for i, s in enumerate(slots)}
    needs = [
        Need(
            date=k.date,
            shift=k.shift,
            site=k.site,
            post=k.post,
            skill=k.skill,
            heads=count,
            min_rank=k.min_rank,
            rank_from=k.rank_from,
            rank_to=k.rank_to,
            avoid=tuple(sorted(avoid.get((k.date, k.shift, k.site), ()))),
            kind=k.kind,
            weight=getattr(policy.priorities, k.kind),
            source=k.source,
        )
        for k, count in heads.items()
        if count > 0
    ]
    needs.sort(
        key=lambda n: (
            order[(n.date, n.shift)],
            n.site,
            n.post,
            n.skill,
            n.min_rank or "",
            n.rank_from or "",
            n.rank_to or "",
        )
    )
    return Demand(slots=slots, needs=needs)
