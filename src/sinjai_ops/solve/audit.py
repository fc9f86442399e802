"""An independent check of a plan against the hard rules, written apart from the model.

Used by the tests on every plan they make, by the benchmark, and by the final fill of `solve`.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import date

from sinjai_ops.models.plan import COMMAND, Demand, Plan, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.roster import Person
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


def may_fill(person: Person, skill: str, min_rank: str | None, day: date, policy: Policy) -> bool:
    if not person.assignable or person.on_leave(day):
        return False
    if min_rank is not None:
        return policy.ranks.index(person.rank) >= policy.ranks.index(min_rank)
    return person.qualified(skill, day, policy.drills.max_age_days.get(skill))


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
        if not may_fill(person, a.skill, min_rank, a.date, policy):
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
    out += _idle_beside_shortfall(scenario, demand, plan, worked)
    return out


def _idle_beside_shortfall(
    scenario: Scenario, demand: Demand, plan: Plan, worked: dict[str, list[Slot]]
) -> list[str]:
    policy = scenario.policy
    slot_of = {(s.date, s.shift): s for s in demand.slots}
    rank_of = {(n.date, n.shift, n.site, n.post): n.min_rank for n in demand.needs if n.min_rank}
    out = []
    for short in plan.shortfalls:
        slot = slot_of[(short.date, short.shift)]
        min_rank = rank_of.get((short.date, short.shift, short.site, short.post))
        for person in scenario.roster.personnel:
            mine = worked.get(person.nrp, [])
            if slot in mine or not may_fill(
                person,
                short.skill,
                min_rank if short.skill == COMMAND else None,
                short.date,
                policy,
            ):
                continue
            if not schedule_violations([*mine, slot], policy):
                out.append(
                    f"{person.nrp} is idle and could fill {short.skill} at {short.post} "
                    f"on {short.date} {short.shift}"
                )
                break
    return out
