"""Reasons and remedies of the BKO request, checked by doing what they say."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sinjai_ops import pipeline
from sinjai_ops.demand import derive_demand
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.remedies import Serially, find_remedies, neutrality
from sinjai_ops.solve.plan import make_plan
from tests.conftest import EXAMPLE, Run


def _missing(body: dict[str, object]) -> int:
    return sum(s["missing"] for s in body["shortfalls"])  # type: ignore[index, misc, union-attr]


def test_every_bko_line_carries_its_causes(run: Run) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json").stdout)
    assert body["reinforcements"]
    for line in body["reinforcements"]:
        causes = line["causes"]
        out_of_reach = sum(v for k, v in causes.items() if k != "holders")
        # Every holder of the skill is accounted for: the plan leaves nobody idle beside a gap.
        assert out_of_reach == causes["holders"] > 0


def test_the_drill_remedy_is_what_planning_again_with_the_drills_gives(
    run: Run, tmp_path: Path
) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json").stdout)
    drill = next(r for r in body["remedies"] if r["kind"] == "drill")
    assert drill["skill"] == "dalmas" and drill["recovered"] > 0
    scenario = tmp_path / "drilled"
    shutil.copytree(EXAMPLE, scenario)
    roster = scenario / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    for nrp in drill["officers"]:
        # The officer's entry, up to the next one: give it the drill the remedy names.
        entry = re.search(rf'  - nrp: "{nrp}"\n(?:    .*\n)*', text)
        assert entry is not None
        old = entry.group(0)
        lines = [line for line in old.splitlines() if not line.startswith("    drills:")]
        new = "\n".join([*lines, f"    drills: {{dalmas: {drill['by']}}}"]) + "\n"
        text = text.replace(old, new)
    roster.write_text(text, encoding="utf-8")
    again = json.loads(run("plan", scenario, "--format", "json").stdout)
    assert _missing(body) - _missing(again) == drill["recovered"]


def test_remedies_name_the_officers_they_need(run: Run) -> None:
    """The officer reads who to drill or recall by rank and name, not by NRP alone."""
    body = json.loads(run("plan", EXAMPLE, "--format", "json").stdout)
    people = {}
    for line in (EXAMPLE / "roster.yaml").read_text(encoding="utf-8").split("  - nrp: ")[1:]:
        nrp = line.split('"')[1]
        name = re.search(r"\n    name: (.+)\n", line)
        rank = re.search(r"\n    rank: (\S+)\n", line)
        assert name is not None and rank is not None
        people[nrp] = f"{rank.group(1)} {name.group(1)} ({nrp})"
    named = [nrp for r in body["remedies"] for nrp in r["officers"]]
    assert named
    for lang in ("id", "en"):
        text = run("plan", EXAMPLE, "--view", "overview", "--format", "markdown", "--lang", lang)
        for nrp in named:
            assert people[nrp] in text.stdout, (lang, nrp)


def _replanned_in_full(scenario: Scenario) -> int:
    """The heads left empty by planning `scenario` again from scratch, as remedies were measured
    before they were measured by the coverage model: names, perwira last, load and all."""
    return sum(s.missing for s in make_plan(scenario, derive_demand(scenario)).shortfalls)


def _tied(tmp_path: Path, count: int) -> Path:
    """The example with `count` officers at the KPU on 27 August tied to paslon-2."""
    body = json.loads(_plan_json(EXAMPLE))
    nrps = sorted(
        {a["nrp"] for a in body["assignments"] if a["date"] == "2024-08-27" and a["site"] == "kpu"}
    )[:count]
    folder = tmp_path / "tied"
    shutil.copytree(EXAMPLE, folder)
    roster = folder / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    for nrp in nrps:
        entry = re.search(rf'  - nrp: "{nrp}"\n(?:    .*\n)*', text)
        assert entry is not None
        text = text.replace(entry.group(0), entry.group(0) + "    ties: [paslon-2]\n")
    roster.write_text(text, encoding="utf-8")
    return folder


def _plan_json(folder: Path) -> str:
    planned = pipeline.plan([folder], remedies=False)
    assert planned.plan is not None
    return planned.plan.model_dump_json()


@pytest.mark.slow
def test_remedies_from_the_coverage_model_are_those_of_planning_again_in_full(
    tmp_path: Path,
) -> None:
    """Every remedy and the cost of neutrality, measured by the coverage model alone, give the
    figures that planning the changed files again in full gives."""
    for folder in (EXAMPLE, _tied(tmp_path, 60)):
        planned = pipeline.plan([folder])
        scenario = planned.checked.scenario
        assert planned.plan is not None and scenario is not None
        fast = planned.plan
        assert fast.remedies and all(r.recovered > 0 for r in fast.remedies)
        assert find_remedies(scenario, fast, Serially(_replanned_in_full)) == fast.remedies
        assert neutrality(scenario, fast, Serially(_replanned_in_full)) == fast.neutrality
    assert fast.neutrality is not None and fast.neutrality.heads_cost > 0


GOLDEN = Path(__file__).parent / "golden" / "remedies.json"


def _synthetic(tmp_path: Path, officers: int, days: int, seed: int = 1) -> Path:
    from benchmarks.synth import scenario_texts

    folder = tmp_path / f"synth-{officers}x{days}-{seed}"
    folder.mkdir()
    for name, text in scenario_texts(officers, days, seed).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_the_remedies_are_those_measured_before_they_were_made_faster(
    run: Run, tmp_path: Path
) -> None:
    """The JSON's remedies of both examples (the voting day's TPS and Padal heads counted) and
    of a synthetic month of 500 officers, as the remedies gave them before the roles and
    schedule networks of unchanged officers were kept between remedies."""
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    folders = {
        "sinjai-2024": EXAMPLE,
        "sinjai-2024-pemungutan": EXAMPLE.parent / "sinjai-2024-pemungutan",
        "synthetic 500x28 seed 1": _synthetic(tmp_path, 500, 28),
    }
    for name, folder in folders.items():
        body = json.loads(run("plan", folder, "--format", "json").stdout)
        assert body["remedies"] == expected[name], name


def test_the_remedies_work_out_the_roles_only_of_the_officers_they_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each remedy is measured on the coverage model again; the roles by day of the officers it
    leaves alone are those the plan worked out, not worked out once more for every remedy."""
    from sinjai_ops.solve import classes

    calls: list[str] = []
    roles_of = classes.eligible_roles

    def counted(person, *args):  # type: ignore[no-untyped-def]
        calls.append(person.nrp)
        return roles_of(person, *args)

    monkeypatch.setattr(classes, "eligible_roles", counted)
    folder = EXAMPLE
    pipeline.plan([folder], remedies=False)
    alone = len(calls)
    calls.clear()
    planned = pipeline.plan([folder])
    assert planned.plan is not None and planned.checked.scenario is not None
    remedies = planned.plan.remedies
    assert [r.kind for r in remedies] == ["drill", "recall-leave", "perwira-on-rank-and-file"]
    changed = {nrp for r in remedies if r.kind != "perwira-on-rank-and-file" for nrp in r.officers}
    days = len({a.date for a in planned.plan.assignments})
    # The plan's own, then the drilled and recalled officers', then (the policy changed) all
    # once more for perwira on rank-and-file heads.
    assert len(calls) <= 2 * alone + len(changed) * days


@pytest.mark.slow
def test_remedies_measured_side_by_side_are_those_measured_one_by_one(tmp_path: Path) -> None:
    """The threads that measure the trials together (`pipeline.measure`) give the very figures
    of one thread, on the example (with ties, so that neutrality is priced too)."""
    folder = _tied(tmp_path, 60)
    alone = pipeline.plan([folder], workers=1).plan
    together = pipeline.plan([folder], workers=4).plan
    nothing = pipeline.plan([folder], workers=0).plan  # taken as one, never a hang
    assert alone is not None and together is not None and nothing is not None
    assert nothing.model_dump_json() == alone.model_dump_json()
    assert alone.remedies and alone.neutrality is not None and alone.neutrality.heads_cost > 0
    assert together.model_dump_json() == alone.model_dump_json()


def test_the_trials_start_once_the_coverage_shows_heads_left_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The trials are started from the plan's coverage, before its later stages end (then
    the remedies stage only collects them)."""
    from sinjai_ops.pipeline import measure
    from sinjai_ops.solve import plan as solve_plan

    events: list[str] = []
    start, made = measure.Measurer.start, solve_plan.make_plan

    def started(self: measure.Measurer, trial: object) -> None:
        events.append(f"start {trial.key}")  # type: ignore[attr-defined]
        start(self, trial)  # type: ignore[arg-type]

    def planned(*args: object, **kwargs: object) -> object:
        out = made(*args, **kwargs)  # type: ignore[arg-type]
        events.append("planned")
        return out

    monkeypatch.setattr(measure.Measurer, "start", started)
    monkeypatch.setattr(solve_plan, "make_plan", planned)
    pipeline.plan([EXAMPLE], workers=2)
    first = [e for e in events if e.startswith("start ")][:3]
    assert [e.split(":")[0] for e in first] == [
        "start perwira-on-rank-and-file",
        "start recall-leave",
        "start drill",
    ]
    assert events.index(first[-1]) < events.index("planned")


def test_a_trial_started_on_days_the_plan_then_moved_is_not_taken_for_the_plan_s(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Trials started from the coverage are found again by keys made of their days: one
    started for other days than the plan's is not used, and the remedies are those of one
    thread measuring the plan's own trials."""
    from datetime import timedelta

    from sinjai_ops.pipeline.measure import Measurer, missing_in
    from sinjai_ops.remedies import Trial, trials

    planned = pipeline.plan([EXAMPLE], workers=1)
    scenario, plan = planned.checked.scenario, planned.plan
    assert scenario is not None and plan is not None and plan.remedies
    days = {s.skill: {s.date} for s in plan.shortfalls}
    moved = {skill: {d - timedelta(1) for d in on} for skill, on in days.items()}
    # Only perwira on rank-and-file heads, which asks nothing of the days, is the same trial.
    shared = {t.key for t in trials(scenario, moved)} & {t.key for t in trials(scenario, days)}
    assert shared == {"perwira-on-rank-and-file"}
    measured: list[str] = []

    def missing(trial: Trial) -> int:
        measured.append("x")
        return missing_in(trial.changed, 60.0)

    with Measurer(missing, workers=2) as measure:
        for trial in trials(scenario, moved):
            measure.start(trial)
        measure.planned()
        assert find_remedies(scenario, plan, measure) == plan.remedies
    assert len(measured) == len(trials(scenario, moved)) + len(trials(scenario, days)) - len(shared)


def test_a_trial_that_only_adds_gives_the_same_figure_from_the_plans_own_coverage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A recall only adds what officers may do: its coverage model is told what the plan's
    coverage reached (the tiers are the same), and the figure is the one measured without."""
    from sinjai_ops.pipeline.measure import missing_in
    from sinjai_ops.remedies import trials
    from sinjai_ops.solve import coverage, model
    from sinjai_ops.solve.plan import make_plan as made

    planned = pipeline.plan([EXAMPLE], workers=1)
    scenario, plan, demand = planned.checked.scenario, planned.plan, planned.demand
    assert scenario is not None and plan is not None and demand is not None
    caught: list[object] = []
    made(scenario, demand, covered=lambda days, reached: caught.append(reached))
    reached = caught[0]
    assert isinstance(reached, model.Reached)
    known: list[object] = []
    lexicographic = coverage.warm_lexicographic

    def told(*args: object) -> object:
        known.append(args[4] if len(args) > 4 else None)
        return lexicographic(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(coverage, "warm_lexicographic", told)
    days = {s.skill: {s.date} for s in plan.shortfalls}
    recall = next(t for t in trials(scenario, days) if t.key.startswith("recall-leave"))
    assert recall.relaxes
    alone = missing_in(recall.changed, 60.0, demand)
    with_plan = missing_in(recall.changed, 60.0, demand, reached)
    assert with_plan == alone
    assert known == [None, (reached.weighted, reached.heads)]


def test_a_whole_plan_known_to_reach_the_relaxation_spares_the_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two whole heads, room for one and a half: the relaxation's vertex is fractional and its
    best, rounded down, is one. Told of a whole plan that fills one, no whole plan is looked
    for; the answer is the same."""
    import time

    from sinjai_ops.solve import program

    def two_heads() -> program.Program:
        prog = program.Program()
        a, b = prog.column(1.0, 0.0, 1.0, True), prog.column(1.0, 0.0, 1.0, True)
        prog.row([(a, 1.0), (b, 1.0)], 0.0, 1.5)
        return prog

    searched: list[int] = []
    near = program.whole_near

    def counted(*args: object) -> object:
        searched.append(1)
        return near(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(program, "whole_near", counted)
    both = [(0, 1.0), (1, 1.0)]
    deadline = time.monotonic() + 10
    assert program.warm_lexicographic(two_heads(), both, both, deadline) == (1, 1)
    assert searched
    searched.clear()
    assert program.warm_lexicographic(two_heads(), both, both, deadline, (1, 1)) == (1, 1)
    assert not searched
