"""The drill schedule (`sinjai-ops drills`): on the example and on generated operations whose
drills are 10-40% stale, the heads it promises are what planning the roster with those drills
recorded gives, nobody drills on a day he is away, sessions hold their capacity and end before
the operation; on tiny operations a brute force over every set of officers and sessions finds
no better schedule."""

from __future__ import annotations

import itertools
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from benchmarks.synth import scenario_texts

from sinjai_ops import pipeline
from sinjai_ops.demand import derive_demand
from sinjai_ops.drill_schedule import make_drill_plan, section_of, windows_of
from sinjai_ops.models.drills import DrillPlan, DrillSchedule
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.render.drills import as_json
from sinjai_ops.render.view import View
from sinjai_ops.solve.plan import coverage, make_plan
from tests.conftest import EXAMPLE
from tests.helpers import SHIFTS, officer, scenario


class _Plain(yaml.SafeDumper):
    """Writes every value out (one date object twice is not an alias, which validate refuses)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False)


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _texts(folder: Path) -> dict[str, str]:
    return {
        name: (folder / name).read_text(encoding="utf-8")
        for name in ("operation.yaml", "roster.yaml", "arrivals.yaml")
    }


def _recorded(texts: dict[str, str], schedule: DrillPlan) -> dict[str, str]:
    """roster.yaml edited as the officer would once the sessions are held: each attendee's
    drill date is the day of his session."""
    roster = yaml.safe_load(texts["roster.yaml"])
    dated = {n: (s.skill, s.date) for s in schedule.sessions for n in s.attendees}
    for person in roster["personnel"]:
        if str(person["nrp"]) in dated:
            skill, day = dated[str(person["nrp"])]
            person.setdefault("drills", {})[skill] = day
    return {**texts, "roster.yaml": _dump(roster)}


def _heads(folder: Path) -> int:
    planned = pipeline.plan([folder], remedies=False)
    assert planned.plan is not None, planned.checked.problems
    return planned.plan.quality.heads_filled


def _holds(schedule: DrillPlan, scenario: Scenario) -> None:
    """Nobody away on his session's day, capacity kept, every session before the first shift
    and within the section's days and hours."""
    section = section_of(scenario)
    people = {p.nrp: p for p in scenario.roster.personnel}
    first = min(s.start for s in scenario.operation.slots())
    allowed = {(w.start, w.skill) for w in windows_of(scenario, section)}
    seen: set[str] = set()
    for s in schedule.sessions:
        assert len(s.attendees) <= section.capacity
        assert s.end <= first and (s.start, s.skill) in allowed
        for nrp in s.attendees:
            assert nrp not in seen
            seen.add(nrp)
            assert not people[nrp].on_leave(s.date)
            assert scenario.adjustments.absence_during(nrp, s.start, s.end) is None
        if s.instructor is not None:
            lead = people[s.instructor]
            limit = scenario.policy.drills.max_age_days[s.skill]
            assert s.instructor not in s.attendees and lead.qualified(s.skill, s.date, limit)
            ranks = scenario.policy.ranks
            assert ranks.index(lead.rank) >= ranks.index(section.instructor_least_rank)


def _drilled(folder: Path) -> tuple[DrillPlan, Scenario]:
    drilled = pipeline.drills([folder])
    assert drilled.schedule is not None, drilled.checked.problems
    assert drilled.checked.scenario is not None
    return drilled.schedule, drilled.checked.scenario


@pytest.mark.slow
def test_the_example_fills_what_the_drill_remedy_promised(tmp_path: Path) -> None:
    schedule, scenario = _drilled(EXAMPLE)
    planned = pipeline.plan([EXAMPLE])
    assert planned.plan is not None
    remedy = next(r for r in planned.plan.remedies if r.kind == "drill")
    assert schedule.heads_filled_before == planned.plan.quality.heads_filled == 528
    assert schedule.remedy_recovered == remedy.recovered == 7
    gained = schedule.heads_filled_after - schedule.heads_filled_before
    assert gained == remedy.recovered and schedule.short_of_remedy == []
    # The roster edited by hand, and planned again: the heads the schedule promised.
    edited = _write(tmp_path / "edited", _recorded(_texts(EXAMPLE), schedule))
    assert _heads(edited) == schedule.heads_filled_after == 535
    assert schedule.status == "optimal" and schedule.restricted_to is None
    # One session: the 7 fit one platoon, on the last day before the operation.
    assert [(s.date, len(s.attendees)) for s in schedule.sessions] == [(date(2024, 8, 23), 7)]
    assert sorted(schedule.sessions[0].attendees) == sorted(remedy.officers)
    _holds(schedule, scenario)
    data = json.loads(as_json(schedule, View()))
    session = data["sessions"][0]
    assert {"id", "date", "start", "end", "site", "instructor", "attendees"} <= set(session)
    assert (session["start"], session["end"], session["site"]) == ("08:00", "12:00", "mapolres")
    assert data["heads_filled_before"] == 528 and data["heads_filled_after"] == 535
    joint = data["joint_exercise"]
    assert (joint["date"], joint["start"], joint["end"], joint["site"]) == (
        "2024-08-19",
        "08:00",
        "12:00",
        "kpu",
    )
    assert joint["units"] == {"tni": 2, "satpol-pp": 2, "dishub": 1, "damkar": 1, "dinkes": 1}


def test_the_drill_remedy_says_by_the_day_before_the_first_short_day() -> None:
    from sinjai_ops.render.plan_rows import remedy_lines

    planned = pipeline.plan([EXAMPLE])
    assert planned.plan is not None
    # The drill may be held on the 26th for the 27th: "by", never "before".
    en = next(line for line in remedy_lines(planned.plan, "en") if "drill" in line)
    assert en.startswith("a Dalmas drill by Monday, 26 August 2024 for 7 officers")
    id_ = next(line for line in remedy_lines(planned.plan, "id") if "latihan" in line)
    assert id_.startswith("latihan Dalmas paling lambat Senin, 26 Agustus 2024 bagi 7 personel")


def _stale(texts: dict[str, str], share: float, seed: int, **section: Any) -> dict[str, str]:
    """The generated roster with `share` of its Dalmas officers' drills made too old, a few of
    them on leave on some days before the operation, and a `drill_schedule:` section."""
    rng = random.Random(seed)
    roster = yaml.safe_load(texts["roster.yaml"])
    op = yaml.safe_load(texts["operation.yaml"])
    start = op["operation"]["start"]
    days = section.get("days") or [start - timedelta(days=k) for k in range(14, 0, -1)]
    for person in roster["personnel"]:
        if "dalmas" not in person.get("skills", []):
            continue
        fresh = rng.random() >= share
        ago = rng.randint(1, 20) if fresh else rng.randint(35, 90)
        person["drills"] = {"dalmas": start - timedelta(days=ago)}
        if not fresh and rng.random() < 0.4:
            away = rng.choice(days)
            leave = {"from": away, "to": away + timedelta(days=rng.randint(0, 2)), "reason": "dik"}
            person["unavailable"] = [leave, *person.get("unavailable", [])]
    op["drill_schedule"] = {"site": op["sites"][0]["id"], **section}
    return {
        **texts,
        "roster.yaml": _dump(roster),
        "operation.yaml": _dump(op),
    }


@pytest.mark.parametrize(
    ("officers", "days", "seed", "share", "capacity"),
    [(200, 3, 1, 0.1, 38), (300, 3, 2, 0.25, 10), (300, 4, 3, 0.4, 38), (400, 3, 4, 0.3, 6)],
)
@pytest.mark.slow
def test_generated_operations_fill_what_the_schedule_promised(
    tmp_path: Path, officers: int, days: int, seed: int, share: float, capacity: int
) -> None:
    texts = _stale(scenario_texts(officers, days, seed), share, seed, capacity=capacity)
    folder = _write(tmp_path / "stale", texts)
    schedule, scenario = _drilled(folder)
    assert schedule.status == "optimal"
    _holds(schedule, scenario)
    edited = _write(tmp_path / "edited", _recorded(texts, schedule))
    assert _heads(edited) == schedule.heads_filled_after
    gained = schedule.heads_filled_after - schedule.heads_filled_before
    assert gained >= (schedule.remedy_recovered or 0) or schedule.short_of_remedy
    # A session only where it fills heads, or heavier ones (the plan's first objective).
    better = schedule.weighted_after > schedule.weighted_before
    assert (gained > 0 or better) == bool(schedule.sessions)
    assert schedule.weighted_after >= schedule.weighted_before


def _coverage(s: Scenario, dated: dict[str, date]) -> tuple[int, int]:
    people = [
        p.model_copy(update={"drills": {**p.drills, "dalmas": dated[p.nrp]}})
        if p.nrp in dated
        else p
        for p in s.roster.personnel
    ]
    changed = s.model_copy(update={"roster": s.roster.model_copy(update={"personnel": people})})
    best = coverage(changed, derive_demand(changed))
    assert best is not None
    return best.weighted, best.heads


def _fewest_sessions(free: list[list[int]], windows: int, capacity: int) -> int | None:
    """The fewest windows that seat every officer (each in one window he is free for)."""
    for k in range(windows + 1):
        for opened in itertools.combinations(range(windows), k):
            for seats in itertools.product(*[[w for w in f if w in opened] for f in free]):
                if all(seats.count(w) <= capacity for w in opened):
                    return k
    return None


def _brute(s: Scenario) -> tuple[int, int, int, int]:
    """(weighted, heads, -sessions, -attendees) of the best schedule, by trying every set of
    the officers a drill could change and every set of sessions."""
    section = section_of(s)
    windows = windows_of(s, section)
    limit = s.policy.drills.max_age_days["dalmas"]
    days = [d for d in s.operation.days()]
    stale = [
        p
        for p in s.roster.personnel
        if p.assignable
        and "dalmas" in p.skills
        and any(not p.qualified("dalmas", d, limit) for d in days)
    ]
    assert len(stale) <= 7, len(stale)
    best: tuple[int, int, int, int] | None = None
    for k in range(len(stale) + 1):
        for chosen in itertools.combinations(stale, k):
            free = [[w for w, x in enumerate(windows) if not p.on_leave(x.day)] for p in chosen]
            if any(not f for f in free):
                continue
            sessions = _fewest_sessions(free, len(windows), section.capacity)
            if sessions is None:
                continue
            # The latest day he is free keeps an officer current longest.
            dated = {p.nrp: windows[f[-1]].day for p, f in zip(chosen, free, strict=True)}
            key = (*_coverage(s, dated), -sessions, -k)
            best = key if best is None or key > best else best
    assert best is not None
    return best


SESSION_DAYS = [date(2024, 8, 23), date(2024, 8, 24), date(2024, 8, 25)]


def _tiny(seed: int) -> Scenario:
    """Seven officers, Dalmas heads and a gate, drills fresh or stale at random, some officers
    on leave on a session day; sessions of 2 on the three days before the operation."""
    rng = random.Random(seed)
    people = []
    for i in range(7):
        skills = ["dalmas", "samapta"] if rng.random() < 0.85 else ["samapta"]
        extra: dict[str, Any] = {}
        if "dalmas" in skills:
            ago = rng.choice([5, 40, 60, 70])
            extra["drills"] = {"dalmas": str(date(2024, 8, 26) - timedelta(days=ago))}
        if rng.random() < 0.4:
            away = str(rng.choice(SESSION_DAYS))
            extra["unavailable"] = [{"from": away, "to": away, "reason": "dik"}]
        rank = rng.choice(["Bripda", "Briptu", "Brigpol", "Aipda"])
        people.append(officer(f"8001{i:04d}", rank, *skills, **extra))
    posts = [
        {"id": "ring2", "ring": 2, "need": {"dalmas": rng.randint(2, 4)}},
        {"id": "gate", "need": {"samapta": rng.randint(1, 2)}},
    ]
    s = scenario(posts, people, shifts=SHIFTS[:2])
    section = DrillSchedule(site="kpu", days=SESSION_DAYS, capacity=2)
    return s.model_copy(
        update={"operation": s.operation.model_copy(update={"drill_schedule": section})}
    )


@pytest.mark.parametrize("seed", range(12))
def test_tiny_operations_have_no_better_schedule(seed: int) -> None:
    s = _tiny(seed)
    demand = derive_demand(s)
    plan = make_plan(s, demand)
    schedule = make_drill_plan(s, demand, plan, 60)
    assert schedule.status == "optimal"
    _holds(schedule, s)
    dated = {n: x.date for x in schedule.sessions for n in x.attendees}
    weighted, heads = _coverage(s, dated)
    attendees = sum(len(x.attendees) for x in schedule.sessions)
    assert (weighted, heads, -len(schedule.sessions), -attendees) == _brute(s)
    assert schedule.heads_filled_after == heads and schedule.weighted_after == weighted


def test_tiny_operations_do_drill() -> None:
    """The brute force above is not idle: most of its operations drill, some in several
    sessions."""
    sessions = []
    for seed in range(12):
        s = _tiny(seed)
        demand = derive_demand(s)
        sessions.append(len(make_drill_plan(s, demand, make_plan(s, demand), 60).sessions))
    assert sum(1 for n in sessions if n) >= 6 and max(sessions) >= 2, sessions


def test_sessions_are_held_as_late_as_they_can_be(tmp_path: Path) -> None:
    texts = _stale(scenario_texts(300, 3, 2), 0.25, 2, capacity=10)
    schedule, scenario = _drilled(_write(tmp_path / "late", texts))
    assert len(schedule.sessions) >= 2
    people = {p.nrp: p for p in scenario.roster.personnel}
    used = {s.start for s in schedule.sessions}
    for s in schedule.sessions:
        later = [
            w
            for w in windows_of(scenario, section_of(scenario))
            if w.start > s.start and w.start not in used
        ]
        # No later free slot of the site where all its attendees are free: else it would be
        # held there.
        for w in later:
            assert any(people[n].on_leave(w.day) for n in s.attendees)


def _without_section(tmp_path: Path) -> Path:
    texts = _texts(EXAMPLE)
    op = texts["operation.yaml"]
    texts["operation.yaml"] = op[: op.index("\n# Drills that keep the force ready")] + "\n"
    return _write(tmp_path / "no-section", texts)


def test_the_generic_drill_item_stands_where_no_schedule_is_set(tmp_path: Path) -> None:
    listed = pipeline.checklist([_without_section(tmp_path)])
    assert listed.checklist is not None
    made = {i.template for i in listed.checklist.items}
    assert "latihan-dalmas" in made
    assert not made & {"latihan-dalmas-sesi", "sispamkota", "sispamkota-rapat"}
    # The command still schedules, with the defaults, at headquarters.
    schedule, scenario = _drilled(tmp_path / "no-section")
    _holds(schedule, scenario)
    assert [s.site for s in schedule.sessions] == ["mapolres"]
    assert schedule.heads_filled_after == 535


BAD = """
drill_schedule:
  site: mapolress
  days: [2024-08-20, 2024-08-30]
  hours: {start: "12:00", end: "08:00"}
  capacity: 0
  instructor_least_rank: Aipdaa
  skills: [dalmas, intel]
  joint_exercise: {date: 2024-08-19, start: "08:00", end: "07:00", site: kpu, units: {tni: 2}}
"""


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            [
                "unknown site 'mapolress'",
                "after the operation starts",
                "not after start",
                "holds nobody",
                "unknown rank 'Aipdaa'",
                "has no max_age_days",
            ],
        ),
        (
            "id",
            [
                "lokasi 'mapolress' tidak dikenal",
                "setelah operasi dimulai",
                "tidak setelah",
                "tidak menampung siapa pun",
                "pangkat 'Aipdaa' tidak dikenal",
                "tidak punya max_age_days",
            ],
        ),
    ],
)
def test_a_bad_section_is_told_at_its_places_all_at_once(
    tmp_path: Path, run: Any, lang: str, words: list[str]
) -> None:
    folder = _without_section(tmp_path)
    (folder / "operation.yaml").write_text(
        (folder / "operation.yaml").read_text(encoding="utf-8") + BAD, encoding="utf-8"
    )
    result = run("drills", folder, "--lang", lang, code=1)
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    text = (folder / "operation.yaml").read_text(encoding="utf-8").splitlines()
    start = text.index("drill_schedule:") + 1
    assert [int(e.split(":")[1]) - start for e in errors] == [1, 2, 3, 4, 5, 6, 7]
    for w in words:
        assert any(w in e for e in errors), (w, errors)


@pytest.mark.slow
def test_anev_takes_the_attendance_of_a_session(tmp_path: Path, run: Any) -> None:
    plan, drills = tmp_path / "plan.json", tmp_path / "drills.json"
    run("plan", EXAMPLE, "--no-remedies", "-q", "-o", plan)
    run("drills", EXAMPLE, "-q", "-o", drills)
    session = json.loads(drills.read_text(encoding="utf-8"))["sessions"][0]
    sick, late, *rest = session["attendees"]
    marks = tmp_path / "att.yaml"
    marks.write_text(
        "attendance:\n"
        f'  - {{nrp: "{sick}", session: {session["id"]}, status: sakit}}\n'
        f'  - {{nrp: "{late}", session: {session["id"]}, status: telat, minutes: 20}}\n',
        encoding="utf-8",
    )
    args = ("anev", EXAMPLE, "--plan", plan, "--attendance", marks, "--drills", drills)
    body = json.loads(run(*args, "--format", "json").stdout)
    tally = body["sessions"][0]
    assert tally["id"] == session["id"] and len(tally["planned"]) == 7
    assert tally["drilled"] == [late, *rest]
    assert [(a["nrp"], a["reason"]) for a in tally["absences"]] == [(sick, "sakit")]
    shown = run(*args, "--lang", "en").stdout
    assert f"drills: {{dalmas: {session['date']}}} for {late}" in shown
    # Held against the schedule: an unknown session, an officer not to attend it, no schedule.
    marks.write_text(
        "attendance:\n"
        '  - {nrp: "72050001", session: dalmas-2024-08-22-0800, status: absent}\n'
        f'  - {{nrp: "72050001", session: {session["id"]}, status: absent}}\n',
        encoding="utf-8",
    )
    told = run(*args, "--lang", "en", code=1).stderr
    assert "att.yaml:2:" in told and "unknown drill session 'dalmas-2024-08-22-0800'" in told
    assert "att.yaml:3:" in told and "72050001 is not to attend drill session" in told
    told = run(*args[:-2], "--lang", "en", code=1).stderr
    assert "needs the drill schedule: give --drills" in told


@pytest.mark.slow
def test_every_output_shows_the_session(tmp_path: Path, run: Any) -> None:
    import openpyxl

    book = tmp_path / "drills.xlsx"
    run("drills", EXAMPLE, "-q", "--lang", "id", "-o", book)
    sheet = openpyxl.load_workbook(book).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Sesi", "Tanggal", "Jam"] and rows[0][6] == "NRP"
    listed = [r for r in rows[1:] if r[0] == "dalmas-2024-08-23-0800"]
    assert len(listed) == 7 and listed[0][5] == "Aipda Hasniah Sanusi (76081207)"
    assert any(r[0] and str(r[0]).startswith("Jabatan yang diisi rencana: 528") for r in rows)
    cal = tmp_path / "cal"
    run("drills", EXAMPLE, "-q", "--lang", "en", "--format", "ics", "-o", cal)
    files = sorted(p.name for p in cal.iterdir())
    assert len(files) == 8 and "76081207-Hasniah-Sanusi.ics" in files  # 7 attendees, 1 lead
    event = (cal / "75036434-Akbar-Latif.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Asia/Makassar:20240823T080000" in event
    assert "UID:75036434-dalmas-2024-08-23-0800@sinjai-ops" in event
    page = tmp_path / "drills.html"
    run("drills", EXAMPLE, "-q", "--lang", "en", "-o", page)
    html = page.read_text(encoding="utf-8")
    assert "dalmas-2024-08-23-0800" in html and "Bripda Akbar Latif (75036434)" in html
    shown = run("drills", EXAMPLE, "-q", "--lang", "en").stdout
    assert "528 of 554 as the roster stands, 535 once these drills are recorded (+7)" in shown
    assert "Proven optimal" in shown and "Sispamkota" in shown
    # The report carries the schedule's page where the operation sets one.
    report = tmp_path / "report.html"
    run("report", EXAMPLE, "-q", "--lang", "en", "-o", report)
    assert "Drill schedule</h2>" in report.read_text(encoding="utf-8")


def test_a_pinned_officer_is_not_drilled_and_the_proof_says_so(tmp_path: Path) -> None:
    folder = _write(tmp_path / "pinned", _texts(EXAMPLE))
    (folder / "adjustments.yaml").write_text(
        "pins:\n"
        '  - {nrp: "75036434", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring2,'
        " skill: samapta}\n",
        encoding="utf-8",
    )
    schedule, scenario = _drilled(folder)
    _holds(schedule, scenario)
    assert all("75036434" not in s.attendees for s in schedule.sessions)
    assert schedule.restricted_to is not None and "75036434" in schedule.restricted_to
    assert schedule.status == "optimal"
