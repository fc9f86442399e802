"""Received units in the solve: their members join the officers the solver sees, available only
within the unit's `from`/`to`, and leave the plan's named assignments afterwards, counted as
heads of their unit (`UnitHead`).

Each member is a `UnitMember` with an internal id (`models.received.member_id`) that no NRP
can be; the time outside the unit's window is an absence of his, so that every rule that keeps
an absent officer from a shift (the model, the greedy fill, the frozen past of a re-plan)
keeps him from it too.
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime, timedelta

from sinjai_ops.models.adjustments import Absence
from sinjai_ops.models.plan import Assignment, Load, Plan
from sinjai_ops.models.received import UnitHead, member_of, unit_members
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import GroupMember, TpsGroup


def with_members(scenario: Scenario) -> Scenario:
    """The scenario as the solver sees it: the roster with the members of every received unit
    (rank-and-file: the policy's lowest rank), each absent outside his unit's window."""
    units = scenario.received()
    if not units:
        return scenario
    info = scenario.operation.operation
    before = datetime.combine(info.start - timedelta(days=2), datetime.min.time())
    after = datetime.combine(info.end + timedelta(days=2), datetime.min.time())
    members = []
    away = []
    for unit in units:
        for member in unit_members(unit, scenario.policy.ranks[0]):
            members.append(member)
            for start, end in ((before, unit.start), (unit.end, after)):
                if start < end:
                    away.append(
                        Absence.model_construct(nrp=member.nrp, start=start, end=end, reason=None)
                    )
    roster = scenario.roster.model_copy(
        update={"personnel": [*scenario.roster.personnel, *members]}
    )
    adjustments = scenario.adjustments.model_copy(
        update={"absences": [*scenario.adjustments.absences, *away]}
    )
    return scenario.model_copy(update={"roster": roster, "adjustments": adjustments})


def unit_head(a: Assignment) -> UnitHead | None:
    """The head as its unit's, when a member fills it."""
    found = member_of(a.nrp)
    if found is None:
        return None
    unit, k = found
    return UnitHead(
        date=a.date, shift=a.shift, site=a.site, post=a.post, skill=a.skill, unit=unit, member=k
    )


def counted(plan: Plan) -> Plan:
    """The plan with the members' heads taken out of the named assignments (and of the people,
    the officers who could be plotted and the changes) into `unit_heads`: counted, not named.
    Heads filled count the members' heads; the load is the roster officers'."""
    heads = [h for a in plan.assignments if (h := unit_head(a)) is not None]
    groups = [_group_counted(g) for g in plan.tps_groups]
    if not heads and not plan.unit_heads and groups == plan.tps_groups:
        return plan
    assignments = [a for a in plan.assignments if member_of(a.nrp) is None]
    plottable = [n for n in plan.plottable if member_of(n) is None]
    duty = [n for g in groups for n in g.officers] + [p.nrp for p in plan.padal if p.nrp]
    return plan.model_copy(
        update={
            "assignments": assignments,
            "unit_heads": [*plan.unit_heads, *heads],
            "tps_groups": groups,
            "quality": plan.quality.model_copy(
                update={"load": _officers_load(assignments, plottable, duty)}
            ),
            "people": [p for p in plan.people if member_of(p.nrp) is None],
            "plottable": plottable,
            "changes": None
            if plan.changes is None
            else [c for c in plan.changes if member_of(c.nrp) is None],
        }
    )


def _group_counted(group: TpsGroup) -> TpsGroup:
    """The group with its members' internal ids taken out of its officers into `members`."""
    found = [(n, m) for n in group.officers if (m := member_of(n)) is not None]
    if not found:
        return group
    return group.model_copy(
        update={
            "officers": [n for n in group.officers if member_of(n) is None],
            "members": [
                *group.members,
                *(GroupMember(unit=unit, member=k) for _, (unit, k) in found),
            ],
        }
    )


def _officers_load(assignments: list[Assignment], plottable: list[str], duty: list[str]) -> Load:
    """Shifts per roster officer who could be plotted (a TPS or Padal duty one more). The
    solver's bound on the busiest load is over the members too, so it proves nothing of the
    officers alone: it is not given."""
    loads = Counter(a.nrp for a in assignments) + Counter(duty)
    counts = sorted(loads.get(nrp, 0) for nrp in plottable) or [0]
    return Load(
        min=counts[0],
        median=float(statistics.median(counts)),
        max=counts[-1],
        max_lower_bound=None,
    )
