"""The stages wired for each command that goes past `validate`: plan, checklist, who-fits,
anev, report, and the templates of `init`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sinjai_ops.demand import derive_demand
from sinjai_ops.models.plan import (
    DEFAULT_TIME_LIMIT,
    Assignment,
    BaselineFile,
    Demand,
    Plan,
    Shortfall,
)
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.pipeline.attendance import load_attendance
from sinjai_ops.pipeline.inputs import Checked, _with, load_scenario
from sinjai_ops.pipeline.plan_files import (
    _adjustments_place,
    _against_plan,
    _read_plan,
    load_drills,
    load_published,
)
from sinjai_ops.timings import stage

if TYPE_CHECKING:
    # Named in annotations only; imported where a command needs them, so that `validate`
    # does not build the models of plans, checklists, reports and roll calls.
    from sinjai_ops.models.attendance import Evaluation
    from sinjai_ops.models.checklist import Checklist
    from sinjai_ops.models.drills import DrillPlan
    from sinjai_ops.models.report import ReportData
    from sinjai_ops.models.whofits import WhoFits


@dataclass(frozen=True)
class Planned:
    checked: Checked
    demand: Demand | None
    plan: Plan | None


def plan(
    paths: Sequence[Path],
    time_limit: float = DEFAULT_TIME_LIMIT,
    baseline: Path | None = None,
    remedies: bool = True,
    start: datetime | None = None,
    before_solving: Callable[[Scenario], None] | None = None,
    workers: int | None = None,
) -> Planned:
    """`plan`: load, validate, derive demand, solve (keeping to a baseline plan if given), say
    why heads stay empty, and (with `remedies`) measure what would fill them. `start` (naive,
    local): re-plan from that moment, keeping the baseline's past. `before_solving`: checks of
    the command's own arguments against the valid scenario, before the solver runs. `workers`:
    threads that measure the remedies side by side (`pipeline.measure`); the cores by
    default."""
    # The solver (numpy, HiGHS) is imported only by the commands that solve.
    from sinjai_ops.pipeline.measure import PlanTrials
    from sinjai_ops.remedies import find_remedies, neutrality
    from sinjai_ops.solve.causes import explain_shortfalls
    from sinjai_ops.solve.plan import make_plan
    from sinjai_ops.solve.received import counted, with_members
    from sinjai_ops.validate.adjustments import unkept_pins

    with stage("load"):
        checked = load_scenario(paths)
        before: list[Assignment] | None = None
        duty_before = None
        if baseline is not None:
            model, found = _read_plan(baseline, BaselineFile)
            checked = _against_plan(checked, baseline, model, found)
            if model is not None:
                before = model.assignments
                duty_before = (model.tps_groups, model.padal)
    if checked.scenario is None:
        return Planned(checked, None, None)
    if before_solving is not None:
        before_solving(checked.scenario)
    # The members of received units are officers to the solver, counted apart afterwards.
    scenario = with_members(checked.scenario)
    with stage("demand"):
        demand = derive_demand(scenario)
    moment = None
    if start is not None:
        moment = start.replace(tzinfo=ZoneInfo(scenario.operation.operation.timezone))

    with PlanTrials(scenario, demand, time_limit, remedies, moment, workers) as measure:
        with stage("solve"):
            made = make_plan(
                scenario, demand, time_limit, before, moment, duty_before, measure.covered
            )
            measure.planned()
            made = explain_shortfalls(scenario, demand, made)
            unkept = unkept_pins(scenario.adjustments, made, start, _adjustments_place(paths))
        if unkept:
            checked = _with(checked, unkept)
            if checked.scenario is None:
                return Planned(checked, None, None)
        with stage("remedies"):
            made = made.model_copy(update={"neutrality": neutrality(scenario, made, measure)})
            if remedies and made.shortfalls:
                made = made.model_copy(update={"remedies": find_remedies(scenario, made, measure)})
    return Planned(checked, demand, counted(made))


@dataclass(frozen=True)
class Listed:
    checked: Checked
    checklist: Checklist | None
    plan: Plan | None = None
    """The plan the checklist was made from."""


def checklist(
    paths: Sequence[Path],
    time_limit: float = DEFAULT_TIME_LIMIT,
    before_solving: Callable[[Scenario], None] | None = None,
) -> Listed:
    """`checklist`: the plan's stages, then the checklist from the plan and the templates."""
    from sinjai_ops.checklists import make_checklist

    planned = plan(paths, time_limit, remedies=False, before_solving=before_solving)
    if planned.plan is None or planned.demand is None or planned.checked.scenario is None:
        return Listed(planned.checked, None)
    scenario = planned.checked.scenario
    schedule = _schedule(scenario, planned.demand, planned.plan, time_limit)
    with stage("checklist"):
        listed = make_checklist(
            scenario, planned.demand, planned.plan, scenario.checklists, schedule
        )
    return Listed(planned.checked, listed, planned.plan)


def _schedule(
    scenario: Scenario, demand: Demand, made: Plan, time_limit: float
) -> DrillPlan | None:
    """The drill schedule for the checklist, where the operation has a `drill_schedule:`."""
    if scenario.operation.drill_schedule is None:
        return None
    from sinjai_ops.drill_schedule import make_drill_plan

    with stage("drills"):
        return make_drill_plan(scenario, demand, made, time_limit)


@dataclass(frozen=True)
class Fitted:
    checked: Checked
    result: WhoFits | None


def who_fits(
    paths: Sequence[Path],
    day: date,
    shift: str,
    site: str,
    skill: str | None = None,
    baseline: Path | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Fitted:
    """`who-fits`: against the published plan (`baseline`), else a plan made now."""
    from sinjai_ops.solve.voting import duty_of
    from sinjai_ops.solve.whofits import who_fits as find
    from sinjai_ops.validate.plan_file import current

    if baseline is None:
        planned = plan(paths, time_limit, remedies=False)
        if planned.plan is None or planned.demand is None or planned.checked.scenario is None:
            return Fitted(planned.checked, None)
        assignments = planned.plan.assignments
        groups, padal = planned.plan.tps_groups, planned.plan.padal
        checked, demand = planned.checked, planned.demand
    else:
        checked = load_scenario(paths)
        model, found = _read_plan(baseline, BaselineFile)
        checked = _against_plan(checked, baseline, model, found)
        if checked.scenario is None or model is None:
            return Fitted(checked, None)
        demand = derive_demand(checked.scenario)
        assignments = current(model.assignments, checked.scenario)
        groups, padal = model.tps_groups, model.padal
    assert checked.scenario is not None
    # On a voting day, the officers of the TPS and the Padal are kept by their duty.
    duty = duty_of(checked.scenario, groups, padal)
    fits = find(checked.scenario, demand, assignments, day, shift, site, skill, duty)
    return Fitted(checked, fits)


@dataclass(frozen=True)
class Evaluated:
    checked: Checked
    evaluation: Evaluation | None
    fragment: str | None = None
    """The absences as an adjustments.yaml fragment."""


def anev(
    paths: Sequence[Path],
    plan_file: Path,
    attendance: Path,
    days: list[date] | None = None,
    lang: str = "en",
    drills_file: Path | None = None,
) -> Evaluated:
    """`anev`: the published plan against what the roll calls found (the fragment for the
    next re-plan commented in `lang`); with `drills_file` (`drills --format json`), the
    attendance of its drill sessions too."""
    from sinjai_ops.anev import adjustments_fragment, drill_sessions, evaluate
    from sinjai_ops.validate.plan_file import current

    checked = load_scenario(paths)
    published, found = load_published(plan_file)
    checked = _against_plan(checked, plan_file, published, found)
    schedule, found = load_drills(drills_file) if drills_file else (None, [])
    checked = _with(checked, found)
    sessions = {s.id: s.attendees for s in schedule.sessions} if schedule else None
    planned = {(a.nrp, a.date, a.shift) for a in published.assignments} if published else None
    marks, found_marks = load_attendance(attendance, planned, checked.scenario, sessions)
    checked = _with(checked, found_marks)
    if checked.scenario is None or published is None or marks is None:
        return Evaluated(checked, None)
    scenario = checked.scenario
    slots = scenario.operation.slots()
    assignments = current(published.assignments, scenario)
    # The shifts' lines: the missing TPS officers of a voting day have no shift.
    shortfalls = [s for s in published.shortfalls if isinstance(s, Shortfall)]
    evaluation = evaluate(scenario, slots, assignments, shortfalls, marks, days)
    if schedule is not None:
        tallies = drill_sessions(scenario, schedule, marks)
        evaluation = evaluation.model_copy(update={"sessions": tallies})
    return Evaluated(checked, evaluation, adjustments_fragment(evaluation, slots, lang))


@dataclass(frozen=True)
class Reported:
    checked: Checked
    data: ReportData | None


def report(
    paths: Sequence[Path], time_limit: float = DEFAULT_TIME_LIMIT, remedies: bool = True
) -> Reported:
    """`report`: the plan (with its remedies) and the checklist, gathered for the page."""
    from sinjai_ops.checklists import make_checklist
    from sinjai_ops.report import report_data

    planned = plan(paths, time_limit, remedies=remedies)
    if planned.plan is None or planned.demand is None or planned.checked.scenario is None:
        return Reported(planned.checked, None)
    scenario = planned.checked.scenario
    schedule = _schedule(scenario, planned.demand, planned.plan, time_limit)
    listed = make_checklist(scenario, planned.demand, planned.plan, scenario.checklists, schedule)
    data = report_data(scenario, planned.demand, planned.plan, listed)
    return Reported(planned.checked, data.model_copy(update={"drills": schedule}))


def init_files(lang: str) -> dict[str, str]:
    """The commented templates of a new scenario, in `lang` (`id` or `en`)."""
    folder = resources.files("sinjai_ops") / "templates" / "init" / lang
    return {
        name: (folder / name).read_text(encoding="utf-8")
        for name in ("operation.yaml", "roster.yaml", "arrivals.yaml")
    }


@dataclass(frozen=True)
class Drilled:
    checked: Checked
    schedule: DrillPlan | None


def drills(paths: Sequence[Path], time_limit: float = DEFAULT_TIME_LIMIT) -> Drilled:
    """`drills`: the plan as it stands (with its drill remedy measured), then the drill
    schedule and the plan made again with its drills recorded."""
    from sinjai_ops.drill_schedule import make_drill_plan

    planned = plan(paths, time_limit, remedies=True)
    if planned.plan is None or planned.demand is None or planned.checked.scenario is None:
        return Drilled(planned.checked, None)
    scenario = planned.checked.scenario
    with stage("drills"):
        made = make_drill_plan(scenario, planned.demand, planned.plan, time_limit)
    return Drilled(planned.checked, made)
