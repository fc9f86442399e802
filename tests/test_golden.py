"""Golden cases: every folder under tests/cases/{valid,invalid}/ with its expected output.

A case folder holding all three files is validated as a scenario, else each file on its own.
Set SINJAI_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import CASES, Run

CASE_DIRS = sorted(p for p in CASES.glob("*/*") if p.is_dir())


def _inputs(case: Path) -> list[str]:
    files = sorted(case.glob("*.yaml"))
    rel = [os.path.relpath(f) for f in files]
    return [os.path.relpath(case)] if len(files) == 3 else rel


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES.parents[1])
    expected_code = 0 if case.parent.name == "valid" else 1
    result = run("validate", *_inputs(case), code=expected_code)
    expected = case / "expected.txt"
    if os.environ.get("SINJAI_UPDATE_GOLDEN"):
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def test_inputs_are_never_changed(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES.parents[1])
    before = {p: p.read_bytes() for p in CASES.rglob("*.yaml")}
    for case in CASE_DIRS:
        run("validate", *_inputs(case), code=0 if case.parent.name == "valid" else 1)
    assert {p: p.read_bytes() for p in CASES.rglob("*.yaml")} == before
