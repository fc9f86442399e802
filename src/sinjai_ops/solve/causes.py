"""Why heads stay empty: for every line of the BKO request, the officers who hold its skill and
what kept each of them from it in that shift.

Each officer is counted once, under the first reason that applies, in the order of `REASONS`;
the rules asked are the ones the model keeps (`rules`), never copies of them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sinjai_ops.models.common import end_clock
from sinjai_ops.models.plan import Causes, Demand, Plan, Reinforcement, Slot
from sinjai_ops.models.received import member_of
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import ANY_SKILL
from sinjai_ops.rules import Reason, Role, role_of
from sinjai_ops.rules.eligibility import why_none
from sinjai_ops.rules.reasons import Code, reason
from sinjai_ops.rules.schedule import Schedule, absent, why_not_then
from sinjai_ops.solve.voting import duty_of, on_duty_slot

REASONS = ("not_assignable", "leave", "drill", "rank", "busy", "tps", "rest")
"""In the order they are asked: not plotted at all, on leave, drill too old or missing, a rank
outside the head's band, on another head in that shift, on the voting day's TPS duty (which
overlaps the shift or keeps them from it for its rest), and rest or hours of the day."""


def holds(person: Person, roles: list[Role], policy_ranks: list[str]) -> bool:
    """Holds what the line asks: its skill, or the rank of a commander head."""
    for role in roles:
        if role.leads:
            if policy_ranks.index(person.rank) >= policy_ranks.index(role.min_rank):
                return True
        elif role.skill in person.skills or role.skill == ANY_SKILL:
            return True
    return False


def out_of_reach(
    scenario: Scenario, person: Person, slot: Slot, roles: list[Role], mine: list[Slot]
) -> Reason | None:
    """The first reason that keeps a person from every one of `roles` in a slot, given the
    slots they already work (counted by its `cause`, in the order of `REASONS`); None when
    they could take one."""
    policy = scenario.policy
    eligible = why_none(person, roles, slot.date, policy)
    if eligible is not None and eligible.cause in ("not_assignable", "leave"):
        return eligible
    away = absent(scenario.adjustments, person.nrp, slot)
    if away is not None:
        return away
    if eligible is not None:
        return eligible
    rules = Schedule.of(policy, scenario.operation)
    duty = [s for s in mine if on_duty_slot(s)]
    voting = scenario.operation.voting
    if duty and voting is not None and why_not_then(rules, duty, slot) is not None:
        start, end = f"{voting.report:%H:%M}", end_clock(voting.counting_until)
        return reason(Code.TPS_DUTY, start=start, end=end)
    return why_not_then(rules, mine, slot)


def explain_shortfalls(scenario: Scenario, demand: Demand, plan: Plan) -> Plan:
    """The plan with `causes` on every line of its BKO request."""
    slot_of = {(s.date, s.shift): s for s in demand.slots}
    short_roles: dict[tuple[date, str, str, str, str], list[Role]] = defaultdict(list)
    missing = {(s.date, s.shift, s.site, s.post, s.skill) for s in plan.shortfalls}
    for n in demand.needs:
        key = (n.date, n.shift, n.site, n.post, n.skill)
        if key in missing:
            short_roles[key].append(role_of(n))
    worked: dict[str, list[Slot]] = defaultdict(list)
    for a in plan.assignments:
        worked[a.nrp].append(slot_of[(a.date, a.shift)])
    # The voting day's TPS and Padal duty keeps its officers from the shifts around it.
    for nrp, duty in duty_of(scenario, plan.tps_groups, plan.padal):
        worked[nrp].append(duty)

    lines = []
    # Lines of one shift asking the same roles (a post repeated at many sites) have the same
    # causes: where an officer stands does not enter them.
    known: dict[tuple[date, str, tuple[Role, ...]], Causes] = {}
    for line in plan.reinforcements:
        roles = short_roles[(line.date, line.shift, line.site, line.post, line.skill)]
        alike = (line.date, line.shift, tuple(sorted(set(roles))))
        if alike not in known:
            known[alike] = _causes(scenario, slot_of[(line.date, line.shift)], roles, worked)
        lines.append(_with_causes(line, known[alike]))
    return plan.model_copy(update={"reinforcements": lines})


def _causes(
    scenario: Scenario, slot: Slot, roles: list[Role], worked: dict[str, list[Slot]]
) -> Causes:
    """What kept each officer who holds what the roles ask from them in `slot`."""
    counts = dict.fromkeys(REASONS, 0)
    holders = 0
    for person in scenario.roster.personnel:
        if not holds(person, roles, scenario.policy.ranks):
            continue
        if member_of(person.nrp) is not None and absent(scenario.adjustments, person.nrp, slot):
            continue  # a received unit that is not here then holds nothing of this line
        holders += 1
        why = out_of_reach(scenario, person, slot, roles, worked.get(person.nrp, []))
        if why is not None:
            counts[why.cause] += 1
    # `tps` is written only where the voting day's duty kept someone (plans without stay the same).
    return Causes(holders=holders, **{k: n for k, n in counts.items() if k != "tps" or n})


def _with_causes(line: Reinforcement, causes: Causes) -> Reinforcement:
    return line.model_copy(update={"causes": causes})
