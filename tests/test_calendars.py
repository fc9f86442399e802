"""Each officer's calendar, read back as a phone's calendar reads it (icalendar): the event starts
at the roll call the checklist sets, reminds before it, says where and under whom, and keeps its
UID when the plan is issued again, so that a phone updates it instead of doubling it."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest

from tests.conftest import EXAMPLE, Run


def _calendars(folder: Path) -> dict[str, icalendar.Calendar]:
    return {p.name: icalendar.Calendar.from_ical(p.read_bytes()) for p in folder.iterdir()}


def _plan(run: Run, scenario: Path, *more: object) -> dict:  # type: ignore[type-arg]
    return json.loads(
        run("plan", scenario, "--format", "json", "-q", "--no-remedies", *more).stdout
    )


def test_an_event_starts_at_the_roll_call_and_says_where_and_under_whom(
    run: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "kalender"
    run("plan", EXAMPLE, "--format", "ics", "-o", folder, "-q", "--no-remedies", "--lang", "en")
    body = _plan(run, EXAMPLE)
    people = {p["nrp"]: p for p in body["people"]}
    calendars = _calendars(folder)
    # NRP-Name.ics, in ASCII: a phone, a mail program and a USB stick all take the name.
    for name in calendars:
        assert name.isascii() and " " not in name
    nrp = "79020114"
    mine = [n for n in calendars if n.startswith(f"{nrp}-")]
    assert mine == ["79020114-Hasanuddin-Lologau.ics"], mine
    # The command in the example: the officer of a ring-1 post's commander head.
    duty = next(a for a in body["assignments"] if a["skill"] == "command" and a["nrp"] == nrp)
    cal = calendars[mine[0]]
    events = list(cal.walk("VEVENT"))
    event = next(e for e in events if str(e["UID"]).startswith(f"{nrp}-{duty['date']}-"))
    start = event["DTSTART"].dt
    # The shift starts at 06:00 or 14:00 or 22:00; the roll call is 30 minutes before it.
    assert (start + timedelta(minutes=30)).strftime("%H:%M") in ("06:00", "14:00", "22:00")
    assert str(start.tzinfo) == "Asia/Makassar"
    assert str(event["UID"]) == f"{nrp}-{duty['date']}-{duty['shift']}-{duty['post']}@sinjai-ops"
    assert event["SEQUENCE"] == 0
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0]["TRIGGER"].dt < timedelta(0)
    text = str(event["DESCRIPTION"])
    assert "Post commander: " in text and "Roll call (apel): " in text
    # The site's address, from operation.yaml.
    address = {"kpu": "Jl. Persatuan Raya", "mapolres": "Jl. Jenderal Sudirman"}[duty["site"]]
    assert address in str(event["LOCATION"]) and address in text
    # A member's event names the post's commander.
    member = next(
        a
        for a in body["assignments"]
        if a["post"] == duty["post"]
        and (a["date"], a["shift"]) == (duty["date"], duty["shift"])
        and a["skill"] != "command"
    )
    who = people[member["nrp"]]
    theirs = next(n for n in calendars if n.startswith(f"{member['nrp']}-"))
    event = next(
        e
        for e in calendars[theirs].walk("VEVENT")
        if str(e["UID"]).startswith(f"{member['nrp']}-{duty['date']}-{duty['shift']}-")
    )
    assert f"Post commander: {people[nrp]['rank']} {people[nrp]['name']} ({nrp})" in str(
        event["DESCRIPTION"]
    ), who


def test_the_same_plan_gives_the_same_bytes_and_a_name_in_ascii(run: Run, tmp_path: Path) -> None:
    scenario = tmp_path / "s"
    shutil.copytree(EXAMPLE, scenario)
    roster = scenario / "roster.yaml"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace("Hasanuddin Lologau", "Hasanuddin Lologaü'Ña"),
        encoding="utf-8",
    )
    first, second = tmp_path / "a", tmp_path / "b"
    run("plan", scenario, "--format", "ics", "-o", first, "-q", "--no-remedies")
    run("plan", scenario, "--format", "ics", "-o", second, "-q", "--no-remedies")
    assert "79020114-Hasanuddin-LologauNa.ics" in {p.name for p in first.iterdir()}
    for path in first.iterdir():
        assert (second / path.name).read_bytes() == path.read_bytes()


@pytest.mark.slow
def test_a_replan_updates_the_phone_instead_of_doubling_the_event(run: Run, tmp_path: Path) -> None:
    scenario = tmp_path / "s"
    shutil.copytree(EXAMPLE, scenario)
    baseline = tmp_path / "plan.json"
    run("plan", scenario, "-o", baseline, "-q", "--no-remedies")
    before = json.loads(baseline.read_text(encoding="utf-8"))
    sick = next(
        a
        for a in before["assignments"]
        if a["date"] == "2024-08-27"
        and a["shift"] == "pagi"
        and a["post"] == "kpu-ring1"
        and a["skill"] != "command"
    )
    (scenario / "adjustments.yaml").write_text(
        "absences:\n"
        f'  - {{nrp: "{sick["nrp"]}", from: 2024-08-27 06:00, to: 2024-08-27 23:59, '
        "reason: sakit}\n",
        encoding="utf-8",
    )
    fresh, again = tmp_path / "fresh", tmp_path / "again"
    run("plan", EXAMPLE, "--format", "ics", "-o", fresh, "-q", "--no-remedies")
    run(
        "plan", scenario, "--format", "ics", "-o", again, "-q", "--no-remedies",
        "--baseline", baseline, "--from", "2024-08-27T06:00",
    )  # fmt: skip
    after = _plan(run, scenario, "--baseline", baseline, "--from", "2024-08-27T06:00")
    old_uid = f"{sick['nrp']}-2024-08-27-pagi-kpu-ring1@sinjai-ops"
    calendars = _calendars(again)
    theirs = next(n for n in calendars if n.startswith(f"{sick['nrp']}-"))
    events = {str(e["UID"]): e for e in calendars[theirs].walk("VEVENT")}
    # The sick officer's phone drops the event it holds: the same UID, cancelled, SEQUENCE 1.
    assert events[old_uid]["STATUS"] == "CANCELLED" and events[old_uid]["SEQUENCE"] == 1
    # Every event the re-plan did not touch is the one the phone holds: same UID, SEQUENCE 0.
    fresh_uids = {str(e["UID"]) for cal in _calendars(fresh).values() for e in cal.walk("VEVENT")}
    kept = [
        e
        for cal in calendars.values()
        for e in cal.walk("VEVENT")
        if e.get("STATUS") != "CANCELLED"
    ]
    assert len(kept) == len(after["assignments"])
    assert sum(str(e["UID"]) in fresh_uids for e in kept) >= len(kept) - after["quality"]["moved"]
    assert all(e["SEQUENCE"] == 0 for e in kept if str(e["UID"]) in fresh_uids)
    # The DTSTAMP is the moment the re-plan starts from (never the clock).
    assert {e["DTSTAMP"].dt.isoformat() for e in kept} == {"2024-08-26T22:00:00+00:00"}
