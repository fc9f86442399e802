"""Scenario to heads needed per (date, shift, site, post, skill): the demand rules of the spec.

The one home of those rules; `plan` and `checklist` derive demand here. The shifts of each day
and a visit's window belong to the models (`OperationFile.slots`, `Visit.window`), so that
`validate` reads them the same way.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sinjai_ops.demand_voting import duty_window
from sinjai_ops.models.arrivals import Candidate, Visit
from sinjai_ops.models.operation import Post
from sinjai_ops.models.plan import COMMAND, RESERVE_POST, Demand, HeadKind, Need, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import ANY_SKILL

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


class _Tally:
    """The demand as the rules gather it: the heads by key, and the teams whose member heads
    wait for their rank band (`_staff`)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.policy = scenario.policy
        self.zone = ZoneInfo(scenario.operation.operation.timezone)
        self.slots = scenario.operation.slots()
        self.heads: dict[_Key, int] = defaultdict(int)
        self.teams: dict[tuple[date, str, str, str], _Team] = {}

    def team(self, slot: Slot, site: str, post_id: str, post: Post | None) -> _Team:
        """The team of a post (or visit) in a slot, new when it has none yet."""
        key = (slot.date, slot.shift, site, post_id)
        if key not in self.teams:
            self.teams[key] = _Team(post)
        return self.teams[key]


def _post_members(tally: _Tally) -> None:
    """The heads each active post asks for, of the kind its ring gives it."""
    for slot in tally.slots:
        for site in tally.scenario.operation.sites:
            for post in site.posts:
                if not post.active(slot.date, slot.shift):
                    continue
                members = tally.team(slot, site.id, post.id, post)
                for skill, count in post.need.items():
                    members.heads[(skill, _RING_KIND[post.ring], "post")] += count


def _post_commanders(tally: _Tally) -> None:
    """The commander head of each active post that names a commander's rank."""
    for slot in tally.slots:
        for site in tally.scenario.operation.sites:
            for post in site.posts:
                if post.commander is None or not post.active(slot.date, slot.shift):
                    continue
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
                tally.heads[key] += 1


def _visits(tally: _Tally) -> None:
    """The crowd, escort and protection heads of each visit, at its site, in every shift that
    overlaps its window (`visit_heads`)."""
    for candidate in tally.scenario.arrivals.candidates:
        for visit in candidate.visits:
            start, end = visit.window(tally.policy.visits, tally.zone)
            post_id = f"visit:{candidate.id}"
            source = f"visit:{visit.purpose}"
            for slot in tally.slots:
                if overlaps(slot, start, end):
                    members = tally.team(slot, visit.site, post_id, None)
                    for skill, count, kind in visit_heads(visit, candidate, tally.policy):
                        members.heads[(skill, kind, source)] += count


def _staff(tally: _Tally, key: tuple[date, str, str, str], members: _Team) -> None:
    """The team's member heads, and its leader head where it is large enough."""
    day, shift, site, post_id = key
    policy = tally.policy
    size = sum(members.heads.values())
    leader = leader_rank(members.post, policy)
    led = size > 0 and needs_leader(members.post, size, policy)
    band = member_band(members.post, policy, leader if led else None)
    for (skill, kind, source), count in members.heads.items():
        tally.heads[_Key(day, shift, site, post_id, skill, None, kind, source, *band)] += count
    if led:
        tally.heads[_Key(day, shift, site, post_id, COMMAND, leader, "commander", "leader")] += 1


def _team_leaders(tally: _Tally) -> None:
    """Every team's member heads in the rank band it allows, and a leader head (a commander
    head) for every team larger than a regu."""
    for where, members in tally.teams.items():
        _staff(tally, where, members)


def _reserve(tally: _Tally) -> None:
    """The reserve of each shift: its fraction of the heads of the shift, rounded up, staffed
    like a team (with a leader when large enough)."""
    policy = tally.policy
    # Decimal, so that 10% of 30 heads is 3, not ceil(3.0000000000000004) = 4.
    fraction = Decimal(str(policy.reserve.fraction))
    if fraction <= 0:
        return
    per_slot: dict[tuple[date, str], int] = defaultdict(int)
    for k, count in tally.heads.items():
        per_slot[(k.date, k.shift)] += count
    replaced = _voting_reserve_day(tally)
    for slot in tally.slots:
        if slot.date == replaced:
            continue
        reserve = math.ceil(fraction * per_slot[(slot.date, slot.shift)])
        members = _Team(None)
        members.heads[(policy.reserve.skill, "reserve", "reserve")] = reserve
        _staff(tally, (slot.date, slot.shift, policy.reserve.site, RESERVE_POST), members)


def _voting_reserve_day(tally: _Tally) -> date | None:
    """The voting day, when `voting.reserve` replaces the policy's reserve on it."""
    voting = tally.scenario.operation.voting
    return voting.date if voting is not None and voting.reserve is not None else None


def _voting_reserve(tally: _Tally) -> None:
    """On the voting day, `voting.reserve`: its `officers` heads of any skill and a commander
    head of at least the Padal's least rank, at post `reserve` of its site, in every shift of
    that day that overlaps the TPS duty (formats.md, "Voting day")."""
    voting = tally.scenario.operation.voting
    if voting is None or voting.reserve is None:
        return
    start, end = duty_window(voting, tally.zone)
    lead = voting.padal.least_rank
    band = member_band(None, tally.policy, lead)
    site = voting.reserve.site
    for slot in tally.slots:
        if slot.date != voting.date or not overlaps(slot, start, end):
            continue
        where = (slot.date, slot.shift, site, RESERVE_POST)
        if voting.reserve.officers:
            key = _Key(*where, ANY_SKILL, None, "reserve", "reserve", *band)
            tally.heads[key] += voting.reserve.officers
        tally.heads[_Key(*where, COMMAND, lead, "commander", "leader")] += 1


class Rule(NamedTuple):
    """One demand rule: the kinds of head it adds, and how."""

    kinds: tuple[HeadKind, ...]
    add: Callable[[_Tally], None]


RULES: tuple[Rule, ...] = (
    Rule(("ring1", "ring2", "ring3", "post"), _post_members),
    Rule(("commander",), _post_commanders),
    Rule(("crowd", "escort", "protection"), _visits),
    Rule(("commander",), _team_leaders),
    Rule(("reserve",), _reserve),
    Rule(("reserve", "commander"), _voting_reserve),
)
"""The demand rules, in the order they apply: the only place they are listed. The reserve
comes last, since it is a fraction of the heads of the others."""


def _avoid(tally: _Tally) -> dict[tuple[date, str, str], set[str]]:
    """Neutrality: where an officer is tied to a candidate, every head at the site of that
    candidate's visit, in a shift that overlaps the visit's window, is kept from them."""
    tied = {c for p in tally.scenario.roster.personnel for c in p.ties}
    avoid: dict[tuple[date, str, str], set[str]] = defaultdict(set)
    for candidate in tally.scenario.arrivals.candidates:
        if candidate.id not in tied:
            continue
        for visit in candidate.visits:
            start, end = visit.window(tally.policy.visits, tally.zone)
            for slot in tally.slots:
                if overlaps(slot, start, end):
                    avoid[(slot.date, slot.shift, visit.site)].add(candidate.id)
    return avoid


def derive_demand(scenario: Scenario) -> Demand:
    """Heads needed in every slot: posts, commanders, visits, the reserve, and a leader for
    every team larger than a regu (`RULES`)."""
    tally = _Tally(scenario)
    for rule in RULES:
        rule.add(tally)
    avoid = _avoid(tally)
    policy, slots = tally.policy, tally.slots
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
        for k, count in tally.heads.items()
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
