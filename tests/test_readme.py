"""The README's documented commands really run, and CI runs the README's test command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import ROOT, Run

pytestmark = pytest.mark.slow

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    install_and_plan, tests = _quick_start()
    assert "pip install" in install_and_plan
    assert install_and_plan.endswith("sinjai-ops plan examples/sinjai-2024")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def _documented() -> list[list[str]]:
    commands = []
    for line in README.splitlines():
        line = line.split("  #", 1)[0].strip()
        if line.startswith("sinjai-ops ") and "examples/sinjai-2024" in line:
            commands.append(shlex.split(line)[1:])
    return commands


def test_documented_commands_run_in_order(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # In a fresh folder holding the examples, as a reader would run them one after the other
    # (the plan written with -o is the baseline of a later command).
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    commands = _documented()
    assert len(commands) >= 10
    for args in commands:
        run(*args, code=0)
    assert (tmp_path / "plan.json").is_file()
