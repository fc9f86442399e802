"""The solve stage: demand in, a plan with named officers and an account of its quality out."""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime

from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.plan import (
    DEFAULT_TIME_LIMIT,
    Assignment,
    Change,
    Demand,
    Duty,
    Load,
    Person,
    Plan,
    Quality,
    Reinforcement,
    Shortfall,
    SiteCommander,
    Slot,
    day_figures,
)
from sinjai_ops.models.roster import Person as Member
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.names import names_for_people
from sinjai_ops.rules import Role, role_of
from sinjai_ops.rules.schedule import Schedule, Start, absent, resume, why_not_then
from sinjai_ops.solve.classes import OfficerClass, officer_classes
from sinjai_ops.solve.decompose import name_officers
from sinjai_ops.solve.model import (
    Coverage,
    Kept,
    NoPlanInTime,
    Outcome,
    best_coverage,
    solve_classes,
)
from sinjai_ops.solve.network import Network, next_free, schedule_network
from sinjai_ops.timings import stage


def make_plan(
    scenario: Scenario,
    demand: Demand,
    time_limit: float = DEFAULT_TIME_LIMIT,
    baseline: list[Assignment] | None = None,
    start: datetime | None = None,
) -> Plan:
    """The plan; with a baseline (an earlier plan), one that moves as few officers as it can
    without filling fewer heads. With `start` too (re-plan from now), every shift of the
    baseline that starts before that moment stays as it was, less the absent officers, and only
    the shifts from then on are planned again, from where the past left each officer."""
    rules = Schedule.of(scenario.policy, scenario.operation)
    after = next_free(demand.slots, rules)
    full = demand
    frozen: dict[int, list[str]] = {}
    starts: dict[str, tuple[Start, int]] | None = None
    moved_to: list[int] = list(range(len(demand.needs)))
    if start is not None:
        first = next(
            (t for t, s in enumerate(demand.slots) if s.start.timestamp() >= start.timestamp()),
            len(demand.slots),
        )
        frozen, starts = _freeze(scenario, demand, baseline or [], first, after)
        slot_at = {(s.date, s.shift): t for t, s in enumerate(demand.slots)}
        moved_to = [
            n for n, need in enumerate(demand.needs) if slot_at[(need.date, need.shift)] >= first
        ]
        demand = demand.model_copy(update={"needs": [demand.needs[n] for n in moved_to]})
    classes, roles_at, networks, pins, pins_at = _model_inputs(
        scenario, demand, rules, after, starts
    )
    names: dict[int, list[str]] = {}
    load_bound: int | None
    if not demand.needs:
        status, weighted, bound, load_bound = "nothing-to-plan", 0, 0, 0
    elif not classes:
        # Nobody may fill any head: the empty plan is the best there is.
        status, weighted, bound, load_bound = "optimal", 0, 0, 0
    else:
        before = _baseline_roles(demand, baseline or [])
        busiest = max(Counter(a.nrp for a in baseline or []).values(), default=0)
        kept = _kept_per_class(classes, networks, roles_at, before, busiest) if baseline else None
        try:
            outcome = solve_classes(classes, networks, demand, roles_at, time_limit, kept, pins_at)
        except NoPlanInTime:
            # No plan at all within the time: the greedy fill below makes one, and the bound
            # is every head filled.
            total = sum(n.weight * n.heads for n in demand.needs)
            outcome = Outcome("feasible", (), {}, 0, total, None)
        else:
            with stage("naming"):
                names = name_officers(
                    scenario, demand, classes, networks, outcome, before, after, pins
                )
        named = sum(demand.needs[n].weight * len(v) for n, v in names.items())
        if named != outcome.weighted_filled:
            raise AssertionError(f"named {named} of {outcome.weighted_filled} weighted heads")
        status = outcome.status
        weighted, bound = outcome.weighted_filled, outcome.weighted_bound
        load_bound = outcome.load_lower_bound
    if status == "feasible":
        names = fill_idle(scenario, demand, names, pins)
        weighted = sum(demand.needs[n].weight * len(v) for n, v in names.items())
        bound = max(bound, weighted)
    if start is not None:
        # Back to the needs of the whole operation, with the frozen past beside the new future.
        past = sum(full.needs[n].weight * len(v) for n, v in frozen.items())
        names = {**frozen, **{moved_to[n]: v for n, v in names.items()}}
        weighted, bound = weighted + past, bound + past
    plan = _assemble(scenario, full, names, status, weighted, bound, load_bound)
    if start is not None:
        plan = plan.model_copy(
            update={"quality": plan.quality.model_copy(update={"replanned_from": start})}
        )
    return plan if baseline is None else _compare(plan, baseline, scenario)


def coverage(
    scenario: Scenario, demand: Demand, time_limit: float = DEFAULT_TIME_LIMIT
) -> Coverage | None:
    """The best a fresh plan of the whole operation can fill (`model.best_coverage`), from
    the coverage model alone: no names, no later stages. None when not proven in the time."""
    if not demand.needs:
        return Coverage(weighted=0, heads=0)
    rules = Schedule.of(scenario.policy, scenario.operation)
    after = next_free(demand.slots, rules)
    classes, roles_at, networks, _, pins_at = _model_inputs(scenario, demand, rules, after)
    if not classes:
        return Coverage(weighted=0, heads=0)
    return best_coverage(classes, networks, demand, roles_at, time_limit, pins_at)


def _model_inputs(
    scenario: Scenario,
    demand: Demand,
    rules: Schedule,
    after: list[int],
    starts: dict[str, tuple[Start, int]] | None = None,
) -> tuple[
    list[OfficerClass],
    list[dict[int, list[Role]]],
    list[Network],
    dict[tuple[str, int], int],
    list[tuple[int, int, Role, int]],
]:
    """What the model is built from: the classes of officers, the roles each may fill in each
    slot, their schedule networks, and the pins (by NRP and slot, and by class)."""
    classes = officer_classes(scenario, demand, starts)
    day_index = {d: i for i, d in enumerate(sorted({s.date for s in demand.slots}))}
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    needed: dict[int, set[Role]] = defaultdict(set)
    for need in demand.needs:
        needed[slot_index[(need.date, need.shift)]].add(role_of(need))
    roles_at: list[dict[int, list[Role]]] = []
    for cls in classes:
        mine: dict[int, list[Role]] = {}
        for slot, roles in needed.items():
            if slot in cls.blocked or slot < cls.start[0]:
                continue
            usable = roles & cls.roles_by_day[day_index[demand.slots[slot].date]]
            if usable:
                mine[slot] = sorted(usable)
        roles_at.append(mine)
    pins = pinned_needs(scenario, demand)
    class_of = {nrp: c for c, cls in enumerate(classes) for nrp in cls.members}
    pins_at = [
        (class_of[nrp], slot, role_of(demand.needs[n]), demand.needs[n].weight)
        for (nrp, slot), n in sorted(pins.items())
        if nrp in class_of
    ]
    networks = [
        schedule_network(demand.slots, frozenset(mine), after, rules, cls.start)
        for mine, cls in zip(roles_at, classes, strict=True)
    ]
    return classes, roles_at, networks, pins, pins_at


def _freeze(
    scenario: Scenario,
    demand: Demand,
    baseline: list[Assignment],
    first: int,
    after: list[int],
) -> tuple[dict[int, list[str]], dict[str, tuple[Start, int]]]:
    """The baseline's assignments of the shifts before slot `first`, less the officers absent
    then, by need; and for every officer where they stand from `first` on (`rules.schedule.
    resume`), and the shifts they worked before it."""
    slots = demand.slots
    slot_at = {(s.date, s.shift): t for t, s in enumerate(slots)}
    need_at = {(n.date, n.shift, n.site, n.post, n.skill): k for k, n in enumerate(demand.needs)}
    frozen: dict[int, list[str]] = defaultdict(list)
    worked: dict[str, list[int]] = defaultdict(list)
    for a in baseline:
        t = slot_at.get((a.date, a.shift))
        n = need_at.get((a.date, a.shift, a.site, a.post, a.skill))
        if t is None or n is None or t >= first:
            continue
        if scenario.adjustments.absence_during(a.nrp, slots[t].start, slots[t].end):
            continue
        if len(frozen[n]) < demand.needs[n].heads:
            frozen[n].append(a.nrp)
            worked[a.nrp].append(t)
    rules = Schedule.of(scenario.policy, scenario.operation)
    starts: dict[str, tuple[Start, int]] = {}
    for person in scenario.roster.personnel:
        mine = sorted(worked.get(person.nrp, []))
        starts[person.nrp] = (resume(rules, slots, mine, first, after), len(mine))
    return {n: sorted(v) for n, v in frozen.items()}, starts


def pinned_needs(scenario: Scenario, demand: Demand) -> dict[tuple[str, int], int]:
    """(NRP, slot) to the index of the need each pin of adjustments.yaml fills (validate has
    made sure that each fits exactly one head there)."""
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    people = {p.nrp: p for p in scenario.roster.personnel}
    out: dict[tuple[str, int], int] = {}
    for pin in scenario.adjustments.pins:
        for n, need in enumerate(demand.needs):
            same = (need.date, need.shift, need.site, need.post) == (
                pin.date,
                pin.shift,
                pin.site,
                pin.post,
            )
            if not same or (pin.skill is not None and need.skill != pin.skill):
                continue
            if role_of(need).fits(people[pin.nrp], need.date, scenario.policy):
                out[(pin.nrp, slot_index[(pin.date, pin.shift)])] = n
                break
    return out


def _baseline_roles(
    demand: Demand, baseline: list[Assignment]
) -> dict[str, dict[int, tuple[str, Role]]]:
    """NRP to slot to (post, role) in the baseline, for the heads that still exist."""
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    roles = {(n.date, n.shift, n.site, n.post, n.skill): role_of(n) for n in demand.needs}
    out: dict[str, dict[int, tuple[str, Role]]] = defaultdict(dict)
    for a in baseline:
        role = roles.get((a.date, a.shift, a.site, a.post, a.skill))
        if role is not None:
            out[a.nrp][slot_index[(a.date, a.shift)]] = (a.post, role)
    return dict(out)


def _kept_per_class(
    classes: list[OfficerClass],
    networks: list[Network],
    roles_at: list[dict[int, list[Role]]],
    before: dict[str, dict[int, tuple[str, Role]]],
    busiest: int,
) -> Kept:
    roles: Counter[tuple[int, int, Role]] = Counter()
    arcs: Counter[tuple[int, int]] = Counter()
    for c, (cls, net) in enumerate(zip(classes, networks, strict=True)):
        leaving: dict[int, list[int]] = defaultdict(list)
        for k, arc in enumerate(net.arcs):
            leaving[arc.tail].append(k)
        for nrp in cls.members:
            had = before.get(nrp, {})
            for slot, (_, role) in had.items():
                if role in roles_at[c].get(slot, []):
                    roles[(c, slot, role)] += 1
            # The member's baseline schedule as a path: work where it worked and may still.
            node = net.source
            while node != net.sink and had:
                slot = net.node_slot[node]
                work = [k for k in leaving[node] if net.arcs[k].slot is not None]
                if work and slot in had:
                    arcs[(c, work[0])] += 1
                    node = net.arcs[work[0]].head
                else:
                    node = next(net.arcs[k].head for k in leaving[node] if net.arcs[k].slot is None)
    return Kept(dict(roles), dict(arcs), busiest)


def _compare(plan: Plan, baseline: list[Assignment], scenario: Scenario) -> Plan:
    def duties(items: list[Assignment]) -> dict[tuple[str, date, str], Duty]:
        return {
            (a.nrp, a.date, a.shift): Duty(site=a.site, post=a.post, skill=a.skill) for a in items
        }

    old, new = duties(baseline), duties(plan.assignments)
    shift_order = {s.shift: s.order for s in plan.slots}
    slots = {(s.date, s.shift): s for s in plan.slots}

    def why(nrp: str, day: date, shift: str) -> Msg | None:
        slot = slots.get((day, shift))
        absence = scenario.adjustments.absence_during(nrp, slot.start, slot.end) if slot else None
        if absence is not None:
            return t("absent: {reason}", reason=absence.reason) if absence.reason else t("absent")
        return None

    changes = [
        Change(
            nrp=nrp,
            date=day,
            shift=shift,
            before=old.get(key),
            after=new.get(key),
            reason=str(said) if said else None,
            msg=said,
        )
        for key in sorted(
            set(old) | set(new), key=lambda k: (k[1], shift_order.get(k[2], -1), k[2], k[0])
        )
        for nrp, day, shift in [key]
        if old.get(key) != new.get(key)
        for said in [why(nrp, day, shift)]
    ]
    kept = sum(1 for key, duty in old.items() if new.get(key) == duty)
    quality = plan.quality.model_copy(update={"kept": kept, "moved": len(old) - kept})
    # The changes name everyone they move, the officer who no longer has any duty too.
    named = {p.nrp for p in plan.people}
    members = {p.nrp: p for p in scenario.roster.personnel}
    released = [
        Person(nrp=n, name=members[n].name, rank=members[n].rank, unit=members[n].unit)
        for n in sorted({c.nrp for c in changes} - named)
        if n in members
    ]
    people = sorted([*plan.people, *released], key=lambda p: p.nrp)
    return plan.model_copy(update={"changes": changes, "quality": quality, "people": people})


def fill_idle(
    scenario: Scenario,
    demand: Demand,
    names: dict[int, list[str]],
    pins: dict[tuple[str, int], int] | None = None,
) -> dict[int, list[str]]:
    """After a solve stopped early: give every open head to an officer who may take it without
    breaking a rule, shift by shift, the heaviest heads and the least busy officers first.
    Pins come first; an absent officer is not given the shifts of the absence."""
    policy = scenario.policy
    rules = Schedule.of(policy, scenario.operation)
    slots = demand.slots
    index = {(s.date, s.shift): i for i, s in enumerate(slots)}
    worked: dict[str, list[Slot]] = defaultdict(list)
    for n, nrps in names.items():
        t = index[(demand.needs[n].date, demand.needs[n].shift)]
        for nrp in nrps:
            worked[nrp].append(slots[t])
    out = {n: list(v) for n, v in names.items()}
    for (nrp, t), n in sorted((pins or {}).items()):
        if nrp not in out.get(n, []) and slots[t] not in worked[nrp]:
            out.setdefault(n, []).append(nrp)
            worked[nrp].append(slots[t])

    def _slot_of(n: int) -> int:
        return index[(demand.needs[n].date, demand.needs[n].shift)]

    candidates: dict[tuple[int, Role], list[Member]] = {}
    # In time order, so that "least busy" is current; heaviest heads first within a shift.
    for n in sorted(
        range(len(demand.needs)), key=lambda n: (_slot_of(n), -demand.needs[n].weight, n)
    ):
        need = demand.needs[n]
        t = index[(need.date, need.shift)]
        role = role_of(need)
        key = (t, role)
        if key not in candidates:
            eligible = [p for p in scenario.roster.personnel if role.fits(p, need.date, policy)]

            def last_resort(p: Member, role: Role = role) -> bool:
                return not role.leads and not role.rank_from and policy.perwira(p.rank)

            candidates[key] = sorted(
                eligible, key=lambda p: (last_resort(p), len(worked[p.nrp]), p.nrp)
            )
        for person in candidates[key]:
            if len(out.get(n, [])) >= need.heads:
                break
            mine = worked[person.nrp]
            if why_not_then(rules, mine, slots[t]) or absent(
                scenario.adjustments, person.nrp, slots[t]
            ):
                continue
            out.setdefault(n, []).append(person.nrp)
            mine.append(slots[t])
    return {n: sorted(v) for n, v in out.items()}


def _assemble(
    scenario: Scenario,
    demand: Demand,
    names: dict[int, list[str]],
    status: str,
    weighted: int,
    bound: int,
    load_bound: int | None,
) -> Plan:
    shift_order = {s.id: i for i, s in enumerate(scenario.operation.shifts)}

    def order(d: date, shift: str, *rest: str) -> tuple[object, ...]:
        return (d, shift_order[shift], *rest)

    assignments = sorted(
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
    missing: Counter[tuple[date, str, str, str, str]] = Counter()
    weight: dict[tuple[date, str, str, str, str], int] = {}
    for n, need in enumerate(demand.needs):
        gap = need.heads - len(names.get(n, []))
        if gap:
            key = (need.date, need.shift, need.site, need.post, need.skill)
            missing[key] += gap
            weight[key] = max(weight.get(key, 0), need.weight)
    ordered = sorted(missing.items(), key=lambda kv: order(*kv[0]))
    shortfalls = [
        Shortfall(date=d, shift=sh, site=site, post=post, skill=skill, missing=k)
        for (d, sh, site, post, skill), k in ordered
    ]
    # The BKO request: one line per date, shift, site, post and skill (the file contract).
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

    people = {p.nrp: p for p in scenario.roster.personnel}
    loads = Counter(a.nrp for a in assignments)
    days = sorted({s.date for s in demand.slots})
    roles = sorted({role_of(n) for n in demand.needs})
    policy = scenario.policy
    plottable = [
        p.nrp
        for p in scenario.roster.personnel
        if any(role.fits(p, d, policy) for d in days for role in roles)
    ]
    counts = sorted(loads.get(nrp, 0) for nrp in plottable) or [0]
    heads_filled = len(assignments)
    min_weight = min((n.weight for n in demand.needs), default=1)
    quality = Quality(
        status=status,
        heads_needed=sum(n.heads for n in demand.needs),
        heads_filled=heads_filled,
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
    commanders = _commanders(assignments, people, scenario)
    member_roles = {
        (n.date, n.shift, n.site, n.post, n.skill)
        for n in demand.needs
        if not n.min_rank and not n.rank_from
    }
    as_members = [
        a
        for a in assignments
        if (a.date, a.shift, a.site, a.post, a.skill) in member_roles
        and policy.perwira(people[a.nrp].rank)
    ]
    named = sorted(loads)
    return Plan(
        operation=scenario.operation.operation.name,
        unit=scenario.operation.operation.unit,
        start=scenario.operation.operation.start,
        end=scenario.operation.operation.end,
        timezone=scenario.operation.operation.timezone,
        language=scenario.operation.operation.language,
        inputs=scenario.inputs,
        assignments=assignments,
        shortfalls=shortfalls,
        conflicts=scenario.arrivals.rival_conflicts(policy.rivals.min_gap_minutes),
        reinforcements=reinforcements,
        quality=quality,
        days=day_figures(demand.slots, assignments, shortfalls),
        people=[
            Person(nrp=n, name=people[n].name, rank=people[n].rank, unit=people[n].unit)
            for n in named
        ],
        slots=demand.slots,
        commanders=commanders,
        perwira_as_members=as_members,
        names=names_for_people(scenario),
        plottable=sorted(plottable),
    )


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
    ranks = scenario.policy.ranks
    best: dict[tuple[date, str, str], tuple[int, str]] = {}
    for a in assignments:
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
