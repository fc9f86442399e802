"""Remedies for the BKO request, each measured by solving again with one change to the inputs:
drill the officers whose drill is too old, recall officers from leave, let perwira stand on
rank-and-file heads. A figure here is what the best plan of the changed inputs fills beyond this
one, never an estimate; it is measured by the coverage model alone (`plan.coverage`), as naming
and the later stages of a plan never change how many heads it fills.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from sinjai_ops.models.plan import Neutrality, Plan, Remedy
from sinjai_ops.models.received import member_of
from sinjai_ops.models.roster import Leave, Person
from sinjai_ops.models.scenario import Scenario

Missing = Callable[[Scenario], int]
"""The heads a fresh plan of a changed scenario leaves empty (demand and the coverage model, as
the pipeline does)."""


def _missing(plan: Plan) -> int:
    """Heads left empty: in the shifts, and on the voting day at the TPS and as Padal."""
    return sum(s.missing for s in plan.shortfalls) + sum(s.missing for s in plan.tps_shortfalls)


def _with_people(scenario: Scenario, changed: dict[str, Person]) -> Scenario:
    personnel = [changed.get(p.nrp, p) for p in scenario.roster.personnel]
    roster = scenario.roster.model_copy(update={"personnel": personnel})
    return scenario.model_copy(update={"roster": roster})


def _without_days(leaves: list[Leave], days: set[date]) -> list[Leave]:
    """The leave, less the given days (a leave split around them)."""
    out = []
    for leave in leaves:
        start = leave.start
        day = leave.start
        while day <= leave.end:
            if day in days:
                if start < day:
                    out.append(leave.model_copy(update={"start": start, "end": day - timedelta(1)}))
                start = day + timedelta(1)
            day += timedelta(1)
        if start <= leave.end:
            out.append(leave.model_copy(update={"start": start}))
    return out


def find_remedies(scenario: Scenario, plan: Plan, missing: Missing) -> list[Remedy]:
    """Every remedy that fills at least one more head, in a fixed order: drills by skill,
    recalls from leave by skill, then perwira on rank-and-file heads."""
    if not plan.shortfalls:
        return []
    policy = scenario.policy
    total = _missing(plan)
    days: dict[str, set[date]] = defaultdict(set)
    per_skill: dict[str, int] = defaultdict(int)
    for s in plan.shortfalls:
        days[s.skill].add(s.date)
        per_skill[s.skill] += s.missing
    out: list[Remedy] = []

    def measure(changed: Scenario, **fields: object) -> None:
        recovered = total - missing(changed)
        if recovered > 0:
            out.append(Remedy(recovered=recovered, **fields))

    for skill in sorted(days):
        limit = policy.drills.max_age_days.get(skill)
        if limit is None:
            continue
        stale = {
            p.nrp: p.model_copy(
                update={"drills": {**p.drills, skill: min(days[skill]) - timedelta(1)}}
            )
            for p in scenario.roster.personnel
            if p.assignable
            and member_of(p.nrp) is None  # a received unit comes current in its skills
            and skill in p.skills
            and any(not p.on_leave(d) and not p.qualified(skill, d, limit) for d in days[skill])
        }
        if stale:
            measure(
                _with_people(scenario, stale),
                kind="drill",
                skill=skill,
                officers=sorted(stale),
                by=min(days[skill]) - timedelta(1),
                missing=per_skill[skill],
            )
    for skill in sorted(days):
        away = {
            p.nrp: p.model_copy(update={"unavailable": _without_days(p.unavailable, days[skill])})
            for p in scenario.roster.personnel
            if p.assignable and skill in p.skills and any(p.on_leave(d) for d in days[skill])
        }
        if away:
            measure(
                _with_people(scenario, away),
                kind="recall-leave",
                skill=skill,
                officers=sorted(away),
                missing=per_skill[skill],
            )
    if not policy.rank_roles.perwira_on_rank_and_file:
        roles = policy.rank_roles.model_copy(update={"perwira_on_rank_and_file": True})
        changed = scenario.model_copy(
            update={"policy": policy.model_copy(update={"rank_roles": roles})}
        )
        measure(changed, kind="perwira-on-rank-and-file", missing=total)
    return out


def neutrality(scenario: Scenario, plan: Plan, missing: Missing) -> Neutrality | None:
    """How many officers the ties keep off, and the heads that cost, by planning again as if
    nobody had declared a tie; None when nobody has."""
    visiting = {c.id for c in scenario.arrivals.candidates if c.visits}
    tied = [p for p in scenario.roster.personnel if set(p.ties) & visiting]
    if not any(p.ties for p in scenario.roster.personnel):
        return None
    cost = 0
    if tied:
        untied = {p.nrp: p.model_copy(update={"ties": []}) for p in tied}
        cost = max(0, _missing(plan) - missing(_with_people(scenario, untied)))
    return Neutrality(tied_officers=len(tied), heads_cost=cost)
