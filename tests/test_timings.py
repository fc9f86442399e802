"""`--timings`: the seconds of each stage on standard error, and nothing else changed."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLE, Run


def test_plan_timings_name_every_stage_on_stderr_and_leave_the_plan_as_it_was(run: Run) -> None:
    plain = run("plan", EXAMPLE, "--format", "json", "-q")
    timed = run("plan", EXAMPLE, "--format", "json", "-q", "--timings")
    assert timed.stdout == plain.stdout
    assert "Seconds per stage" not in plain.stderr
    for name in ("load", "demand", "solve", "naming", "remedies", "render", "total"):
        assert re.search(rf"^  {name} +\d+\.\d\d$", timed.stderr, re.MULTILINE), name


@pytest.mark.slow
def test_checklist_timings_add_the_checklist_stage(run: Run) -> None:
    plain = run("checklist", EXAMPLE, "--format", "json", "-q", "--lang", "id")
    timed = run("checklist", EXAMPLE, "--format", "json", "-q", "--timings", "--lang", "id")
    assert timed.stdout == plain.stdout
    assert timed.stderr.startswith("Detik per tahap:\n")
    for name in ("load", "solve", "checklist", "render"):
        assert re.search(rf"^  {name} +\d+\.\d\d$", timed.stderr, re.MULTILINE), name
