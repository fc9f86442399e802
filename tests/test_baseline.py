"""Re-planning against an earlier plan moves as few officers as possible and lists the changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sinjai_ops.demand import derive_demand
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.plan import make_plan
from tests.conftest import EXAMPLE, Run
from tests.helpers import officer, scenario

POSTS = [
    {"id": "dalam", "ring": 1, "need": {"samapta": 2}, "shifts": ["pagi", "siang"]},
    {"id": "luar", "ring": 3, "need": {"samapta": 2}},
]


def team(sick_on: str | None = None) -> list[dict[str, object]]:
    people = [officer(f"850000{k:02d}") for k in range(14)]
    if sick_on:
        people[3] = officer("85000003", unavailable=[{"from": sick_on, "to": sick_on}])
    return people


def test_same_inputs_keep_everything() -> None:
    s = scenario(POSTS, team(), days=3)
    demand = derive_demand(s)
    first = make_plan(s, demand)
    again = make_plan(s, demand, baseline=first.assignments)
    assert again.changes == [] and again.quality.moved == 0
    assert again.quality.kept == len(first.assignments)


def test_one_officer_falls_sick() -> None:
    s = scenario(POSTS, team(), days=3)
    before = make_plan(s, derive_demand(s))
    sick = [a for a in before.assignments if a.nrp == "85000003"]
    assert sick, "the test needs the officer to have work"
    day = sick[0].date.isoformat()
    s2 = scenario(POSTS, team(sick_on=day), days=3)
    demand = derive_demand(s2)
    after = make_plan(s2, demand, baseline=before.assignments)
    assert audit(s2, demand, after) == []
    assert after.quality.heads_filled == before.quality.heads_filled
    lost = [a for a in sick if a.date.isoformat() == day]
    assert after.quality.moved == len(lost)
    # Only the sick officer's shifts change hands; everyone else keeps theirs.
    assert all(c.date.isoformat() == day for c in after.changes or [])
    assert {c.nrp for c in after.changes or [] if c.after is None} == {"85000003"}


def test_cli_baseline_lists_changes(run: Run, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    run("plan", EXAMPLE, "--format", "json", "--output", base)
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "--baseline", base).stdout)
    assert body["changes"] == []
    assert body["quality"]["moved"] == 0
    text = run("plan", EXAMPLE, "--format", "markdown", "--baseline", base, "--lang", "en").stdout
    assert "Nobody moves." in text


def test_cli_bad_baseline(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "base.json"
    bad.write_text('{"assignments": [{"date": "2024-08-26", "shift": "pagi"}]}', encoding="utf-8")
    result = run("plan", EXAMPLE, "--baseline", bad, "--lang", "en", code=1)
    assert "base.json:1:18: error: assignments[0]: missing required field 'site'" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"assignments": [', encoding="utf-8")
    assert (
        "broken.json:2:1: error: JSON syntax error"
        in run("plan", EXAMPLE, "--baseline", broken, "--lang", "en", code=1).stderr
    )
    run("plan", EXAMPLE, "--baseline", tmp_path / "missing.json", code=2)


@pytest.mark.slow
def test_a_sick_officer_of_ring1_never_makes_the_busiest_busier(tmp_path: Path) -> None:
    """Each officer of ring 1 on 27 Aug falls sick in turn: the re-plan keeps the busiest
    officer at the larger of the baseline's and what a fresh plan reaches (4 shifts here)."""
    import re
    import shutil

    from sinjai_ops import pipeline

    base = pipeline.plan([EXAMPLE], remedies=False).plan
    assert base is not None
    published = tmp_path / "base.json"
    published.write_text(
        json.dumps({"assignments": [a.model_dump(mode="json") for a in base.assignments]}),
        encoding="utf-8",
    )
    ring1 = sorted(
        {a.nrp for a in base.assignments if a.post == "kpu-ring1" and str(a.date) == "2024-08-27"}
    )
    assert ring1
    for nrp in ring1:
        folder = tmp_path / nrp
        shutil.copytree(EXAMPLE, folder)
        roster = folder / "roster.yaml"
        text = roster.read_text(encoding="utf-8")
        entry = re.search(rf'  - nrp: "{nrp}"\n(?:    .*\n)*', text)
        assert entry is not None
        sick = "      - {from: 2024-08-27, to: 2024-08-27, reason: sakit}\n"
        old = entry.group(0)
        new = (
            old.replace("    unavailable:\n", "    unavailable:\n" + sick)
            if "    unavailable:\n" in old
            else old + "    unavailable:\n" + sick
        )
        roster.write_text(text.replace(old, new), encoding="utf-8")
        again = pipeline.plan([folder], baseline=published, remedies=False)
        fresh = pipeline.plan([folder], remedies=False)
        assert again.plan is not None and fresh.plan is not None
        assert again.plan.quality.heads_filled == fresh.plan.quality.heads_filled
        allowed = max(base.quality.load.max, fresh.plan.quality.load.max)
        assert again.plan.quality.load.max <= allowed == 4, nrp
        assert again.plan.quality.load.max_lower_bound == fresh.plan.quality.load.max_lower_bound
        assert again.checked.scenario is not None and again.demand is not None
        assert audit(again.checked.scenario, again.demand, again.plan) == []


MINIMAL = EXAMPLE.parents[1] / "tests" / "cases" / "valid" / "minimal"


def _published(run: Run, tmp_path: Path) -> Path:
    base = tmp_path / "base.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    return base


def test_the_plan_names_its_operation_fully(run: Run, tmp_path: Path) -> None:
    body = json.loads(_published(run, tmp_path).read_text(encoding="utf-8"))
    assert list(body)[:5] == ["operation", "unit", "start", "end", "inputs"]
    assert (body["unit"], body["start"], body["end"]) == (
        "Polres Sinjai",
        "2024-08-24",
        "2024-08-30",
    )


def test_a_plan_of_another_operation_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was re-planned against: 0 kept, every assignment moved, no word."""
    monkeypatch.chdir(tmp_path)
    base = _published(run, tmp_path)
    err = run("plan", MINIMAL, "--baseline", base, "--lang", "en", code=1).stderr
    assert "base.json:2:16: error: operation: " in err
    assert (
        "base.json is a plan of another operation: its operation is 'Ops Mantap Praja 2024 - "
        "pendaftaran paslon Bupati Sinjai', the scenario's is 'Latihan kecil'; give the plan "
        "made from this scenario" in err
    )
    assert "base.json:4:12: error: start: " in err
    assert "its start is '2024-08-24', the scenario's is '2024-08-26'" in err
    err = run(
        "who-fits",
        MINIMAL,
        "--baseline",
        base,
        "--date",
        "2024-08-26",
        "--shift",
        "pagi",
        "--site",
        "kpu",
        "--lang",
        "en",
        code=1,
    ).stderr
    assert "base.json is a plan of another operation" in err


def test_an_older_plan_is_held_by_its_name_only(run: Run, tmp_path: Path) -> None:
    base = _published(run, tmp_path)
    body = json.loads(base.read_text(encoding="utf-8"))
    older = {k: v for k, v in body.items() if k not in ("unit", "start", "end")}
    old = tmp_path / "old.json"
    old.write_text(json.dumps(older), encoding="utf-8")
    again = json.loads(run("plan", EXAMPLE, "--baseline", old, "--format", "json", "-q").stdout)
    assert again["quality"]["moved"] == 0
    older["operation"] = "Ops Lain"
    old.write_text(json.dumps(older), encoding="utf-8")
    err = run("plan", EXAMPLE, "--baseline", old, "--lang", "en", code=1).stderr
    assert "its operation is 'Ops Lain', the scenario's is 'Ops Mantap Praja 2024" in err


def test_changed_inputs_and_entries_that_no_longer_exist_are_warned_of(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    import shutil

    base = _published(run, tmp_path)
    body = json.loads(base.read_text(encoding="utf-8"))
    gone = body["assignments"][0]
    # A hand-edited baseline: an NRP and a post that the scenario does not have.
    body["assignments"][1] = {**body["assignments"][1], "nrp": "99999999"}
    body["assignments"][2] = {**body["assignments"][2], "post": "pos-hilang"}
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(body, indent=2), encoding="utf-8")
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    roster = folder / "roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = run("plan", folder, "--baseline", edited, "--format", "json", "--lang", "en")
    err = result.stderr
    assert (
        "warning: inputs.roster.yaml: roster.yaml is not the one edited.json was made from" in err
    )
    assert "operation.yaml is not the one" not in err
    assert (
        "warning: assignments[1]: 2 assignment(s) of edited.json name what the scenario does not "
        f"have, and are left out: {body['assignments'][1]['date']}" in err
    )
    assert "99999999 (NRP not in the roster)" in err and "(no such post at the site)" in err
    assert json.loads(result.stdout)["assignments"][0] == gone
    # --quiet keeps standard error for errors only.
    assert (
        "warning" not in run("plan", folder, "--baseline", edited, "-q", "--format", "json").stderr
    )
