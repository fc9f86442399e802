"""`bko`: whole units allocated to the BKO requests of many plans, each rule checked by
tests/bko_check.py (not by the model), and optimality by brute force on small cases."""

from __future__ import annotations

import itertools
import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from tests.bko_check import at, check_allocation
from tests.conftest import Run

DAY = datetime(2024, 11, 25)


def moment(hour: float) -> str:
    return (DAY + timedelta(hours=hour)).strftime("%Y-%m-%dT%H:%M")


def line(
    start: float,
    until: float,
    missing: int,
    weight: int,
    skill: str | None = "dalmas",
    post: str = "gate",
) -> dict[str, Any]:
    """A registration-day BKO line of a plan, shifts given in hours from 25 Nov 00:00."""
    begin = DAY + timedelta(hours=start)
    return {
        "date": begin.date().isoformat(),
        "shift": f"s{int(start)}",
        "site": "kpu",
        "post": post,
        "skill": skill,
        "missing": missing,
        "weight": weight,
        "from": moment(start),
        "until": moment(until),
    }


def write_plan(folder: Path, name: str, polres: str, lines: list[dict[str, Any]]) -> Path:
    path = folder / f"{name}.json"
    body = {"operation": f"Ops {polres}", "unit": polres, "reinforcements": lines}
    path.write_text(json.dumps(body, indent=2), "utf-8")
    return path


def unit(
    uid: str,
    strength: int,
    skills: list[str],
    base: str = "Bone",
    days: tuple[str, str] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": uid,
        "name": f"Unit {uid}",
        "kind": "sst",
        "strength": strength,
        "skills": skills,
        "commander": {"name": "Invented Commander", "rank": "Ipda", "nrp": "85020002"},
        "base": base,
    }
    if days:
        out["available"] = {"from": days[0], "to": days[1]}
    return out


def write_units(folder: Path, units: list[dict[str, Any]], travel: dict[str, Any]) -> Path:
    path = folder / "units.yaml"
    path.write_text(yaml.safe_dump({"units": units, "travel_hours": travel}, sort_keys=False))
    return path


def requests_of(plans: dict[str, tuple[str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    return [
        {**x, "plan": name, "polres": polres}
        for name, (polres, lines) in plans.items()
        for x in lines
    ]


def allocate(
    run: Run,
    tmp: Path,
    plans: dict[str, tuple[str, list[dict[str, Any]]]],
    units: list[dict[str, Any]],
    travel: dict[str, Any],
) -> dict[str, Any]:
    files = [write_plan(tmp, name, polres, lines) for name, (polres, lines) in plans.items()]
    found = run("bko", *files, "--units", write_units(tmp, units, travel), "-f", "json", "-q")
    return json.loads(found.stdout)


def test_a_heavier_request_gets_the_one_unit_that_can_serve_only_one(
    run: Run, tmp_path: Path
) -> None:
    plans = {
        "sinjai": ("Polres Sinjai", [line(6, 14, 20, 1)]),
        "bone": ("Polres Bone", [line(8, 12, 20, 30)]),
    }
    units = [unit("sst-1", 30, ["dalmas"])]
    out = allocate(run, tmp_path, plans, units, {"Bone": {"Polres Sinjai": 2, "Polres Bone": 1}})
    check_allocation(
        out, units, {"Bone": {"Polres Sinjai": 2, "Polres Bone": 1}}, requests_of(plans)
    )
    assert [(a["unit"], a["plan"], a["heads"]) for a in out["allocations"]] == [
        ("sst-1", "bone", 20)
    ]
    assert [(u["plan"], u["missing"], u["reason"]) for u in out["unmet"]] == [
        ("sinjai", 20, "units-busy")
    ]
    assert out["quality"]["status"] == "optimal"


def test_travel_keeps_a_unit_from_two_polres_too_close_in_time(run: Run, tmp_path: Path) -> None:
    # Sinjai until 14:00, Bone from 16:00: with 2 h back to base and 1 h to Bone, it cannot.
    plans = {
        "sinjai": ("Polres Sinjai", [line(6, 14, 10, 5)]),
        "bone": ("Polres Bone", [line(16, 22, 10, 3)]),
    }
    travel = {"Bone": {"Polres Sinjai": 2, "Polres Bone": 1}}
    units = [unit("sst-1", 30, ["dalmas"])]
    out = allocate(run, tmp_path, plans, units, travel)
    check_allocation(out, units, travel, requests_of(plans))
    assert [a["plan"] for a in out["allocations"]] == ["sinjai"]
    travel = {"Bone": {"Polres Sinjai": 0.5, "Polres Bone": 0.5}}  # now it can do both
    out = allocate(run, tmp_path, plans, units, travel)
    check_allocation(out, units, travel, requests_of(plans))
    assert [(a["plan"], a["depart"], a["back"]) for a in out["allocations"]] == [
        ("sinjai", moment(5.5), moment(14.5)),
        ("bone", moment(15.5), moment(22.5)),
    ]


def test_skills_strength_and_available_days(run: Run, tmp_path: Path) -> None:
    plans = {
        "sinjai": (
            "Polres Sinjai",
            [
                line(6, 14, 40, 5),
                line(6, 14, 3, 9, "jibom", "ring1"),
                line(30, 38, 4, 2, None, "tps"),
            ],
        )
    }
    units = [
        unit("sst-1", 30, ["dalmas"], days=("2024-11-25", "2024-11-25")),
        unit("regu-1", 8, ["samapta"], days=("2024-11-26", "2024-11-27")),
    ]
    out = allocate(run, tmp_path, plans, units, {"Bone": {"Polres Sinjai": 2}})
    check_allocation(out, units, {"Bone": {"Polres Sinjai": 2}}, requests_of(plans))
    got = {(a["unit"], c["post"], c["heads"]) for a in out["allocations"] for c in a["covers"]}
    # 30 of 40 dalmas (its strength), the TPS heads (any skill) by the squad of the next day.
    assert got == {("sst-1", "gate", 30), ("regu-1", "tps", 4)}
    reasons = {(u["post"], u["missing"], u["reason"]) for u in out["unmet"]}
    assert reasons == {("gate", 10, "units-busy"), ("ring1", 3, "no-unit-with-skill")}


def test_a_request_outside_every_units_days_is_said_so(run: Run, tmp_path: Path) -> None:
    plans = {"sinjai": ("Polres Sinjai", [line(1, 6, 5, 5)])}  # 01:00: travel starts the day before
    units = [unit("sst-1", 30, ["dalmas"], days=("2024-11-25", "2024-11-26"))]
    out = allocate(run, tmp_path, plans, units, {"Bone": {"Polres Sinjai": 2}})
    assert out["allocations"] == []
    assert [u["reason"] for u in out["unmet"]] == ["no-unit-available"]


def _brute_force(
    units: list[dict[str, Any]], travel: dict[str, Any], requests: list[dict[str, Any]]
) -> tuple[int, int, float]:
    """The best (weighted heads, -units, -travel) over every way to give each unit heads of
    each request: a unit's requests in time order, those of one plan in a row one journey."""
    choices = []
    for u in units:
        for r in requests:
            able = r["skill"] in (None, "any") or r["skill"] in u["skills"]
            choices.append(range(min(u["strength"], r["missing"]) + 1) if able else range(1))
    best: tuple[int, int, float] | None = None
    for heads in itertools.product(*choices):
        grid = [heads[i * len(requests) : (i + 1) * len(requests)] for i in range(len(units))]
        if any(sum(g[j] for g in grid) > r["missing"] for j, r in enumerate(requests)):
            continue
        cost = [_journeys(u, travel, requests, g) for u, g in zip(units, grid, strict=True)]
        if any(c is None for c in cost):
            continue
        weighted = sum(k * r["weight"] for g in grid for k, r in zip(g, requests, strict=True))
        used = sum(1 for g in grid if any(g))
        value = (weighted, -used, -sum(c or 0 for c in cost))
        best = value if best is None or value > best else best
    assert best is not None
    return best[0], -best[1], -best[2]


def _journeys(
    u: dict[str, Any],
    travel: dict[str, Any],
    requests: list[dict[str, Any]],
    heads: tuple[int, ...],
) -> float | None:
    """Hours of travel of a unit's journeys, 0 when it stays home, None when it cannot."""
    served = sorted(
        (at(r["from"]), at(r["until"]), r["plan"], r["polres"], k)
        for r, k in zip(requests, heads, strict=True)
        if k
    )
    groups: list[list[Any]] = []
    for s in served:
        if groups and groups[-1][-1][2] == s[2]:
            groups[-1].append(s)
        else:
            groups.append([s])
    hours, last_back = 0.0, None
    for g in groups:
        trip = timedelta(hours=travel.get(u["base"], {}).get(g[0][3], 0))
        depart, back = min(s[0] for s in g) - trip, max(s[1] for s in g) + trip
        if last_back is not None and depart < last_back:
            return None
        days = u.get("available")
        if days and (
            depart < datetime.fromisoformat(days["from"])
            or back > datetime.fromisoformat(days["to"]) + timedelta(days=1)
        ):
            return None
        rest = timedelta(hours=10)  # a member busy until the end of his head plus the rest
        if any(sum(x[4] for x in g if x[0] <= s[0] < x[1] + rest) > u["strength"] for s in g):
            return None
        hours += 2 * trip.total_seconds() / 3600
        last_back = back
    return hours


def test_optimal_on_small_cases_by_brute_force(run: Run, tmp_path: Path) -> None:
    for seed in range(20):
        rng = random.Random(seed)
        plans: dict[str, tuple[str, list[dict[str, Any]]]] = {
            "a": ("Polres A", []),
            "b": ("Polres B", []),
        }
        for k in range(4):
            start = rng.choice([2, 6, 10, 14, 18, 26])
            plans[rng.choice("ab")][1].append(
                line(
                    start,
                    start + rng.choice([4, 8]),
                    rng.randint(1, 3),
                    rng.randint(1, 9),
                    rng.choice(["dalmas", "dalmas", None, "samapta", "any"]),
                    post=f"p{k}",
                )
            )
        travel = {
            "Bone": {"Polres A": rng.choice([0, 1, 2]), "Polres B": rng.choice([1, 3])},
            "Gowa": {"Polres A": 1, "Polres B": 1},
        }
        units = [
            unit("u1", rng.randint(2, 4), ["dalmas"], rng.choice(["Bone", "Gowa"])),
            unit(
                "u2",
                rng.randint(1, 3),
                rng.choice([["dalmas"], ["samapta"]]),
                "Bone",
                rng.choice([None, ("2024-11-25", "2024-11-25")]),
            ),
        ]
        plans = {k: v for k, v in plans.items() if v[1]}
        requests = requests_of(plans)
        out = allocate(run, tmp_path, plans, units, travel)
        found = check_allocation(out, units, travel, requests)
        assert found == _brute_force(units, travel, requests), (seed, out)
        assert out["quality"]["status"] == "optimal"


def test_a_voting_day_line_is_covered_by_any_unit(run: Run, tmp_path: Path) -> None:
    tps = {
        "date": "2024-11-27",
        "kecamatan": "Sinjai Utara",
        "category": "rawan",
        "skill": None,
        "missing": 6,
        "from": "2024-11-27T06:30",
        "until": "2024-11-27T23:00",
        "weight": 4,
    }
    plans = {"sinjai-vote": ("Polres Sinjai", [tps])}
    units = [unit("regu-1", 8, ["binmas"])]
    out = allocate(run, tmp_path, plans, units, {"Bone": {"Polres Sinjai": 2}})
    check_allocation(out, units, {"Bone": {"Polres Sinjai": 2}}, requests_of(plans))
    [a] = out["allocations"]
    assert (a["from"], a["until"], a["depart"], a["back"]) == (
        "2024-11-27T06:30",
        "2024-11-27T23:00",
        "2024-11-27T04:30",
        "2024-11-28T01:00",
    )
    assert a["covers"] == [{"plan": "sinjai-vote", "polres": "Polres Sinjai", **tps, "heads": 6}]


def test_the_voting_days_reserve_of_any_skill_is_covered_by_any_unit(
    run: Run, tmp_path: Path
) -> None:
    reserve = line(6, 14, 12, 1, "any", "reserve")
    plans = {"sinjai-vote": ("Polres Sinjai", [reserve, line(14, 22, 3, 1, "jibom")])}
    units = [unit("regu-1", 8, ["binmas"]), unit("sst-1", 30, ["lantas"])]
    out = allocate(run, tmp_path, plans, units, {})
    check_allocation(out, units, {}, requests_of(plans))
    assert sum(a["heads"] for a in out["allocations"]) == 12
    assert [(u["skill"], u["missing"], u["reason"]) for u in out["unmet"]] == [
        ("jibom", 3, "no-unit-with-skill")
    ]
