"""`bko` on a synthetic Polda of 24 Polres (benchmarks/bko.py's plans and units): every rule
held by the independent checker, proven optimal. About a minute and a half on two cores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from benchmarks.bko import scenario_folders, units_text

from tests.bko_check import check_allocation
from tests.conftest import Run

pytestmark = pytest.mark.slow


def test_24_plans_allocated_whole_and_checked(run: Run, tmp_path: Path) -> None:
    folders = scenario_folders(tmp_path / "polda", "few")
    for folder in folders:
        out = folder / "plan.json"
        run("plan", folder, "--format", "json", "--no-remedies", "-q", "-o", out, code=None)
        assert out.exists()
    plans = [f / "plan.json" for f in folders]
    units = tmp_path / "units.yaml"
    units.write_text(units_text(), "utf-8")
    args = ["bko", *plans, "--units", units, "-f", "json", "-q", "--time-limit", "60"]
    found = run(*args)
    allocation = json.loads(found.stdout)
    requests = []
    for path in plans:
        body = json.loads(path.read_text("utf-8"))
        requests += [
            {k: v for k, v in r.items() if k != "causes"}
            | {"plan": path.parent.name, "polres": body["unit"]}
            for r in body["reinforcements"]
        ]
    assert len({r["plan"] for r in requests}) >= 10  # many Polres ask, at the same time
    data = yaml.safe_load(units.read_text("utf-8"))
    for u in data["units"]:
        u["available"] = {k: str(v) for k, v in u["available"].items()}
    weighted, used, _ = check_allocation(allocation, data["units"], data["travel_hours"], requests)
    quality = allocation["quality"]
    assert quality["weighted_covered"] == weighted and quality["units_used"] == used
    assert weighted <= quality["weighted_bound"]
    assert len({a["polres"] for a in allocation["allocations"]}) >= 5
    # The most weighted heads and the fewest units are proven (16 plans asking 790 heads, all
    # covered); the least travel is not always proven in the time limit on two loaded cores, and
    # the output says which aims are (docs/contract.md).
    assert quality["proven"][:2] == ["heads", "units"]
    assert quality["status"] == (
        "optimal" if quality["proven"] == ["heads", "units", "travel"] else "feasible"
    )
