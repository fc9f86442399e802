"""The habits of real officers' files: Indonesian spellings, spreadsheet exports, typos that
once ended in a traceback. Each gets its exact fix, or is accepted as the contract says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run


def _scenario(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "zone, message",
    [
        ("Asia/Makasar", "did you mean 'Asia/Makassar'?"),
        ("8", "a UTC offset is not a time zone: WITA (UTC+8) is Asia/Makassar"),
        ('"+08:00"', "a UTC offset is not a time zone"),
        ('""', "use an IANA name such as Asia/Makassar"),
    ],
)
def test_a_wrong_time_zone_is_a_message_for_every_command(
    run: Run, tmp_path: Path, zone: str, message: str
) -> None:
    folder = _scenario(tmp_path, "operation.yaml", "timezone: Asia/Makassar", f"timezone: {zone}")
    for command in ("validate", "plan", "checklist"):
        err = run(command, folder, "--lang", "en", code=1)
        text = err.stdout + err.stderr
        assert "operation.yaml:7:13: error: operation.timezone: unknown time zone" in text
        assert message in text


def test_indonesian_spellings_are_read_as_documented(run: Run, tmp_path: Path) -> None:
    folder = _scenario(tmp_path, "arrivals.yaml", "risk: medium", "risk: tinggi")
    arrivals = folder / "arrivals.yaml"
    text = arrivals.read_text(encoding="utf-8")
    text = text.replace('arrive: "09:00"', "arrive: 09.00", 1)
    arrivals.write_text(text, encoding="utf-8")
    roster = folder / "roster.yaml"
    text = roster.read_text(encoding="utf-8").replace("rank: Bripda", "rank: BRIPDA", 1)
    roster.write_text(text.replace("skills: [samapta,", "skills: [Samapta,", 1), encoding="utf-8")
    result = run("validate", "--lang", "en", folder)
    assert "error" not in result.stdout
    body = run("plan", folder, "--format", "json").stdout
    # paslon-1's SKCK visit of 09.00 on 24 Aug raises heads from 08:00 in the morning shift.
    assert '"post": "visit:paslon-1"' in body


def test_a_day_first_date_gets_the_exact_fix(run: Run, tmp_path: Path) -> None:
    folder = _scenario(tmp_path, "arrivals.yaml", "date: 2024-08-24", "date: 24-08-2024")
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert "'24-08-2024' is day-month-year; dates are year first: write 2024-08-24" in out


def test_a_name_yaml_reads_as_null_says_how_to_quote_it(run: Run, tmp_path: Path) -> None:
    folder = _scenario(tmp_path, "roster.yaml", "name: Andi Mappaturung", "name: Null")
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert "roster.yaml:5:11: error: personnel[0].name: YAML reads an unquoted Null" in out
    assert 'quote it: "Null"' in out
    quoted = _scenario(tmp_path / "q", "roster.yaml", "name: Andi Mappaturung", 'name: "Null"')
    run("validate", "--lang", "en", quoted)


def test_a_csv_export_named_roster_yaml(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    rows = ["NRP;NAMA;PANGKAT;JABATAN;SATUAN"] + [
        f"{85000000 + k};Anggota {k};BRIPDA;BA;SAT SAMAPTA" for k in range(300)
    ]
    (folder / "roster.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = run("validate", "--lang", "en", folder, code=1).stdout
    line = next(x for x in out.splitlines() if "roster.yaml:1:1" in x)
    assert "looks like a spreadsheet's CSV export" in line and "roster import" in line
    assert len(line) < 300


def test_keys_with_newlines_or_escape_codes_stay_on_one_line(run: Run, tmp_path: Path) -> None:
    folder = _scenario(
        tmp_path, "roster.yaml", "    assignable: false\n", '    "bad\\nkey\\e[31m": 1\n'
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    line = next(x for x in out.splitlines() if "unknown field" in x)
    assert "\x1b" not in out and "bad\\nkey\\x1b[31m" in line
    assert line.startswith(str(folder / "roster.yaml")) or "roster.yaml:" in line


@pytest.mark.parametrize(
    "typed, message",
    [
        ("no", "expected true or false, got 'no'; write false"),
        ("tidak", "expected true or false, got 'tidak'; write false"),
        ('"false"', "'false' is in quotes, so it is text, not true or false"),
    ],
)
def test_a_yes_or_no_word_gets_the_boolean_to_write(
    run: Run, tmp_path: Path, typed: str, message: str
) -> None:
    folder = _scenario(tmp_path, "roster.yaml", "assignable: false", f"assignable: {typed}")
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert f"roster.yaml:9:17: error: personnel[0].assignable: {message}" in out


# Midnight at the end of a day, as Indonesians write it: 24.00 / 24:00.

MIDNIGHT_SHIFTS = [
    {"id": "pagi", "start": "06:00", "end": "14:00"},
    {"id": "siang", "start": "14:00", "end": "22:00"},
    {"id": "malam", "start": "22:00", "end": "24:00"},
]


@pytest.mark.parametrize("typed", ["end: 24.00", 'end: "24:00"', "end: 24:00"])
def test_a_shift_that_ends_at_24_00_ends_at_midnight(run: Run, tmp_path: Path, typed: str) -> None:
    folder = _scenario(tmp_path, "operation.yaml", "end: 6:00}", typed + "}")
    assert "error" not in run("validate", "--lang", "en", folder).stdout
    body = run("plan", folder, "--view", "overview", "--date", "2024-08-27", "-q", "--lang", "en")
    # Printed as the officer wrote it: a 2-hour shift to midnight, not "22:00-00:00".
    assert "malam 22:00-24:00" in body.stdout


def test_a_calendar_event_of_a_shift_to_24_00_ends_at_midnight(run: Run, tmp_path: Path) -> None:
    import icalendar

    folder = _scenario(tmp_path, "operation.yaml", "end: 6:00}", "end: 24.00}")
    body = json.loads(run("plan", folder, "--format", "json", "--no-remedies", "-q").stdout)
    night = next(
        a for a in body["assignments"] if (a["date"], a["shift"]) == ("2024-08-27", "malam")
    )
    calendars = tmp_path / "kalender"
    run("plan", folder, "--format", "ics", "--officer", night["nrp"], "-o", calendars, "-q")
    (written,) = calendars.iterdir()  # NRP-Name.ics
    cal = icalendar.Calendar.from_ical(written.read_bytes())
    event = next(  # from the roll call, 30 minutes before the shift
        e for e in cal.walk("VEVENT") if e["DTSTART"].dt.isoformat().startswith("2024-08-27T21:30")
    )
    assert event["DTEND"].dt.isoformat() == "2024-08-28T00:00:00+08:00"
    assert "malam (22:00-24:00)" in str(event["DESCRIPTION"])


def test_a_shift_to_24_00_lasts_its_hours_in_every_rule() -> None:
    from tests.helpers import officer, scenario, solve

    one = [officer("85000001")]
    jaga = [{"id": "jaga", "need": {"samapta": 1}, "shifts": ["siang", "malam"]}]
    # 14:00-22:00 then 22:00-24:00: 10 hours on the day, no rest between.
    fits = {"rest": {"min_rest_hours": 0, "max_hours_per_day": 10}}
    s = scenario(jaga, one, policy=fits, shifts=MIDNIGHT_SHIFTS)
    malam = next(x for x in s.operation.slots() if x.shift == "malam")
    assert malam.hours == 2 and f"{malam.end:%Y-%m-%d %H:%M}" == "2024-08-27 00:00"
    _, plan = solve(s)
    assert len(plan.assignments) == 2
    # 9.5 hours a day is half an hour short of the two shifts: one of them stays empty.
    tight = {"rest": {"min_rest_hours": 0, "max_hours_per_day": 9.5}}
    _, plan = solve(scenario(jaga, one, policy=tight, shifts=MIDNIGHT_SHIFTS))
    assert len(plan.assignments) == 1
    # Rest runs from midnight: after 22:00-24:00 on the 26th, the 06:00 shift of the 27th is
    # 6 hours later, enough for a 6-hour rest, not for 6.5.
    night_then_morning = [
        {"id": "malam-26", "need": {"samapta": 1}, "shifts": ["malam"], "days": ["2024-08-26"]},
        {"id": "pagi-27", "need": {"samapta": 1}, "shifts": ["pagi"], "days": ["2024-08-27"]},
    ]
    for rest, worked in ((6, 2), (6.5, 1)):
        policy = {"rest": {"min_rest_hours": rest, "max_hours_per_day": 12}}
        s = scenario(night_then_morning, one, days=2, policy=policy, shifts=MIDNIGHT_SHIFTS)
        assert len(solve(s)[1].assignments) == worked, rest


def test_a_shift_of_06_00_to_24_00_is_18_hours(run: Run, tmp_path: Path) -> None:
    folder = _scenario(
        tmp_path,
        "operation.yaml",
        '{id: siang, start: "14:00", end: "22:00"}',
        '{id: siang, start: "06:00", end: "24:00"}',
    )
    out = run("validate", "--lang", "en", folder).stdout
    assert "shift 'siang' lasts 18 h, more than max_hours_per_day (12)" in out


@pytest.mark.parametrize(
    "file, old, new, where",
    [
        (
            "operation.yaml",
            'start: "06:00"',
            "start: 24.00",
            "operation.yaml:14:24: error: shifts[0].start",
        ),
        (
            "arrivals.yaml",
            'arrive: "09:00"',
            'arrive: "24:00"',
            "arrivals.yaml:12:17: error: candidates[0].visits[0].arrive",
        ),
    ],
)
def test_24_00_where_a_start_belongs_is_refused_with_00_00(
    run: Run, tmp_path: Path, file: str, old: str, new: str, where: str
) -> None:
    folder = _scenario(tmp_path, file, old, new)
    out = run("validate", "--lang", "en", folder, code=1).stdout
    line = next(x for x in out.splitlines() if where in x)
    assert "is the end of a day, not a time to start at; write 00:00 (of the next day)" in line


def test_a_visit_that_departs_at_24_00_ends_with_its_day(run: Run, tmp_path: Path) -> None:
    folder = _scenario(
        tmp_path,
        "arrivals.yaml",
        'arrive: "13:00"\n        depart: "15:00"',
        'arrive: "21:00"\n        depart: 24.00',
    )
    out = run("validate", "--lang", "en", folder).stdout
    assert "error" not in out and "not after arrive" not in out
    body = json.loads(run("plan", folder, "--format", "json", "--no-remedies", "-q").stdout)
    # 21:00 to midnight, with the policy's lead (60) and tail (30): heads from 20:00 in siang
    # and in malam (22:00-06:00), which the window reaches until 00:30.
    shifts = {(a["date"], a["shift"]) for a in body["assignments"] if a["post"] == "visit:paslon-2"}
    assert {("2024-08-27", "siang"), ("2024-08-27", "malam")} <= shifts


def test_an_absence_to_24_00_lasts_the_day_and_from_24_00_gets_the_moment(
    run: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    adjustments = folder / "adjustments.yaml"
    adjustments.write_text(
        "absences:\n"
        '  - {nrp: "70123236", from: 2024-08-27 06:00, to: 2024-08-27 24.00, reason: sakit}\n',
        encoding="utf-8",
    )
    run("validate", "--lang", "en", folder)
    body = json.loads(run("plan", folder, "--format", "json", "--no-remedies", "-q").stdout)
    days = {(a["date"], a["shift"]) for a in body["assignments"] if a["nrp"] == "70123236"}
    # malam of the 27th runs 22:00-06:00: the absence to midnight keeps the officer off it.
    assert not {("2024-08-27", s) for s in ("pagi", "siang", "malam")} & days
    adjustments.write_text(
        "absences:\n"
        '  - {nrp: "70123236", from: 2024-08-27 24:00, to: 2024-08-28 12:00, reason: sakit}\n',
        encoding="utf-8",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert (
        "absences[0].from: '2024-08-27 24:00' is the end of a day, not a moment to start at; "
        "write 2024-08-28 00:00" in out
    )


# The zone after a time, as officers write it: 08:30 WITA.


@pytest.mark.parametrize("typed", ["09:00 WITA", "09.00 wita", '"09:00 Wita"'])
def test_the_operations_own_zone_after_a_time_is_read(run: Run, tmp_path: Path, typed: str) -> None:
    folder = _scenario(tmp_path, "arrivals.yaml", 'arrive: "09:00"', f"arrive: {typed}")
    assert "error" not in run("validate", "--lang", "en", folder).stdout
    plain = _scenario(tmp_path / "plain", "arrivals.yaml", 'arrive: "09:00"', 'arrive: "09:00"')
    args = ("--format", "json", "--no-remedies", "-q")
    zoned = json.loads(run("plan", folder, *args).stdout)
    as_written = json.loads(run("plan", plain, *args).stdout)
    assert zoned["assignments"] == as_written["assignments"]


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (
            "arrivals.yaml",
            'arrive: "09:00"',
            "arrive: 08:30 WIB",
            "arrivals.yaml:12:17: error: candidates[0].visits[0].arrive: '08:30 WIB' is WIB "
            "time, but the operation runs on WITA (Asia/Makassar): write 09:30",
        ),
        (
            "arrivals.yaml",
            'depart: "11:00"',
            "depart: 23:00 WIB",
            "arrivals.yaml:13:17: error: candidates[0].visits[0].depart: '23:00 WIB' is WIB "
            "time, but the operation runs on WITA (Asia/Makassar): write 24:00",
        ),
        (
            "arrivals.yaml",
            'arrive: "09:00"',
            "arrive: 08:30 WIT",
            "'08:30 WIT' is WIT time, but the operation runs on WITA (Asia/Makassar): write 07:30",
        ),
        (
            "operation.yaml",
            'start: "06:00"',
            'start: "05:00 wib"',
            "operation.yaml:14:24: error: shifts[0].start: '05:00 wib' is WIB time, but the "
            "operation runs on WITA (Asia/Makassar): write 06:00",
        ),
    ],
)
def test_another_zone_after_a_time_gets_the_converted_time(
    run: Run, tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = _scenario(tmp_path, file, old, new)
    assert message in run("validate", "--lang", "en", folder, code=1).stdout


def test_a_zone_after_an_absence_moment_is_checked(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    (folder / "adjustments.yaml").write_text(
        'absences:\n  - {nrp: "70123236", from: 2024-08-27 23:30 WIB, to: 2024-08-28 12:00 WITA}\n',
        encoding="utf-8",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert "'2024-08-27 23:30 WIB' is WIB time, but the operation runs on WITA" in out
    assert "write 2024-08-28 00:30" in out
    assert "absences[0].to" not in out


def test_a_zone_is_checked_once_the_operation_is_known(run: Run, tmp_path: Path) -> None:
    folder = _scenario(tmp_path, "arrivals.yaml", 'arrive: "09:00"', "arrive: 08:00 WIB")
    # On its own, arrivals.yaml cannot know the operation's zone: the time is read as written.
    alone = tmp_path / "alone" / "arrivals.yaml"
    alone.parent.mkdir()
    shutil.copy(folder / "arrivals.yaml", alone)
    run("validate", "--lang", "en", alone)
    # With its operation in a WIB zone, 08:00 WIB is just 08:00.
    op = folder / "operation.yaml"
    op.write_text(
        op.read_text(encoding="utf-8").replace("Asia/Makassar", "Asia/Jakarta"), encoding="utf-8"
    )
    assert "error" not in run("validate", "--lang", "en", folder).stdout
    # An operation outside Indonesia's three zones: write the time in its zone.
    op.write_text(
        op.read_text(encoding="utf-8").replace("Asia/Jakarta", "Asia/Singapore"), encoding="utf-8"
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert (
        "'08:00 WIB' is WIB time, but the operation runs on Asia/Singapore: write the time" in out
    )


# An output named for a kind of file the command cannot write.


@pytest.mark.parametrize(
    "command, name, hint",
    [
        ("plan", "plotting.pdf", "use `report -o FILE.html` and print it to PDF from the browser"),
        ("plan", "plotting.docx", "use `report -o FILE.html` and print it to PDF from the browser"),
        ("plan", "plotting.xls", "write .xlsx (Excel and LibreOffice open it)"),
        ("plan", "plotting.html", "the printable report is HTML: use `report -o FILE.html`"),
        ("checklist", "ceklis.pdf", "use `report -o FILE.html` and print it to PDF"),
        ("checklist", "ceklis.27.08", "to keep this name, give --format"),
    ],
)
def test_an_output_the_command_cannot_write_is_a_usage_error(
    run: Run, tmp_path: Path, command: str, name: str, hint: str
) -> None:
    target = tmp_path / name
    err = run(command, EXAMPLE, "-o", target, "-q", "--lang", "en", code=2).stderr
    assert f"cannot write {target}: this command does not write" in err.replace("\n", "")
    assert "it writes .txt, .md, .csv, .json, .yaml, .xlsx" in err.replace("\n", "")
    assert hint in err.replace("\n", "")
    assert not target.exists()


def test_who_fits_names_what_it_writes(run: Run, tmp_path: Path) -> None:
    args = ("--date", "2024-08-27", "--shift", "pagi", "--site", "kpu", "-q", "--lang", "en")
    for name in ("fits.csv", "fits.xlsx", "fits.pdf"):
        err = run("who-fits", EXAMPLE, *args, "-o", tmp_path / name, code=2).stderr
        assert "it writes .txt, .md, .json" in err.replace("\n", "")
        assert not (tmp_path / name).exists()
    # --format with a name of the user's own is what they asked for; with a .pdf it is not.
    own = tmp_path / "fits.27-08"
    run("who-fits", EXAMPLE, *args, "--format", "json", "-o", own)
    assert json.loads(own.read_text(encoding="utf-8"))["fits"]
    run("who-fits", EXAMPLE, *args, "--format", "json", "-o", tmp_path / "f.pdf", code=2)


def test_the_report_is_not_written_under_another_extension(run: Run, tmp_path: Path) -> None:
    err = run(
        "report", EXAMPLE, "-o", tmp_path / "laporan.pdf", "-q", "--lang", "en", code=2
    ).stderr
    assert "the report is an HTML file; use -o FILE.html" in err.replace("\n", "")
    assert "print the HTML to PDF from the browser" in err.replace("\n", "")
    assert not (tmp_path / "laporan.pdf").exists()
