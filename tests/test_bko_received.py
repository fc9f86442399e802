"""`bko` promises no more than a received unit delivers: its members obey the plan's rest and
daily hours (the plan's `rules`), so a unit received as the allocation says fills exactly the
heads the allocation says it covers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.bko_check import check_allocation
from tests.conftest import Run
from tests.test_bko import allocate, line, requests_of, unit
from tests.test_received import _folder, _operation, _plan

SST = {
    "id": "sst-samapta",
    "name": "SST Samapta Polda",
    "kind": "sst",
    "strength": 30,
    "skills": ["dalmas", "samapta"],
    "commander": {"name": "Invented Commander", "rank": "Iptu", "nrp": "85020002"},
    "base": "Makassar",
}


def _covered(out: dict[str, Any]) -> int:
    return sum(a["heads"] for a in out["allocations"])


def test_a_unit_covers_a_siang_and_the_next_malam_with_different_members(
    run: Run, tmp_path: Path
) -> None:
    # 22 heads 14-22 and 30 heads 22-06: with 10 h of rest no member does both, so a unit of
    # 30 covers 30 of the 52, not 52.
    plans = {"sinjai": ("Polres Sinjai", [line(14, 22, 22, 5), line(22, 30, 30, 5)])}
    units = [unit("sst-1", 30, ["dalmas"])]
    out = allocate(run, tmp_path, plans, units, {})
    check_allocation(out, units, {}, requests_of(plans))
    assert _covered(out) == 30
    assert sum(u["missing"] for u in out["unmet"]) == 22


def test_the_plans_own_rest_and_daily_hours_are_obeyed(run: Run, tmp_path: Path) -> None:
    # No rest asked, but at most 12 h a day: 06-14 and 14-22 (16 h) need two members a head;
    # 22-06 of the same day too (its 8 h count on the day it starts).
    lines = [line(6, 14, 10, 5), line(14, 22, 10, 5), line(22, 30, 10, 5)]
    body = {
        "operation": "Ops",
        "unit": "Polres Sinjai",
        "reinforcements": lines,
        "rules": {"min_rest_hours": 0, "max_hours_per_day": 12},
    }
    (tmp_path / "p.json").write_text(json.dumps(body), "utf-8")
    units = [unit("sst-1", 10, ["dalmas"])]
    (tmp_path / "units.yaml").write_text(yaml.safe_dump({"units": units}), "utf-8")
    found = run("bko", tmp_path / "p.json", "--units", tmp_path / "units.yaml", "-f", "json")
    out = json.loads(found.stdout)
    check_allocation(out, units, {}, requests_of({"p": ("Polres Sinjai", lines)}), {"p": (0, 12)})
    assert _covered(out) == 10  # one shift each: any two are 16 h on one day
    body["rules"] = {"min_rest_hours": 0, "max_hours_per_day": 16}
    (tmp_path / "p.json").write_text(json.dumps(body), "utf-8")
    found = run("bko", tmp_path / "p.json", "--units", tmp_path / "units.yaml", "-f", "json")
    assert _covered(json.loads(found.stdout)) == 20  # two shifts each


def test_the_plan_json_says_its_rest_and_daily_hours(run: Run, tmp_path: Path) -> None:
    plan = _plan(run, _folder(tmp_path, "alone", _operation()))
    assert plan["rules"] == {"min_rest_hours": 10, "max_hours_per_day": 12}


def test_a_unit_received_as_allocated_fills_exactly_what_bko_said(run: Run, tmp_path: Path) -> None:
    alone_folder = _folder(tmp_path, "alone", _operation())
    (tmp_path / "plans").mkdir()
    plan_path = tmp_path / "plans" / "uji.json"
    run("plan", alone_folder, "--format", "json", "-q", "-o", plan_path, code=None)
    alone = json.loads(plan_path.read_text("utf-8"))
    (tmp_path / "units.yaml").write_text(yaml.safe_dump({"units": [SST]}), "utf-8")
    found = run("bko", plan_path, "--units", tmp_path / "units.yaml", "-f", "json", "-q")
    [allocation] = json.loads(found.stdout)["allocations"]
    said = allocation["heads"]
    received = SST | {"from": allocation["from"], "to": allocation["until"]}
    folder = _folder(tmp_path, "helped", _operation(received_units=[received]))
    helped = _plan(run, folder)
    filled = helped["quality"]["heads_filled"] - alone["quality"]["heads_filled"]
    shrunk = sum(r["missing"] for r in alone["reinforcements"]) - sum(
        r["missing"] for r in helped["reinforcements"]
    )
    assert said > 30  # more than one shift's worth: the unit works several shifts
    assert filled == shrunk == said
