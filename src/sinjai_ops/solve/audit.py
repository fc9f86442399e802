"""An independent check of a plan against the hard rules, written apart from the model.

The schedule rules (overlap, rest, hours a day) and the counting are checked here from scratch;
who may fill which head is the one rule of the models (`Person.may_fill`). Used by the tests on
every plan they make and by the benchmark.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import date

from sinjai_ops.models.plan import COMMAND, Demand, Plan, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.scenario import Scenario


def schedule_violations(slots: list[Slot], policy: Policy) -> list[str]:
    """What is wrong with one officer working these slots: overlap, short rest, long days."""
    out = []
    ordered = sorted(slots, key=lambda s: s.start.timestamp())
    rest = policy.rest.min_rest_hours * 3600
    for a, b in itertools.pairwise(ordered):
        gap = b.start.timestamp() - a.end.timestamp()
        if gap < rest - 1e-6:
            out.append(
                f"{a.date} {a.shift} then {b.date} {b.shift}: {gap / 3600:g} h of rest, "
                f"{policy.rest.min_rest_hours:g} h needed"
            )
    per_day: dict[date, float] = defaultdict(float)
    for s in ordered:
        per_day[s.date] += s.hours
    for day, hours in sorted(per_day.items()):
        if hours > policy.rest.max_hours_per_day + 1e-6:
            out.append(f"{day}: {hours:g} h, at most {policy.rest.max_hours_per_day:g}")
    return out


def audit(scenario: Scenario, demand: Demand, plan: Plan) -> list[str]:
    """Every broken rule of the plan; empty when it keeps them all."""
    policy = scenario.policy
    people = {p.nrp: p for p in scenario.roster.personnel}
    slot_of = {(s.date, s.shift): s for s in demand.slots}
    wanted: Counter[tuple[date, str, str, str, str]] = Counter()
    ranks: dict[tuple[date, str, str, str], str] = {}
    for n in demand.needs:
        wanted[(n.date, n.shift, n.site, n.post, n.skill)] += n.heads
        if n.min_rank is not None:
            ranks[(n.date, n.shift, n.site, n.post)] = n.min_rank
    out: list[str] = []
    got: Counter[tuple[date, str, str, str, str]] = Counter()
    worked: dict[str, list[Slot]] = defaultdict(list)
    for a in plan.assignments:
        key = (a.date, a.shift, a.site, a.post, a.skill)
        got[key] += 1
        person = people.get(a.nrp)
        if person is None:
            out.append(f"{a.nrp} is not in the roster")
            continue
        min_rank = ranks.get(key[:4]) if a.skill == COMMAND else None
        if not person.may_fill(a.skill, min_rank, a.date, policy):
            out.append(f"{a.nrp} may not fill {a.skill} at {a.post} on {a.date} {a.shift}")
        worked[a.nrp].append(slot_of[(a.date, a.shift)])
    for nrp, slots in sorted(worked.items()):
        if len({(s.date, s.shift) for s in slots}) < len(slots):
            out.append(f"{nrp} holds two heads in one shift")
        out += [f"{nrp}: {v}" for v in schedule_violations(slots, policy)]
    for key, count in got.items():
        if count > wanted[key]:
            out.append(f"{key}: {count} assigned, {wanted[key]} needed")
    missing = {(s.date, s.shift, s.site, s.post, s.skill): s.missing for s in plan.shortfalls}
    for key, need in wanted.items():
        if need - got[key] != missing.get(key, 0):
            out.append(f"{key}: shortfall {missing.get(key, 0)}, should be {need - got[key]}")
    out += _idle_beside_shortfall(scenario, plan, worked, slot_of, ranks)
    return out


def _idle_beside_shortfall(
    scenario: Scenario,
    plan: Plan,
    worked: dict[str, list[Slot]],
    slot_of: dict[tuple[date, str], Slot],
    ranks: dict[tuple[date, str, str, str], str],
) -> list[str]:
    policy = scenario.policy
    out = []
    for short in plan.shortfalls:
        slot = slot_of[(short.date, short.shift)]
        min_rank = ranks.get((short.date, short.shift, short.site, short.post))
        for person in scenario.roster.personnel:
            mine = worked.get(person.nrp, [])
            rank = min_rank if short.skill == COMMAND else None
            if slot in mine or not person.may_fill(short.skill, rank, short.date, policy):
                continue
            if not schedule_violations([*mine, slot], policy):
                out.append(
                    f"{person.nrp} is idle and could fill {short.skill} at {short.post} "
                    f"on {short.date} {short.shift}"
                )
                break
    return out
