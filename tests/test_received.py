"""Whole units received as BKO (`received_units:`) and the joint forces beside the posts
(`support:`): formats.md, "Many Polres"."""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from sinjai_ops import pipeline
from sinjai_ops.demand import derive_demand
from sinjai_ops.solve.audit import audit
from sinjai_ops.solve.plan import make_plan
from sinjai_ops.solve.received import with_members
from tests.conftest import Run
from tests.helpers import BOSS, SHIFTS, officer

SSK = {
    "id": "ssk-brimob-yon-c",
    "name": "SSK Brimob Batalyon C Pelopor",
    "kind": "ssk",
    "strength": 100,
    "skills": ["dalmas"],
    "commander": {"name": "Andi Basri", "rank": "AKP", "nrp": "80010001"},
    "base": "Bone",
    "from": "2024-08-26 06:00",
    "to": "2024-08-27 14:00",
}
"""At the Polres for the first day's three shifts and the second day's pagi."""
WINDOW = (datetime(2024, 8, 26, 6), datetime(2024, 8, 27, 14))


def _operation(**extra: Any) -> dict[str, Any]:
    return {
        "operation": {
            "name": "Uji BKO",
            "unit": "Polres Uji",
            "timezone": "Asia/Makassar",
            "start": "2024-08-26",
            "end": "2024-08-27",
            "commander": "70010001",
        },
        "shifts": SHIFTS,
        "sites": [
            {
                "id": "kpu",
                "name": "Kantor KPU",
                "posts": [
                    {
                        "id": "massa",
                        "name": "Pengendalian massa",
                        "need": {"dalmas": 40},
                        "days": ["2024-08-26"],
                    },
                    {
                        "id": "apel",
                        "name": "Apel siaga",
                        "need": {"dalmas": 40},
                        "days": ["2024-08-27"],
                        "shifts": ["siang"],
                    },
                    {"id": "pintu", "name": "Pintu masuk", "need": {"samapta": 4}},
                    {"id": "lalin", "need": {"lantas": 3}, "shifts": ["pagi"]},
                ],
            }
        ],
        "policy": {"reserve": {"fraction": 0, "site": "kpu"}, "teams": {"leader_above": 50}},
        **extra,
    }


def _people() -> list[dict[str, Any]]:
    dalmas = [
        officer(f"8601{k:04d}", "Bripda", "dalmas", drills={"dalmas": "2024-08-20"})
        for k in range(30)
    ]
    samapta = [officer(f"8602{k:04d}", "Briptu", "samapta") for k in range(12)]
    lantas = [officer(f"8603{k:04d}", "Briptu", "lantas") for k in range(2)]
    stale = officer("86019999", "Bripda", "dalmas")  # never drilled: a remedy names him
    return [BOSS, *dalmas, stale, *samapta, *lantas]


def _folder(tmp: Path, name: str, operation: dict[str, Any], **files: Any) -> Path:
    folder = tmp / name
    folder.mkdir()
    texts = {
        "operation.yaml": operation,
        "roster.yaml": {"personnel": _people()},
        "arrivals.yaml": {
            "candidates": [{"id": "paslon-1", "names": ["Calon Uji"], "risk": "medium"}]
        },
        **files,
    }
    for file, body in texts.items():
        # Through JSON first: a mapping used twice is written out twice, not as an alias.
        plain = json.loads(json.dumps(body))
        text = body if isinstance(body, str) else yaml.safe_dump(plain, sort_keys=False)
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _plan(run: Run, folder: Path, *args: object) -> dict[str, Any]:
    return json.loads(run("plan", folder, "--format", "json", "-q", *args).stdout)


def _slot_moments(day: str, shift: str) -> tuple[datetime, datetime]:
    hours = {s["id"]: (int(s["start"][:2]), int(s["end"][:2])) for s in SHIFTS}
    start, end = hours[shift]
    begin = datetime.fromisoformat(day) + timedelta(hours=start)
    finish = datetime.fromisoformat(day) + timedelta(hours=end, days=1 if end <= start else 0)
    return begin, finish


def _inside(day: str, shift: str) -> bool:
    begin, end = _slot_moments(day, shift)
    return WINDOW[0] <= begin and end <= WINDOW[1]


def _line(r: dict[str, Any]) -> dict[str, Any]:
    """A BKO line without its causes (who was busy elsewhere changes with the unit)."""
    return {k: v for k, v in r.items() if k != "causes"}


def test_a_received_ssk_fills_the_heads_it_covers_and_the_bko_shrinks_by_exactly_those(
    run: Run, tmp_path: Path
) -> None:
    alone = _plan(run, _folder(tmp_path, "alone", _operation()))
    helped = _plan(run, _folder(tmp_path, "helped", _operation(received_units=[SSK])))
    # Without the unit, dalmas heads are missing in every shift of the first day and in the
    # siang of the second (outside the unit's window); lantas heads too.
    assert {(r["date"], r["shift"]) for r in alone["reinforcements"] if r["skill"] == "dalmas"} == {
        *(("2024-08-26", s["id"]) for s in SHIFTS),
        ("2024-08-27", "siang"),
    }
    # With it, exactly the lines it covers are gone (its skill, inside its window); every
    # other line is as it was.
    covered = [
        r
        for r in alone["reinforcements"]
        if r["skill"] == "dalmas" and _inside(r["date"], r["shift"])
    ]
    kept = [_line(r) for r in alone["reinforcements"] if r not in covered]
    assert [_line(r) for r in helped["reinforcements"]] == kept
    assert any(r["skill"] == "lantas" for r in kept) and any(r["skill"] == "dalmas" for r in kept)
    shrunk = sum(r["missing"] for r in alone["reinforcements"]) - sum(
        r["missing"] for r in helped["reinforcements"]
    )
    assert shrunk == sum(r["missing"] for r in covered) == 90
    assert helped["quality"]["heads_filled"] - alone["quality"]["heads_filled"] == shrunk
    assert helped["quality"]["heads_needed"] == alone["quality"]["heads_needed"]
    members = [a for a in helped["assignments"] if "unit" in a]
    assert len(members) >= shrunk


def test_members_keep_rest_and_hours_and_stand_only_within_the_window(
    run: Run, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, "helped", _operation(received_units=[SSK]))
    body = _plan(run, folder)
    worked: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for a in body["assignments"]:
        if "unit" not in a:
            continue
        assert _inside(a["date"], a["shift"]), a
        assert a["skill"] == "dalmas"  # the unit's skill only, never a commander head
        worked[a["member"]].append(_slot_moments(a["date"], a["shift"]))
    assert worked
    for shifts in worked.values():
        shifts.sort()
        for (_, end), (start, _) in itertools.pairwise(shifts):
            assert start - end >= timedelta(hours=10)  # min_rest_hours of the shipped policy
        per_day: dict[Any, float] = defaultdict(float)
        for start, end in shifts:
            per_day[start.date()] += (end - start).total_seconds() / 3600
        assert max(per_day.values()) <= 12
    # And every rule of the solver's own audit, on the plan as the solver made it.
    scenario = pipeline.load_scenario([folder]).scenario
    assert scenario is not None
    solving = with_members(scenario)
    demand = derive_demand(solving)
    assert audit(solving, demand, make_plan(solving, demand)) == []


def test_members_are_in_the_json_as_unit_and_member_after_the_named_officers(
    run: Run, tmp_path: Path
) -> None:
    body = _plan(run, _folder(tmp_path, "helped", _operation(received_units=[SSK])))
    members = [a for a in body["assignments"] if "unit" in a]
    assert members
    for a in members:
        assert list(a) == ["date", "shift", "site", "post", "skill", "unit", "member"]
        assert a["unit"] == "ssk-brimob-yon-c" and 1 <= a["member"] <= 100
    # No internal id anywhere: not in the assignments, the people, the remedies, the causes.
    assert "~" not in json.dumps(body)
    drill = [r for r in body["remedies"] if r["kind"] == "drill"]
    assert drill and drill[0]["officers"] == ["86019999"]
    # Sorted as the contract says, the members after the officers with an NRP on each head.
    order = {s["id"]: i for i, s in enumerate(SHIFTS)}
    keys = [
        (a["date"], order[a["shift"]], a["site"], a["post"], a["skill"], "unit" in a)
        for a in body["assignments"]
    ]
    assert keys == sorted(keys)
    assert body["received_units"][0]["commander"] == SSK["commander"]
    assert body["received_units"][0]["heads"] == len(members)


def test_the_views_show_the_unit_under_its_commander(run: Run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "helped", _operation(received_units=[SSK]))
    out = run("plan", folder, "-q", "--lang", "en").stdout
    flat = " ".join(out.replace("│", " ").split())
    assert (
        "Units received (BKO): SSK Brimob Batalyon C Pelopor (SSK, 100 members, from Bone)" in flat
    )
    assert "under the command of AKP Andi Basri (80010001)" in flat
    assert "(the roster's officers; the members of received units share the load" in flat
    assert "~ssk" not in out
    summary = run("plan", folder, "-q", "--view", "summary", "--lang", "id").stdout
    flat = " ".join(summary.split())
    assert "Satuan BKO yang diterima: SSK Brimob Batalyon C Pelopor" in flat
    assert "di bawah komando AKP Andi Basri (80010001)" in flat


def test_the_annex_shows_the_unit_with_its_commander(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = _folder(tmp_path, "helped", _operation(received_units=[SSK]))
    book = tmp_path / "plan.xlsx"
    run("plan", folder, "-q", "--lang", "id", "-o", book)
    cells = [
        str(c.value)
        for ws in load_workbook(book).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    text = "\n".join(cells)
    assert re.search(r"SSK Brimob Batalyon C Pelopor: \d+ personel", text)
    assert "di bawah komando AKP Andi Basri (80010001)" in text
    assert "~ssk" not in text
    html = run("report", folder, "-q", "--lang", "en", "-o", tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.code == 0
    assert re.search(r"SSK Brimob Batalyon C Pelopor: \d+ member\(s\)", page)
    assert "under the command of AKP Andi Basri (80010001)" in page
    assert "~ssk" not in page


def test_a_unit_received_after_publishing_goes_in_adjustments_and_the_baseline_keeps_the_rest(
    run: Run, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, "day", _operation())
    published = tmp_path / "published.json"
    run("plan", folder, "--format", "json", "-q", "-o", published)
    before = json.loads(published.read_text(encoding="utf-8"))
    (folder / "adjustments.yaml").write_text(
        yaml.safe_dump({"received_units": [SSK]}, sort_keys=False), encoding="utf-8"
    )
    after = _plan(run, folder, "--baseline", published)
    officers = {json.dumps(a, sort_keys=True) for a in after["assignments"] if "nrp" in a}
    # Every officer keeps his heads: the unit fills only what was missing.
    assert officers == {json.dumps(a, sort_keys=True) for a in before["assignments"]}
    assert any("unit" in a for a in after["assignments"])
    assert sum(r["missing"] for r in after["reinforcements"]) < sum(
        r["missing"] for r in before["reinforcements"]
    )
    # The plan with members reads back as a baseline: the members' heads are kept too.
    again = tmp_path / "again.json"
    again.write_text(json.dumps(after), encoding="utf-8")
    third = _plan(run, folder, "--baseline", again)
    assert third["assignments"] == after["assignments"]
    assert third["quality"]["moved"] == 0


SUPPORT = {"tni": 2, "satpol-pp": 2, "linmas": 4, "shifts": {"malam": {"tni": 4}}}


def test_support_is_shown_and_never_counted(run: Run, tmp_path: Path) -> None:
    plain = _operation()
    joint = _operation()
    joint["sites"][0]["posts"][2]["support"] = SUPPORT
    without = _plan(run, _folder(tmp_path, "plain", plain))
    body = _plan(run, _folder(tmp_path, "joint", joint))
    for key in ("assignments", "shortfalls", "reinforcements", "quality", "days"):
        assert body[key] == without[key], key
    summary = " ".join(
        run("plan", tmp_path / "joint", "-q", "--view", "summary", "--lang", "en").stdout.split()
    )
    assert "Kantor KPU / Pintu masuk: TNI 2, Satpol PP 2, Linmas 4; malam: TNI 4" in summary
    checklist = " ".join(run("checklist", tmp_path / "joint", "-q", "--lang", "id").stdout.split())
    assert (
        "Koordinasi dengan TNI (2), Satpol PP (2), Linmas (4) di Pintu masuk (Kantor KPU)"
        in checklist
    )
    english = " ".join(run("checklist", tmp_path / "joint", "-q", "--lang", "en").stdout.split())
    assert "Coordinate with TNI (2), Satpol PP (2), Linmas (4) at Pintu masuk" in english
    plain_list = run("checklist", tmp_path / "plain", "-q", "--lang", "id").stdout
    assert "Koordinasi dengan" not in plain_list
    book = tmp_path / "joint.xlsx"
    run("plan", tmp_path / "joint", "-q", "--lang", "id", "-o", book)
    from openpyxl import load_workbook

    titles = [
        str(c.value)
        for ws in load_workbook(book).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None and "Pintu masuk" in str(c.value)
    ]
    assert any("pendukung: TNI 4" in t for t in titles)  # the malam shift's own count
    assert any("pendukung: TNI 2, Satpol PP 2, Linmas 4" in t for t in titles)


def test_bad_units_and_support_are_told_at_their_lines_all_at_once(
    run: Run, tmp_path: Path
) -> None:
    late = {**SSK, "from": "2024-08-27 14:00", "to": "2024-08-26 06:00"}
    odd = {**SSK, "id": "sst-sabhara", "skills": ["dalmaz"]}
    twice = {**SSK, "kind": "sst", "strength": 30, "to": "2024-08-29 06:00"}
    kompi = {**SSK, "id": "kompi-brimob", "kind": "kompi"}
    joint = _operation(received_units=[late, odd, twice, kompi])
    joint["sites"][0]["posts"][2]["support"] = {
        "tni": 2,
        "satpolpp": 1,
        "shifts": {"malem": {"tni": 1}},
    }
    folder = _folder(tmp_path, "bad", joint)
    text = (folder / "operation.yaml").read_text(encoding="utf-8").splitlines()

    def line_of(needle: str, after: int = 0) -> int:
        return next(i for i, line in enumerate(text, start=1) if i > after and needle in line)

    out = run("validate", folder, "--lang", "en", code=1).stdout
    units = line_of("received_units:")
    assert (
        f"operation.yaml:{line_of('to:', units)}:" in out
        and "'to' 2024-08-26 06:00 is not after 'from' 2024-08-27 14:00" in out
    )
    assert "unknown skill 'dalmaz'; did you mean 'dalmas'?" in out
    assert f"operation.yaml:{line_of('id: ssk-brimob-yon-c', units + 12)}:" in out
    assert "received unit id 'ssk-brimob-yon-c' is used twice" in out
    assert "kompi" in out
    assert "satpolpp" in out and "satpol-pp" in out
    assert "unknown shift 'malem'; did you mean 'malam'?" in out
    assert "partly outside the operation" in out  # a warning, told with the errors
    indonesian = run("validate", folder, "--lang", "id", code=1).stdout
    assert "dipakai dua kali" in indonesian
    assert "sebagian di luar operasi" in indonesian


def test_a_unit_twice_over_operation_and_adjustments_is_an_error_at_the_second(
    run: Run, tmp_path: Path
) -> None:
    folder = _folder(
        tmp_path,
        "twice",
        _operation(received_units=[SSK]),
        **{"adjustments.yaml": {"received_units": [SSK]}},
    )
    out = run("validate", folder, "--lang", "en", code=1).stdout
    assert (
        "adjustments.yaml:" in out
        and "received unit id 'ssk-brimob-yon-c' is used twice (first at" in out
    )


def test_every_problem_of_the_units_is_told_in_one_run_whatever_else_is_wrong(
    run: Run, tmp_path: Path
) -> None:
    # The first unit lacks its base, ends before it starts and is commanded by a roster
    # officer; the second has its id and an unknown kind; the roster has a rank misspelt.
    first = {key: value for key, value in SSK.items() if key != "base"}
    first |= {"from": "2024-08-27 14:00", "to": "2024-08-26 06:00"}
    first["commander"] = {"name": "Andi Basri", "rank": "AKP", "nrp": "86010001"}
    second = {**SSK, "kind": "kompi"}
    people = _people()
    people[5] = {**people[5], "rank": "Brigadirr"}
    folder = _folder(
        tmp_path,
        "bad",
        _operation(received_units=[first, second]),
        **{"roster.yaml": {"personnel": people}},
    )
    out = run("validate", folder, "--lang", "en", code=1).stdout
    assert "'base'" in out and "kompi" in out and "Brigadirr" in out
    assert "'to' 2024-08-26 06:00 is not after 'from' 2024-08-27 14:00" in out
    assert "received unit id 'ssk-brimob-yon-c' is used twice" in out
    assert "the commander of unit 'ssk-brimob-yon-c' has the NRP of Bripda" in out


def test_support_in_a_shift_the_post_never_runs_is_warned_at_its_line_and_not_shown(
    run: Run, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    joint = _operation()
    post = joint["sites"][0]["posts"][3]
    post["shifts"] = ["pagi", "siang"]
    post["support"] = {"tni": 2, "shifts": {"siang": {"tni": 3}, "malam": {"tni": 4}}}
    folder = _folder(tmp_path, "joint", joint)
    text = (folder / "operation.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(text, start=1) if row.strip().startswith("malam:"))
    out = run("validate", folder, "--lang", "en").stdout
    assert f"operation.yaml:{line}:" in out
    told = next(row for row in out.splitlines() if f"operation.yaml:{line}:" in row)
    assert (
        ": warning: " in told and "post 'lalin' runs only in pagi, siang, never in 'malam'" in told
    )
    indonesian = run("validate", folder, "--lang", "id").stdout
    assert "pos 'lalin' hanya berjalan pada pagi, siang, tidak pernah pada 'malam'" in indonesian
    summary = " ".join(
        run("plan", folder, "-q", "--view", "summary", "--lang", "en").stdout.split()
    )
    assert "Kantor KPU / lalin: TNI 2; siang: TNI 3" in summary
    assert "malam: TNI 4" not in summary
    book = tmp_path / "joint.xlsx"
    run("plan", folder, "-q", "--lang", "id", "-o", book)
    cells = [
        str(c.value)
        for ws in load_workbook(book).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert any("siang: TNI 3" in c for c in cells)
    assert not any("TNI 4" in c for c in cells)


def test_the_workbook_keeps_heads_as_numbers_and_the_window_as_dates(
    run: Run, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    folder = _folder(tmp_path, "helped", _operation(received_units=[SSK]))
    book = tmp_path / "plan.xlsx"
    run("plan", folder, "-q", "--lang", "id", "-o", book)
    heads = sum("unit" in a for a in _plan(run, folder)["assignments"])
    sheet = load_workbook(book)["Satuan BKO diterima"]
    header, row = (list(r) for r in sheet.iter_rows(min_row=1, max_row=2))
    names = [c.value for c in header]
    assert names[2:] == ["Di Polres sejak", "Di Polres sampai", "Jabatan-shift terisi"]
    since, until, filled = row[2], row[3], row[4]
    assert (since.value, until.value) == WINDOW
    assert since.is_date and until.is_date and since.number_format == "yyyy-mm-dd hh:mm"
    assert filled.data_type == "n" and filled.value == heads > 0


def test_a_unit_member_and_a_roster_officer_alike_in_every_field_keep_their_own_roles(
    tmp_path: Path,
) -> None:
    """A Bharada of the roster who holds dalmas but was never drilled may not fill a dalmas
    head; a unit's member of the same rank and skills may (he comes current in the unit's
    skills). The roles worked out for one kind of officer are never lent to the other."""
    from sinjai_ops.solve.classes import officer_classes

    people = [*_people(), officer("86029999", "Bharada", "dalmas")]
    folder = _folder(tmp_path, "alike", _operation(received_units=[SSK]))
    (folder / "roster.yaml").write_text(
        yaml.safe_dump({"personnel": people}, sort_keys=False), encoding="utf-8"
    )
    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None, checked.problems
    scenario = with_members(checked.scenario)
    demand = derive_demand(scenario)
    dalmas = {
        nrp: any(role.skill == "dalmas" for day in cls.roles_by_day for role in day)
        for cls in officer_classes(scenario, demand)
        for nrp in cls.members
    }
    members = [nrp for nrp in dalmas if nrp.startswith("~")]
    assert members and all(dalmas[nrp] for nrp in members)
    assert not dalmas.get("86029999", False)
