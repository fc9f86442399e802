"""The plan put together from the named heads: the sorted assignments, what is missing (and the
BKO request for it), the measures of its quality, and the site commanders."""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from datetime import date

from sinjai_ops.models.plan import (
    Assignment,
    Demand,
    Load,
    Person,
    Plan,
    Quality,
    Reinforcement,
    Shortfall,
    SiteCommander,
    day_figures,
)
from sinjai_ops.models.received import member_of
from sinjai_ops.models.roster import Person as Member
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.names import names_for_people
from sinjai_ops.rules import role_of

Head = tuple[date, str, str, str, str]


def assemble_plan(
    scenario: Scenario,
    demand: Demand,
    names: dict[int, list[str]],
    status: str,
    weighted: int,
    bound: int,
    load_bound: int | None,
) -> Plan:
    """The plan of the needs of `demand` with the officers `names` gives each (by need), and the
    solve's status, weighted heads filled, bound on them, and lower bound on the busiest load."""
    shift_order = {s.id: i for i, s in enumerate(scenario.operation.shifts)}
    assignments = _assignments(demand, names, shift_order)
    shortfalls, reinforcements = _missing(demand, names, shift_order)
    people = {p.nrp: p for p in scenario.roster.personnel}
    plottable = _plottable(scenario, demand)
    quality = _quality(demand, assignments, plottable, status, weighted, bound, load_bound)
    named = sorted({a.nrp for a in assignments})
    operation = scenario.operation.operation
    return Plan(
        operation=operation.name,
        unit=operation.unit,
        start=operation.start,
        end=operation.end,
        timezone=operation.timezone,
        language=operation.language,
        inputs=scenario.inputs,
        assignments=assignments,
        shortfalls=shortfalls,
        conflicts=scenario.arrivals.rival_conflicts(scenario.policy.rivals.min_gap_minutes),
        reinforcements=reinforcements,
        quality=quality,
        days=day_figures(demand.slots, assignments, shortfalls),
        people=[
            Person(nrp=n, name=people[n].name, rank=people[n].rank, unit=people[n].unit)
            for n in named
        ],
        slots=demand.slots,
        commanders=_commanders(assignments, people, scenario),
        perwira_as_members=_perwira_as_members(assignments, people, demand, scenario),
        names=names_for_people(scenario),
        plottable=sorted(plottable),
        rest=scenario.policy.rest,
    )


def _assignments(
    demand: Demand, names: dict[int, list[str]], shift_order: dict[str, int]
) -> list[Assignment]:
    """One assignment per named head, by date, shift, site, post, skill and NRP."""
    return sorted(
        (
            Assignment(
                date=need.date,
                shift=need.shift,
                site=need.site,
                post=need.post,
                skill=need.skill,
                nrp=nrp,
            )
            for n, need in enumerate(demand.needs)
            for nrp in names.get(n, [])
        ),
        key=lambda a: (a.date, shift_order[a.shift], a.site, a.post, a.skill, a.nrp),
    )


def _missing(
    demand: Demand, names: dict[int, list[str]], shift_order: dict[str, int]
) -> tuple[list[Shortfall], list[Reinforcement]]:
    """The heads left open, and the BKO request for them: one line per date, shift, site, post
    and skill (the file contract), with the heaviest weight among its needs."""
    missing: Counter[Head] = Counter()
    weight: dict[Head, int] = {}
    for n, need in enumerate(demand.needs):
        gap = need.heads - len(names.get(n, []))
        if gap:
            key = (need.date, need.shift, need.site, need.post, need.skill)
            missing[key] += gap
            weight[key] = max(weight.get(key, 0), need.weight)
    ordered = sorted(missing.items(), key=lambda kv: (kv[0][0], shift_order[kv[0][1]], *kv[0][2:]))
    shortfalls = [
        Shortfall(date=d, shift=sh, site=site, post=post, skill=skill, missing=k)
        for (d, sh, site, post, skill), k in ordered
    ]
    reinforcements = [
        Reinforcement(
            date=d,
            shift=sh,
            site=site,
            post=post,
            skill=skill,
            missing=k,
            weight=weight[(d, sh, site, post, skill)],
        )
        for (d, sh, site, post, skill), k in ordered
    ]
    return shortfalls, reinforcements


def _plottable(scenario: Scenario, demand: Demand) -> list[str]:
    """The NRPs of the officers who may fill some head of the operation on some day."""
    days = sorted({s.date for s in demand.slots})
    roles = sorted({role_of(n) for n in demand.needs})
    policy = scenario.policy
    return [
        p.nrp
        for p in scenario.roster.personnel
        if any(role.fits(p, d, policy) for d in days for role in roles)
    ]


def _quality(
    demand: Demand,
    assignments: list[Assignment],
    plottable: list[str],
    status: str,
    weighted: int,
    bound: int,
    load_bound: int | None,
) -> Quality:
    """The plan's measures: heads filled against the bound, the load of the officers who may
    work, and the site changes."""
    loads = Counter(a.nrp for a in assignments)
    counts = sorted(loads.get(nrp, 0) for nrp in plottable) or [0]
    min_weight = min((n.weight for n in demand.needs), default=1)
    return Quality(
        status=status,
        heads_needed=sum(n.heads for n in demand.needs),
        heads_filled=len(assignments),
        weighted_filled=weighted,
        weighted_bound=bound,
        heads_gap=(bound - weighted) // min_weight,
        load=Load(
            min=counts[0],
            median=float(statistics.median(counts)),
            max=counts[-1],
            max_lower_bound=None if load_bound is None else min(load_bound, counts[-1]),
        ),
        site_changes=_site_changes(assignments, demand),
    )


def _perwira_as_members(
    assignments: list[Assignment],
    people: dict[str, Member],
    demand: Demand,
    scenario: Scenario,
) -> list[Assignment]:
    """The assignments that put an officer (perwira) in a head that asks for no rank."""
    member_roles = {
        (n.date, n.shift, n.site, n.post, n.skill)
        for n in demand.needs
        if not n.min_rank and not n.rank_from
    }
    return [
        a
        for a in assignments
        if (a.date, a.shift, a.site, a.post, a.skill) in member_roles
        and scenario.policy.perwira(people[a.nrp].rank)
    ]


def _site_changes(assignments: list[Assignment], demand: Demand) -> int:
    """How often an officer's next shift is at another site than the one before."""
    order = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    sites: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for a in assignments:
        sites[a.nrp].append((order[(a.date, a.shift)], a.site))
    return sum(
        1
        for worked in sites.values()
        for (_, a), (_, b) in itertools.pairwise(sorted(worked))
        if a != b
    )


def _commanders(
    assignments: list[Assignment], people: dict[str, Member], scenario: Scenario
) -> list[SiteCommander]:
    """The commander of each site in each shift: its highest-ranking officer (the lowest NRP
    among equals)."""
    ranks = scenario.policy.ranks
    best: dict[tuple[date, str, str], tuple[int, str]] = {}
    for a in assignments:
        if member_of(a.nrp) is not None:
            continue  # a received unit's member leads nothing: his unit's commander leads him
        key = (a.date, a.shift, a.site)
        rank = ranks.index(people[a.nrp].rank)
        if key not in best or (-rank, a.nrp) < (-best[key][0], best[key][1]):
            best[key] = (rank, a.nrp)
    shift_order = {s.id: i for i, s in enumerate(scenario.operation.shifts)}
    return [
        SiteCommander(date=d, shift=sh, site=site, nrp=nrp)
        for (d, sh, site), (_, nrp) in sorted(
            best.items(), key=lambda kv: (kv[0][0], shift_order[kv[0][1]], kv[0][2])
        )
    ]
