"""The Kapolres' page at the terminal and in Markdown: per day the officers and shift-posts, the
conflicts and the BKO request by post, and nothing about the solver."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_summary_view_holds_the_days_the_conflicts_and_the_bko(run: Run, fmt: str) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "-q").stdout)
    out = run("plan", EXAMPLE, "--view", "summary", "--format", fmt, "-q", "--lang", "en").stdout
    flat = " ".join(out.replace("|", " ").split())
    # Every day that needs anyone, with its officers and shift-posts as the JSON counts them.
    for day in body["days"]:
        if day["heads"]:
            figures = f"{day['officers']} {day['heads']} {day['filled']} {day['bko']}"
            assert figures in flat, (day, flat[:400])
    assert "Rival conflicts" in out
    assert body["reinforcements"] and "Reinforcement (BKO) request" in out
    # The Kapolres reads people and posts, not the solver's figures or the detail tables.
    for solver in ("optimal", "Solver", "weighted", "The plan's quality", "Overview"):
        assert solver not in out, solver
    assert not re.search(r"\w+day, \d+ August 2024 - pagi", out)  # no detail table
    full = run("plan", EXAMPLE, "-q", "--lang", "en").stdout
    assert re.search(r"\w+day, \d+ August 2024 - pagi", full)


def test_markdown_opens_with_the_summary(run: Run) -> None:
    out = run("plan", EXAMPLE, "--format", "markdown", "-q", "--lang", "en").stdout
    assert out.index("## Summary") < out.index("## Overview")


def test_the_workbook_opens_with_the_summary(run: Run, tmp_path: Path) -> None:
    import openpyxl

    body = json.loads(run("plan", EXAMPLE, "--format", "json", "-q").stdout)
    book = tmp_path / "plotting.xlsx"
    run("plan", EXAMPLE, "-o", book, "-q", "--lang", "en")
    sheet = openpyxl.load_workbook(book).worksheets[0]
    assert sheet.title == "Summary"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    days = [d for d in body["days"] if d["heads"]]
    for day, row in zip(days, rows, strict=False):
        # Dates and numbers as values, not text.
        assert (row[0].date().isoformat(), *row[1:5]) == (
            day["date"],
            day["officers"],
            day["heads"],
            day["filled"],
            day["bko"],
        )
    # The totals stand outside the filter.
    total = rows[len(days)]
    assert total[0] == "Total" and total[2] == sum(d["heads"] for d in days)
    assert sheet.auto_filter.ref == f"A1:E{len(days) + 1}"
