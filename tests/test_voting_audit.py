"""The audit catches every broken rule of the voting day in a plan broken on purpose."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sinjai_ops.demand import derive_demand
from sinjai_ops.models.adjustments import Absence
from sinjai_ops.models.plan import Assignment, Demand, Plan, Shortfall
from sinjai_ops.models.roster import Leave
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import PadalDuty, TpsShortfall
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.plan import make_plan
from tests.helpers import officer
from tests.voting_helpers import station, voting_scenario

EVE = {"id": "gudang", "need": {"samapta": 1}}


def made(island: bool = False) -> tuple[Scenario, Demand, Plan]:
    people: list[dict[str, Any]] = [officer(f"9001{i:04d}", unit="Polsek Uji") for i in range(1, 7)]
    people += [officer("80010001", "Iptu", unit="Polsek Uji")]
    people += [officer("80010002", "Ipda", unit="Polsek Uji", assignable=False)]
    stations = [station("Uji", "Bulu", n, island=island) for n in range(1, 6)]
    s = voting_scenario(stations, people, posts=[EVE])
    demand = derive_demand(s)
    plan = make_plan(s, demand)
    assert audit(s, demand, plan) == []
    return s, demand, plan


def group(plan: Plan, at: int = 0, **change: Any) -> Plan:
    groups = list(plan.tps_groups)
    groups[at] = groups[at].model_copy(update=change)
    return plan.model_copy(update={"tps_groups": groups})


def caught(s: Scenario, demand: Demand, plan: Plan, words: str) -> None:
    found = audit(s, demand, plan)
    assert any(words in line for line in found), found


def test_a_group_beyond_its_pattern_is_caught() -> None:
    s, demand, plan = made()
    first = plan.tps_groups[0]
    caught(s, demand, group(plan, tps=[*first.tps, "005"]), "at most 4")
    caught(s, demand, group(plan, missing=first.missing + 1), "the pattern asks 2")
    caught(s, demand, group(plan, tps=first.tps[1:]), "every TPS of the list exactly once")


def test_an_officer_in_two_places_is_caught() -> None:
    s, demand, plan = made()
    one, two = plan.tps_groups
    moved = group(plan, 1, officers=[one.officers[0], *two.officers[1:]])
    caught(s, demand, moved, "two places")
    as_padal = plan.model_copy(update={"padal": [PadalDuty(kecamatan="Uji", nrp=one.officers[0])]})
    caught(s, demand, as_padal, "two places")


def test_a_perwira_in_a_group_or_a_padal_too_junior_is_caught() -> None:
    s, demand, plan = made()
    first = plan.tps_groups[0]
    caught(s, demand, group(plan, officers=["80010001", *first.officers[1:]]), "perwira 80010001")
    junior = plan.model_copy(update={"padal": [PadalDuty(kecamatan="Uji", nrp="90010006")]})
    caught(s, demand, junior, "Padal 90010006 of Uji is a Bripda")


def test_an_officer_on_leave_absent_or_not_assignable_is_caught() -> None:
    s, demand, plan = made()
    nrp = plan.tps_groups[0].officers[0]
    leave = Leave.model_validate({"from": "2024-11-27", "to": "2024-11-27", "reason": "cuti"})
    people = [
        p.model_copy(update={"unavailable": [leave]}) if p.nrp == nrp else p
        for p in s.roster.personnel
    ]
    on_leave = s.model_copy(update={"roster": s.roster.model_copy(update={"personnel": people})})
    caught(on_leave, demand, plan, "on leave on the voting day")
    sick = Absence.model_validate(
        {"nrp": nrp, "from": "2024-11-27 12:00", "to": "2024-11-27 18:00", "reason": "sakit"}
    )
    away = s.model_copy(
        update={"adjustments": s.adjustments.model_copy(update={"absences": [sick]})}
    )
    caught(away, demand, plan, "absent during the duty")
    boss = plan.model_copy(update={"padal": [PadalDuty(kecamatan="Uji", nrp="80010002")]})
    caught(s, demand, boss, "not assignable")


def test_a_shift_within_the_rest_around_the_duty_is_caught() -> None:
    s, demand, plan = made()
    nrp = plan.tps_groups[0].officers[0]
    night = Assignment(
        date=date(2024, 11, 26), shift="malam", site="kpu", post="gudang", skill="samapta", nrp=nrp
    )
    kept = [a for a in plan.assignments if (a.date, a.shift) != (night.date, night.shift)]
    caught(s, demand, plan.model_copy(update={"assignments": [*kept, night]}), "rest")


def test_an_island_officer_on_duty_the_day_before_is_caught() -> None:
    s, demand, plan = made(island=True)
    nrp = plan.tps_groups[0].officers[0]
    morning = Assignment(
        date=date(2024, 11, 26), shift="pagi", site="kpu", post="gudang", skill="samapta", nrp=nrp
    )
    kept = [a for a in plan.assignments if (a.date, a.shift) != (morning.date, morning.shift)]
    broken = plan.model_copy(update={"assignments": [*kept, morning]})
    caught(s, demand, broken, "the day before")


def test_shortfalls_that_do_not_add_up_are_caught() -> None:
    s, demand, plan = made()
    first = plan.tps_groups[0]
    fewer = group(plan, officers=first.officers[:1], missing=first.missing + 1)
    caught(s, demand, fewer, "the TPS shortfalls say")


@pytest.mark.parametrize("drop", [0, 1])
def test_an_open_tps_head_beside_a_free_officer_is_caught(drop: int) -> None:
    s, demand, plan = made()
    first = plan.tps_groups[0]
    left = [n for i, n in enumerate(first.officers) if i != drop]
    fewer = group(plan, officers=left, missing=first.missing + 1)
    assert plan.tps_shortfalls == []
    told = TpsShortfall.model_validate(
        {
            "date": "2024-11-27",
            "kecamatan": "Uji",
            "category": "kurang-rawan",
            "missing": 1,
            "from": "2024-11-27T06:30",
            "until": "2024-11-27T23:00",
            "weight": 40,
        }
    )
    fewer = fewer.model_copy(update={"tps_shortfalls": [told]})
    found = audit(s, demand, fewer)
    assert any("is free and could stand at TPS" in line for line in found), found
    assert not any("the TPS shortfalls say" in line for line in found)


def test_a_shift_head_left_open_beside_an_idle_officer_is_caught() -> None:
    s, demand, plan = made()
    dropped = plan.assignments[0]
    open_line = Shortfall(
        date=dropped.date,
        shift=dropped.shift,
        site=dropped.site,
        post=dropped.post,
        skill=dropped.skill,
        missing=1,
    )
    broken = plan.model_copy(
        update={"assignments": plan.assignments[1:], "shortfalls": [open_line, *plan.shortfalls]}
    )
    found = audit(s, demand, broken)
    assert any("is idle and could fill samapta at gudang" in line for line in found), found
