"""The demand rules of formats.md on their edge cases."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from sinjai_ops.demand import RULES, derive_demand
from sinjai_ops.models.plan import HeadKind
from tests.helpers import officer, scenario

POST = {"id": "jaga", "need": {"samapta": 1}}
PEOPLE = [officer("85000001")]


def visit(
    arrive: str, depart: str, supporters: int = 0, vehicles: int = 0, day: str = "2024-08-27"
) -> dict[str, Any]:
    return {
        "site": "kpu",
        "purpose": "registration",
        "date": day,
        "arrive": arrive,
        "depart": depart,
        "supporters": supporters,
        "vehicles": vehicles,
    }


def heads(s: Any, post: str | None = None) -> dict[tuple[str, str, str], int]:
    out: dict[tuple[str, str, str], int] = {}
    for n in derive_demand(s).needs:
        if post is None or n.post == post:
            key = (f"{n.date} {n.shift}", n.post, n.skill)
            out[key] = out.get(key, 0) + n.heads
    return out


def test_posts_follow_their_days_and_shifts() -> None:
    posts = [{"id": "jaga", "need": {"samapta": 2}, "days": ["2024-08-27"], "shifts": ["siang"]}]
    s = scenario(posts, PEOPLE, days=2)
    assert heads(s) == {("2024-08-27 siang", "jaga", "samapta"): 2}


def test_commander_is_one_more_head() -> None:
    s = scenario(
        [{"id": "jaga", "need": {"samapta": 1}, "commander": "Ipda", "shifts": ["pagi"]}], PEOPLE
    )
    assert heads(s) == {
        ("2024-08-26 pagi", "jaga", "samapta"): 1,
        ("2024-08-26 pagi", "jaga", "command"): 1,
    }


def test_visit_heads_by_risk_supporters_and_convoy() -> None:
    # medium risk: 50 supporters a head; 101 supporters -> 3, but at least 5.
    s = scenario([], PEOPLE, days=2, visits=[visit("09:00", "11:00", supporters=101, vehicles=21)])
    assert heads(s, "visit:paslon-1") == {
        ("2024-08-27 pagi", "visit:paslon-1", "dalmas"): 5,
        ("2024-08-27 pagi", "visit:paslon-1", "lantas"): 3,
        ("2024-08-27 pagi", "visit:paslon-1", "intel"): 2,
        # Ten heads are more than a regu of nine: the team gets its leader (policy.teams).
        ("2024-08-27 pagi", "visit:paslon-1", "command"): 1,
    }
    s = scenario([], PEOPLE, days=2, visits=[visit("09:00", "11:00", supporters=600)])
    assert heads(s, "visit:paslon-1")[("2024-08-27 pagi", "visit:paslon-1", "dalmas")] == 12


def test_no_supporters_no_crowd_no_vehicles_no_escort() -> None:
    s = scenario([], PEOPLE, days=2, visits=[visit("09:00", "11:00")])
    assert heads(s, "visit:paslon-1") == {("2024-08-27 pagi", "visit:paslon-1", "intel"): 2}


def test_window_reaches_back_into_the_previous_night() -> None:
    # Arrive 06:30, lead 60 minutes: from 05:30, inside the night shift that began on the 26th.
    s = scenario([], PEOPLE, days=2, visits=[visit("6:30", "8:00")])
    assert set(heads(s, "visit:paslon-1")) == {
        ("2024-08-26 malam", "visit:paslon-1", "intel"),
        ("2024-08-27 pagi", "visit:paslon-1", "intel"),
    }


def test_window_that_only_touches_a_shift_does_not_raise_it() -> None:
    # 12:00-13:30 plus a 30-minute tail ends at 14:00 sharp: siang starts then, no overlap.
    s = scenario([], PEOPLE, days=2, visits=[visit("12:00", "13:30")])
    assert set(heads(s, "visit:paslon-1")) == {("2024-08-27 pagi", "visit:paslon-1", "intel")}
    s = scenario([], PEOPLE, days=2, visits=[visit("12:00", "13:31")])
    assert len(heads(s, "visit:paslon-1")) == 2


def test_reserve_is_a_ceiling_of_exact_tenths() -> None:
    # 10% of 30 heads is 3 (a float product would give 3.0000000000000004 and so 4).
    # (No leader heads here: they would count towards the reserve.)
    policy = {"reserve": {"fraction": 0.1, "site": "kpu"}, "teams": {"leader_above": 99}}
    posts = [{"id": "jaga", "need": {"samapta": 30}, "shifts": ["pagi"]}]
    s = scenario(posts, PEOPLE, policy=policy)
    assert heads(s, "reserve") == {("2024-08-26 pagi", "reserve", "dalmas"): 3}
    posts = [{"id": "jaga", "need": {"samapta": 31}, "shifts": ["pagi"]}]
    s = scenario(posts, PEOPLE, policy=policy)
    assert heads(s, "reserve") == {("2024-08-26 pagi", "reserve", "dalmas"): 4}


def test_no_visit_and_no_reserve_needs_only_the_posts() -> None:
    s = scenario([POST], PEOPLE)
    assert set(heads(s)) == {
        ("2024-08-26 pagi", "jaga", "samapta"),
        ("2024-08-26 siang", "jaga", "samapta"),
        ("2024-08-26 malam", "jaga", "samapta"),
    }


def test_hours_are_real_hours_across_a_clock_change() -> None:
    s = scenario([POST], PEOPLE, days=1)
    op = s.operation.model_copy(
        update={
            "operation": s.operation.operation.model_copy(
                update={
                    "timezone": "Europe/Berlin",
                    "start": date(2024, 10, 26),
                    "end": date(2024, 10, 26),
                }
            )
        }
    )
    night = next(x for x in op.slots() if x.shift == "malam")
    # 22:00 on 26 October to 06:00 on the 27th, when clocks go back an hour: nine hours.
    assert night.hours == 9


def test_the_demand_rules_cover_every_kind_of_head() -> None:
    """The list of demand rules is the only registration: every kind of head a plan can show
    has a rule that adds it, and no rule adds a kind the models do not know."""
    covered = {kind for rule in RULES for kind in rule.kinds}
    assert covered == set(get_args(HeadKind))
