"""The habits of a command-line tool: help, version, formats by extension, permissions,
devices, dates for cron, quiet runs, and usage errors that say what exists."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from sinjai_ops.cli import arguments
from tests.conftest import EXAMPLE, Run


def test_h_and_version(run: Run) -> None:
    assert "Usage:" in run("-h").stdout
    assert "Usage:" in run("plan", "-h").stdout
    assert run("--version").stdout.startswith("sinjai-ops ")


COMMANDS = [
    ["validate"],
    ["plan"],
    ["checklist"],
    ["who-fits"],
    ["anev"],
    ["init"],
    ["report"],
    ["schema"],
    ["roster", "import"],
    ["roster", "export"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_names_what_to_type_not_python_types(run: Run, command: list[str]) -> None:
    text = run(*command, "-h").stdout
    for notation in ("<", "{", "list[", "Path]", "x>=", "<str>", "<float"):
        assert notation not in text, (notation, text)
    usage = text.splitlines()[0]
    assert f" {' '.join(command)} [OPTIONS]" in usage, usage


def test_option_errors_are_plain_words(run: Run) -> None:
    err = run("plan", EXAMPLE, "--time-limit", "0", code=2).stderr
    assert "'--time-limit': must be at least 0.1" in err
    err = run("plan", EXAMPLE, "--time-limit", "soon", code=2).stderr
    assert "'--time-limit': must be a number" in err
    err = run("plan", EXAMPLE, "--format", "pdf", code=2).stderr
    assert "Value error" not in err and "'pdf' is not one of 'table', 'markdown'" in err


def test_a_required_option_left_out_is_named_in_the_runs_language(run: Run) -> None:
    err = run("--lang", "id", "batch", EXAMPLE, code=2).stderr
    assert "Invalid value" not in err
    assert "kesalahan: -o OUTDIR wajib diberikan; lihat: " in err and "batch -h" in err
    err = run("batch", EXAMPLE, code=2).stderr
    assert "error: -o OUTDIR is required; see: " in err
    assert "--plan PLAN.json is required" in run("anev", EXAMPLE, code=2).stderr
    assert "--date DATE is required" in run("who-fits", EXAMPLE, code=2).stderr


def test_the_format_follows_the_output_extension(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    run("plan", EXAMPLE, "-o", out, "--no-remedies", "-q")
    assert out.read_text(encoding="utf-8").startswith("date,shift,site,post,skill,nrp")
    out = tmp_path / "plan.json"
    run("plan", EXAMPLE, "-o", out, "--no-remedies", "-q")
    assert json.loads(out.read_text(encoding="utf-8"))["assignments"]
    err = run(
        "plan", EXAMPLE, "-o", tmp_path / "x.csv", "--format", "json", "--lang", "en", code=2
    ).stderr
    assert "--format json does not match the output" in err
    assert not (tmp_path / "x.csv").exists()
    listed = tmp_path / "list.yaml"
    run("checklist", EXAMPLE, "-o", listed, "-q")
    assert listed.read_text(encoding="utf-8").startswith("operation: ")


def test_files_get_the_users_permissions(run: Run, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "plan.md"
        run("plan", EXAMPLE, "-o", out, "--no-remedies", "-q")
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_a_device_is_written_to_not_replaced(run: Run) -> None:
    before = os.stat("/dev/null")
    run("plan", EXAMPLE, "-o", "/dev/null", "--format", "json", "--no-remedies", "-q")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and before.st_ino == after.st_ino


@pytest.mark.parametrize("word, day", [("today", "2024-08-27"), ("besok", "2024-08-28")])
def test_date_today_and_tomorrow_in_the_operations_zone(
    run: Run, monkeypatch: pytest.MonkeyPatch, word: str, day: str
) -> None:
    # 23:30 UTC on the 26th is 07:30 on the 27th in Makassar.
    monkeypatch.setattr(
        arguments, "now", lambda: datetime.fromisoformat("2024-08-26T23:30:00+00:00")
    )
    body = json.loads(
        run("plan", EXAMPLE, "--date", word, "--format", "json", "--no-remedies", "-q").stdout
    )
    assert {a["date"] for a in body["assignments"]} == {day}


def test_a_date_outside_the_operation_is_a_usage_error_everywhere(run: Run) -> None:
    for command in ("plan", "checklist"):
        err = run(command, EXAMPLE, "--date", "2024-09-01", "-q", "--lang", "en", code=2).stderr
        assert "it runs from 2024-08-24 to 2024-08-30" in err
    assert (
        "not a date"
        in run("checklist", EXAMPLE, "--date", "kemarin", "--lang", "en", code=2).stderr
    )


def test_unknown_site_and_owner_list_what_exists(run: Run) -> None:
    err = run(
        "plan", EXAMPLE, "--site", "kpuu", "-q", "--no-remedies", "--lang", "en", code=2
    ).stderr
    assert "did you mean 'kpu'?" in err and "there are: kpu, mapolres" in err
    err = run("checklist", EXAMPLE, "--owner", "Sat Brimob", "-q", "--lang", "en", code=2).stderr
    assert "owns no item" in err and "Sat Intelkam" in err


def test_quiet_and_the_reason_for_exit_3(run: Run) -> None:
    loud = run("plan", EXAMPLE, "--format", "json", "--no-remedies", "--lang", "en")
    assert f"8 warnings; see: sinjai-ops validate {EXAMPLE}" in loud.stderr
    # The operation says `language: id`: its notes are Indonesian unless --lang says otherwise.
    told = run("plan", EXAMPLE, "--format", "json", "--no-remedies")
    assert f"8 peringatan; lihat: sinjai-ops validate {EXAMPLE}" in told.stderr
    quiet = run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q")
    assert quiet.stderr == ""
    args = ("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "--fail-on-shortfall")
    failed = run(*args, "--lang", "en", code=3)
    assert "26 heads missing" in failed.stderr
    assert "2024-08-27 malam Mapolres Sinjai: Reserve (cadangan) Dalmas: 1 missing" in failed.stderr
    assert "kurang 26 personel" in run(*args, code=3).stderr


def test_init_makes_a_scenario_that_validates_and_plans(run: Run, tmp_path: Path) -> None:
    for lang in ("en", "id"):
        folder = tmp_path / lang
        run("init", folder, "--lang", lang)
        verdict = run("validate", folder).stdout
        assert verdict.startswith("valid:" if lang == "en" else "sah:"), verdict
        body = json.loads(run("plan", folder, "--format", "json", "-q").stdout)
        assert body["quality"]["status"] == "optimal"
        err = run("init", folder, code=2).stderr
        assert "never overwrites" in err
    assert "# operation.yaml: operasi" in (tmp_path / "id" / "operation.yaml").read_text(
        encoding="utf-8"
    )


def test_the_language_follows_the_environment_when_nothing_else_says(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    op = folder / "operation.yaml"
    op.write_text(op.read_text(encoding="utf-8").replace("  language: id\n", ""), encoding="utf-8")
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert "Ikhtisar" in run("plan", folder, "--view", "overview", "-q", "--no-remedies").stdout
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "Overview" in run("plan", folder, "--view", "overview", "-q", "--no-remedies").stdout
