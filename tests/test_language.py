"""One language per run: with `language: id` in operation.yaml (or `--lang id`) every word a
command says is Indonesian, whatever the environment's locale (English here), and places and
candidates are called by their names, never by their ids.

Each command runs once per module on a copy of the example (its operation says `language:
id`); the tests read what it said for English words and raw ids."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sinjai_ops.cli import app
from tests.conftest import CASES, EXAMPLE

# English words an Indonesian page never has (Indonesian writes `shift`, `min`, `median`,
# `Solver`, `ring` too; those are not here).
ENGLISH = re.compile(
    r"(?i)(?<![\w-])("
    r"solving|errors?|warnings?|unknown|cannot|request|lines|from|first|visits?|absent|late|"
    r"present|reserve|changes|before|after|kept|moved|the|and|of|with|at|to|for|is|not|"
    r"missing|heads?|officers?|duty|wrote|give|nobody|none|days?|sites?|posts?|skills?|"
    r"until|only|every|each|there|are|did|you|mean|such|file|written"
    r")(?![\w-])"
)
# The example's site, post and candidate ids: a view for people calls them by their names.
IDS = re.compile(
    r"(?<![\w-])(kpu|mapolres|paslon-1|paslon-2|kpu-ring1|kpu-ring2|kpu-ring3|kpu-jaga|"
    r"kpu-sterilisasi|kpu-kesehatan|skck-desk|mapolres-gate|piket)(?![\w-])"
)


def _english_env() -> dict[str, str | None]:
    return {
        "LANG": "C.UTF-8",
        "LANGUAGE": None,
        "LC_ALL": None,
        "LC_MESSAGES": None,
        "NO_COLOR": "1",
        "COLUMNS": "200",
        "GITHUB_ACTIONS": None,
    }


class Said:
    """What the commands said, by name: (exit code, standard output, standard error)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.by_name: dict[str, tuple[int, str, str]] = {}
        self.absent = ""
        """The officer who falls sick: on duty on three shifts of the example's plan, the
        morning of 24 August among them (chosen from the plan, which may change)."""
        self.who = ""
        """His rank, name and NRP as the change list names him."""
        self.others: list[str] = []
        """Two more officers on duty that morning: one absent, one late in the attendance."""

    def run(self, name: str, *args: object) -> tuple[int, str, str]:
        result = CliRunner().invoke(
            app, [str(a) for a in args], env=_english_env(), catch_exceptions=False
        )
        said = (result.exit_code, result.stdout, result.stderr)
        self.by_name[name] = said
        return said


def _choose_the_absent(out: Said, plan: dict[str, Any]) -> None:
    shifts = Counter(a["nrp"] for a in plan["assignments"])
    morning = sorted(
        {a["nrp"] for a in plan["assignments"] if (a["date"], a["shift"]) == ("2024-08-24", "pagi")}
    )
    out.absent = next(n for n in morning if shifts[n] == 3)
    out.others = [n for n in morning if n != out.absent][:2]
    person = next(p for p in plan["people"] if p["nrp"] == out.absent)
    out.who = f"{person['rank']} {person['name']} ({out.absent})"


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Said]:
    root = tmp_path_factory.mktemp("language")
    out = Said(root)
    ex = root / "ex"
    shutil.copytree(EXAMPLE, ex)
    base = root / "base.json"
    code, _, _ = out.run("plan-json", "plan", ex, "-f", "json", "-o", base, "-q", "--no-remedies")
    assert code == 0
    _choose_the_absent(out, json.loads(base.read_text(encoding="utf-8")))
    out.run("plan-table", "plan", ex, "--no-remedies")
    out.run("plan-markdown", "plan", ex, "-f", "markdown")  # with the remedies' sentences
    out.run("plan-overview", "plan", ex, "--view", "overview", "--no-remedies")
    out.run("plan-person", "plan", ex, "--by", "person", "--no-remedies", "-q")
    out.run("plan-person-md", "plan", ex, "--by", "person", "-f", "markdown", "--no-remedies")
    out.run(
        "plan-exit-3",
        "plan",
        ex,
        "-o",
        root / "p.json",
        "-q",
        "--no-remedies",
        "--fail-on-shortfall",
    )
    # The re-plan: one officer falls sick for the whole operation.
    sick = root / "sick"
    shutil.copytree(EXAMPLE, sick)
    (sick / "adjustments.yaml").write_text(
        "absences:\n"
        f'  - {{nrp: "{out.absent}", from: 2024-08-24 00:00, to: 2024-08-30 23:59,'
        " reason: sakit}\n",
        encoding="utf-8",
    )
    replan = ("plan", sick, "--baseline", base, "--no-remedies", "--view", "overview", "-q")
    out.run("replan-table", *replan)
    out.run("replan-markdown", *replan, "-f", "markdown")
    out.run("replan-english", *replan, "-f", "markdown", "--lang", "en")
    day = ("--date", "2024-08-27", "--shift", "pagi", "--site", "kpu", "-q")
    out.run("who-fits", "who-fits", ex, *day)
    out.run("who-fits-md", "who-fits", ex, *day, "--skill", "dalmas", "-f", "markdown")
    attendance = root / "attendance.yaml"
    attendance.write_text(
        "attendance:\n"
        f'  - {{nrp: "{out.absent}", date: 2024-08-24, shift: pagi, status: absent,'
        " reason: sakit}\n"
        f'  - {{nrp: "{out.others[0]}", date: 2024-08-24, shift: pagi, status: absent}}\n'
        f'  - {{nrp: "{out.others[1]}", date: 2024-08-24, shift: pagi, status: late,'
        " minutes: 30}\n",
        encoding="utf-8",
    )
    anev = ("anev", ex, "--plan", base, "--attendance", attendance, "--date", "2024-08-24")
    out.run("anev", *anev, "--adjustments-out", root / "absences.yaml")
    out.run("anev-md", *anev, "-f", "markdown", "-q")
    out.run("checklist", "checklist", ex, "-q")
    out.run("checklist-md", "checklist", ex, "-q", "-f", "markdown")
    out.run("report", "report", ex, "-o", root / "report.html", "-q", "--no-remedies")
    out.run("validate", "validate", CASES / "invalid" / "all-at-once", "--lang", "Id")
    sheet = root / "sheet.csv"
    sheet.write_text(
        "NRP,Nama,Pangkat,Satuan,Fungsi\n87010001,Budi Contoh,Brigpol,Sat Samapta,samapta\n"
        "123,Ani Contoh,Bripda,Sat X,\n",
        encoding="utf-8",
    )
    out.run("roster-import", "--lang", "ID", "roster", "import", sheet, "-o", root / "r.yaml")
    # Usage errors: those found once the operation is read speak its language; the others
    # --lang's (given before the command or after it, in any case).
    nowhere = root / "no" / "such"
    out.run("usage-site", "plan", ex, "--site", "kpuu", "--no-remedies")
    out.run("usage-date", "checklist", ex, "--date", "2030-01-01")
    out.run("usage-date-syntax", "plan", ex, "--date", "kemarin")
    out.run(
        "usage-shift", "who-fits", ex, "--date", "2024-08-27", "--shift", "pagii", "--site", "kpu"
    )
    out.run("usage-owner", "checklist", ex, "--owner", "Sat Brimob", "-q")
    out.run("usage-officer", "plan", ex, "--officer", "99999999", "-q", "--no-remedies")
    out.run("usage-from", "plan", ex, "--from", "2024-08-27T06:00")
    out.run("usage-format", "plan", ex, "-o", root / "x.csv", "-f", "json")
    out.run("usage-write", "plan", ex, "-o", nowhere / "plan.md", "-q", "--no-remedies")
    out.run("usage-xlsx", "plan", ex, "-f", "xlsx", "-q", "--no-remedies")
    out.run("usage-export", "--lang", "id", "roster", "export", ex, "-o", nowhere / "r.xlsx")
    out.run(
        "usage-export-nothing",
        "roster",
        "export",
        root / "missing",
        "-o",
        root / "r.xlsx",
        "--lang",
        "ID",
    )
    out.run("usage-schema", "--lang", "iD", "validate", root / "missing")
    out.run("usage-init", "init", ex, "--lang", "id_ID.UTF-8")
    yield out


def _readable(text: str, root: Path) -> str:
    """What a person reads, less what is not words: paths, file names, options, the commands
    a note tells to run, and the `FILE:LINE:COLUMN: error:` frame that editors parse."""
    text = re.sub(r"(?m)^\S+:\d+:\d+: (error|warning): (\S+: )?", "", text)
    text = re.sub(r"(?<![\w.])/\S+", "", text.replace(str(root), ""))
    text = re.sub(r"\S+\.(yaml|json|csv|xlsx|md|html)\b", "", text)
    text = re.sub(r"--[\w-]+", "", text)
    return re.sub(r"sinjai-ops \w+", "", text)


def _report_text(root: Path) -> str:
    page = (root / "report.html").read_text(encoding="utf-8")
    page = re.sub(r"(?s)<(style|script|svg)\b.*?</\1>", "", page)
    return re.sub(r"<[^>]+>", " ", page)


VIEWS = [
    "plan-table",
    "plan-markdown",
    "plan-overview",
    "plan-person",
    "plan-person-md",
    "replan-table",
    "replan-markdown",
    "who-fits",
    "who-fits-md",
    "anev",
    "anev-md",
    "checklist",
    "checklist-md",
]


@pytest.mark.slow
@pytest.mark.parametrize("name", VIEWS)
def test_a_view_speaks_the_operations_language_and_names_places(said: Said, name: str) -> None:
    code, out, err = said.by_name[name]
    assert code == 0, err
    text = _readable(out + err, said.root)
    assert not ENGLISH.findall(text), sorted(set(ENGLISH.findall(text)))
    assert not IDS.findall(text), sorted(set(IDS.findall(text)))


@pytest.mark.parametrize(
    "name",
    [
        "plan-exit-3",
        "validate",
        "roster-import",
        "usage-site",
        "usage-date",
        "usage-date-syntax",
        "usage-shift",
        "usage-owner",
        "usage-officer",
        "usage-from",
        "usage-format",
        "usage-write",
        "usage-xlsx",
        "usage-export",
        "usage-export-nothing",
        "usage-schema",
        "usage-init",
    ],
)
def test_errors_and_notes_speak_the_runs_language(said: Said, name: str) -> None:
    """The problems, usage errors and notes on standard error: Indonesian words (a usage
    error may list the ids one can type; validate quotes the file's own values)."""
    code, out, err = said.by_name[name]
    assert code != 0 or name == "roster-import"
    text = _readable(out + err, said.root)
    assert text.strip()
    assert not ENGLISH.findall(text), sorted(set(ENGLISH.findall(text)))
    if name.startswith("usage-"):
        assert "kesalahan: " in err and "error:" not in err, err


def test_exit_3_names_the_sites_and_skills(said: Said) -> None:
    code, _, err = said.by_name["plan-exit-3"]
    assert code == 3
    assert "Mapolres Sinjai: Cadangan Dalmas: kurang 6" in err
    assert "Kantor KPU Kabupaten Sinjai: Pengamanan kunjungan Paslon 2: " in err
    assert not IDS.findall(err)


def test_the_report_speaks_the_operations_language(said: Said) -> None:
    code, _, err = said.by_name["report"]
    assert code == 0, err
    text = _readable(_report_text(said.root), said.root)
    assert "Catatan teknis" in text and "KURANG - diminta BKO" in text
    assert not ENGLISH.findall(text), sorted(set(ENGLISH.findall(text)))


def test_the_anev_fragment_is_commented_in_the_operations_language(said: Said) -> None:
    fragment = (said.root / "absences.yaml").read_text(encoding="utf-8")
    comments = [line for line in fragment.splitlines() if line.startswith("#")]
    assert comments == [
        "# Ketidakhadiran hasil apel (sinjai-ops anev); tambahkan ke adjustments.yaml."
    ]
    # An absence without a reason is written without one (no reason is made up).
    assert "tidak hadir" not in fragment and "reason: sakit" in fragment


def test_the_change_list_names_every_officer_and_says_why(said: Said) -> None:
    _, indonesian, _ = said.by_name["replan-markdown"]
    _, english, _ = said.by_name["replan-english"]
    who, absent = said.who, said.absent
    rows = [line for line in indonesian.splitlines() if absent in line]
    assert len(rows) == 3  # the example has them on duty on three shifts
    assert all(who in row and "tidak dinas (tidak hadir: sakit)" in row for row in rows)
    assert all(
        who in row and "off duty (absent: sakit)" in row
        for row in english.splitlines()
        if absent in row
    )
    changes = [line for line in indonesian.splitlines() if re.match(r"\| 2024-", line)]
    assert changes and all(re.search(r"\| \w+ [^|]+ \(\d{8}\) +\|", row) for row in changes)


def test_the_spinner_speaks_the_operations_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sinjai_ops.cli import arguments

    screen = StringIO()
    monkeypatch.setattr(
        arguments,
        "console",
        lambda stderr=False: Console(file=screen, force_terminal=True, width=80),
    )
    for name, value in _english_env().items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    minimal = CASES / "valid" / "minimal"
    runner = CliRunner()
    runner.invoke(app, ["plan", str(EXAMPLE), "-q", "--no-remedies"], catch_exceptions=False)
    assert "Menghitung..." in screen.getvalue() and "Solving" not in screen.getvalue()
    screen.truncate(0)
    runner.invoke(app, ["plan", str(minimal), "-q"], catch_exceptions=False)
    assert "Solving..." in screen.getvalue()


@pytest.mark.parametrize("given", ["ID", "Id", "id_ID", "id_ID.UTF-8", "id-ID"])
@pytest.mark.parametrize("before", [True, False])
def test_lang_before_or_after_the_command_in_any_case(given: str, before: bool) -> None:
    """The minimal case names no language: --lang decides, wherever and however written."""
    minimal = str(CASES / "valid" / "minimal")
    args = ["--lang", given]
    line = [*args, "validate", minimal] if before else ["validate", minimal, *args]
    result = CliRunner().invoke(app, line, env=_english_env(), catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout.startswith("sah: "), result.stdout


def test_an_unknown_lang_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["--lang", "fr", "validate", str(EXAMPLE)], env=_english_env())
    assert result.exit_code == 2
    assert result.stderr == "error: --lang: unknown 'fr' (there are: en, id)\n"


def test_a_post_without_a_name_shows_its_id_and_the_site_its_name() -> None:
    """The minimal case names its site but not its posts, nor a language (--lang before the
    command, in capitals, decides)."""
    minimal = str(CASES / "valid" / "minimal")
    line = ["--lang", "ID", "plan", minimal, "-f", "markdown", "-q", "--view", "post"]
    result = CliRunner().invoke(app, line, env=_english_env(), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    rows = [r for r in result.stdout.splitlines() if r.startswith("| kpu-")]
    assert rows and {r.split("|")[1].strip() for r in rows} == {"kpu-ring1", "kpu-jaga"}
    assert "Kantor KPU" in result.stdout and "Pos" in result.stdout
    text = _readable(result.stdout, Path(minimal))
    assert not ENGLISH.findall(text), sorted(set(ENGLISH.findall(text)))
