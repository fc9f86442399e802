"""Remedies for the BKO request, each measured by solving again with one change to the inputs:
drill the officers whose drill is too old, recall officers from leave, let perwira stand on
rank-and-file heads. A figure here is what the best plan of the changed inputs fills beyond this
one, never an estimate; it is measured by the coverage model alone (`plan.coverage`), as naming
and the later stages of a plan never change how many heads it fills.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from sinjai_ops.models.plan import Neutrality, Plan, Remedy
from sinjai_ops.models.received import member_of
from sinjai_ops.models.roster import Leave, Person
from sinjai_ops.models.scenario import Scenario

Missing = Callable[[Scenario], int]
"""The heads a fresh plan of a changed scenario leaves empty (demand and the coverage model, as
the pipeline does)."""


@dataclass(frozen=True)
class Trial:
    """One change to the inputs, to be planned again (`Measure`), and the remedy it would be."""

    key: str
    """What is changed, e.g. "drill:dalmas": one trial per key in a run."""
    changed: Scenario
    remedy: dict[str, object] = field(default_factory=dict)
    """The remedy's fields but `recovered`."""


class Measure(Protocol):
    """The heads a fresh plan of a trial's changed scenario leaves empty. `start` says that a
    trial will be asked for, so that a measure may work on several at once
    (`pipeline.measure`); asking for it gives its figure."""

    def start(self, trial: Trial) -> None: ...

    def __call__(self, trial: Trial) -> int: ...


@dataclass
class Serially:
    """A measure that measures each trial when asked, one after the other."""

    missing: Missing

    def start(self, trial: Trial) -> None:
        return None

    def __call__(self, trial: Trial) -> int:
        return self.missing(trial.changed)


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


def perwira_trial(scenario: Scenario) -> Trial | None:
    """Perwira let stand on rank-and-file heads, unless the policy lets them already. It asks
    nothing of the plan, so it may be measured while the plan is still being made."""
    policy = scenario.policy
    if policy.rank_roles.perwira_on_rank_and_file:
        return None
    roles = policy.rank_roles.model_copy(update={"perwira_on_rank_and_file": True})
    changed = scenario.model_copy(
        update={"policy": policy.model_copy(update={"rank_roles": roles})}
    )
    return Trial("perwira-on-rank-and-file", changed, {"kind": "perwira-on-rank-and-file"})


def _trials(scenario: Scenario, plan: Plan, perwira: Trial | None) -> list[Trial]:
    """The remedies to measure, in a fixed order: drills by skill, recalls from leave by skill,
    then perwira on rank-and-file heads."""
    policy = scenario.policy
    days: dict[str, set[date]] = defaultdict(set)
    per_skill: dict[str, int] = defaultdict(int)
    for s in plan.shortfalls:
        days[s.skill].add(s.date)
        per_skill[s.skill] += s.missing
    out: list[Trial] = []
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
            by = min(days[skill]) - timedelta(1)
            fields: dict[str, object] = {"kind": "drill", "skill": skill, "by": by}
            fields |= {"officers": sorted(stale), "missing": per_skill[skill]}
            out.append(Trial(f"drill:{skill}", _with_people(scenario, stale), fields))
    for skill in sorted(days):
        away = {
            p.nrp: p.model_copy(update={"unavailable": _without_days(p.unavailable, days[skill])})
            for p in scenario.roster.personnel
            if p.assignable and skill in p.skills and any(p.on_leave(d) for d in days[skill])
        }
        if away:
            fields = {"kind": "recall-leave", "skill": skill, "officers": sorted(away)}
            fields["missing"] = per_skill[skill]
            out.append(Trial(f"recall-leave:{skill}", _with_people(scenario, away), fields))
    if perwira is not None:
        out.append(
            Trial(perwira.key, perwira.changed, {**perwira.remedy, "missing": _missing(plan)})
        )
    return out


def find_remedies(scenario: Scenario, plan: Plan, measure: Measure) -> list[Remedy]:
    """Every remedy that fills at least one more head, in a fixed order: drills by skill,
    recalls from leave by skill, then perwira on rank-and-file heads. Every trial is started
    before the first is asked for, so that a measure may work on them at once."""
    if not plan.shortfalls:
        return []
    total = _missing(plan)
    trials = _trials(scenario, plan, perwira_trial(scenario))
    for trial in trials:
        measure.start(trial)
    out: list[Remedy] = []
    for trial in trials:
        recovered = total - measure(trial)
        if recovered > 0:
            out.append(Remedy.model_validate({**trial.remedy, "recovered": recovered}))
    return out


def _tied(scenario: Scenario) -> list[Person]:
    """The officers tied to a candidate who visits."""
    visiting = {c.id for c in scenario.arrivals.candidates if c.visits}
    return [p for p in scenario.roster.personnel if set(p.ties) & visiting]


def untied_trial(scenario: Scenario) -> Trial | None:
    """Nobody tied to a candidate who visits: the trial that prices neutrality; None when no
    officer is tied to one. It asks nothing of the plan."""
    untied = {p.nrp: p.model_copy(update={"ties": []}) for p in _tied(scenario)}
    return Trial("untied", _with_people(scenario, untied)) if untied else None


def neutrality(scenario: Scenario, plan: Plan, measure: Measure) -> Neutrality | None:
    """How many officers the ties keep off, and the heads that cost, by planning again as if
    nobody had declared a tie; None when nobody has. A plan that leaves no head empty pays
    nothing, and is not planned again."""
    if not any(p.ties for p in scenario.roster.personnel):
        return None
    trial = untied_trial(scenario)
    cost = 0
    if trial is not None and _missing(plan) > 0:
        cost = max(0, _missing(plan) - measure(trial))
    return Neutrality(tied_officers=len(_tied(scenario)), heads_cost=cost)
