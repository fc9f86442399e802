"""A leader for every team larger than a regu, the BKO request per post, and the figures of each
day computed once for the JSON and the report."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from benchmarks.synth import scenario_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from sinjai_ops import pipeline
from sinjai_ops.demand import derive_demand
from sinjai_ops.models.plan import COMMAND, Demand, Plan
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.render.plan_json import as_json
from sinjai_ops.render.plan_markdown import as_markdown
from sinjai_ops.render.plan_rows import by_slot
from sinjai_ops.render.plan_table import as_table
from sinjai_ops.render.sprin import annex, day_figures
from sinjai_ops.render.view import View
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.causes import explain_shortfalls
from tests.conftest import EXAMPLE, Run
from tests.helpers import BOSS, SHIFTS, officer, scenario, solve
from tests.test_plan_property import scenarios

Team = tuple[date, str, str, str]


def visit(supporters: int, vehicles: int = 0) -> dict[str, Any]:
    return {
        "site": "kpu",
        "purpose": "registration",
        "date": "2024-08-26",
        "arrive": "09:00",
        "depart": "11:00",
        "supporters": supporters,
        "vehicles": vehicles,
    }


def dalmas(nrp: str, rank: str = "Bripda") -> dict[str, Any]:
    return officer(nrp, rank, "dalmas", drills={"dalmas": "2024-08-20"})


def members_of(demand: Demand) -> Counter[Team]:
    """Heads per team (post and shift), commander heads not counted."""
    out: Counter[Team] = Counter()
    for n in demand.needs:
        if n.skill != COMMAND:
            out[(n.date, n.shift, n.site, n.post)] += n.heads
    return out


def leader_heads(demand: Demand) -> dict[Team, list[str]]:
    out: dict[Team, list[str]] = defaultdict(list)
    for n in demand.needs:
        if n.skill == COMMAND:
            out[(n.date, n.shift, n.site, n.post)] += [n.min_rank or ""] * n.heads
    return out


def every_large_team_is_led(s: Scenario, demand: Demand, plan: Plan) -> None:
    """The rule in every view: the demand gives every team above `leader_above` one commander
    head, the plan fills it or asks the BKO for it, the annex (report and workbook) lists it
    first, and so do the detail tables (terminal, Markdown, CSV)."""
    above = s.policy.teams.leader_above
    leads = leader_heads(demand)
    large = {team for team, size in members_of(demand).items() if size > above}
    for team in large:
        assert len(leads.get(team, [])) == 1, team
    filled = Counter(
        (a.date, a.shift, a.site, a.post) for a in plan.assignments if a.skill == COMMAND
    )
    short = Counter(
        (x.date, x.shift, x.site, x.post) for x in plan.shortfalls if x.skill == COMMAND
    )
    for team in large:
        assert filled[team] + short[team] == 1, team
    for group in annex(plan, "en"):
        key = (group.date, group.shift, group.site, group.post)
        if key in large:
            assert group.rows[0].job in ("Team leader", "Squad leader", "Head of post"), key
            assert all("leader" not in r.job and "Head" not in r.job for r in group.rows[1:])
    leaders = ("Team leader", "Squad leader", "Post commander")
    for rows in by_slot(plan, "en"):
        for post in dict.fromkeys(r.post for r in rows.rows):
            skills = [r.skill for r in rows.rows if r.post == post]
            if any(k in leaders for k in skills):
                assert skills[0] in leaders and sum(k in leaders for k in skills) == 1, post


def test_a_visit_team_above_a_regu_gets_one_leader_and_nine_do_not() -> None:
    people = [dalmas(f"8600{k:04d}") for k in range(12)]
    # medium risk, 50 supporters a head: 350 -> 7 Dalmas, + 2 protection = 9 heads: a regu.
    nine = derive_demand(scenario([], people, visits=[visit(350)]))
    assert max(members_of(nine).values()) == 9
    assert leader_heads(nine) == {}
    # 400 -> 8 Dalmas + 2 = 10: more than a regu, one leader of at least Aiptu.
    ten = derive_demand(scenario([], people, visits=[visit(400)]))
    team = (date(2024, 8, 26), "pagi", "kpu", "visit:paslon-1")
    assert members_of(ten)[team] == 10
    assert leader_heads(ten) == {team: ["Aiptu"]}
    lead = next(n for n in ten.needs if n.skill == COMMAND)
    assert (lead.kind, lead.weight, lead.source) == ("commander", 60, "leader")


def test_the_policy_sets_the_size_and_the_rank() -> None:
    people = [dalmas("86000001")]
    policy = {"teams": {"leader_above": 3, "leader_least_rank": "Ipda"}}
    posts = [{"id": "jaga", "need": {"samapta": 4}, "shifts": ["pagi"]}]
    demand = derive_demand(scenario(posts, people, policy=policy))
    team = (date(2024, 8, 26), "pagi", "kpu", "jaga")
    assert leader_heads(demand) == {team: ["Ipda"]}
    # The members stand below the leader's rank band: below perwira as ever.
    member = next(n for n in demand.needs if n.skill == "samapta")
    assert member.rank_to == "Aiptu"
    # Below the leader's least rank when it asks less than the top of rank-and-file.
    policy = {"teams": {"leader_above": 3, "leader_least_rank": "Aipda"}}
    demand = derive_demand(scenario(posts, people, policy=policy))
    member = next(n for n in demand.needs if n.skill == "samapta")
    assert member.rank_to == "Aipda"


def test_a_post_with_its_own_commander_keeps_it_and_command_heads_do_not_count() -> None:
    people = [dalmas("86000001")]
    posts = [
        {"id": "ring2", "need": {"samapta": 20}, "commander": "Ipda", "shifts": ["pagi"]},
        {"id": "gate", "need": {"samapta": 9}, "commander": "Aipda", "shifts": ["pagi"]},
        {"id": "road", "need": {"samapta": 6, "lantas": 4}, "shifts": ["pagi"]},
    ]
    demand = derive_demand(scenario(posts, people))
    day = date(2024, 8, 26)
    assert leader_heads(demand) == {
        (day, "pagi", "kpu", "ring2"): ["Ipda"],
        (day, "pagi", "kpu", "gate"): ["Aipda"],
        # Ten heads of two skills, no commander: a leader of the team as a whole.
        (day, "pagi", "kpu", "road"): ["Aiptu"],
    }


def test_the_reserve_above_a_regu_gets_its_danru() -> None:
    people = [dalmas("86000001")]
    posts = [{"id": "jaga", "need": {"samapta": 9}, "shifts": ["pagi"]}]
    policy = {"reserve": {"fraction": 1.0, "site": "kpu"}}
    demand = derive_demand(scenario(posts, people, policy=policy))
    day = date(2024, 8, 26)
    # 9 heads at the post (no leader); the reserve is 100% of them, 9: no leader either.
    assert leader_heads(demand) == {}
    posts = [{"id": "jaga", "need": {"samapta": 10}, "shifts": ["pagi"]}]
    demand = derive_demand(scenario(posts, people, policy=policy))
    # 10 heads and their leader: 11 heads, so a reserve of 11, and its Danru.
    assert members_of(demand)[(day, "pagi", "kpu", "reserve")] == 11
    assert leader_heads(demand) == {
        (day, "pagi", "kpu", "jaga"): ["Aiptu"],
        (day, "pagi", "kpu", "reserve"): ["Aiptu"],
    }


def test_a_perwira_post_gets_a_perwira_leader() -> None:
    people = [officer("86000001", "Ipda", "samapta")]
    posts = [{"id": "pa", "need": {"samapta": 10}, "perwira": True, "shifts": ["pagi"]}]
    demand = derive_demand(scenario(posts, people))
    assert list(leader_heads(demand).values()) == [["Ipda"]]


def test_the_leader_is_the_senior_and_no_member_outranks_it() -> None:
    # Ten Dalmas of whom the two Aiptu could lead; the Ipda leads (perwira lead), nobody of
    # the team outranks the leader, and every rule holds (solve() audits them).
    people = [dalmas(f"8600{k:04d}") for k in range(8)]
    people += [dalmas("86001001", "Aiptu"), dalmas("86001002", "Aiptu")]
    people += [officer("86002001", "Ipda", "intel"), officer("86002002", "Bripda", "intel")]
    people += [officer("86002003", "Bripda", "intel")]
    s = scenario([], people, visits=[visit(400)])
    demand, plan = solve(s)
    assert plan.quality.status == "optimal"
    leads = [a for a in plan.assignments if a.skill == COMMAND]
    assert [a.nrp for a in leads] == ["86002001"]
    every_large_team_is_led(s, demand, plan)
    # With the leader's least rank at Aipda, the Aiptu may lead but not stand as members.
    s = scenario([], people, visits=[visit(400)], policy={"teams": {"leader_least_rank": "Aipda"}})
    demand, plan = solve(s)
    members = {a.nrp for a in plan.assignments if a.skill != COMMAND}
    assert not members & {"86001001", "86001002", "86002001"}
    every_large_team_is_led(s, demand, plan)


def test_nobody_senior_enough_the_bko_asks_for_the_leader() -> None:
    people = [dalmas(f"8600{k:04d}") for k in range(8)]
    people += [officer("86002002", "Bripda", "intel"), officer("86002003", "Bripda", "intel")]
    s = scenario([], people, visits=[visit(400)])
    demand, plan = solve(s)
    assert [(x.post, x.skill, x.missing) for x in plan.shortfalls] == [
        ("visit:paslon-1", COMMAND, 1)
    ]
    assert [(r.post, r.skill, r.missing, r.weight) for r in plan.reinforcements] == [
        ("visit:paslon-1", COMMAND, 1, 60)
    ]
    every_large_team_is_led(s, demand, plan)
    rows = annex(plan, "en")[0].rows
    assert (rows[0].job, rows[0].short) == ("Team leader", True)


def test_every_large_team_of_the_example_is_led_in_every_view(run: Run) -> None:
    planned = pipeline.plan([EXAMPLE], remedies=False)
    s, demand, plan = planned.checked.scenario, planned.demand, planned.plan
    assert s is not None and demand is not None and plan is not None
    assert audit(s, demand, plan) == []
    assert plan.quality.status == "optimal"
    every_large_team_is_led(s, demand, plan)
    # The visit teams of 27 Aug: Paslon 1 pagi (21 heads), Paslon 2 pagi and siang (29); and
    # Paslon 4's registration on the evening of 29 Aug (12).
    large = {t for t, n in members_of(demand).items() if n > 9}
    assert {(str(d), sh, post) for d, sh, _, post in large} == {
        ("2024-08-27", "pagi", "visit:paslon-1"),
        ("2024-08-27", "pagi", "visit:paslon-2"),
        ("2024-08-27", "siang", "visit:paslon-2"),
        ("2024-08-29", "siang", "visit:paslon-4"),
    }
    ranks = {p.nrp: p.rank for p in plan.people}
    leads = [a for a in plan.assignments if a.skill == COMMAND and a.post.startswith("visit:")]
    # Each led by an officer of at least the policy's least rank for a leader (Aiptu).
    least = s.policy.ranks.index(s.policy.teams.leader_least_rank)
    assert len(leads) == 4 and all(s.policy.ranks.index(ranks[a.nrp]) >= least for a in leads)
    # The views for people: the leader heads its team, by name, in the terminal and Markdown.
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q").stdout)
    assert {
        (a["date"], a["shift"], a["post"]) for a in body["assignments"] if a["skill"] == COMMAND
    } >= {
        ("2024-08-27", "pagi", "visit:paslon-1"),
        ("2024-08-27", "pagi", "visit:paslon-2"),
        ("2024-08-27", "siang", "visit:paslon-2"),
        ("2024-08-29", "siang", "visit:paslon-4"),
    }
    markdown = as_markdown(plan.only(date(2024, 8, 27), "kpu"), View(lang="en")).splitlines()
    team = [line for line in markdown if line.startswith("| Visit security: Paslon 2")]
    assert "| Team leader " in team[0] and "| Ipda " in team[0]


def _synth(officers: int, days: int, seed: int) -> pipeline.Planned:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in scenario_texts(officers, days, seed).items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        return pipeline.plan([Path(tmp)], remedies=False)


@pytest.mark.parametrize(("officers", "days", "seed"), [(300, 3, 1), (500, 4, 2), (800, 3, 3)])
def test_generated_operations_lead_every_large_team(officers: int, days: int, seed: int) -> None:
    planned = _synth(officers, days, seed)
    s, demand, plan = planned.checked.scenario, planned.demand, planned.plan
    assert s is not None and demand is not None and plan is not None
    assert any(n.source == "leader" for n in demand.needs)
    assert plan.quality.status == "optimal"
    assert audit(s, demand, plan) == []
    every_large_team_is_led(s, demand, plan)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=scenarios(), above=st.integers(0, 6), least=st.sampled_from(["Aipda", "Aiptu", "Ipda"]))
def test_small_scenarios_lead_every_large_team(s: Scenario, above: int, least: str) -> None:
    teams = s.policy.teams.model_copy(update={"leader_above": above, "leader_least_rank": least})
    s = s.model_copy(update={"policy": s.policy.model_copy(update={"teams": teams})})
    demand, plan = solve(s)  # every rule audited, rank rules included
    assert plan.quality.status in ("optimal", "nothing-to-plan")
    every_large_team_is_led(s, demand, plan)


def test_an_unknown_leader_rank_is_refused_at_its_line(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "x"
    shutil.copytree(EXAMPLE, folder)
    op = folder / "operation.yaml"
    text = op.read_text(encoding="utf-8")
    op.write_text(
        text.replace(
            "  reserve: {fraction: 0.10}\n",
            "  reserve: {fraction: 0.10}\n  teams: {leader_least_rank: Aiptuu}\n",
        ),
        encoding="utf-8",
    )
    # With adjustments too, whose pins cannot be held against heads of unknown ranks: told,
    # never a traceback.
    (folder / "adjustments.yaml").write_text(
        "pins:\n  - {nrp: '79020114', date: 2024-08-27, shift: pagi, site: kpu, "
        "post: kpu-ring1, skill: command}\n",
        encoding="utf-8",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert "unknown rank 'Aiptuu'" in out and "did you mean 'Aiptu'" in out
    assert "operation.yaml:" in out and "teams" in out


def _folder(tmp: Path, s_files: dict[str, Any], adjustments: str) -> Path:
    for name, body in s_files.items():
        (tmp / name).write_text(yaml.safe_dump(body), encoding="utf-8")
    (tmp / "adjustments.yaml").write_text(adjustments, encoding="utf-8")
    return tmp


def _files(supporters: int, people: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "operation.yaml": {
            "operation": {
                "name": "Uji",
                "unit": "Polres Uji",
                "timezone": "Asia/Makassar",
                "start": "2024-08-26",
                "end": "2024-08-26",
                "commander": "70010001",
            },
            "shifts": SHIFTS,
            "sites": [
                {"id": "kpu", "name": "KPU", "posts": [{"id": "jaga", "need": {"samapta": 1}}]}
            ],
            "policy": {"reserve": {"fraction": 0, "site": "kpu"}},
        },
        "roster.yaml": {"personnel": [BOSS, *people]},
        "arrivals.yaml": {
            "candidates": [
                {
                    "id": "paslon-1",
                    "names": ["Calon Uji"],
                    "risk": "medium",
                    "visits": [visit(supporters)],
                }
            ]
        },
    }


def test_a_leader_head_takes_a_pin_and_a_small_team_has_none(run: Run, tmp_path: Path) -> None:
    people = [dalmas(f"8600{k:04d}") for k in range(9)]
    people += [officer("86002001", "Aiptu", "samapta"), officer("86002002", "Bripda", "intel")]
    people += [officer("86002003", "Bripda", "intel"), officer("86002004", "Bripda", "samapta")]
    pin = (
        "pins:\n  - {nrp: '86002001', date: 2024-08-26, shift: pagi, site: kpu, "
        "post: 'visit:paslon-1', skill: command}\n"
    )
    (tmp_path / "big").mkdir()
    big = _folder(tmp_path / "big", _files(400, people), pin)
    body = json.loads(run("plan", big, "--format", "json", "--no-remedies", "-q").stdout)
    assert {
        "date": "2024-08-26",
        "shift": "pagi",
        "site": "kpu",
        "post": "visit:paslon-1",
        "skill": "command",
        "nrp": "86002001",
    } in body["assignments"]
    (tmp_path / "small").mkdir()
    small = _folder(tmp_path / "small", _files(350, people), pin)
    out = run("validate", "--lang", "en", small, code=1).stdout
    assert "visit:paslon-1 has no command head on 2024-08-26 pagi" in out


def test_the_bko_names_its_post_with_its_weight_and_cause() -> None:
    # Two posts of one site short of Samapta in the same shift: two lines, one per post.
    posts = [
        {"id": "ring1", "ring": 1, "need": {"samapta": 2}, "shifts": ["pagi"]},
        {"id": "gate", "name": "Gerbang", "need": {"samapta": 3}, "shifts": ["pagi"]},
    ]
    people = [officer("86000001", "Bripda", "samapta")]
    s = scenario(posts, people)
    demand, plan = solve(s)
    plan = explain_shortfalls(s, demand, plan)
    lines = [(r.post, r.skill, r.missing, r.weight) for r in plan.reinforcements]
    assert lines == [("gate", "samapta", 3, 15), ("ring1", "samapta", 1, 100)]
    assert all(r.causes is not None and r.causes.holders == 1 for r in plan.reinforcements)
    data = json.loads(as_json(plan, View()))
    assert list(data["reinforcements"][0])[:7] == [
        "date",
        "shift",
        "site",
        "post",
        "skill",
        "missing",
        "weight",
    ]
    # The terminal: the post by name, the cause in one short line at 80 columns.
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(as_table(plan, View(lang="en")))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    row = next(line for line in text.splitlines() if "KPU: Gerbang" in line)
    assert "1/1 elsewhere" in row
    bko = text[text.index("Reinforcement (BKO) request") :].split("Summary")[0]
    assert max(len(line) for line in bko.splitlines()) <= 80
    # Markdown keeps the full causes, with the post.
    markdown = as_markdown(plan, View(lang="en"))
    assert "| Gerbang" in markdown and "1 hold the skill: 1 on other heads" in markdown


def test_the_workbook_bko_sheet_has_the_post(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    run("plan", EXAMPLE, "--no-remedies", "-q", "--lang", "en", "-o", out)
    sheet = openpyxl.load_workbook(out)["BKO"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header = next(r for r in rows if "Post" in r)
    at = header.index("Post")
    posts = {r[at] for r in rows[rows.index(header) + 1 :] if r[at]}
    assert "Reserve (cadangan)" in posts
    assert any(str(p).startswith("Visit security: Paslon 2") for p in posts)


def _counted(plan: Plan) -> list[dict[str, Any]]:
    officers: dict[date, set[str]] = defaultdict(set)
    filled: Counter[date] = Counter()
    missing: Counter[date] = Counter()
    for a in plan.assignments:
        officers[a.date].add(a.nrp)
        filled[a.date] += 1
    for x in plan.shortfalls:
        missing[x.date] += x.missing
    return [
        {
            "date": d.isoformat(),
            "officers": len(officers[d]),
            "heads": filled[d] + missing[d],
            "filled": filled[d],
            "bko": missing[d],
        }
        for d in sorted({s.date for s in plan.slots})
    ]


def test_days_count_people_and_heads_once_for_the_json_and_the_report(run: Run) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q").stdout)
    planned = pipeline.plan([EXAMPLE], remedies=False)
    assert planned.plan is not None
    assert body["days"] == _counted(planned.plan)
    assert [f.model_dump(mode="json") for f in day_figures(planned.plan)] == body["days"]
    day = next(d for d in body["days"] if d["date"] == "2024-08-27")
    assert day["bko"] == 26 and day["heads"] == day["filled"] + 26
    # Cut to a day and a site, the figures are of that part.
    part = json.loads(
        run(
            "plan",
            EXAMPLE,
            "--format",
            "json",
            "--no-remedies",
            "-q",
            "--date",
            "2024-08-27",
            "--site",
            "kpu",
        ).stdout
    )
    assert [d["date"] for d in part["days"]] == ["2024-08-27"]
    assert part["days"][0]["filled"] == len(part["assignments"])
    assert part["days"][0]["bko"] == sum(x["missing"] for x in part["shortfalls"])


def test_days_count_an_officer_of_two_shifts_once() -> None:
    # Rest 0 and 16 hours a day: the one officer works pagi and siang of one day.
    posts = [{"id": "jaga", "need": {"samapta": 1}, "shifts": ["pagi", "siang"]}]
    policy = {"rest": {"min_rest_hours": 0, "max_hours_per_day": 16}}
    s = scenario(posts, [officer("86000001")], policy=policy)
    _, plan = solve(s)
    assert [(d.officers, d.heads, d.filled, d.bko) for d in plan.days] == [(1, 2, 2, 0)]
