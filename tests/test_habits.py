"""The habits of real officers' files: Indonesian spellings, spreadsheet exports, typos that
once ended in a traceback. Each gets its exact fix, or is accepted as the contract says."""

from __future__ import annotations

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
    # paslon-1's SKCK visit of 09.00 on 22 Aug raises heads from 08:00 in the morning shift.
    assert '"post": "visit:paslon-1"' in body


def test_a_day_first_date_gets_the_exact_fix(run: Run, tmp_path: Path) -> None:
    folder = _scenario(tmp_path, "arrivals.yaml", "date: 2024-08-22", "date: 22-08-2024")
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert "'22-08-2024' is day-month-year; dates are year first: write 2024-08-22" in out


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
