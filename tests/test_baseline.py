"""Re-planning against an earlier plan moves as few officers as possible and lists the changes."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_a_sick_officer_of_ring1_never_makes_the_busiest_busier(tmp_path: Path) -> None:
    """Each officer of ring 1 on 27 Aug falls sick in turn: the re-plan keeps the busiest
    officer at the larger of the baseline's and what a fresh plan reaches (3 shifts here)."""
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
        assert again.plan.quality.load.max <= allowed == 3, nrp
        assert again.plan.quality.load.max_lower_bound == fresh.plan.quality.load.max_lower_bound
        assert again.checked.scenario is not None and again.demand is not None
        assert audit(again.checked.scenario, again.demand, again.plan) == []
