"""An allocation of BKO units checked independently of the model that made it: from the JSON
that `bko` prints, units.yaml's data and the requests, with nothing of sinjai_ops.solve."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

MOMENT = "%Y-%m-%dT%H:%M"


def at(text: str) -> datetime:
    return datetime.strptime(text, MOMENT)


def key(request: dict[str, Any]) -> tuple[Any, ...]:
    """A request by what names it (not by what was covered of it)."""
    names = ("plan", "date", "shift", "site", "post", "kecamatan", "category", "skill", "from")
    return tuple(request.get(k) for k in names)


def hours(travel: dict[str, dict[str, float]], base: str, polres: str) -> float:
    return float(travel.get(base, {}).get(polres, 0))


REST, MOST = 10.0, 12.0
"""The shipped policy's rest and daily hours: a plan without `rules` obeys them."""


def work_hours(cover: dict[str, Any]) -> float:
    """Hours counted against the day's limit: a TPS line (by kecamatan) counts none."""
    if cover.get("kecamatan") is not None or cover.get("shift") is None:
        return 0.0
    return (at(cover["until"]) - at(cover["from"])).total_seconds() / 3600


def members_can(
    covers: list[dict[str, Any]], strength: int, rest: float, most: float
) -> list[list[int]]:
    """A witness that the unit's members can do what it covers: each cover's heads given to
    distinct members, each of whom has `rest` hours between two heads and at most `most` hours
    on a day; asserts one is found (first fit by start, the member free the latest first).
    Returns the members of each cover."""
    free = [datetime.min] * strength
    worked: list[dict[str, float]] = [defaultdict(float) for _ in range(strength)]
    out = []
    for c in sorted(covers, key=lambda c: (at(c["from"]), at(c["until"]))):
        start, h = at(c["from"]), work_hours(c)
        able = [
            m
            for m in range(strength)
            if free[m] <= start and worked[m][c["date"]] + h <= most + 1e-6
        ]
        able.sort(key=lambda m: (free[m], worked[m][c["date"]]), reverse=True)
        assert len(able) >= c["heads"], ("members cannot do it", c, len(able))
        for m in able[: c["heads"]]:
            free[m] = at(c["until"]) + timedelta(hours=rest)
            worked[m][c["date"]] += h
        out.append(able[: c["heads"]])
    return out


def check_allocation(
    output: dict[str, Any],
    units: list[dict[str, Any]],
    travel: dict[str, Any],
    requests: list[dict[str, Any]],
    rules: dict[str, tuple[float, float]] | None = None,
) -> tuple[int, int, float]:
    """Asserts every rule of an allocation; returns (weighted heads covered, units used, hours
    of travel both ways) as counted from the output. `rules`: each plan's (min_rest_hours,
    max_hours_per_day), the shipped policy's for a plan not named."""
    by_id = {u["id"]: u for u in units}
    asked = {key(r): r for r in requests}
    covered: dict[tuple[Any, ...], int] = defaultdict(int)
    journeys: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    weighted, total_travel = 0, 0.0
    for a in output["allocations"]:
        unit = by_id[a["unit"]]  # a unit of units.yaml, sent whole under its own id
        assert a["covers"], a
        trip = hours(travel, unit["base"], a["polres"])
        start, until = at(a["from"]), at(a["until"])
        # The stay spans exactly what it covers, all of one plan of that Polres.
        assert start == min(at(c["from"]) for c in a["covers"])
        assert until == max(at(c["until"]) for c in a["covers"])
        assert {(c["plan"], c["polres"]) for c in a["covers"]} == {(a["plan"], a["polres"])}
        depart, back = start - timedelta(hours=trip), until + timedelta(hours=trip)
        assert at(a["depart"]) == depart and at(a["back"]) == back  # travel counted
        days = unit.get("available")
        if days is not None:  # the whole journey within the unit's available days
            assert depart >= datetime.fromisoformat(days["from"])
            assert back <= datetime.fromisoformat(days["to"]) + timedelta(days=1)
        journeys[unit["id"]].append((depart, back))
        total_travel += 2 * trip
        for c in a["covers"]:
            request = asked[key(c)]
            assert c["heads"] >= 1
            assert request["skill"] in (None, "any") or request["skill"] in unit["skills"]
            covered[key(c)] += c["heads"]
            weighted += c["heads"] * request["weight"]
        for when in {at(c["from"]) for c in a["covers"]}:  # its strength at every moment
            under_way = [c for c in a["covers"] if at(c["from"]) <= when < at(c["until"])]
            assert sum(c["heads"] for c in under_way) <= unit["strength"], (a["unit"], when)
        rest, most = (rules or {}).get(a["plan"], (REST, MOST))
        members_can(a["covers"], unit["strength"], rest, most)  # as its members will, received
    for spans in journeys.values():  # never in two places at once, travel included
        spans.sort()
        for (_, back), (depart, _) in pairwise(spans):
            assert back <= depart, spans
    unmet = {key(u): u for u in output["unmet"]}
    for k, r in asked.items():
        assert covered[k] <= r["missing"]
        left = r["missing"] - covered[k]
        assert (unmet[k]["missing"] if k in unmet else 0) == left, (r, left)
    assert set(unmet) <= set(asked)
    return weighted, len(journeys), total_travel
