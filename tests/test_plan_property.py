"""Random small scenarios: every plan keeps every rule, hides no shortfall, and is repeatable."""

from __future__ import annotations

import io
import tempfile
from datetime import datetime, time
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from sinjai_ops import pipeline
from sinjai_ops.checklists import make_checklist
from sinjai_ops.models.adjustments import Absence, AdjustmentsFile
from sinjai_ops.render import PLAN_RENDERERS
from sinjai_ops.render.checklist import CHECKLIST_RENDERERS
from sinjai_ops.render.plan_json import as_json, as_yaml
from sinjai_ops.render.view import View
from sinjai_ops.solve import plan as planning
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.model import NoPlanInTime
from sinjai_ops.solve.plan import make_plan
from tests.helpers import officer, scenario, solve

SKILLS = ["samapta", "dalmas", "intel", "lantas"]
RANKS = ["Bripda", "Brigpol", "Aipda", "Ipda", "Iptu"]


@st.composite
def scenarios(draw: st.DrawFn) -> Any:
    days = draw(st.integers(1, 3))
    day_names = [f"2024-08-{26 + k}" for k in range(days)]
    people = []
    for k in range(draw(st.integers(0, 8))):
        skills = draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=2, unique=True))
        extra: dict[str, Any] = {}
        if "dalmas" in skills and draw(st.booleans()):
            extra["drills"] = {"dalmas": draw(st.sampled_from(["2024-07-20", "2024-08-20"]))}
        if draw(st.integers(0, 4)) == 0:
            first = draw(st.sampled_from(day_names))
            extra["unavailable"] = [{"from": first, "to": first}]
        people.append(officer(f"8500{k:04d}", draw(st.sampled_from(RANKS)), *skills, **extra))
    posts = []
    for k in range(draw(st.integers(1, 3))):
        need = draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 3), max_size=2))
        post: dict[str, Any] = {"id": f"pos-{k}", "need": need}
        if draw(st.booleans()):
            post["commander"] = draw(st.sampled_from(["Aipda", "Ipda"]))
        if draw(st.booleans()):
            post["shifts"] = draw(
                st.lists(st.sampled_from(["pagi", "siang", "malam"]), min_size=1, unique=True)
            )
        if draw(st.booleans()):
            post["ring"] = draw(st.integers(1, 3))
        posts.append(post)
    visits = []
    if draw(st.booleans()):
        hour = draw(st.integers(5, 20))
        visits.append(
            {
                "site": "kpu",
                "purpose": "skck",
                "date": draw(st.sampled_from(day_names)),
                "arrive": f"{hour:02d}:00",
                "depart": f"{hour + 2:02d}:30",
                "supporters": draw(st.integers(0, 300)),
                "vehicles": draw(st.integers(0, 20)),
            }
        )
    rest = draw(st.sampled_from([0, 8, 10, 16]))
    hours = draw(st.sampled_from([8, 12, 16]))
    nights = draw(st.sampled_from([None, 1, 2]))
    fraction = draw(st.sampled_from([0, 0.1, 0.25]))
    policy = {
        "rest": {
            "min_rest_hours": rest,
            "max_hours_per_day": hours,
            "max_consecutive_nights": nights,
        },
        "reserve": {"fraction": fraction, "site": "kpu"},
    }
    return scenario(posts, people, days=days, visits=visits, policy=policy)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=scenarios(), day=st.integers(0, 2), who=st.integers(0, 7))
def test_replans_from_a_moment_and_the_fallback_keep_every_rule(s: Any, day: int, who: int) -> None:
    """A re-plan from a day's first moment, with one officer absent from then on, keeps every
    rule (the nights, rest and hours worked before the moment count); so does the plan the
    time-out fallback makes alone."""
    demand, plan = solve(s)
    days = sorted({slot.date for slot in demand.slots})
    plotted = [p.nrp for p in s.roster.personnel if p.assignable]
    moment = datetime.combine(days[min(day, len(days) - 1)], time(0), demand.slots[0].start.tzinfo)
    if plotted:
        sick = Absence.model_validate(
            {
                "nrp": plotted[who % len(plotted)],
                "from": moment.replace(tzinfo=None),
                "to": "2024-08-29 00:00",
            }
        )
        s = s.model_copy(update={"adjustments": AdjustmentsFile(absences=[sick])})
    replanned = make_plan(s, demand, baseline=plan.assignments, start=moment)
    assert audit(s, demand, replanned) == []
    with patch.object(planning, "solve_classes", side_effect=NoPlanInTime("time limit reached")):
        fallback = make_plan(s, demand)
    assert audit(s, demand, fallback) == []


def _show(rendered: object) -> None:
    """Render fully, as the CLI would: rich renderables are lazy until printed."""
    if not isinstance(rendered, str):
        Console(file=io.StringIO(), width=90).print(rendered)


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=scenarios())
def test_plans_keep_every_rule_and_repeat(s: Any) -> None:
    # solve() audits every rule, and that no shortfall sits beside an idle officer.
    demand, plan = solve(s)
    assert plan.quality.status in ("optimal", "nothing-to-plan")
    assert plan.quality.heads_filled + sum(x.missing for x in plan.shortfalls) == sum(
        n.heads for n in demand.needs
    )
    _, again = solve(s)
    assert as_json(plan, View()) == as_json(again, View())
    # Re-planned against itself, nothing moves and nothing is lost.
    kept = make_plan(s, demand, baseline=plan.assignments)
    assert audit(s, demand, kept) == []
    assert kept.quality.weighted_filled == plan.quality.weighted_filled
    assert kept.quality.moved == 0 and kept.changes == []


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=scenarios())
def test_every_view_renders_whatever_the_plan_holds(s: Any) -> None:
    """Every renderer, both layouts and languages, and the checklist, on whatever came out:
    nothing raises, and no placeholder is left unfilled in the checklist's words."""
    demand, plan = solve(s)
    checklist = make_checklist(s, demand, plan, s.checklists)
    for lang in ("id", "en"):
        for by in ("post", "person"):
            for render in PLAN_RENDERERS.values():
                _show(render(plan, View(lang=lang, by=by)))  # type: ignore[arg-type]
        for render_list in CHECKLIST_RENDERERS.values():
            _show(render_list(checklist, View(lang=lang)))
        assert all("{" not in item.text[lang] for item in checklist.items)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=scenarios(), through=st.sampled_from(["json", "yaml"]))
def test_a_written_plan_reads_back_as_it_was(s: Any, through: str) -> None:
    """What `--baseline` and `anev` read from a written plan (JSON as written, or YAML as a
    person may keep it) is exactly what the plan held: nothing dropped, nothing changed."""
    _, plan = solve(s)
    text = as_json(plan, View()) if through == "json" else as_yaml(plan, View())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"plan.{through}"
        path.write_text(text, encoding="utf-8")
        published, problems = pipeline.load_published(path)
        baseline, more = pipeline.load_baseline(path)
    assert problems == [] and more == []
    assert published is not None and baseline is not None
    assert published.assignments == plan.assignments == baseline
    assert published.shortfalls == plan.shortfalls
    assert (published.operation, published.unit, published.start, published.end) == (
        plan.operation,
        plan.unit,
        plan.start,
        plan.end,
    )


def test_every_head_filled_stands_on_a_whole_plan_when_none_keeps_the_load_bound() -> None:
    """Where every head can be filled, the least load's relaxation proves it (`_every_head`);
    if no whole plan is then found under the load bound, the plan is still a whole one that
    fills every head (never the relaxation's fractions), and keeps every rule."""
    from sinjai_ops.solve import model

    s = scenario(
        [{"id": "jaga", "need": {"samapta": 2}}],
        [officer(f"8701{k:04d}", "Bripda", "samapta") for k in range(9)],
        days=3,
    )
    demand, plan = solve(s)
    assert plan.quality.heads_filled == plan.quality.heads_needed > 0
    calls: list[str] = []
    every = model._every_head

    def held(*args: object) -> object:
        out = every(*args)  # type: ignore[arg-type]
        calls.append("every" if out is not None else "none")
        # A relaxation's vertex in fractions, as a large program may end on.
        return None if out is None else (out[0], out[1] * 0.5)

    with (
        patch.object(model, "_every_head", side_effect=held),
        patch.object(model, "whole_under", side_effect=NoPlanInTime("no whole plan")),
    ):
        fallback = make_plan(s, demand)
    assert calls == ["every"]
    assert audit(s, demand, fallback) == []
    assert fallback.quality.heads_filled == plan.quality.heads_filled
