"""The `drill_schedule:` section as a new user meets it: every problem of a broken section in
one run, each at its line; the joint exercise's units checked and named as a post's `support:`
is, and dated before the operation; the words of `drills` where the section is left out or no
session is needed; calendars without English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE

VOTING = EXAMPLE.parent / "sinjai-2024-pemungutan"
SECTION = "\n# Drills that keep the force ready"


def _copy(tmp_path: Path, section: str | None = None) -> Path:
    """The example with its `drill_schedule:` replaced by `section` (None: left out)."""
    folder = tmp_path / "scenario"
    folder.mkdir()
    for name in ("operation.yaml", "roster.yaml", "arrivals.yaml"):
        text = (EXAMPLE / name).read_text(encoding="utf-8")
        if name == "operation.yaml":
            text = text[: text.index(SECTION)] + "\n" + (section or "")
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _errors(stderr: str) -> dict[str, int]:
    """The path of each error, with its line."""
    out = {}
    for line in stderr.splitlines():
        if ": error: " in line:
            place, _, rest = line.partition(": error: ")
            out[rest.split(":")[0]] = int(place.split(":")[1])
    return out


def _line(folder: Path, start: str) -> int:
    """The line of the section that starts with `start`."""
    lines = (folder / "operation.yaml").read_text(encoding="utf-8").splitlines()
    first = lines.index("drill_schedule:")
    return next(
        k for k, text in enumerate(lines, 1) if k > first and text.strip().startswith(start)
    )


def _told(result: Any) -> str:
    return result.stdout + result.stderr


BROKEN = """drill_schedule:
  site: mapolress
  days: [2024-08-20, 2024-08-28, 2024-08-23]
  hours: {start: "12:00", end: "10:00"}
  capacity: 0
  instructor_least_rank: Aipdaa
  skills: [dalmas, jibom, dalmass]
  lead_days: -1
  joint_exercise:
    name: Sispamkota
    date: 23-08-2024
    start: "08:00"
    end: "07:00"
    site: kpuu
    units: {tni: 2, satpol-pp: 2, brimob: 1, damkar: 1}
"""


def test_a_broken_section_is_told_whole_in_one_run(tmp_path: Path, run: Any) -> None:
    """Two fields the file's shape refuses (a day-month-year date, a negative lead) hide none
    of the section's other problems."""
    folder = _copy(tmp_path, BROKEN)
    told = _errors(_told(run("validate", folder, "--lang", "en", code=1)))
    at = "drill_schedule"
    assert told == {
        f"{at}.site": _line(folder, "site: mapolress"),
        f"{at}.days[1]": _line(folder, "days:"),
        f"{at}.hours.end": _line(folder, "hours:"),
        f"{at}.capacity": _line(folder, "capacity:"),
        f"{at}.instructor_least_rank": _line(folder, "instructor_least_rank:"),
        f"{at}.skills[1]": _line(folder, "skills:"),
        f"{at}.skills[2]": _line(folder, "skills:"),
        f"{at}.lead_days": _line(folder, "lead_days:"),
        f"{at}.joint_exercise.date": _line(folder, "date: 23-08-2024"),
        f"{at}.joint_exercise.end": _line(folder, 'end: "07:00"'),
        f"{at}.joint_exercise.site": _line(folder, "site: kpuu"),
        f"{at}.joint_exercise.units.brimob": _line(folder, "units:"),
    }


@pytest.mark.parametrize(
    ("lang", "unknown"),
    [
        ("en", "unknown field 'brimob'; expected one of: tni, satpol-pp, dishub"),
        ("id", "isian 'brimob' tidak dikenal; yang dikenal: tni, satpol-pp, dishub"),
    ],
)
def test_the_joint_units_are_the_agencies_of_support(
    tmp_path: Path, run: Any, lang: str, unknown: str
) -> None:
    example = (EXAMPLE / "operation.yaml").read_text(encoding="utf-8")
    section = example[example.index("drill_schedule:") :].replace(
        "dinkes: 1}", "dinkes: 1, brimob: 1, polisi: 3}"
    )
    folder = _copy(tmp_path, section)
    told = _told(run("validate", folder, "--lang", lang, code=1))
    errors = [line for line in told.splitlines() if ": error: " in line]
    assert len(errors) == 2, errors
    assert unknown in errors[0] and "units.polisi" in errors[1]
    # A post's support refuses the same keys in the same words.
    post = example.replace(
        "        commander: Ipda\n", "        commander: Ipda\n        support: {brimob: 1}\n", 1
    )
    (folder / "operation.yaml").write_text(post, encoding="utf-8")
    told = _told(run("validate", folder, "--lang", lang, code=1))
    assert unknown in told and ".support.brimob" in told


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("en", "joining: TNI 2, Satpol PP 2, Dishub 1, Damkar 1, Dinkes 1."),
        ("id", "unsur yang bergabung: TNI 2, Satpol PP 2, Dishub 1, Damkar 1, Dinkes 1."),
    ],
)
@pytest.mark.slow
def test_the_joint_units_are_named_as_support_names_them(run: Any, lang: str, shown: str) -> None:
    out = run("drills", EXAMPLE, "-q", "--lang", lang).stdout
    assert shown in " ".join(out.split())
    listed = run("checklist", EXAMPLE, "-q", "--lang", lang).stdout
    assert "TNI 2, Satpol PP 2, Dishub 1, Damkar 1, Dinkes 1" in " ".join(listed.split())
    assert "satpol-pp 2" not in listed


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "not before the operation starts (2024-08-24); it is the rehearsal"),
        ("id", "tidak sebelum operasi dimulai (2024-08-24); latihan ini adalah gladi"),
    ],
)
def test_a_joint_exercise_during_the_operation_is_an_error(
    tmp_path: Path, run: Any, lang: str, words: str
) -> None:
    example = (EXAMPLE / "operation.yaml").read_text(encoding="utf-8")
    section = example[example.index("drill_schedule:") :].replace(
        "date: 2024-08-19", "date: 2024-08-30"
    )
    folder = _copy(tmp_path, section)
    told = _told(run("validate", folder, "--lang", lang, code=1))
    errors = _errors(told)
    assert errors == {"drill_schedule.joint_exercise.date": _line(folder, "date: 2024-08-30")}
    assert words in told and "2024-08-24" in told


def test_hours_too_short_for_a_session_are_told_where_written(tmp_path: Path, run: Any) -> None:
    short = 'drill_schedule:\n  site: mapolres\n  hours: {start: "08:00", end: "10:00"}\n'
    folder = _copy(tmp_path, short)
    told = _told(run("validate", folder, "--lang", "en", code=1))
    assert _errors(told) == {"drill_schedule.hours": _line(folder, "hours:")}
    assert "a session of 4 hours does not fit in 08:00-10:00" in told
    (folder / "operation.yaml").write_text(
        (folder / "operation.yaml").read_text(encoding="utf-8") + "  length_hours: 3\n",
        encoding="utf-8",
    )
    told = _told(run("validate", folder, "--lang", "en", code=1))
    assert _errors(told) == {"drill_schedule.length_hours": _line(folder, "length_hours:")}


@pytest.mark.parametrize(
    ("lang", "said", "unsaid"),
    [
        (
            "en",
            [
                # The voting day's plan counts its TPS, Padal and reserve heads: 801 of 937 are
                # filled, and what stays open (the reserve, of any skill) no drill can fill.
                "No session: the plan fills 801 of 937 heads as the roster stands, and no drill "
                "that may be held would let it fill one more.",
                "operation.yaml has no drill_schedule: section, so its defaults are used: "
                "sessions at Mapolres Sinjai, 08:00-12:00, on the 14 days before the operation, "
                "at most 38 each.",
            ],
            ["the section allows", "(+0)"],
        ),
        (
            "id",
            [
                "Tidak ada sesi: rencana mengisi 801 dari 937 jabatan menurut roster saat ini, "
                "dan tidak ada latihan yang dapat dilaksanakan yang membuatnya mengisi satu "
                "jabatan lagi.",
                "operation.yaml tidak memuat bagian drill_schedule:, jadi dipakai ketentuan "
                "bawaan: sesi di Mapolres Sinjai, pukul 08:00-12:00, pada 14 hari sebelum "
                "operasi",
            ],
            ["diizinkan bagian ini", "(+0)", "setelah latihan ini dicatat"],
        ),
    ],
)
def test_no_section_and_no_session_needed_are_said_plainly(
    run: Any, lang: str, said: list[str], unsaid: list[str]
) -> None:
    out = " ".join(run("drills", VOTING, "-q", "--lang", lang).stdout.split())
    for words in said:
        assert words in out, (words, out)
    for words in unsaid:
        assert words not in out, (words, out)


def test_the_default_schedule_says_what_it_is_proven_over(tmp_path: Path, run: Any) -> None:
    folder = _copy(tmp_path)
    out = " ".join(run("drills", folder, "-q", "--lang", "id").stdout.split())
    assert "dipakai ketentuan bawaan" in out
    assert "Terbukti optimal: pada hari dan jam bawaan" in out
    assert "diizinkan bagian ini" not in out
    assert "Langkah perbaikan rencana berupa latihan mengisi 7 jabatan lagi" in out
    assert "Solusi latihan" not in out


@pytest.mark.slow
def test_calendars_carry_no_english_comment(tmp_path: Path, run: Any) -> None:
    drills, plan = tmp_path / "drills", tmp_path / "plan"
    run("drills", EXAMPLE, "-q", "--lang", "id", "--format", "ics", "-o", drills)
    run("plan", EXAMPLE, "-q", "--no-remedies", "--lang", "id", "--format", "ics", "-o", plan)
    for folder in (drills, plan):
        files = sorted(folder.glob("*.ics"))
        assert files
        for path in files:
            text = path.read_bytes().decode("utf-8")
            assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Makassar\r\n" in text
            assert "COMMENT" not in text and "This timezone" not in text, path.name
