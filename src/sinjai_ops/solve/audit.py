"""An independent check of a plan against the hard rules, written apart from the model.

The counting and the rank rules are checked here from scratch; the schedule rules (rest, hours a
day) are asked of their one home (`rules.schedule`), and who may fill which head of
`rules.eligibility`. Used by the tests on every plan they make and by the benchmark.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import date
from zoneinfo import ZoneInfo

from sinjai_ops.models.plan import COMMAND, Demand, Plan, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.rules import Role, role_of
from sinjai_ops.rules.schedule import day_within, night_shift, rested
from sinjai_ops.solve.audit_voting import duty_slots, voting_violations


def schedule_violations(
    slots: list[Slot], policy: Policy, nights: frozenset[str] = frozenset()
) -> list[str]:
    """What is wrong with one officer working these slots: overlap, short rest, long days
    (each asked of `rules.schedule`, the home the model and the fallback ask too), and more
    night shifts (`nights`: their ids) on consecutive days than the policy allows (counted
    here from scratch)."""
    out = []
    ordered = sorted(slots, key=lambda s: s.start.timestamp())
    for a, b in itertools.pairwise(ordered):
        if not rested(a, b, policy.rest):
            gap = b.start.timestamp() - a.end.timestamp()
            out.append(
                f"{a.date} {a.shift} then {b.date} {b.shift}: {gap / 3600:g} h of rest, "
                f"{policy.rest.min_rest_hours:g} h needed"
            )
    per_day: dict[date, float] = defaultdict(float)
    for s in ordered:
        per_day[s.date] += s.hours
    for day, hours in sorted(per_day.items()):
        if not day_within(hours, policy.rest):
            out.append(f"{day}: {hours:g} h, at most {policy.rest.max_hours_per_day:g}")
    return out + _nights_violations(ordered, policy.rest.max_consecutive_nights, nights)


def _nights_violations(slots: list[Slot], most: int | None, nights: frozenset[str]) -> list[str]:
    if most is None:
        return []
    out = []
    run, last = 0, None
    for day in sorted({s.date for s in slots if s.shift in nights}):
        run = run + 1 if last is not None and (day - last).days == 1 else 1
        last = day
        if run == most + 1:
            out.append(f"{day}: {run} night shifts in a row, at most {most}")
    return out


def audit(scenario: Scenario, demand: Demand, plan: Plan) -> list[str]:
    """Every broken rule of the plan; empty when it keeps them all."""
    policy = scenario.policy
    people = {p.nrp: p for p in scenario.roster.personnel}
    slot_of = {(s.date, s.shift): s for s in demand.slots}
    wanted: Counter[tuple[date, str, str, str, str]] = Counter()
    roles: dict[tuple[date, str, str, str, str], list[Role]] = defaultdict(list)
    for n in demand.needs:
        key = (n.date, n.shift, n.site, n.post, n.skill)
        wanted[key] += n.heads
        roles[key].append(role_of(n))
    nights = frozenset(s.id for s in scenario.operation.shifts if night_shift(s))
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
        if not any(role.fits(person, a.date, policy) for role in roles.get(key, [])):
            out.append(f"{a.nrp} may not fill {a.skill} at {a.post} on {a.date} {a.shift}")
        worked[a.nrp].append(slot_of[(a.date, a.shift)])
    for nrp, slots in sorted(worked.items()):
        if len({(s.date, s.shift) for s in slots}) < len(slots):
            out.append(f"{nrp} holds two heads in one shift")
        out += [f"{nrp}: {v}" for v in schedule_violations(slots, policy, nights)]
    for key, count in got.items():
        if count > wanted[key]:
            out.append(f"{key}: {count} assigned, {wanted[key]} needed")
    missing = {(s.date, s.shift, s.site, s.post, s.skill): s.missing for s in plan.shortfalls}
    for key, need in wanted.items():
        if need - got[key] != missing.get(key, 0):
            out.append(f"{key}: shortfall {missing.get(key, 0)}, should be {need - got[key]}")
    out += rank_violations(scenario, demand, plan)
    out += tie_violations(scenario, plan)
    out += adjustment_violations(scenario, plan)
    out += voting_violations(scenario, plan)
    # The voting day's duty keeps its officers from the shifts around it.
    busy = {nrp: list(slots) for nrp, slots in worked.items()}
    for nrp, duty in duty_slots(scenario, plan).items():
        busy[nrp] = busy.get(nrp, []) + duty
    out += _idle_beside_shortfall(scenario, plan, busy, slot_of, roles, nights)
    return out


def rank_violations(scenario: Scenario, demand: Demand, plan: Plan) -> list[str]:
    """The rank rules, checked from the plan and the operation alone: no member outranks the
    commander of a post; the roll call of a site is led by its most senior officer; no perwira
    stands on a rank-and-file head unless the policy allows it (and then the plan lists it)."""
    policy = scenario.policy
    rank = {p.nrp: policy.ranks.index(p.rank) for p in scenario.roster.personnel}
    rank_name = {p.nrp: p.rank for p in scenario.roster.personnel}
    officers_post = {
        (site.id, post.id)
        for site in scenario.operation.sites
        for post in site.posts
        if post.perwira
    }
    lead_heads = {(n.date, n.shift, n.site, n.post) for n in demand.needs if n.min_rank}
    out: list[str] = []
    leads: dict[tuple[date, str, str, str], list[str]] = defaultdict(list)
    members: dict[tuple[date, str, str, str], list[str]] = defaultdict(list)
    at_site: dict[tuple[date, str, str], list[str]] = defaultdict(list)
    as_members = []
    for a in plan.assignments:
        if a.nrp not in rank:
            continue
        post = (a.date, a.shift, a.site, a.post)
        lead = a.skill == COMMAND and post in lead_heads
        (leads if lead else members)[post].append(a.nrp)
        at_site[(a.date, a.shift, a.site)].append(a.nrp)
        if not lead and (a.site, a.post) not in officers_post and policy.perwira(rank_name[a.nrp]):
            as_members.append(a)
            if not policy.rank_roles.perwira_on_rank_and_file:
                out.append(
                    f"perwira {a.nrp} fills a rank-and-file head ({a.skill}) at {a.post} "
                    f"on {a.date} {a.shift}"
                )
    for post, heads in sorted(leads.items()):
        commander = min(rank[n] for n in heads)
        for nrp in members.get(post, []):
            if rank[nrp] > commander:
                out.append(f"{nrp} outranks the commander of {post[3]} on {post[0]} {post[1]}")
    listed = {(c.date, c.shift, c.site): c.nrp for c in plan.commanders}
    for key, nrps in sorted(at_site.items()):
        leader = listed.get(key)
        top = max(rank[n] for n in nrps)
        if leader is None or rank.get(leader, -1) != top or leader not in nrps:
            out.append(f"the roll call at {key[2]} on {key[0]} {key[1]} is not led by its senior")
    if as_members != plan.perwira_as_members:
        out.append("the plan does not list every perwira on a rank-and-file head")
    return out


def tie_violations(scenario: Scenario, plan: Plan) -> list[str]:
    """Neutrality, from the arrivals and the plan alone: no officer stands on a visit of a
    candidate they are tied to, nor at its site in a shift that overlaps the visit's window."""
    zone = ZoneInfo(scenario.operation.operation.timezone)
    ties = {p.nrp: set(p.ties) for p in scenario.roster.personnel if p.ties}
    slots = {(s.date, s.shift): s for s in plan.slots}
    out = []
    for a in plan.assignments:
        for cid in sorted(ties.get(a.nrp, ())):
            if a.post == f"visit:{cid}":
                out.append(f"{a.nrp} is tied to {cid} and stands on its visit ({a.date} {a.shift})")
                continue
            slot = slots[(a.date, a.shift)]
            candidate = next(c for c in scenario.arrivals.candidates if c.id == cid)
            for visit in candidate.visits:
                start, end = visit.window(scenario.policy.visits, zone)
                inside = slot.start < end and start < slot.end
                if visit.site == a.site and inside:
                    out.append(
                        f"{a.nrp} is tied to {cid} and stands at {a.site} during its visit "
                        f"({a.date} {a.shift})"
                    )
    return out


def adjustment_violations(scenario: Scenario, plan: Plan) -> list[str]:
    """Every pin of adjustments.yaml is in the plan, and nobody works during an absence."""
    adj = scenario.adjustments
    out = []
    held = {(a.nrp, a.date, a.shift, a.site, a.post): a.skill for a in plan.assignments}
    for pin in adj.pins:
        skill = held.get((pin.nrp, pin.date, pin.shift, pin.site, pin.post))
        if skill is None or (pin.skill is not None and skill != pin.skill):
            out.append(f"pin of {pin.nrp} at {pin.post} on {pin.date} {pin.shift} is not kept")
    slots = {(s.date, s.shift): s for s in plan.slots}
    for a in plan.assignments:
        slot = slots[(a.date, a.shift)]
        if adj.absence_during(a.nrp, slot.start, slot.end) is not None:
            out.append(f"{a.nrp} works {a.date} {a.shift} during an absence")
    return out


def _idle_beside_shortfall(
    scenario: Scenario,
    plan: Plan,
    worked: dict[str, list[Slot]],
    slot_of: dict[tuple[date, str], Slot],
    roles: dict[tuple[date, str, str, str, str], list[Role]],
    nights: frozenset[str],
) -> list[str]:
    # A re-plan from a moment keeps the shifts that started before it as published (less the
    # absent): a gap there beside an officer made idle by an absence is not the plan's to fill.
    since = plan.quality.replanned_from
    out = []
    # Lines of one shift whose heads ask the same roles have the same idle officer, if any:
    # where the head is does not enter the rules (a voting day has hundreds of such lines).
    idle: dict[tuple[date, str, tuple[Role, ...]], str | None] = {}
    for short in plan.shortfalls:
        slot = slot_of[(short.date, short.shift)]
        if since is not None and slot.start.timestamp() < since.timestamp():
            continue
        fitting = roles[(short.date, short.shift, short.site, short.post, short.skill)]
        key = (short.date, short.shift, tuple(sorted(set(fitting))))
        if key not in idle:
            idle[key] = _idle_for(scenario, slot, fitting, worked, nights)
        if idle[key] is not None:
            out.append(
                f"{idle[key]} is idle and could fill {short.skill} at {short.post} "
                f"on {short.date} {short.shift}"
            )
    return out


def _idle_for(
    scenario: Scenario,
    slot: Slot,
    fitting: list[Role],
    worked: dict[str, list[Slot]],
    nights: frozenset[str],
) -> str | None:
    """The first officer who may fill one of `fitting` in `slot` and is free and rested then."""
    policy = scenario.policy
    for person in scenario.roster.personnel:
        mine = worked.get(person.nrp, [])
        if slot in mine or not any(r.fits(person, slot.date, policy) for r in fitting):
            continue
        if scenario.adjustments.absence_during(person.nrp, slot.start, slot.end):
            continue
        if not schedule_violations([*mine, slot], policy, nights):
            return person.nrp
    return None
