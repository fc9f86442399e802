"""The schedule rules (`min_rest_hours`, `max_hours_per_day`) at their very edge, with shifts of
odd lengths, in every place that asks them: the solver's plan, the time-out fallback, who-fits
and the check of pins. Every shift elsewhere in the tests lasts 8 hours against a rest of 0 or
10, so a rule moved by half an hour or an hour would pass them all; here each case sits exactly
on the limit or half an hour past it, so that it would not.

Shifts for the rest: pagi 07:00-16:30 (9.5 h), siang 16:30-22:00 (5.5 h), malam 22:00-07:00
(9 h). After malam of the 26th (ends 07:00 on the 27th), siang of the 27th starts 9.5 h later.
Shifts for the hours of a day: pagi 07:00-16:30 (9.5 h) and a sore of 2, 2.5 or 3 hours right
after it: a day of 11.5, 12 or 12.5 hours against the default cap of 12.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sinjai_ops import pipeline
from sinjai_ops.demand import derive_demand
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.plan import fill_idle
from tests.helpers import BOSS, officer

REST_SHIFTS = [
    {"id": "pagi", "start": "07:00", "end": "16:30"},
    {"id": "siang", "start": "16:30", "end": "22:00"},
    {"id": "malam", "start": "22:00", "end": "07:00"},
]
NIGHT_26 = {"id": "malam-26", "need": {"samapta": 1}, "shifts": ["malam"], "days": ["2024-08-26"]}
SIANG_27 = {"id": "siang-27", "need": {"samapta": 1}, "shifts": ["siang"], "days": ["2024-08-27"]}
ANYWHERE = {"id": "jaga", "need": {"samapta": 1}}
X = "85000001"
GAP = 9.5
"""Hours from the end of malam on the 26th to the start of siang on the 27th."""

REST_CASES = [(9, True), (9.5, True), (10, False)]
"""(min_rest_hours, siang of the 27th may follow malam of the 26th) for the 9.5-hour gap."""


def hours_shifts(sore_hours: float) -> list[dict[str, str]]:
    end = {2: "18:30", 2.5: "19:00", 3: "19:30"}[sore_hours]
    return [
        {"id": "pagi", "start": "07:00", "end": "16:30"},
        {"id": "sore", "start": "16:30", "end": end},
    ]


DAY_CASES = [(2, True), (2.5, True), (3, False)]
"""(hours of sore, pagi and sore may both be worked on one day under a 12-hour cap): days of
11.5, 12 and 12.5 hours."""


def _write(
    folder: Path,
    posts: list[dict[str, Any]],
    shifts: list[dict[str, str]],
    rest: dict[str, float],
    days: int,
    pins: list[dict[str, str]] | None = None,
) -> None:
    operation = {
        "operation": {
            "name": "Uji aturan",
            "unit": "Polres Uji",
            "timezone": "Asia/Makassar",
            "start": "2024-08-26",
            "end": f"2024-08-{25 + days}",
            "commander": BOSS["nrp"],
        },
        "shifts": shifts,
        "sites": [{"id": "kpu", "name": "KPU", "posts": posts}],
        "policy": {"reserve": {"fraction": 0, "site": "kpu"}, "rest": rest},
    }
    files: dict[str, Any] = {
        "operation.yaml": operation,
        "roster.yaml": {"personnel": [BOSS, officer(X)]},
        "arrivals.yaml": {"candidates": [{"id": "paslon-1", "names": ["Calon"], "risk": "low"}]},
    }
    if pins is not None:
        files["adjustments.yaml"] = {"pins": pins}
    for name, body in files.items():
        (folder / name).write_text(yaml.safe_dump(body), encoding="utf-8")


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def _planned(folder: Path) -> int:
    """Heads the solver fills, with every rule of the plan audited."""
    planned = pipeline.plan([folder], remedies=False)
    assert planned.plan is not None and planned.demand is not None, planned.checked.problems
    assert planned.checked.scenario is not None
    assert audit(planned.checked.scenario, planned.demand, planned.plan) == []
    return len(planned.plan.assignments)


def _fallback(folder: Path) -> int:
    """Heads the time-out fallback fills on its own."""
    scenario = pipeline.load_scenario([folder]).scenario
    assert scenario is not None
    names = fill_idle(scenario, derive_demand(scenario), {})
    return sum(len(v) for v in names.values())


def _fits(folder: Path, day: date, shift: str) -> tuple[bool, str]:
    """Whether X may take one more samapta head at kpu then, and the reason given if not."""
    fitted = pipeline.who_fits([folder], day, shift, "kpu", "samapta")
    assert fitted.result is not None
    if any(f.nrp == X for f in fitted.result.fits):
        return True, ""
    refused = next(n for n in fitted.result.not_ if n.nrp == X)
    return False, f"{refused.code}: {refused.reason}"


def _pin_problems(folder: Path) -> list[str]:
    checked = pipeline.load_scenario([folder])
    return [str(p.message) for p in checked.problems if p.severity == "error"]


def _pin(day: str, shift: str) -> dict[str, str]:
    return {"nrp": X, "date": day, "shift": shift, "site": "kpu", "post": "jaga"}


# min_rest_hours


@pytest.mark.parametrize("rest, allowed", REST_CASES)
def test_the_plan_keeps_the_rest_to_the_half_hour(folder: Path, rest: float, allowed: bool) -> None:
    _write(folder, [NIGHT_26, SIANG_27], REST_SHIFTS, {"min_rest_hours": rest}, days=2)
    assert _planned(folder) == (2 if allowed else 1)


@pytest.mark.parametrize("rest, allowed", REST_CASES)
def test_the_fallback_keeps_the_rest_to_the_half_hour(
    folder: Path, rest: float, allowed: bool
) -> None:
    _write(folder, [NIGHT_26, SIANG_27], REST_SHIFTS, {"min_rest_hours": rest}, days=2)
    assert _fallback(folder) == (2 if allowed else 1)


@pytest.mark.parametrize("rest, allowed", REST_CASES)
def test_who_fits_keeps_the_rest_to_the_half_hour(folder: Path, rest: float, allowed: bool) -> None:
    # X is planned on the night of the 26th (the only head); who may take siang of the 27th?
    _write(folder, [NIGHT_26], REST_SHIFTS, {"min_rest_hours": rest}, days=2)
    fits, why = _fits(folder, date(2024, 8, 27), "siang")
    assert fits == allowed, why
    if not allowed:
        # The night ends at 07:00; 10 hours of rest end at 17:00, half an hour into siang.
        assert why == "rest: rests until 2024-08-27 17:00 after malam of 2024-08-26"


@pytest.mark.parametrize("rest, allowed", REST_CASES)
def test_pins_keep_the_rest_to_the_half_hour(folder: Path, rest: float, allowed: bool) -> None:
    pins = [_pin("2024-08-26", "malam"), _pin("2024-08-27", "siang")]
    _write(folder, [ANYWHERE], REST_SHIFTS, {"min_rest_hours": rest}, days=2, pins=pins)
    problems = _pin_problems(folder)
    if allowed:
        assert problems == []
    else:
        assert problems == [
            "pin breaks a rule: rests until 2024-08-27 17:00 after malam of 2024-08-26 "
            "(the pin of line 2)"
        ]


def test_the_gap_is_what_the_cases_assume(folder: Path) -> None:
    _write(folder, [NIGHT_26, SIANG_27], REST_SHIFTS, {"min_rest_hours": 10}, days=2)
    scenario = pipeline.load_scenario([folder]).scenario
    assert scenario is not None
    slots = {(str(s.date), s.shift): s for s in scenario.operation.slots()}
    night, then = slots[("2024-08-26", "malam")], slots[("2024-08-27", "siang")]
    assert (then.start - night.end).total_seconds() / 3600 == GAP
    assert [s.hours for s in list(slots.values())[:3]] == [9.5, 5.5, 9]


# max_hours_per_day

NO_REST = {"min_rest_hours": 0, "max_hours_per_day": 12}


@pytest.mark.parametrize("sore, allowed", DAY_CASES)
def test_the_plan_keeps_the_hours_of_a_day_to_the_half_hour(
    folder: Path, sore: float, allowed: bool
) -> None:
    _write(folder, [ANYWHERE], hours_shifts(sore), NO_REST, days=1)
    assert _planned(folder) == (2 if allowed else 1)


@pytest.mark.parametrize("sore, allowed", DAY_CASES)
def test_the_fallback_keeps_the_hours_of_a_day_to_the_half_hour(
    folder: Path, sore: float, allowed: bool
) -> None:
    _write(folder, [ANYWHERE], hours_shifts(sore), NO_REST, days=1)
    assert _fallback(folder) == (2 if allowed else 1)


@pytest.mark.parametrize("sore, allowed", DAY_CASES)
def test_who_fits_keeps_the_hours_of_a_day_to_the_half_hour(
    folder: Path, sore: float, allowed: bool
) -> None:
    pagi_only = {"id": "jaga", "need": {"samapta": 1}, "shifts": ["pagi"]}
    _write(folder, [pagi_only], hours_shifts(sore), NO_REST, days=1)
    fits, why = _fits(folder, date(2024, 8, 26), "sore")
    assert fits == allowed, why
    if not allowed:
        assert why == "rest: 12.5 h on 2024-08-26, more than max_hours_per_day (12)"


@pytest.mark.parametrize("sore, allowed", DAY_CASES)
def test_pins_keep_the_hours_of_a_day_to_the_half_hour(
    folder: Path, sore: float, allowed: bool
) -> None:
    pins = [_pin("2024-08-26", "pagi"), _pin("2024-08-26", "sore")]
    _write(folder, [ANYWHERE], hours_shifts(sore), NO_REST, days=1, pins=pins)
    problems = _pin_problems(folder)
    if allowed:
        assert problems == []
    else:
        assert problems == [
            "pin breaks a rule: 12.5 h on 2024-08-26, more than max_hours_per_day (12)"
        ]
