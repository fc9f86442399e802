"""who-fits: the officers who could take one more head now, best first, and why not the rest."""

from __future__ import annotations

import json
from pathlib import Path

from sinjai_ops import pipeline
from sinjai_ops.solve.audit import schedule_violations
from tests.conftest import EXAMPLE, Run


def test_who_fits_json_follows_the_contract_and_every_fit_keeps_the_rules(
    run: Run, tmp_path: Path
) -> None:
    base = tmp_path / "base.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    out = run(
        "who-fits",
        EXAMPLE,
        "--date",
        "2024-08-27",
        "--shift",
        "malam",
        "--site",
        "mapolres",
        "--skill",
        "samapta",
        "--baseline",
        base,
        "--format",
        "json",
        "-q",
    ).stdout
    body = json.loads(out)
    assert set(body) >= {"fits", "not"}
    assert body["fits"], "someone is free on the night of the 27th"
    assert all("nrp" in f for f in body["fits"]) and all(
        {"nrp", "reason"} <= set(n) for n in body["not"]
    )
    shifts = [f["shifts"] for f in body["fits"]]
    assert shifts == sorted(shifts)  # fewest shifts first
    # Each officer said to fit could really take the head: check against the published plan.
    planned = pipeline.plan([EXAMPLE], remedies=False)
    assert planned.checked.scenario is not None and planned.plan is not None
    scenario = planned.checked.scenario
    published = json.loads(base.read_text(encoding="utf-8"))["assignments"]
    slots = {(str(s.date), s.shift): s for s in planned.plan.slots}
    people = {p.nrp: p for p in scenario.roster.personnel}
    for fit in body["fits"]:
        mine = [slots[(a["date"], a["shift"])] for a in published if a["nrp"] == fit["nrp"]]
        night = slots[("2024-08-27", "malam")]
        assert night not in mine
        assert schedule_violations([*mine, night], scenario.policy) == []
        assert "samapta" in people[fit["nrp"]].skills
    reasons = {n["code"] for n in body["not"]}
    assert reasons <= {"not_assignable", "leave", "drill", "rank", "busy", "rest"}


def test_who_fits_table_and_bad_options(run: Run) -> None:
    text = run(
        "who-fits",
        EXAMPLE,
        "--date",
        "2024-08-27",
        "--shift",
        "pagi",
        "--site",
        "kpu",
        "--skill",
        "dalmas",
        "--lang",
        "en",
        "-q",
    ).stdout
    assert "Who can take one more Dalmas head at Kantor KPU Kabupaten Sinjai" in text
    assert "drill" in text  # the officers whose drill is too old are told so
    err = run(
        "who-fits",
        EXAMPLE,
        "--date",
        "2024-08-27",
        "--shift",
        "pagii",
        "--site",
        "kpu",
        "--lang=en",
        code=2,
    ).stderr
    assert "did you mean 'pagi'?" in err


def test_a_published_plan_with_shifts_the_operation_does_not_have(run: Run, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    body = json.loads(base.read_text(encoding="utf-8"))
    body["assignments"][0]["date"] = "2024-09-30"
    base.write_text(json.dumps(body), encoding="utf-8")
    out = run(
        "who-fits",
        EXAMPLE,
        "--date",
        "2024-08-27",
        "--shift",
        "pagi",
        "--site",
        "kpu",
        "--baseline",
        base,
        "--format",
        "json",
        "-q",
    ).stdout
    assert "fits" in json.loads(out)
    empty = tmp_path / "att.yaml"
    empty.write_text("attendance: []\n", encoding="utf-8")
    report = json.loads(
        run("anev", EXAMPLE, "--plan", base, "--attendance", empty, "--format", "json", "-q").stdout
    )
    assert len(report["days"]) == 7 and report["totals"]["absent"] == 0
