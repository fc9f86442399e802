"""The solve stage: demand in, a plan with named officers and an account of its quality out."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from sinjai_ops.demand_voting import derive_voting
from sinjai_ops.models.plan import DEFAULT_TIME_LIMIT, Assignment, Demand, Plan, Slot
from sinjai_ops.models.roster import Person as Member
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import PadalDuty, TpsGroup
from sinjai_ops.rules import Role, role_of
from sinjai_ops.rules.schedule import Schedule, Start, absent, why_not_then
from sinjai_ops.solve.assemble import assemble_plan
from sinjai_ops.solve.baseline import baseline_roles, compare, freeze, kept_per_class
from sinjai_ops.solve.classes import OfficerClass, officer_classes
from sinjai_ops.solve.coverage import Coverage, best_coverage
from sinjai_ops.solve.decompose import name_officers
from sinjai_ops.solve.model import Covered, NoPlanInTime, Outcome, solve_classes
from sinjai_ops.solve.network import Network, next_free, schedule_network
from sinjai_ops.solve.program_rows import Reached
from sinjai_ops.solve.voting import duty_assignments, widen
from sinjai_ops.solve.voting_homes import Homes
from sinjai_ops.solve.voting_names import duty_names, with_voting
from sinjai_ops.timings import stage


def make_plan(
    scenario: Scenario,
    demand: Demand,
    time_limit: float = DEFAULT_TIME_LIMIT,
    baseline: list[Assignment] | None = None,
    start: datetime | None = None,
    duty_before: tuple[list[TpsGroup], list[PadalDuty]] | None = None,
    covered: Covered | None = None,
) -> Plan:
    """The plan; with a baseline (an earlier plan), one that moves as few officers as it can
    without filling fewer heads. With `start` too (re-plan from now), every shift of the
    baseline that starts before that moment stays as it was, less the absent officers, and only
    the shifts from then on are planned again, from where the past left each officer.

    On a voting day (`voting:`), the TPS and Padal duty are planned in the same program
    (`solve.voting`) and named into groups (`voting_names`); `duty_before`: the baseline's TPS
    groups and Padal, kept as its shifts are. `covered`: told, once the coverage is solved,
    the days each skill has heads left empty and what its whole plan reaches
    (`model.solve_classes`)."""
    voting = derive_voting(scenario)
    wide = None if voting is None else widen(scenario, demand, voting)
    operation_demand, published = demand, baseline
    kept: list[Assignment] = []
    if wide is not None:
        demand = wide.demand
        if baseline is not None and duty_before is not None:
            kept = duty_assignments(scenario, wide, *duty_before)
            baseline = baseline + kept
    # Officers at home is an objective of a fresh plan; a re-plan keeps the baseline's places.
    homes = None if wide is None or baseline is not None else Homes(wide)
    rules = Schedule.of(scenario.policy, scenario.operation)
    after = next_free(demand.slots, rules)
    full = demand
    frozen: dict[int, list[str]] = {}
    starts: dict[str, tuple[Start, int]] | None = None
    moved_to: list[int] = list(range(len(demand.needs)))
    if start is not None:
        demand, frozen, starts, moved_to = _future(scenario, demand, baseline or [], start, after)
    status, weighted, bound, load_bound, names = _solve(
        scenario, demand, rules, after, starts, time_limit, baseline, homes, covered
    )
    if start is not None:
        # Back to the needs of the whole operation, with the frozen past beside the new future.
        past = sum(full.needs[n].weight * len(v) for n, v in frozen.items())
        names = {**frozen, **{moved_to[n]: v for n, v in names.items()}}
        weighted, bound = weighted + past, bound + past
    if wide is not None:
        solved = homes is not None and status == "optimal"
        at = duty_names(scenario, homes or Homes(wide), names, solved, kept)
        held = {
            n: (g.kecamatan, g.desa, g.tps[0])
            for g in (duty_before or ([], []))[0]
            for n in g.standing()
        }
        mine = {n: v for n, v in names.items() if n < wide.base}
        plan = assemble_plan(scenario, operation_demand, mine, status, weighted, bound, load_bound)
        plan = with_voting(plan, scenario, wide, at, held)
    else:
        plan = assemble_plan(scenario, full, names, status, weighted, bound, load_bound)
    if start is not None:
        plan = plan.model_copy(
            update={"quality": plan.quality.model_copy(update={"replanned_from": start})}
        )
    return plan if published is None else compare(plan, published, scenario, duty_before)


def _future(
    scenario: Scenario,
    demand: Demand,
    baseline: list[Assignment],
    start: datetime,
    after: list[int],
) -> tuple[Demand, dict[int, list[str]], dict[str, tuple[Start, int]], list[int]]:
    """For a re-plan from `start`: the demand of the shifts from then on, the baseline's frozen
    past (`baseline.freeze`), where each officer stands, and the index in the whole demand of
    each need left to plan."""
    first = next(
        (t for t, s in enumerate(demand.slots) if s.start.timestamp() >= start.timestamp()),
        len(demand.slots),
    )
    frozen, starts = freeze(scenario, demand, baseline, first, after)
    slot_at = {(s.date, s.shift): t for t, s in enumerate(demand.slots)}
    moved_to = [
        n for n, need in enumerate(demand.needs) if slot_at[(need.date, need.shift)] >= first
    ]
    future = demand.model_copy(update={"needs": [demand.needs[n] for n in moved_to]})
    return future, frozen, starts, moved_to


def _solve(
    scenario: Scenario,
    demand: Demand,
    rules: Schedule,
    after: list[int],
    starts: dict[str, tuple[Start, int]] | None,
    time_limit: float,
    baseline: list[Assignment] | None,
    homes: Homes | None = None,
    covered: Covered | None = None,
) -> tuple[str, int, int, int | None, dict[int, list[str]]]:
    """The solve of `demand`: its status, the weighted heads filled, the bound on them, the
    lower bound on the busiest load, and the officers named for each need. When the solver
    stops without proof, the open heads are filled greedily (`fill_idle`)."""
    classes, roles_at, networks, pins, pins_at = _model_inputs(
        scenario, demand, rules, after, starts, None if homes is None else homes.wide.homes
    )
    if homes is not None:
        homes.classes = classes
    names: dict[int, list[str]] = {}
    load_bound: int | None
    if not demand.needs:
        status, weighted, bound, load_bound = "nothing-to-plan", 0, 0, 0
    elif not classes:
        # Nobody may fill any head: the empty plan is the best there is.
        status, weighted, bound, load_bound = "optimal", 0, 0, 0
    else:
        before = baseline_roles(demand, baseline or [])
        busiest = max(Counter(a.nrp for a in baseline or []).values(), default=0)
        kept = kept_per_class(classes, networks, roles_at, before, busiest) if baseline else None
        try:
            outcome = solve_classes(
                classes, networks, demand, roles_at, time_limit, kept, pins_at, homes, covered
            )
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
        if homes is not None:
            homes.outcome = outcome
        status = outcome.status
        weighted, bound = outcome.weighted_filled, outcome.weighted_bound
        load_bound = outcome.load_lower_bound
    if status == "feasible":
        names = fill_idle(scenario, demand, names, pins)
        weighted = sum(demand.needs[n].weight * len(v) for n, v in names.items())
        bound = max(bound, weighted)
    return status, weighted, bound, load_bound, names


def coverage(
    scenario: Scenario,
    demand: Demand,
    time_limit: float = DEFAULT_TIME_LIMIT,
    reached: Reached | None = None,
) -> Coverage | None:
    """The best a fresh plan of the whole operation can fill (`coverage.best_coverage`), from
    the coverage model alone: no names, no later stages. None when not proven in the time.
    `reached`: what a whole plan of a scenario this one relaxes reaches."""
    demand = with_duty(scenario, demand)
    if not demand.needs:
        return Coverage(weighted=0, heads=0)
    rules = Schedule.of(scenario.policy, scenario.operation)
    after = next_free(demand.slots, rules)
    classes, roles_at, networks, _, pins_at = _model_inputs(scenario, demand, rules, after)
    if not classes:
        return Coverage(weighted=0, heads=0)
    return best_coverage(classes, networks, demand, roles_at, time_limit, pins_at, reached)


def with_duty(scenario: Scenario, demand: Demand) -> Demand:
    """The demand with the voting day's TPS and Padal duty in it (`solve.voting`), as the
    program plans it; `demand` itself without a `voting:` section."""
    voting = derive_voting(scenario)
    return demand if voting is None else widen(scenario, demand, voting).demand


def _model_inputs(
    scenario: Scenario,
    demand: Demand,
    rules: Schedule,
    after: list[int],
    starts: dict[str, tuple[Start, int]] | None = None,
    homes: dict[str, str] | None = None,
    classes: list[OfficerClass] | None = None,
) -> tuple[
    list[OfficerClass],
    list[dict[int, list[Role]]],
    list[Network],
    dict[tuple[str, int], int],
    list[tuple[int, int, Role, int]],
]:
    """What the model is built from: the classes of officers, the roles each may fill in each
    slot, their schedule networks, and the pins (by NRP and slot, and by class). `homes`: the
    voting day's areas of the officers (`officer_classes`). `classes`: the classes to build it
    of, when not the scenario's own (the drill schedule's)."""
    if classes is None:
        classes = officer_classes(scenario, demand, starts, homes)
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
