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
