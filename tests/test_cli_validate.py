"""`validate` and `schema` from the command line: exit codes and formats scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CASES, EXAMPLE, Run

BAD = CASES / "invalid" / "times" / "arrivals.yaml"


def test_example_is_valid_with_warnings(run: Run) -> None:
    result = run("validate", "--lang", "en", EXAMPLE, code=0)
    assert "valid:" in result.stdout
    assert "warning: candidates[0].visits[1].arrive: rivals paslon-1 and paslon-2" in result.stdout


def test_invalid_gives_exit_1_and_every_problem(run: Run) -> None:
    result = run("validate", "--lang", "en", BAD, code=1)
    assert result.stdout.count(": error: ") == 9
    for line in result.stdout.splitlines()[:-1]:
        file, line_no, column, _ = line.split(":", 3)
        assert file.endswith("arrivals.yaml") and int(line_no) > 0 and int(column) > 0


def test_several_paths_at_once(run: Run) -> None:
    result = run("validate", "--lang", "en", EXAMPLE, BAD, code=1)
    assert "rivals paslon-1 and paslon-2" in result.stdout
    assert "'hihg' is not one of" in result.stdout


def test_json_format(run: Run) -> None:
    body = json.loads(run("validate", "--lang", "en", "--format", "json", BAD, code=1).stdout)
    assert body["valid"] is False and body["errors"] == 9
    first = body["problems"][0]
    assert set(first) == {"file", "line", "column", "path", "message", "severity"}


def test_github_format_escapes_as_the_runner_requires(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "roster,a.yaml"
    bad.write_text("personnel:\n  - nrp: 123\n    name: 50%\n", encoding="utf-8")
    out = run("validate", "--lang", "en", "--format", "github", bad, code=1).stdout
    assert out.startswith("::error file=")
    assert "roster%2Ca.yaml,line=2,col=10::personnel[0].nrp: NRP '123'" in out
    assert "\x1b" not in out


def test_github_format_chosen_in_actions(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("validate", "--lang", "en", BAD, code=1).stdout.startswith("::error file=")


def test_no_colour_codes_when_not_a_terminal(run: Run) -> None:
    assert "\x1b[" not in run("validate", "--lang", "en", BAD, code=1).stdout


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "/no/such/folder"],
        ["validate", "--format", "xml", str(EXAMPLE)],
        ["no-such-command"],
    ],
)
def test_misuse_gives_exit_2(run: Run, args: list[str]) -> None:
    run(*args, code=2)


def test_single_roster_is_checked_on_its_own(run: Run) -> None:
    result = run("validate", "--lang", "en", EXAMPLE / "roster.yaml", code=0)
    # Drill warnings need the operation's dates; alone, the roster only has its own checks.
    assert "drill" not in result.stdout


def test_operation_policy_override_is_checked(run: Run, tmp_path: Path) -> None:
    for name in ("roster.yaml", "arrivals.yaml"):
        (tmp_path / name).write_bytes((EXAMPLE / name).read_bytes())
    text = (EXAMPLE / "operation.yaml").read_text(encoding="utf-8")
    (tmp_path / "operation.yaml").write_text(
        text.replace("rest: {min_rest_hours: 10}", "rest: {min_rest_hour: 10}"), encoding="utf-8"
    )
    out = run("validate", "--lang", "en", tmp_path, code=1).stdout
    assert "unknown field 'min_rest_hour'; did you mean 'min_rest_hours'?" in out
    assert "operation.yaml:" in out.splitlines()[0]


def test_missing_file_in_scenario_folder(run: Run, tmp_path: Path) -> None:
    (tmp_path / "roster.yaml").write_bytes((EXAMPLE / "roster.yaml").read_bytes())
    out = run("validate", "--lang", "en", tmp_path, code=1).stdout
    assert "has no operation.yaml" in out and "has no arrivals.yaml" in out


def test_schema_describes_times_as_a_pattern(run: Run, tmp_path: Path) -> None:
    run("schema", "--output", tmp_path, code=0)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "arrivals.schema.json",
        "operation.schema.json",
        "roster.schema.json",
        "units.schema.json",
    ]
    arrivals = (tmp_path / "arrivals.schema.json").read_text(encoding="utf-8")
    assert '"format": "time"' not in arrivals
    visit = json.loads(arrivals)["$defs"]["Visit"]["properties"]
    text, number = visit["arrive"]["anyOf"]
    assert text["pattern"].startswith("^")
    # An unquoted 11.30 is a number to an editor: the schema says it is read as a time.
    assert number == {"type": "number", "minimum": 0, "maximum": 23.59}
    assert "11.00" in visit["arrive"]["description"]
    operation = json.loads((tmp_path / "operation.schema.json").read_text(encoding="utf-8"))
    policy = operation["properties"]["policy"]
    assert set(policy["properties"]) >= {"rest", "reserve", "visits", "priorities"}
    # An override names only what it changes: nothing in it is required.
    assert "required" not in json.dumps(operation["$defs"]["RestPolicy"])
    roster = json.loads((tmp_path / "roster.schema.json").read_text(encoding="utf-8"))
    assert "from" in roster["$defs"]["Leave"]["properties"]


def test_schema_is_stable(run: Run) -> None:
    assert run("schema").stdout == run("schema").stdout


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "sinjai_ops", "validate", str(BAD)],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": ""},
        check=False,
    )
    assert done.returncode == 1 and "hihg" in done.stdout
