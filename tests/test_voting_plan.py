"""The voting day planned: TPS groups by their pattern, a Padal per kecamatan, the reserve, and
the shifts around them, in one program (formats.md, "Voting day")."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synth_voting import voting_texts

from sinjai_ops import pipeline
from sinjai_ops.demand import derive_demand
from sinjai_ops.demand_voting import derive_voting
from sinjai_ops.models.plan import Plan, PublishedPlan
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.render.plan_json import as_json
from sinjai_ops.render.view import View
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.plan import make_plan
from tests.conftest import Run
from tests.helpers import officer
from tests.voting_helpers import station, voting_files, voting_scenario


def plan_of(s: Scenario) -> Plan:
    demand = derive_demand(s)
    plan = make_plan(s, demand)
    assert audit(s, demand, plan) == []
    return plan


def rank_and_file(count: int, first: int = 1, **extra: Any) -> list[dict[str, Any]]:
    extra.setdefault("unit", "Polsek Uji")
    return [officer(f"9001{first + i:04d}", **extra) for i in range(count)]


def padal(nrp: str = "80010001", rank: str = "Iptu", **extra: Any) -> dict[str, Any]:
    extra.setdefault("unit", "Polsek Uji")
    return officer(nrp, rank, **extra)


def test_every_tps_head_is_filled_when_officers_suffice() -> None:
    stations = [station("Uji", "Bulu", n) for n in range(1, 7)]
    stations += [station("Uji", "Lappa", 1, "rawan"), station("Uji", "Lappa", 2, "rawan")]
    plan = plan_of(voting_scenario(stations, [*rank_and_file(6), padal()]))
    assert [(g.desa, g.tps, len(g.officers), g.missing) for g in plan.tps_groups] == [
        ("Bulu", ["001", "002", "003", "004"], 2, 0),
        ("Bulu", ["005", "006"], 2, 0),
        ("Lappa", ["001", "002"], 2, 0),
    ]
    assert [(p.kecamatan, p.nrp) for p in plan.padal] == [("Uji", "80010001")]
    assert plan.tps_shortfalls == []
    assert plan.quality.status == "optimal"
    assert (plan.quality.heads_needed, plan.quality.heads_filled) == (7, 7)


def test_sangat_rawan_is_filled_before_kurang_rawan_when_short() -> None:
    stations = [station("Uji", "Bulu", 1), station("Uji", "Sanjai", 9, "sangat-rawan")]
    plan = plan_of(voting_scenario(stations, [*rank_and_file(2), padal()]))
    by_desa = {g.desa: g for g in plan.tps_groups}
    assert by_desa["Sanjai"].missing == 0
    assert by_desa["Bulu"].missing == 2
    [short] = plan.tps_shortfalls
    assert (short.kecamatan, short.category, short.missing) == ("Uji", "kurang-rawan", 2)


def test_officers_stand_in_their_own_polsek_area() -> None:
    stations = [station("Alpha", "Satu", 1), station("Beta", "Dua", 1)]
    areas = [
        {"unit": "Polsek Alpha", "kecamatan": ["Alpha"]},
        {"unit": "Polsek Beta", "kecamatan": ["Beta"]},
    ]
    # Beta's officers have the lower NRPs: without the preference they would go to Alpha,
    # the first kecamatan.
    people = [
        *rank_and_file(2, 1, unit="Polsek Beta"),
        *rank_and_file(2, 3, unit="Polsek Alpha"),
        padal("80010001", unit="Polsek Beta"),
        padal("80010002", unit="Polsek Alpha"),
    ]
    plan = plan_of(voting_scenario(stations, people, areas=areas))
    unit = {p["nrp"]: p["unit"] for p in people}
    for group in plan.tps_groups:
        assert {unit[n] for n in group.officers} == {f"Polsek {group.kecamatan}"}
    assert {p.kecamatan: unit[p.nrp or ""] for p in plan.padal} == {
        "Alpha": "Polsek Alpha",
        "Beta": "Polsek Beta",
    }


def test_a_bhabinkamtibmas_stands_at_his_own_desa() -> None:
    stations = [station("Uji", "Awal", 1), station("Uji", "Zaman", 1)]
    # More officers than heads, and the Bhabinkamtibmas of Awal has the highest NRP: without
    # the preference he would stay at home or stand at Zaman, the last group.
    people = [*rank_and_file(6), padal(), officer("90019999", unit="Polsek Uji", desa="Awal")]
    plan = plan_of(voting_scenario(stations, people))
    awal = next(g for g in plan.tps_groups if g.desa == "Awal")
    assert "90019999" in awal.officers


def test_rest_is_kept_around_the_tps_duty_but_not_more() -> None:
    stations = [station("Uji", "Bulu", 1)]
    # The night before ends at 06:00, half an hour before the report; the morning before
    # ends at 14:00, sixteen and a half hours before it.
    posts = [
        {"id": "malam-h1", "need": {"samapta": 1}, "days": ["2024-11-26"], "shifts": ["malam"]},
        {"id": "pagi-h1", "need": {"samapta": 1}, "days": ["2024-11-26"], "shifts": ["pagi"]},
    ]
    plan = plan_of(voting_scenario(stations, [*rank_and_file(2), padal()], posts=posts))
    [group] = plan.tps_groups
    assert group.missing == 0
    held = {a.post: a.nrp for a in plan.assignments}
    assert held["pagi-h1"] in group.officers
    assert "malam-h1" not in held
    assert [(s.post, s.shift) for s in plan.shortfalls] == [("malam-h1", "malam")]


def test_island_tps_officers_have_no_duty_the_day_before() -> None:
    posts = [{"id": "pagi-h1", "need": {"samapta": 1}, "days": ["2024-11-26"], "shifts": ["pagi"]}]
    people = [*rank_and_file(2), padal()]
    island = voting_scenario([station("Pulau", "Kambuno", 1, island=True)], people, posts=posts)
    plan = plan_of(island)
    assert plan.tps_groups[0].missing == 0
    assert [s.post for s in plan.shortfalls] == ["pagi-h1"]
    ashore = voting_scenario([station("Pulau", "Kambuno", 1)], people, posts=posts)
    assert plan_of(ashore).shortfalls == []


def test_no_perwira_in_a_tps_group_and_the_padal_of_the_least_rank() -> None:
    stations = [station("Uji", "Bulu", 1)]
    people = [*rank_and_file(1), padal("80010001", "Ipda"), padal("80010002", "AKP")]
    plan = plan_of(voting_scenario(stations, people, policy={}, areas=None).model_copy())
    assert plan.tps_groups[0].officers == ["90010001"]
    assert plan.tps_groups[0].missing == 1
    s = voting_scenario(stations, people)
    voting = s.operation.voting
    assert voting is not None
    higher = voting.model_copy(
        update={"padal": voting.padal.model_copy(update={"least_rank": "AKP"})}
    )
    s = s.model_copy(update={"operation": s.operation.model_copy(update={"voting": higher})})
    assert [p.nrp for p in plan_of(s).padal] == ["80010002"]


def test_nobody_on_leave_or_absent_stands_at_a_tps() -> None:
    leave = [{"from": "2024-11-27", "to": "2024-11-27", "reason": "cuti"}]
    people = [
        *rank_and_file(1),
        officer("90010002", unit="Polsek Uji", unavailable=leave),
        officer("90010003", unit="Polsek Uji"),
        padal(),
    ]
    absences = {
        "absences": [
            {
                "nrp": "90010003",
                "from": "2024-11-27 20:00",
                "to": "2024-11-27 23:59",
                "reason": "sakit",
            }
        ]
    }
    plan = plan_of(voting_scenario([station("Uji", "Bulu", 1)], people, adjustments=absences))
    assert plan.tps_groups[0].officers == ["90010001"]


def test_the_voting_reserve_replaces_the_policy_reserve_on_the_day() -> None:
    people = [*rank_and_file(6), padal(), padal("80010002", "AKP")]
    s = voting_scenario(
        [station("Uji", "Bulu", 1)],
        people,
        reserve={"site": "kpu", "officers": 2},
        policy={"reserve": {"fraction": 0.5, "site": "kpu", "skill": "dalmas"}},
        posts=[{"id": "gudang", "need": {"samapta": 1}, "days": ["2024-11-26"]}],
    )
    demand = derive_demand(s)
    reserve = sorted(
        (str(n.date), n.shift, n.skill, n.heads) for n in demand.needs if n.post == "reserve"
    )
    assert reserve == [
        ("2024-11-26", "malam", "dalmas", 1),
        ("2024-11-26", "pagi", "dalmas", 1),
        ("2024-11-26", "siang", "dalmas", 1),
        ("2024-11-27", "malam", "any", 2),
        ("2024-11-27", "malam", "command", 1),
        ("2024-11-27", "pagi", "any", 2),
        ("2024-11-27", "pagi", "command", 1),
        ("2024-11-27", "siang", "any", 2),
        ("2024-11-27", "siang", "command", 1),
    ]
    plan = plan_of(s)
    duty = {n for g in plan.tps_groups for n in g.officers}
    on_reserve = {
        a.nrp for a in plan.assignments if a.post == "reserve" and str(a.date) == "2024-11-27"
    }
    assert on_reserve and not duty & on_reserve


def test_the_json_follows_the_contract_and_is_the_same_every_run() -> None:
    stations = [station("Uji", "Bulu", 7, "sangat-rawan"), station("Uji", "Bulu", 12)]
    s = voting_scenario(stations, [*rank_and_file(1)])
    text = as_json(plan_of(s), View())
    assert text == as_json(plan_of(s), View())
    data = json.loads(text)
    assert data["tps_groups"] == [
        {
            "kecamatan": "Uji",
            "desa": "Bulu",
            "category": "sangat-rawan",
            "tps": ["007"],
            "officers": ["90010001"],
            "missing": 1,
        },
        {
            "kecamatan": "Uji",
            "desa": "Bulu",
            "category": "kurang-rawan",
            "tps": ["012"],
            "officers": [],
            "missing": 2,
        },
    ]
    assert data["padal"] == [{"kecamatan": "Uji", "nrp": None}]
    assert data["linmas"] == [{"kecamatan": "Uji", "desa": "Bulu", "need": 4}]
    tps = [x for x in data["shortfalls"] if "kecamatan" in x]
    assert tps == [
        {
            "date": "2024-11-27",
            "kecamatan": "Uji",
            "category": None,
            "skill": None,
            "missing": 1,
            "from": "2024-11-27T06:30",
            "until": "2024-11-27T23:00",
            "weight": 60,
        },
        {
            "date": "2024-11-27",
            "kecamatan": "Uji",
            "category": "sangat-rawan",
            "skill": None,
            "missing": 1,
            "from": "2024-11-27T06:30",
            "until": "2024-11-27T23:00",
            "weight": 90,
        },
        {
            "date": "2024-11-27",
            "kecamatan": "Uji",
            "category": "kurang-rawan",
            "skill": None,
            "missing": 2,
            "from": "2024-11-27T06:30",
            "until": "2024-11-27T23:00",
            "weight": 40,
        },
    ]
    assert [x for x in data["reinforcements"] if "kecamatan" in x] == tps
    assert all(a["shift"] in {"pagi", "siang", "malam"} for a in data["assignments"])


def test_the_demand_groups_tps_by_desa_category_and_pattern() -> None:
    stations = [station("Uji", "Bulu", n) for n in (3, 1, 10, 2, 4, 5)]
    stations += [station("Uji", "Bulu", 6, "rawan"), station("Uji", "Awal", 1, "sangat-rawan")]
    stations += [station("Uji", "Awal", 2, "sangat-rawan")]
    voting = derive_voting(voting_scenario(stations, rank_and_file(1)))
    assert voting is not None
    assert [(g.desa, g.category, g.tps) for g in voting.groups] == [
        ("Awal", "sangat-rawan", ["001"]),
        ("Awal", "sangat-rawan", ["002"]),
        ("Bulu", "kurang-rawan", ["001", "002", "003", "004"]),
        ("Bulu", "kurang-rawan", ["005", "010"]),
        ("Bulu", "rawan", ["006"]),
    ]
    assert [(m.desa, m.need) for m in voting.linmas] == [("Awal", 4), ("Bulu", 14)]
    assert voting.padal == ["Uji"]


def test_who_fits_keeps_tps_officers_to_their_duty() -> None:
    from sinjai_ops.solve.voting import duty_of
    from sinjai_ops.solve.whofits import who_fits

    posts = [{"id": "gudang", "need": {"samapta": 1}, "days": ["2024-11-27"], "shifts": ["siang"]}]
    s = voting_scenario([station("Uji", "Bulu", 1)], [*rank_and_file(3), padal()], posts=posts)
    demand = derive_demand(s)
    plan = plan_of(s)
    duty = duty_of(s, plan.tps_groups, plan.padal)
    found = who_fits(s, demand, plan.assignments, date(2024, 11, 27), "siang", "kpu", None, duty)
    on_duty = set(plan.tps_groups[0].officers)
    assert on_duty and not on_duty & {f.nrp for f in found.fits}
    assert on_duty <= {n.nrp for n in found.not_}


def test_a_published_voting_plan_with_missing_tps_officers_is_read_back() -> None:
    s = voting_scenario([station("Uji", "Bulu", 1)], rank_and_file(1))
    published = PublishedPlan.model_validate_json(as_json(plan_of(s), View()))
    assert sum(x.missing for x in published.shortfalls) == 2


@pytest.mark.parametrize(("tps", "officers", "seed"), [(60, 45, 1), (120, 90, 2), (200, 60, 3)])
def test_generated_voting_days_keep_every_rule(tps: int, officers: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in voting_texts(tps, officers, seed).items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        planned = pipeline.plan([Path(tmp)], remedies=False)
    s, demand, plan = planned.checked.scenario, planned.demand, planned.plan
    assert s is not None and demand is not None and plan is not None
    assert len(s.tps) == tps
    assert plan.quality.status == "optimal"
    assert audit(s, demand, plan) == []
    assert any(g.officers for g in plan.tps_groups if any(t.island for t in s.tps))


def test_a_replan_keeps_the_tps_groups_of_its_baseline() -> None:
    stations = [station("Uji", "Bulu", n) for n in range(1, 9)]
    people = [*rank_and_file(6), padal()]
    first = plan_of(voting_scenario(stations, people))
    before = (first.tps_groups, first.padal)
    # One officer of the first group falls sick for the voting day: only his place changes.
    sick = first.tps_groups[0].officers[0]
    absent = {
        "absences": [
            {"nrp": sick, "from": "2024-11-27 00:00", "to": "2024-11-27 23:59", "reason": "sakit"}
        ]
    }
    changed = voting_scenario(stations, people, adjustments=absent)
    demand = derive_demand(changed)
    again = make_plan(changed, demand, baseline=first.assignments, duty_before=before)
    assert audit(changed, demand, again) == []
    for old, new in zip(first.tps_groups, again.tps_groups, strict=True):
        assert set(old.officers) - {sick} <= set(new.officers)
    assert sick not in {n for g in again.tps_groups for n in g.officers}


def test_places_are_one_place_in_any_case_as_validate_reads_them() -> None:
    stations = [station("Sinjai Utara", "Balangnipa", 1), station("SINJAI  UTARA", "BALANGNIPA", 2)]
    areas = [{"unit": "Polsek Uji", "kecamatan": ["sinjai utara"]}]
    people = [*rank_and_file(4), padal(), officer("90019999", unit="Polsek Uji", desa="balangnipa")]
    plan = plan_of(voting_scenario(stations, people, areas=areas))
    assert [(g.kecamatan, g.desa, g.tps) for g in plan.tps_groups] == [
        ("Sinjai Utara", "Balangnipa", ["001", "002"])
    ]
    assert "90019999" in plan.tps_groups[0].officers
    assert [(m.desa, m.need) for m in plan.linmas] == [("Balangnipa", 4)]


def test_a_received_units_members_stand_at_the_tps_counted_and_shown_by_unit(
    run: Run, tmp_path: Path
) -> None:
    unit = {
        "id": "sst-brimob",
        "name": "SST Brimob",
        "kind": "sst",
        "strength": 10,
        "skills": ["samapta"],
        "commander": {"name": "Danton Uji", "rank": "Ipda", "nrp": "80020001"},
        "base": "Bone",
        "from": "2024-11-27 06:30",
        "to": "2024-11-27 23:00",
    }
    stations = [station("Uji", desa, 1) for desa in ("Bulu", "Lappa", "Tanete")]
    folder = voting_files(
        tmp_path, stations, [*rank_and_file(1), padal()], extra={"received_units": [unit]}
    )
    data = json.loads(run("plan", folder, "--format", "json", "-q").stdout)
    groups = data["tps_groups"]
    # Six TPS heads: the officer and five members, no TPS officer asked of the BKO.
    assert sum(g["missing"] for g in groups) == 0
    assert sorted(n for g in groups for n in g["officers"]) == ["90010001"]
    members = [m for g in groups for m in g.get("members", [])]
    assert sorted(m["member"] for m in members) == [1, 2, 3, 4, 5]
    assert {m["unit"] for m in members} == {"sst-brimob"}
    assert not [r for r in data["reinforcements"] if "kecamatan" in r]
    assert data["received_units"][0]["heads"] == 5
    screen = run("plan", folder, "--lang", "id", "-q").stdout
    markdown = run("plan", folder, "--lang", "id", "--format", "markdown", "-q").stdout
    for text in (screen, markdown):
        assert "~" not in text
        assert "SST Brimob: 2 personel" in text
    assert "3/3" not in screen and "6/6" in screen
    report = tmp_path / "report.html"
    run("report", folder, "--lang", "id", "-q", "-o", report)
    html = report.read_text(encoding="utf-8")
    assert "~" not in html
    assert html.count("SST Brimob: 2 personel") >= 4  # the kecamatan's page and the annex


def test_a_replan_of_the_same_day_keeps_every_group_when_officers_are_short() -> None:
    stations = [
        station(k, d, n) for k in ("Alpha", "Beta") for d in ("Satu", "Dua") for n in (1, 2)
    ]
    areas = [
        {"unit": "Polsek Alpha", "kecamatan": ["Alpha"]},
        {"unit": "Polsek Beta", "kecamatan": ["Beta"]},
    ]
    # Beta's five officers for eight heads: the fresh plan keeps four of them in Beta.
    people = [
        *rank_and_file(5, unit="Polsek Beta"),
        padal("80010001", unit="Polsek Alpha"),
        padal("80010002", unit="Polsek Beta"),
    ]
    s = voting_scenario(stations, people, areas=areas)
    first = plan_of(s)
    assert sum(len(g.officers) for g in first.tps_groups if g.kecamatan == "Beta") == 4
    demand = derive_demand(s)
    again = make_plan(
        s, demand, baseline=first.assignments, duty_before=(first.tps_groups, first.padal)
    )
    assert again.tps_groups == first.tps_groups
    assert again.padal == first.padal


def test_a_replan_lists_the_tps_swap_of_a_sick_officer_with_its_reason(
    run: Run, tmp_path: Path
) -> None:
    people = [*rank_and_file(3), padal()]
    folder = voting_files(tmp_path, [station("Uji", "Bulu", 1)], people)
    baseline = tmp_path / "plan.json"
    run("plan", folder, "--format", "json", "-q", "-o", baseline)
    [group] = json.loads(baseline.read_text(encoding="utf-8"))["tps_groups"]
    sick = group["officers"][0]
    (folder / "adjustments.yaml").write_text(
        f'absences:\n  - nrp: "{sick}"\n    from: 2024-11-27 05:00\n'
        "    to: 2024-11-27 23:59\n    reason: sakit\n",
        encoding="utf-8",
    )
    again = json.loads(run("plan", folder, "--baseline", baseline, "--format", "json", "-q").stdout)
    [now] = again["tps_groups"]
    [spare] = set(now["officers"]) - set(group["officers"])
    tps = {"site": "Uji", "post": "tps:Bulu:001", "skill": "any"}
    released = {"nrp": sick, "before": tps, "after": None, "reason": "absent: sakit"}
    called = {"nrp": spare, "before": None, "after": tps, "reason": None}
    day = {"date": "2024-11-27", "shift": "TPS"}
    assert again["changes"] == [{**day, **c} for c in sorted([released, called], key=str)]
    screen = run("plan", folder, "--baseline", baseline, "--lang", "id", "-q").stdout
    assert "TPS Uji/Bulu 001" in screen and "(tidak hadir: sakit)" in screen
    assert "2 berubah (1 dipindah atau dibebaskan, 1 ditugaskan baru)" in screen


def test_who_fits_the_reserve_keeps_perwira_off_its_rank_and_file_heads(
    run: Run, tmp_path: Path
) -> None:
    perwira = [padal(f"8001000{k}", "Ipda") for k in range(1, 9)]
    people = [*rank_and_file(2), *perwira]
    reserve = {"site": "kpu", "officers": 4}
    folder = voting_files(tmp_path, [station("Uji", "Bulu", 1)], people, reserve=reserve)
    args = ("--date", "2024-11-27", "--shift", "pagi", "--site", "kpu", "--format", "json")

    def who_fits() -> dict[str, Any]:
        return json.loads(run("who-fits", folder, *args, "-q").stdout)

    # The Padal and the reserve's commander of each shift leave perwira free, but the
    # reserve's commander head is filled: they fit none of its heads.
    found = who_fits()
    assert not {f["nrp"] for f in found["fits"]} & {p["nrp"] for p in perwira}
    free = [n for n in found["not"] if n["code"] == "rank"]
    assert free and "perwira" in free[0]["reason"]
    # A plan whose reserve lost its commander: the commander head is open, the perwira fit it.
    plan = json.loads(run("plan", folder, "--format", "json", "-q").stdout)
    leader = next(a for a in plan["assignments"] if a["site"] == "kpu" and a["skill"] == "command")
    plan["assignments"].remove(leader)
    baseline = tmp_path / "plan.json"
    baseline.write_text(json.dumps(plan), encoding="utf-8")
    again = json.loads(run("who-fits", folder, *args, "--baseline", baseline, "-q").stdout)
    assert leader["nrp"] in {f["nrp"] for f in again["fits"]}


def test_tps_duty_is_its_own_cause_in_who_fits_and_the_bko_request(
    run: Run, tmp_path: Path
) -> None:
    posts = [{"id": "gudang", "need": {"samapta": 3}, "days": ["2024-11-27"], "shifts": ["siang"]}]
    people = [*rank_and_file(2), padal()]
    folder = voting_files(tmp_path, [station("Uji", "Bulu", 1)], people, posts=posts)
    args = ("--date", "2024-11-27", "--shift", "siang", "--site", "kpu", "--format", "json")
    for lang, said in (
        ("en", "on TPS duty (06:30-23:00)"),
        ("id", "bertugas di TPS (06:30-23:00)"),
    ):
        found = json.loads(run("who-fits", folder, *args, "--lang", lang, "-q").stdout)
        tps = {n["nrp"]: (n["code"], n["reason"]) for n in found["not"]}
        assert tps["90010001"] == tps["90010002"] == ("tps", said)
    plan = json.loads(run("plan", folder, "--format", "json", "-q").stdout)
    [line] = [r for r in plan["reinforcements"] if r.get("post") == "gudang"]
    assert (line["causes"]["tps"], line["causes"]["rest"]) == (2, 0)
    screen = run("plan", folder, "--lang", "id", "-q").stdout
    assert "2/3 di TPS" in screen and "istirahat" not in screen  # the Padal: his rank
