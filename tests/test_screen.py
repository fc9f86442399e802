"""The officer's screen of 80 x 40: a plan longer than it goes through the pager on a terminal
(never when piped or written to a file); who-fits says who can go and, of the others, how many
are kept by each reason."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run


@pytest.fixture
def paged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A pager that keeps what it is given in a file."""
    kept = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"sh -c {shlex.quote(f'cat > {kept}')}")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "40")
    return kept


@pytest.mark.slow
def test_a_long_plan_goes_through_the_pager_on_a_terminal(
    run: Run, paged: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sinjai_ops.cli.output.on_a_terminal", lambda: True)
    shown = run("plan", EXAMPLE, "-q", "--no-remedies", "--lang", "en")
    assert shown.stdout == ""
    text = paged.read_text(encoding="utf-8")
    assert text.startswith("Duty plan: ") and text.count("\n") > 40
    paged.unlink()
    # --no-pager, and a file: never through the pager.
    direct = run("plan", EXAMPLE, "-q", "--no-remedies", "--lang", "en", "--no-pager")
    assert direct.stdout == text and not paged.exists()
    run("plan", EXAMPLE, "-q", "--no-remedies", "-o", tmp_path / "plan.txt")
    assert not paged.exists()
    # A plan that fits the screen is printed as it is.
    short = run("plan", EXAMPLE, "-q", "--no-remedies", "--view", "overview", "--date",
                "2024-08-24", "--site", "kpu")  # fmt: skip
    assert short.stdout.count("\n") < 40 and not paged.exists()


def test_never_a_pager_when_piped(run: Run, paged: Path) -> None:
    # The test's runner is not a terminal, as a pipe is not.
    shown = run("plan", EXAMPLE, "-q", "--no-remedies", "--lang", "en")
    assert shown.stdout.startswith("Duty plan: ") and not paged.exists()


def test_who_fits_counts_the_others_by_reason(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    ask = ("who-fits", EXAMPLE, "--date", "2024-08-27", "--shift", "pagi", "--site", "kpu",
           "--skill", "dalmas", "-q", "--lang", "en")  # fmt: skip
    body = json.loads(run(*ask, "--format", "json").stdout)
    short = run(*ask).stdout
    lines = short.splitlines()
    assert len(lines) < 15, short
    counts: dict[str, int] = {}
    for entry in body["not"]:
        counts[entry["code"]] = counts.get(entry["code"], 0) + 1
    assert f"- {counts['busy']} on other heads" in lines
    assert f"- {counts['rest']} resting" in lines
    assert f"- {counts['drill']} drill too old" in lines
    assert not any(entry["nrp"] in short for entry in body["not"])
    # --all lists every one of them, with why.
    everyone = run(*ask, "--all").stdout
    assert all(entry["nrp"] in everyone for entry in body["not"])
    markdown = run(*ask, "--format", "markdown").stdout
    assert f"- {counts['busy']} on other heads" in markdown
    listed = run(*ask, "--format", "markdown", "--all").stdout
    assert all(entry["nrp"] in listed for entry in body["not"])
    # JSON, for scripts, always holds everyone.
    assert len(body["not"]) == sum(counts.values()) > 5
