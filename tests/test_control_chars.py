"""Control characters in a value or an argument are refused or shown escaped, never obeyed: no
escape code, NUL, C1 control or bidi override reaches the terminal or a text output raw."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from sinjai_ops import pipeline
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.pipeline import inputs as pipeline_inputs
from tests.conftest import EXAMPLE, Run

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never come out: C0 controls but the newline and tab of a layout, DEL, C1, bidi."""

BAD = "\x1b[2J\x1b]0;pwned\x07\x00\x9b\u202e"
SHOWN = "\\x1b[2J\\x1b]0;pwned\\x07\\x00\\x9b\\u202e"


def _scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace the first `old` with `new`; the line and column where `new` starts."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _clean(*texts: str) -> None:
    for text in texts:
        found = RAW.search(text)
        assert found is None, f"raw {found.group()!r} in {text[max(0, found.start() - 60) :]!r}"


def test_validate_refuses_control_characters_in_every_text_value(run: Run, tmp_path: Path) -> None:
    folder = _scenario(tmp_path)
    roster, operation, arrivals = (folder / n for n in FILE_NAMES)
    # YAML's double-quoted escapes are how a control character gets into a file (written raw,
    # the YAML reader refuses it); a bidi override may be written raw.
    places = {
        (roster, "personnel[2].name", "\\x1b"): _edit(
            roster,
            "Hasanuddin Lologau",
            '"Hasan\\e[2J\\e]0;pwned\\aLologau"',
        ),
        (roster, "personnel[2].unit", "\\x00"): _edit(roster, "Bag Ops", '"Bag\\0Ops"'),
        (roster, "personnel[3].unavailable[0].reason", "\\x9b"): _edit(
            roster, "cuti}", '"cu\\x9bti"}'
        ),
        (roster, "personnel[4].name", "\\n"): _edit(roster, "Arif Jufri", '"Arif\\nJufri"'),
        (operation, "operation.name", "\\u202e"): _edit(
            operation, "Ops Mantap Praja 2024 -", "Ops \u202eMantap Praja 2024 -"
        ),
        (operation, "operation.unit", "\\x1b"): _edit(
            operation, "Polres Sinjai\n", '"Polres\\e[31m Sinjai"\n'
        ),
        (operation, "sites[0].name", "\\x07"): _edit(
            operation, "Kantor KPU Kabupaten Sinjai", '"Kantor KPU\\a"'
        ),
        (operation, "sites[0].posts[0].name", "\\u2066"): _edit(
            operation, "Ruang pendaftaran", "Ruang \u2066pendaftaran"
        ),
        (arrivals, "candidates[0].names[1]", "\\x1b"): _edit(
            arrivals, "Hj. Nurhayati Lamba", '"Hj. Nurhayati\\e[8m Lamba"'
        ),
    }
    adjustments = folder / "adjustments.yaml"
    adjustments.write_text(
        'absences:\n  - {nrp: "79020114", from: 2024-08-27 06:00, to: 2024-08-27 23:59, '
        "reason: REASON}\n",
        encoding="utf-8",
    )
    places[(adjustments, "absences[0].reason", "\\r")] = _edit(adjustments, "REASON", '"sa\\rkit"')
    # A tab is text: not refused.
    _edit(roster, "reason: sakit}", 'reason: "sakit\\tberat"}')

    result = run("validate", folder, "--lang", "en", code=1)
    _clean(result.stdout, result.stderr)
    errors = [x for x in result.stdout.splitlines() if ": error: " in x]
    for (file, path, char), (line, column) in places.items():
        where = pipeline.display(file)
        line_of = next((x for x in errors if f": error: {path}: " in x), None)
        assert line_of is not None, f"no error at {path}:\n{result.stdout}"
        assert line_of.startswith(f"{where}:{line}:{column}: error: {path}: "), line_of
        assert f"control character {char} at character" in line_of or f"({char}" in line_of
        assert "remove" in line_of
    assert len(errors) == len(places), result.stdout
    first = next(x for x in errors if "personnel[2].name" in x)
    assert "holds 3 control characters (\\x1b, \\x07), the first at character 6" in first

    body = json.loads(run("validate", folder, "--format", "json", code=1).stdout)
    assert len([p for p in body["problems"] if p["severity"] == "error"]) == len(places)


FILE_NAMES = ("roster.yaml", "operation.yaml", "arrivals.yaml")


def test_a_name_holds_no_newline_even_from_a_block(run: Run, tmp_path: Path) -> None:
    folder = _scenario(tmp_path)
    line, column = _edit(
        folder / "roster.yaml", "Hasanuddin Lologau\n", "|\n      Hasanuddin\n      Lologau\n"
    )
    out = run("validate", folder / "roster.yaml", "--lang", "en", code=1).stdout
    assert (
        f"roster.yaml:{line}:{column}: error: personnel[2].name: holds 2 control characters "
        "(\\n), the first at character 11; remove them"
    ) in out


def test_validate_json_and_github_show_keys_escaped(run: Run, tmp_path: Path) -> None:
    folder = _scenario(tmp_path)
    _edit(folder / "roster.yaml", "    assignable: false\n", '    "bad\\x9b\u202ekey\\e[2J": 1\n')
    for fmt in ("json", "github"):
        out = run("validate", folder, "--format", fmt, "--lang", "en", code=1).stdout
        _clean(out)
        assert "unknown field" in out
    body = json.loads(run("validate", folder, "--format", "json", "--lang", "en", code=1).stdout)
    said = next(p["message"] for p in body["problems"] if "unknown field" in p["message"])
    assert "bad\x9b\u202ekey\x1b[2J" in said  # the same text to a JSON reader: nothing lost


def test_usage_errors_show_the_arguments_they_echo_escaped(run: Run, tmp_path: Path) -> None:
    fits = ("who-fits", EXAMPLE, "--date", "2024-08-27")
    cases = [
        ([*fits, "--shift", "pagi", "--site", "\x1b]0;x\x07"], "'\\x1b]0;x\\x07'"),
        ([*fits, "--shift", "pa\x9bgi\u202e", "--site", "kpu"], "'pa\\x9bgi\\u202e'"),
        (["plan", EXAMPLE, "--date", "2024-08-2\x1b[2J"], "'2024-08-2\\x1b[2J'"),
        (["plan", EXAMPLE, "--view", "person", "--officer", "\x1b[2J\x00"], "\\x1b[2J\\x00"),
        (["checklist", EXAMPLE, "--owner", "\x1b[2J"], "'\\x1b[2J'"),
        (["plan", tmp_path / "no\x1b[31mwhere"], "no\\x1b[31mwhere"),
        (["validate", tmp_path / "no\x9bwhere.yaml"], "no\\x9bwhere.yaml"),
    ]
    for args, shown in cases:
        extra = {"plan": ["--no-remedies"], "validate": []}.get(str(args[0]), ["-q"])
        result = run(*args, *extra, code=2)
        _clean(result.stdout, result.stderr)
        assert shown in result.stderr, result.stderr


def test_problem_lines_show_a_file_name_escaped(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "a\x1b[2Jb"
    folder.mkdir()
    (folder / "roster.yaml").write_text("personnel: 1\n", encoding="utf-8")
    out = run("validate", folder / "roster.yaml", code=1).stdout
    _clean(out)
    assert "a\\x1b[2Jb/roster.yaml:1:" in out


def _aligned(text: str) -> None:
    """Every line of a drawn table is as wide as its border: an escaped value was measured as
    it is shown."""
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line[:1] and line[0] in "┏┃┡│└┌├╭╰┗┣":
            block.append(line)
            continue
        assert len({len(x) for x in block}) <= 1, "\n".join(block)
        block = []


def _poison(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name, unit and place of a valid scenario with control characters, as if the
    checks had been bypassed: the views must still not print them raw."""
    checked_group = pipeline._check_group

    def poisoned(group: pipeline._Group) -> pipeline.Checked:
        checked = checked_group(group)
        s = checked.scenario
        if s is None:
            return checked
        people = [
            p.model_copy(update={"name": p.name + BAD, "unit": p.unit + BAD})
            for p in s.roster.personnel
        ]
        sites = [
            site.model_copy(
                update={
                    "name": site.name + BAD,
                    "posts": [
                        post.model_copy(update={"name": (post.name or post.id) + BAD})
                        for post in site.posts
                    ],
                }
            )
            for site in s.operation.sites
        ]
        info = s.operation.operation.model_copy(update={"name": s.operation.operation.name + BAD})
        candidates = [
            c.model_copy(update={"names": [n + BAD for n in c.names]})
            for c in s.arrivals.candidates
        ]
        bad: Scenario = s.model_copy(
            update={
                "roster": s.roster.model_copy(update={"personnel": people}),
                "operation": s.operation.model_copy(update={"sites": sites, "operation": info}),
                "arrivals": s.arrivals.model_copy(update={"candidates": candidates}),
            }
        )
        return pipeline.Checked(bad, checked.problems, checked.language)

    # Patched where the checks look it up: the module that gathers the inputs.
    monkeypatch.setattr(pipeline_inputs, "_check_group", poisoned)


@pytest.mark.slow
def test_views_never_print_a_control_character_raw(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plan anev reads is of the same (poisoned) operation, as a published plan would be.
    _poison(monkeypatch)
    base = tmp_path / "plan.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    day = [a for a in json.loads(base.read_text())["assignments"] if a["date"] == "2024-08-27"]
    attendance = tmp_path / "attendance.yaml"
    attendance.write_text(
        f'attendance:\n  - {{nrp: "{day[0]["nrp"]}", date: 2024-08-27, shift: {day[0]["shift"]}, '
        "status: absent, reason: sakit}\n",
        encoding="utf-8",
    )
    plan = ("plan", EXAMPLE, "--no-remedies", "-q")
    fits = ("who-fits", EXAMPLE, "--date", "2024-08-27", "--shift", "pagi", "--site", "kpu", "-q")
    anev = ("anev", EXAMPLE, "--plan", base, "--attendance", attendance, "-q")
    commands = [
        *((*plan, "--format", f) for f in ("table", "markdown", "csv", "json")),
        (*plan, "--by", "person"),
        *(
            ("checklist", EXAMPLE, "-q", "--format", f)
            for f in ("table", "markdown", "csv", "json")
        ),
        *((*fits, "--format", f) for f in ("table", "markdown", "json")),
        *((*anev, "--format", f) for f in ("table", "markdown", "json")),
    ]
    for args in commands:
        result = run(*args)
        _clean(result.stdout, result.stderr)
        if "markdown" in args or "csv" in args:
            assert SHOWN in result.stdout, args  # shown, not lost
        elif "json" not in args:
            assert "\\x1b[2J" in result.stdout, args
            _aligned(result.stdout)
    written = tmp_path / "plan.txt"
    run(*plan, "-o", written)
    _clean(written.read_text(encoding="utf-8"))
    assert "\\x1b[2J" in written.read_text(encoding="utf-8")
    report = tmp_path / "report.html"
    run("report", EXAMPLE, "--no-remedies", "-q", "-o", report)
    _clean(report.read_text(encoding="utf-8"))
    assert "\\x1b[2J" in report.read_text(encoding="utf-8")
    # JSON and YAML keep the very strings, in escapes a terminal does not obey.
    body = json.loads(run(*plan, "--format", "json").stdout)
    assert any(p["name"].endswith(BAD) for p in body["people"])
    for command in ("plan", "checklist"):
        said = run(command, EXAMPLE, "--no-remedies" if command == "plan" else "-q", "-f", "yaml")
        _clean(said.stdout)
        assert BAD in yaml.safe_load(said.stdout)["operation"]


def test_anev_refuses_a_control_character_in_a_csv_cell(run: Run, tmp_path: Path) -> None:
    base = tmp_path / "plan.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    a = next(a for a in json.loads(base.read_text())["assignments"] if a["date"] == "2024-08-27")
    attendance = tmp_path / "attendance.csv"
    attendance.write_text(
        f"nrp;date;shift;status;reason\n{a['nrp']};2024-08-27;{a['shift']};absent;sa\x1b[2Jkit\n",
        encoding="utf-8",
    )
    result = run(
        "anev", EXAMPLE, "--plan", base, "--attendance", attendance, "--lang", "en", code=1
    )
    _clean(result.stdout, result.stderr)
    assert (
        "attendance.csv:2:5: error: attendance[0].reason: holds the control character \\x1b at "
        "character 3; remove it"
    ) in result.stderr


def test_roster_import_tells_a_control_character_at_its_cell(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "personel.csv"
    sheet.write_text(
        "NRP;NAMA;PANGKAT;SATUAN\n79020114;Hasan\x1b[2J\u202eLologau;AKP;Bag\x00Ops\n",
        encoding="utf-8",
    )
    out = tmp_path / "roster.yaml"
    result = run("roster", "import", sheet, "-o", out, "--lang", "en", code=1)
    _clean(result.stdout, result.stderr)
    assert "personel.csv:2:2: error: holds 2 control characters (\\x1b, \\u202e)" in result.stderr
    assert "personel.csv:2:4: error: holds the control character \\x00 at character 4" in (
        result.stderr
    )
    assert not out.exists()
