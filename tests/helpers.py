"""Tiny scenarios stated in a line or two, for tests of single rules."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from sinjai_ops import pipeline
from sinjai_ops.demand import derive_demand
from sinjai_ops.models.plan import Demand, Plan
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.plan import make_plan

BOSS = {
    "nrp": "70010001",
    "name": "Kapolres Uji",
    "rank": "AKBP",
    "unit": "Pimpinan",
    "skills": ["command"],
    "assignable": False,
}
SHIFTS = [
    {"id": "pagi", "start": "06:00", "end": "14:00"},
    {"id": "siang", "start": "14:00", "end": "22:00"},
    {"id": "malam", "start": "22:00", "end": "06:00"},
]


def officer(nrp: str, rank: str = "Bripda", *skills: str, **extra: Any) -> dict[str, Any]:
    return {
        "nrp": nrp,
        "name": f"Anggota {nrp[-3:]}",
        "rank": rank,
        "unit": "Sat Samapta",
        "skills": list(skills) or ["samapta"],
        **extra,
    }


def _sites(posts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Posts at site `kpu`, or at the site a post names under `site` (a test shorthand)."""
    sites: dict[str, list[dict[str, Any]]] = {"kpu": []}
    for post in posts:
        body = {k: v for k, v in post.items() if k != "site"}
        sites.setdefault(post.get("site", "kpu"), []).append(body)
    return [{"id": s, "name": s.upper(), "posts": p} for s, p in sites.items()]


def scenario(
    posts: list[dict[str, Any]],
    people: list[dict[str, Any]],
    *,
    days: int = 1,
    visits: list[dict[str, Any]] | None = None,
    policy: dict[str, Any] | None = None,
    shifts: list[dict[str, Any]] | None = None,
) -> Scenario:
    end = f"2024-08-{25 + days:02d}"
    operation = {
        "operation": {
            "name": "Uji",
            "unit": "Polres Uji",
            "timezone": "Asia/Makassar",
            "start": "2024-08-26",
            "end": end,
            "commander": "70010001",
        },
        "shifts": shifts or SHIFTS,
        "sites": _sites(posts),
        "policy": {"reserve": {"fraction": 0, "site": "kpu"}, **(policy or {})},
    }
    arrivals = {
        "candidates": [
            {"id": "paslon-1", "names": ["Calon Uji"], "risk": "medium", "visits": visits or []}
        ]
    }
    texts = {
        "operation.yaml": operation,
        "roster.yaml": {"personnel": [BOSS, *people]},
        "arrivals.yaml": arrivals,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, body in texts.items():
            (Path(tmp) / name).write_text(yaml.safe_dump(body), encoding="utf-8")
        checked = pipeline.load_scenario([Path(tmp)])
    errors = [p for p in checked.problems if p.severity == "error"]
    assert checked.scenario is not None, errors
    return checked.scenario


def solve(s: Scenario) -> tuple[Demand, Plan]:
    demand = derive_demand(s)
    plan = make_plan(s, demand)
    assert audit(s, demand, plan) == []
    return demand, plan


def filled(s: Scenario) -> list[tuple[str, str, str, str]]:
    """(date shift, post, skill, nrp) of every assignment, after checking every rule."""
    _, plan = solve(s)
    return [(f"{a.date} {a.shift}", a.post, a.skill, a.nrp) for a in plan.assignments]


def missing(s: Scenario) -> int:
    _, plan = solve(s)
    return sum(x.missing for x in plan.shortfalls)
