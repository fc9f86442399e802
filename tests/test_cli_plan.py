"""`plan` from the command line: formats, options, exit codes, files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import CASES, EXAMPLE, Run

MINIMAL = CASES / "valid" / "minimal"
GOLDEN = Path(__file__).resolve().parent / "golden"

FORMATS = [
    ("table", "post", "en", "minimal.table.txt"),
    ("table", "person", "id", "minimal.person.id.txt"),
    ("markdown", "post", "id", "minimal.id.md"),
    ("markdown", "person", "en", "minimal.person.md"),
    ("csv", "post", "en", "minimal.csv"),
    ("csv", "person", "en", "minimal.person.csv"),
    ("json", "post", "en", "minimal.json"),
    ("yaml", "post", "en", "minimal.yaml"),
]


@pytest.mark.parametrize(("fmt", "by", "lang", "name"), FORMATS)
def test_golden_outputs(run: Run, fmt: str, by: str, lang: str, name: str) -> None:
    out = run("plan", MINIMAL, "--format", fmt, "--by", by, "--lang", lang).stdout
    golden = GOLDEN / name
    if os.environ.get("SINJAI_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_json_keeps_the_contract(run: Run) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json").stdout)
    assert list(body)[:8] == [
        "operation",
        "unit",
        "start",
        "end",
        "inputs",
        "assignments",
        "shortfalls",
        "conflicts",
    ]
    assert set(body["inputs"]) == {"operation.yaml", "roster.yaml", "arrivals.yaml"}
    assert all(v.startswith("sha256:") for v in body["inputs"].values())
    first = body["assignments"][0]
    assert list(first) == ["date", "shift", "site", "post", "skill", "nrp"]
    assert body["conflicts"] == [
        {
            "kind": "rival-overlap",
            "site": "kpu",
            "date": "2024-08-27",
            "candidates": ["paslon-1", "paslon-2"],
            "gap_minutes": 90,
        }
    ]
    assert any(a["post"].startswith("visit:") for a in body["assignments"])
    assert any(a["skill"] == "command" for a in body["assignments"])
    assert body["quality"]["status"] == "optimal"


def test_same_inputs_same_bytes(run: Run) -> None:
    first = run("plan", EXAMPLE, "--format", "json").stdout
    assert run("plan", EXAMPLE, "--format", "json").stdout == first


def test_filters(run: Run) -> None:
    body = json.loads(
        run("plan", EXAMPLE, "--format", "json", "--date", "2024-08-27", "--site", "kpu").stdout
    )
    assert {(a["date"], a["site"]) for a in body["assignments"]} == {("2024-08-27", "kpu")}


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "2024-13-01"],
        ["--date", "2030-01-01"],
        ["--site", "kpuu"],
        ["--format", "pdf"],
    ],
)
def test_misuse(run: Run, args: list[str]) -> None:
    run("plan", EXAMPLE, *args, code=2)


def test_three_files_one_by_one(run: Run) -> None:
    files = [EXAMPLE / n for n in ("operation.yaml", "roster.yaml", "arrivals.yaml")]
    assert (
        run("plan", *files, "--format", "json").stdout
        == run("plan", EXAMPLE, "--format", "json").stdout
    )


def test_two_scenarios_are_misuse(run: Run) -> None:
    run("plan", EXAMPLE, MINIMAL, code=2)


def test_invalid_input_exit_1_with_validate_messages(run: Run) -> None:
    result = run("plan", CASES / "invalid" / "cross-file", "--format", "json", code=1)
    assert result.stdout == ""
    assert "operation.yaml:4:13: error: operation.timezone: unknown time zone" in result.stderr


def test_fail_on_shortfall(run: Run) -> None:
    run("plan", EXAMPLE, "--format", "json", "--fail-on-shortfall", code=3)
    run("plan", MINIMAL, "--date", "2024-08-26", "--fail-on-shortfall", code=3)
    # The exit code speaks of what was asked for: the 27th is fully manned.
    run("plan", MINIMAL, "--date", "2024-08-27", "--fail-on-shortfall", code=0)


def test_output_file_is_written_whole(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    assert run("plan", EXAMPLE, "--format", "json", "--output", target).stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["operation"].startswith("Ops Mantap")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    table = tmp_path / "plan.txt"
    run("plan", MINIMAL, "--output", table)
    assert "\x1b[" not in table.read_text(encoding="utf-8")


def test_output_is_not_touched_when_input_is_invalid(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    run("plan", CASES / "invalid" / "cross-file", "--output", target, code=1)
    assert target.read_text(encoding="utf-8") == "old"


def test_example_in_indonesian_by_default(run: Run) -> None:
    out = run("plan", EXAMPLE, "--format", "markdown").stdout
    assert "Permintaan BKO" in out and "Selasa, 27 Agustus 2024" in out
    assert "optimal (terbukti)" in out


@pytest.mark.slow
def test_same_bytes_across_processes_and_hash_seeds() -> None:
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "sinjai_ops", "plan", str(EXAMPLE), "--format", "json"],
            capture_output=True,
            env={"PYTHONHASHSEED": seed, "NO_COLOR": "1", "PATH": ""},
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_unwritable_output_is_misuse(run: Run, tmp_path: Path) -> None:
    result = run("plan", MINIMAL, "--output", tmp_path / "no" / "such" / "plan.json", code=2)
    assert f"cannot write {tmp_path / 'no' / 'such' / 'plan.json'}: no such folder" in result.stderr
    (tmp_path / "taken").mkdir()
    run("plan", MINIMAL, "--output", tmp_path / "taken", code=2)
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]  # no temporary file left behind
