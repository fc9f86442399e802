"""The README's documented commands really run, and CI runs the README's test command."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import ROOT, Run

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
        line = line.split("#", 1)[0].strip()
        if line.startswith("sinjai-ops ") and "examples/sinjai-2024" in line and "-o " not in line:
            commands.append(shlex.split(line)[1:])
    return commands


@pytest.mark.parametrize("args", _documented(), ids=" ".join)
def test_documented_command_runs(
    run: Run, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    run(*args, code=0)


def test_some_commands_are_documented() -> None:
    assert len(_documented()) >= 6
