"""`rest.max_consecutive_nights`: at most N night shifts on consecutive days, in every place
that plans or judges a schedule: a fresh plan, a re-plan from a moment (the nights worked before
it count), the time-out fallback, who-fits, the check of pins and the audit.

One officer and one head in the night shift (malam, 22:00-06:00) of every day: each case says
exactly which nights the officer works, so that a limit off by one (N + 1) fails it.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from sinjai_ops import pipeline
from sinjai_ops.demand import derive_demand
from sinjai_ops.models.operation import Shift
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.rules.schedule import night_shift
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.plan import make_plan
from tests.helpers import BOSS, SHIFTS, officer, scenario, solve

X = "85000001"
MALAM = {"id": "jaga", "need": {"samapta": 1}, "shifts": ["malam"]}


def _nights(
    most: int | None, days: int = 4, shifts: list[dict[str, Any]] | None = None
) -> Scenario:
    rest = {"min_rest_hours": 10, "max_hours_per_day": 12, "max_consecutive_nights": most}
    return scenario([MALAM], [officer(X)], days=days, policy={"rest": rest}, shifts=shifts)


def _worked(assignments: list[Any]) -> list[int]:
    """The days of August the officer works."""
    return sorted(a.date.day for a in assignments if a.nrp == X)


def _longest_run(days: list[int]) -> int:
    runs = [1]
    for a, b in itertools.pairwise(days):
        runs.append(runs[-1] + 1 if b == a + 1 else 1)
    return max(runs) if days else 0


@pytest.mark.parametrize("most, nights", [(1, 2), (2, 3), (None, 4)])
def test_a_fresh_plan_keeps_the_nights_in_a_row(most: int | None, nights: int) -> None:
    # Four nights: under a limit of 1 the officer can work two (a night off between), under 2
    # three (two, a night off, one).
    _, plan = solve(_nights(most))  # audited
    worked = _worked(plan.assignments)
    assert len(worked) == nights
    assert _longest_run(worked) == (most or 4)


@pytest.mark.parametrize("most, days", [(1, [26, 28]), (2, [26, 27, 29])])
def test_a_replan_from_a_moment_counts_the_nights_before_it(most: int, days: list[int]) -> None:
    # Published without the limit: the officer works every night. From the 27th at 00:00 on,
    # re-planned under it: the night of the 26th stands and counts.
    _, published = solve(_nights(None))
    s = _nights(most)
    demand = derive_demand(s)
    moment = datetime(2024, 8, 27, 0, 0, tzinfo=ZoneInfo("Asia/Makassar"))
    plan = make_plan(s, demand, baseline=published.assignments, start=moment)
    assert audit(s, demand, plan) == []
    assert _worked(plan.assignments) == days


@pytest.mark.parametrize("most, days", [(1, [26, 28]), (2, [26, 27, 29])])
def test_the_time_out_fallback_keeps_the_nights_in_a_row(
    monkeypatch: pytest.MonkeyPatch, most: int, days: list[int]
) -> None:
    from sinjai_ops.solve import plan as planning
    from sinjai_ops.solve.model import NoPlanInTime

    def too_slow(*args: object, **kwargs: object) -> None:
        raise NoPlanInTime("time limit reached")

    monkeypatch.setattr(planning, "solve_classes", too_slow)
    _, plan = solve(_nights(most))  # audited
    assert plan.quality.status == "feasible"
    assert _worked(plan.assignments) == days


def test_the_audit_catches_nights_in_a_row_made_by_hand() -> None:
    s = _nights(None)
    demand, plan = solve(s)
    assert _worked(plan.assignments) == [26, 27, 28, 29]
    for most, told in [(1, ["2024-08-27: 2"]), (2, ["2024-08-28: 3"]), (3, ["2024-08-29: 4"])]:
        limited = _nights(most)
        found = audit(limited, demand, plan)
        broken = [f for f in found if "night shifts in a row" in f]
        assert [f.split(" night")[0].removeprefix(f"{X}: ") for f in broken] == told, found
    assert not [f for f in audit(_nights(4), demand, plan) if "night" in f]


def test_what_is_a_night_shift() -> None:
    def shift(start: str, end: str, **extra: object) -> Shift:
        return Shift.model_validate({"id": "s", "start": start, "end": end, **extra})

    assert night_shift(shift("22:00", "06:00"))
    assert night_shift(shift("06:00", "06:00"))  # ends at its start, the next day
    assert not night_shift(shift("22:00", "24:00"))  # ends at the midnight that ends its day
    assert shift("22:00", "24:00").end == time(0)
    assert night_shift(shift("18:00", "24:00", night=True))
    assert not night_shift(shift("06:00", "14:00"))


@pytest.mark.parametrize("night, nights", [(False, 2), (True, 1)])
def test_a_shift_ending_at_midnight_is_a_night_only_when_marked(night: bool, nights: int) -> None:
    shifts = [*SHIFTS[:2], {"id": "malam", "start": "22:00", "end": "24:00", "night": night}]
    _, plan = solve(_nights(1, days=2, shifts=shifts))
    assert len(_worked(plan.assignments)) == nights


def _folder(folder: Path, post: dict[str, Any], pins: list[dict[str, str]] | None) -> Path:
    operation = {
        "operation": {
            "name": "Uji malam",
            "unit": "Polres Uji",
            "timezone": "Asia/Makassar",
            "start": "2024-08-26",
            "end": "2024-08-27",
            "commander": BOSS["nrp"],
        },
        "shifts": SHIFTS,
        "sites": [{"id": "kpu", "name": "KPU", "posts": [post]}],
        "policy": {
            "reserve": {"fraction": 0, "site": "kpu"},
            "rest": {"min_rest_hours": 10, "max_hours_per_day": 12, "max_consecutive_nights": 1},
        },
    }
    files: dict[str, Any] = {
        "operation.yaml": operation,
        "roster.yaml": {"personnel": [BOSS, officer(X)]},
        "arrivals.yaml": {"candidates": [{"id": "paslon-1", "names": ["Calon"], "risk": "low"}]},
    }
    if pins is not None:
        files["adjustments.yaml"] = {"pins": pins}
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_text(yaml.safe_dump(body), encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["en", "id"])
def test_who_fits_and_a_pin_say_why_in_the_same_words(tmp_path: Path, lang: str) -> None:
    # Who-fits: the officer works the night of the 26th; one more head on the 27th's night?
    only_26 = {**MALAM, "days": ["2024-08-26"]}
    fitted = pipeline.who_fits(
        [_folder(tmp_path / "a", only_26, None)], date(2024, 8, 27), "malam", "kpu", "samapta"
    )
    assert fitted.result is not None and not fitted.result.fits
    refused = next(n for n in fitted.result.not_ if n.nrp == X)
    assert refused.code == "rest"
    # A pin: the officer pinned to both nights.
    pins = [
        {"nrp": X, "date": day, "shift": "malam", "site": "kpu", "post": "jaga"}
        for day in ("2024-08-26", "2024-08-27")
    ]
    checked = pipeline.load_scenario([_folder(tmp_path / "b", MALAM, pins)])
    errors = [p for p in checked.problems if p.severity == "error"]
    assert [(p.path, p.said("en")) for p in errors] == [
        (
            "pins[1].nrp",
            "pin breaks a rule: 2 night shifts in a row (2024-08-26 to 2024-08-27), more than "
            "max_consecutive_nights (1)",
        )
    ]
    prefix = {"en": "pin breaks a rule: ", "id": "penetapan melanggar aturan: "}[lang]
    assert errors[0].said(lang) == prefix + refused.said(lang)
