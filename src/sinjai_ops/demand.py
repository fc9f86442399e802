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


def member_band(post: Post | None, policy: Policy) -> tuple[str | None, str | None]:
    """The ranks that may fill a member head (not the commander head) of a post, or of a visit
    or the reserve (`post` None): perwira only at a post that asks for them; below perwira
    elsewhere, unless the policy lets perwira stand in as a last resort; and never above the
    rank the post's commander head asks, so that its commander is the most senior there."""
    ranks = policy.ranks
    first_perwira = ranks.index(policy.rank_roles.perwira_from)
    if post is not None and post.perwira:
        low, high = first_perwira, len(ranks) - 1
    elif policy.rank_roles.perwira_on_rank_and_file:
        low, high = 0, len(ranks) - 1
    else:
        low, high = 0, first_perwira - 1
    if post is not None and post.commander is not None:
        high = min(high, ranks.index(post.commander))
    return (ranks[low] if low > 0 else None), (ranks[high] if high < len(ranks) - 1 else None)


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


def derive_demand(scenario: Scenario) -> Demand:
    """Heads needed in every slot: posts, commanders, visits, and the reserve."""
    op, policy = scenario.operation, scenario.policy
    zone = ZoneInfo(op.operation.timezone)
    slots = op.slots()
    rank_and_file = member_band(None, policy)
    heads: dict[_Key, int] = defaultdict(int)

    for slot in slots:
        for site in op.sites:
            for post in site.posts:
                if not post.active(slot.date, slot.shift):
                    continue
                kind = _RING_KIND[post.ring]
                band = member_band(post, policy)
                for skill, count in post.need.items():
                    heads[
                        _Key(
                            slot.date,
                            slot.shift,
                            site.id,
                            post.id,
                            skill,
                            None,
                            kind,
                            "post",
                            *band,
                        )
                    ] += count
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
                    for skill, count, kind in visit_heads(visit, candidate, policy):
                        key = _Key(
                            slot.date,
                            slot.shift,
                            visit.site,
                            post_id,
                            skill,
                            None,
                            kind,
                            source,
                            *rank_and_file,
                        )
                        heads[key] += count

    # Decimal, so that 10% of 30 heads is 3, not ceil(3.0000000000000004) = 4.
    fraction = Decimal(str(policy.reserve.fraction))
    if fraction > 0:
        per_slot: dict[tuple[date, str], int] = defaultdict(int)
        for key, count in heads.items():
            per_slot[(key.date, key.shift)] += count
        for slot in slots:
            reserve = math.ceil(fraction * per_slot[(slot.date, slot.shift)])
            key = _Key(
                slot.date,
                slot.shift,
                policy.reserve.site,
                RESERVE_POST,
                policy.reserve.skill,
                None,
                "reserve",
                "reserve",
                *rank_and_file,
            )
            heads[key] += reserve

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
