"""Remedies for the BKO request, each measured by solving again with one change to the inputs:
drill the officers whose drill is too old, recall officers from leave, let perwira stand on
rank-and-file heads. A figure here is what the best plan of the changed inputs fills beyond this
one, never an estimate; it is measured by the coverage model alone (`plan.coverage`), as naming
and the later stages of a plan never change how many heads it fills.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
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
    """The remedy's fields but the heads it is measured against (`missing`) and `recovered`."""
    relaxes: bool = False
    """Every plan of the scenario is a plan of the changed one (it only adds what officers may
    do), so the changed one fills at least as much: said only by the trials that are (a recall,
    perwira on rank-and-file heads, untied); a new kind of trial is measured afresh until it
    says so. Not so for a drill: a drill recorded after a day does not count on it, so an
    officer drilled later may lose days his old drill held."""


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


def _perwira_trial(scenario: Scenario) -> Trial | None:
    """Perwira let stand on rank-and-file heads, unless the policy lets them already."""
    policy = scenario.policy
    if policy.rank_roles.perwira_on_rank_and_file:
        return None
    roles = policy.rank_roles.model_copy(update={"perwira_on_rank_and_file": True})
    changed = scenario.model_copy(
        update={"policy": policy.model_copy(update={"rank_roles": roles})}
    )
    fields: dict[str, object] = {"kind": "perwira-on-rank-and-file"}
    return Trial("perwira-on-rank-and-file", changed, fields, relaxes=True)


def _drill_trial(scenario: Scenario, skill: str, days: set[date]) -> Trial | None:
    """The officers whose drill in `skill` is too old on one of `days` drilled the day before
    the first; None when the skill's drill never grows old, or nobody's is."""
    limit = scenario.policy.drills.max_age_days.get(skill)
    if limit is None:
        return None
    by = min(days) - timedelta(1)
    stale = {
        p.nrp: p.model_copy(update={"drills": {**p.drills, skill: by}})
        for p in scenario.roster.personnel
        if p.assignable
        and member_of(p.nrp) is None  # a received unit comes current in its skills
        and skill in p.skills
        and any(not p.on_leave(d) and not p.qualified(skill, d, limit) for d in days)
    }
    if not stale:
        return None
    fields: dict[str, object] = {"kind": "drill", "skill": skill, "by": by}
    fields["officers"] = sorted(stale)
    return Trial(_key("drill", skill, days), _with_people(scenario, stale), fields)


def _recall_trial(scenario: Scenario, skill: str, days: set[date]) -> Trial | None:
    """The holders of `skill` on leave on one of `days` called back for those days; None when
    nobody is on leave then."""
    away = {
        p.nrp: p.model_copy(update={"unavailable": _without_days(p.unavailable, days)})
        for p in scenario.roster.personnel
        if p.assignable and skill in p.skills and any(p.on_leave(d) for d in days)
    }
    if not away:
        return None
    fields: dict[str, object] = {"kind": "recall-leave", "skill": skill}
    fields["officers"] = sorted(away)
    changed = _with_people(scenario, away)
    return Trial(_key("recall-leave", skill, days), changed, fields, relaxes=True)


def _key(kind: str, skill: str, days: set[date]) -> str:
    """A trial's key names everything its change is made of: the same key, the same trial."""
    return f"{kind}:{skill}:{','.join(d.isoformat() for d in sorted(days))}"


def trials(scenario: Scenario, days: Mapping[str, set[date]]) -> list[Trial]:
    """The remedies to measure for heads left empty on `days` (by skill), in a fixed order:
    drills by skill, recalls from leave by skill, then perwira on rank-and-file heads. Made of
    the days alone, so that they may be started from the coverage of a plan still being made
    (`pipeline.measure`) and found again, by their keys, once it is made."""
    drills = [_drill_trial(scenario, skill, days[skill]) for skill in sorted(days)]
    recalls = [_recall_trial(scenario, skill, days[skill]) for skill in sorted(days)]
    return [t for t in [*drills, *recalls, _perwira_trial(scenario)] if t is not None]


def find_remedies(scenario: Scenario, plan: Plan, measure: Measure) -> list[Remedy]:
    """Every remedy that fills at least one more head, in the order of `trials`. Every trial
    is started before the first is asked for, so that a measure may work on them at once."""
    if not plan.shortfalls:
        return []
    total = _missing(plan)
    days: dict[str, set[date]] = defaultdict(set)
    per_skill: dict[str, int] = defaultdict(int)
    for s in plan.shortfalls:
        days[s.skill].add(s.date)
        per_skill[s.skill] += s.missing
    found = trials(scenario, days)
    for trial in found:
        measure.start(trial)
    out: list[Remedy] = []
    for trial in found:
        recovered = total - measure(trial)
        if recovered > 0:
            skill = trial.remedy.get("skill")
            missing = total if skill is None else per_skill[str(skill)]
            fields = {**trial.remedy, "missing": missing, "recovered": recovered}
            out.append(Remedy.model_validate(fields))
    return out


def _tied(scenario: Scenario) -> list[Person]:
    """The officers tied to a candidate who visits."""
    visiting = {c.id for c in scenario.arrivals.candidates if c.visits}
    return [p for p in scenario.roster.personnel if set(p.ties) & visiting]


def untied_trial(scenario: Scenario) -> Trial | None:
    """Nobody tied to a candidate who visits: the trial that prices neutrality; None when no
    officer is tied to one. It asks nothing of the plan."""
    untied = {p.nrp: p.model_copy(update={"ties": []}) for p in _tied(scenario)}
    return Trial("untied", _with_people(scenario, untied), relaxes=True) if untied else None


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
