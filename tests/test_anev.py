"""anev: the figures a person would count by hand from the plan and the roll calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run


@pytest.mark.parametrize("kind", ["yaml", "csv"])
def test_anev_counts_what_a_person_counts(run: Run, tmp_path: Path, kind: str) -> None:
    base = tmp_path / "plan.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    plan = json.loads(base.read_text(encoding="utf-8"))
    day = [a for a in plan["assignments"] if a["date"] == "2024-08-27"]
    away, late = day[:3], day[3]
    rows = [(a["nrp"], a["shift"], "absent", "sakit", "") for a in away]
    rows.append((late["nrp"], late["shift"], "late", "ban bocor", "40"))
    if kind == "yaml":
        text = "attendance:\n" + "".join(
            f'  - {{nrp: "{n}", date: 2024-08-27, shift: {s}, status: {st}, reason: {r}'
            + (f", minutes: {m}" if m else "")
            + "}\n"
            for n, s, st, r, m in rows
        )
    else:
        text = "NRP;DATE;SHIFT;STATUS;REASON;MINUTES\n" + "".join(
            f"{n};2024-08-27;{s};{st};{r};{m}\n" for n, s, st, r, m in rows
        )
    attendance = tmp_path / f"attendance.{kind}"
    attendance.write_text(text, encoding="utf-8")
    fragment = tmp_path / "absences.yaml"
    body = json.loads(
        run(
            "anev",
            EXAMPLE,
            "--plan",
            base,
            "--attendance",
            attendance,
            "--format",
            "json",
            "-q",
            "--adjustments-out",
            fragment,
        ).stdout
    )
    assert body["totals"] == {
        "planned": len(day),
        "present": len(day) - 3,
        "absent": 3,
        "late": 1,
    }
    assert sorted((a["nrp"], a["shift"], a["reason"]) for a in body["absences"]) == sorted(
        (a["nrp"], a["shift"], "sakit") for a in away
    )
    empty_by_absence = [e for e in body["empty"] if e["why"] == "absent"]
    assert len(empty_by_absence) == 3 and all(e["hours"] == 8 for e in empty_by_absence)
    assert [e["hours"] for e in body["empty"] if e["why"] == "late"] == [round(40 / 60, 2)]
    missing = sum(s["missing"] for s in plan["shortfalls"] if s["date"] == "2024-08-27")
    assert body["bko_requested"] == missing
    # The fragment is a valid adjustments.yaml for the next re-plan.
    scenario = tmp_path / "next"
    import shutil

    shutil.copytree(EXAMPLE, scenario)
    shutil.copy(fragment, scenario / "adjustments.yaml")
    run("validate", scenario)


def test_anev_bad_attendance_is_located(run: Run, tmp_path: Path) -> None:
    base = tmp_path / "plan.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    bad = tmp_path / "attendance.csv"
    bad.write_text("nrp,date,shift,status\n12,27-08-2024,pagi,sick\n", encoding="utf-8")
    err = run("anev", EXAMPLE, "--plan", base, "--attendance", bad, "--lang", "en", code=1).stderr
    assert "attendance.csv:2:1: error: attendance[0].nrp" in err
    assert "attendance.csv:2:2: error: attendance[0].date: '27-08-2024' is day-month-year" in err
    assert "attendance.csv:2:4: error: attendance[0].status" in err


def test_a_mark_for_an_officer_not_plotted_then_is_an_error(run: Run, tmp_path: Path) -> None:
    base = tmp_path / "plan.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    plan = json.loads(base.read_text(encoding="utf-8"))
    someone = plan["assignments"][0]
    other = "malam" if someone["shift"] != "malam" else "pagi"
    marks = tmp_path / "att.yaml"
    marks.write_text(
        f'attendance:\n  - {{nrp: "{someone["nrp"]}", date: {someone["date"]}, '
        f"shift: {other}, status: absent}}\n",
        encoding="utf-8",
    )
    err = run("anev", EXAMPLE, "--plan", base, "--attendance", marks, "--lang", "en", code=1).stderr
    assert "att.yaml:2:11: error: attendance[0].nrp:" in err and "is not plotted on" in err


def test_anev_refuses_a_plan_of_other_files(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan made from another operation gave a normal report, exit 0."""
    monkeypatch.chdir(tmp_path)
    import shutil

    minimal = EXAMPLE.parents[1] / "tests" / "cases" / "valid" / "minimal"
    base = tmp_path / "plan.json"
    run("plan", minimal, "--format", "json", "--no-remedies", "-q", "-o", base)
    marks = tmp_path / "att.yaml"
    marks.write_text("attendance: []\n", encoding="utf-8")
    err = run("anev", EXAMPLE, "--plan", base, "--attendance", marks, "--lang", "en", code=1).stderr
    assert "plan.json:2:16: error: operation: " in err
    assert (
        "plan.json is a plan of another operation: its operation "
        "is 'Latihan kecil', the scenario's is 'Ops Mantap Praja 2024" in err
    )
    assert "its unit is 'Polres Contoh', the scenario's is 'Polres Sinjai'" in err
    # The same operation with a changed operation.yaml: told, and evaluated all the same.
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    op = folder / "operation.yaml"
    op.write_text(op.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    result = run("anev", folder, "--plan", base, "--attendance", marks, "--lang", "en")
    assert "plan.json:8:23: warning: inputs.operation.yaml: operation.yaml is not the one" in (
        result.stderr
    )


def _day(run: Run, tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    base = tmp_path / "plan.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    plan = json.loads(base.read_text(encoding="utf-8"))
    return base, [a for a in plan["assignments"] if a["date"] == "2024-08-27"]


def test_every_problem_of_the_attendance_at_once(run: Run, tmp_path: Path) -> None:
    """The bad date was told, the unknown NRP and the unknown shift `sore` were not."""
    base, day = _day(run, tmp_path)
    bad = tmp_path / "attendance.csv"
    bad.write_text(
        "nrp;date;shift;status;reason;minutes\n"
        f"{day[0]['nrp']};27-08-2024;{day[0]['shift']};absent;;\n"
        f"12345678;2024-08-27;{day[1]['shift']};absent;;\n"
        f"{day[2]['nrp']};2024-08-27;sore;absent;;\n"
        f"{day[3]['nrp']};2024-08-27;{day[3]['shift']};late;macet;\n"
        f"{day[4]['nrp']};2024-08-27;{day[4]['shift']};absent;;\n"
        f"{day[4]['nrp']};2024-08-27;{day[4]['shift']};late;;10\n",
        encoding="utf-8",
    )
    err = run("anev", EXAMPLE, "--plan", base, "--attendance", bad, "--lang", "en", code=1).stderr
    for line in (
        "attendance.csv:2:2: error: attendance[0].date: '27-08-2024' is day-month-year",
        "attendance.csv:3:1: error: attendance[1].nrp: NRP 12345678 is not in the roster",
        "attendance.csv:4:3: error: attendance[2].shift: unknown shift 'sore'",
        "attendance.csv:5:1: error: attendance[3]: a late arrival needs 'minutes:'",
        f"attendance.csv:7:1: error: attendance[5]: {day[4]['nrp']} on 2024-08-27 "
        f"{day[4]['shift']} is marked twice (first at line 6)",
    ):
        assert line in err, line
    assert "5 errors" in err


def test_attendance_as_the_roll_call_writes_it(run: Run, tmp_path: Path) -> None:
    """Statuses in any case and in Bahasa, and a CSV saved by Excel on Windows (cp1252)."""
    base, day = _day(run, tmp_path)
    rows = [
        (day[0], "SAKIT", "demam", ""),
        (day[1], "izin", "", ""),
        (day[2], "Tidak Hadir", "tanpa keterangan, kata Pak Andé", ""),
        (day[3], "absen", "", ""),
        (day[4], "Terlambat", "ban bocor", "40"),
        (day[5], "telat", "", "15"),
        (day[6], "Hadir", "", ""),
        (day[7], "cuti", "", ""),
    ]
    attendance = tmp_path / "attendance.csv"
    attendance.write_bytes(
        (
            "NRP;Date;Shift;Status;Reason;Minutes\r\n"
            + "".join(f"{a['nrp']};2024-08-27;{a['shift']};{s};{r};{m}\r\n" for a, s, r, m in rows)
        ).encode("cp1252")
    )
    body = json.loads(
        run("anev", EXAMPLE, "--plan", base, "--attendance", attendance, "-f", "json", "-q").stdout
    )
    assert body["totals"] == {
        "planned": len(day),
        "present": len(day) - 5,
        "absent": 5,
        "late": 2,
    }
    assert sorted((a["nrp"], a["reason"]) for a in body["absences"]) == sorted(
        [
            (day[0]["nrp"], "sakit: demam"),
            (day[1]["nrp"], "izin"),
            (day[2]["nrp"], "tanpa keterangan, kata Pak Andé"),
            (day[3]["nrp"], None),
            (day[7]["nrp"], "cuti"),
        ]
    )
    assert sorted((a["nrp"], a["minutes"]) for a in body["late"]) == sorted(
        [(day[4]["nrp"], 40), (day[5]["nrp"], 15)]
    )
    # A byte that neither UTF-8 nor Windows-1252 knows is placed, not a traceback.
    attendance.write_bytes(attendance.read_bytes().replace("é".encode("cp1252"), b"\x81"))
    err = run(
        "anev", EXAMPLE, "--plan", base, "--attendance", attendance, "--lang", "en", code=1
    ).stderr
    assert "attendance.csv:4:" in err and "byte 0x81 is neither UTF-8 nor Windows-1252" in err


def test_anev_counts_no_assignment_the_scenario_does_not_have(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    base, day = _day(run, tmp_path)
    body = json.loads(base.read_text(encoding="utf-8"))
    edited = [a for a in body["assignments"] if a["date"] == "2024-08-27"]
    edited[0]["nrp"] = "99999999"
    body["assignments"] = edited
    base.write_text(json.dumps(body), encoding="utf-8")
    marks = tmp_path / "att.yaml"
    marks.write_text("attendance: []\n", encoding="utf-8")
    result = run(
        "anev", EXAMPLE, "--plan", base, "--attendance", marks, "-f", "json", "--lang", "en"
    )
    assert json.loads(result.stdout)["totals"]["planned"] == len(day) - 1
    assert "1 assignment(s) of plan.json name what the scenario does not have" in result.stderr
