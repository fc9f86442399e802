"""The work of one folder, in the worker's own process: the `plan` pipeline as `plan` runs it,
and each format asked rendered to the bytes `plan FOLDER --format F -o FILE` (or `report -o
FILE.html`) writes. Nothing is written here: the batch writes what comes back, so that a worker
on another machine needs no access to OUTDIR."""

from __future__ import annotations

import io
import os
import resource
import signal
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sinjai_ops import __version__
from sinjai_ops.models.batch import FAILED, FILE_OF, INVALID, PLANNED, SHORTFALL, Job, Outcome

if TYPE_CHECKING:
    from sinjai_ops import pipeline
    from sinjai_ops.models.plan import Plan
    from sinjai_ops.render.view import View


def run(job: Job) -> Outcome:
    """Plan `job`'s folder; an outcome whatever happens (a failure is told, not raised)."""
    if job.kill_first and job.attempt == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # the test hook (jobs.KILL_HOOK)
    began = time.perf_counter()
    if job.cwd is not None:
        os.chdir(job.cwd)
    try:
        outcome = _plan(job)
    except Exception as exc:  # an internal error: told in the summary, the others go on
        outcome = Outcome(job.name, FAILED, error=f"{type(exc).__name__}: {exc}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = round(time.perf_counter() - began, 2)
    return replace(outcome, version=__version__, peak_kib=peak, seconds=seconds)


def _plan(job: Job) -> Outcome:
    from sinjai_ops import pipeline
    from sinjai_ops.render.problems import PROBLEM_RENDERERS, problem_line

    folder = Path(job.folder)
    try:
        # One thread: the batch gives every core a folder of its own.
        planned = pipeline.plan([folder], job.time_limit, remedies=job.remedies, workers=1)
    except pipeline.UsageError as exc:
        return Outcome(job.name, INVALID, error=exc.msg.say(job.lang or job.env_lang))
    checked = planned.checked
    if planned.plan is None or checked.scenario is None:
        said = job.lang or checked.language or job.env_lang
        text = PROBLEM_RENDERERS["text"](checked.problems, [str(folder)], said)
        return Outcome(job.name, INVALID, problems=text)
    plan = planned.plan
    said = job.lang or plan.language or job.env_lang
    notes = tuple(problem_line(p, said) for p in checked.notes)
    warnings = sum(p.severity == "warning" for p in checked.problems)
    bko: dict[str, int] = {}
    for line in plan.reinforcements:
        bko[line.skill] = bko.get(line.skill, 0) + line.missing
    return Outcome(
        job.name,
        SHORTFALL if plan.shortfalls else PLANNED,
        unit=plan.unit or "",
        heads=plan.quality.heads_needed,
        filled=plan.quality.heads_filled,
        bko=dict(sorted(bko.items())),
        files={FILE_OF[f]: _render(f, plan, planned, said) for f in job.formats},
        inputs=dict(plan.inputs or {}),
        notes=notes,
        warnings=warnings,
    )


def _render(fmt: str, plan: Plan, planned: pipeline.Planned, lang: str) -> bytes:
    """The bytes of one format, as `plan --format FMT -o FILE` writes them (`report -o
    FILE.html` for html), through the same steps as `cli.output.emit`."""
    from sinjai_ops.cli.output import ShownConsole, for_people
    from sinjai_ops.render import PLAN_RENDERERS
    from sinjai_ops.render.view import View

    view = View(lang=lang)
    rendered = _report(plan, planned, view) if fmt == "html" else PLAN_RENDERERS[fmt](plan, view)
    rendered = for_people(rendered, fmt)
    if isinstance(rendered, bytes):
        return rendered
    if isinstance(rendered, str):
        return rendered.encode("utf-8")
    assert not isinstance(rendered, dict)  # calendars are not among the formats of a batch
    buffer = io.StringIO()
    ShownConsole(file=buffer, width=120, color_system=None, force_terminal=False).print(rendered)
    return buffer.getvalue().encode("utf-8")


def _report(plan: Plan, planned: pipeline.Planned, view: View) -> str:
    from sinjai_ops.checklists import make_checklist
    from sinjai_ops.render.report_html import as_html
    from sinjai_ops.report import report_data

    scenario, demand = planned.checked.scenario, planned.demand
    assert scenario is not None and demand is not None
    listed = make_checklist(scenario, demand, plan, scenario.checklists)
    return as_html(report_data(scenario, demand, plan, listed), view)
