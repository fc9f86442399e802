"""The report's pictures read without the text around them: the staffing picture gives
headcounts against the need, its hours in the operation's clock (jam WITA) and a legend, on the
timeline's hours and in its order of sites; the visits carry their times. Printed by Chromium,
no table starts a page without the heading or caption that names it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run
from tests.test_report import CHROMIUM, POPPLER


def _day(html: str, title: str) -> tuple[str, str]:
    """The timeline and the staffing picture of one day of the report."""
    section = html[html.index(f"<h2>{title}</h2>") :]
    svgs = re.findall(r"<svg.*?</svg>", section, flags=re.S)
    return svgs[0], svgs[1]


def _texts(svg: str) -> list[str]:
    """The words a picture draws, in the order it draws them."""
    return [
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r"<text[^>]*>.*?</text>", svg, flags=re.S)
    ]


@pytest.mark.slow
def test_the_pictures_say_what_they_show(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    run("report", EXAMPLE, "-o", page, "-q", "--no-remedies", "--lang", "en")
    html = page.read_text(encoding="utf-8")
    timeline, staffing = _day(html, "Tuesday, 27 August 2024")
    drawn = _texts(staffing)
    # The hours in the operation's clock, the same on both pictures.
    assert "Hour (WITA)" in drawn and "Hour (WITA)" in _texts(timeline)
    # A legend, and the headcount against the need where heads are missing.
    assert {"Need", "Officers on duty", "Missing"} <= set(drawn)
    assert "45/55" in drawn and "5/14" in drawn
    # The visits with their times.
    said = " ".join(_texts(timeline))
    assert "Paslon 1 09.00-11.30" in said and "Paslon 2 13.00-15.00" in said


@pytest.mark.slow
@pytest.mark.skipif(not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils")
def test_printed_the_sites_stand_in_one_order_and_no_table_loses_its_title(
    run: Run, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    run("report", EXAMPLE, "-o", page, "-q", "--no-remedies", "--lang", "en")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    day = next(p for p in pages if re.search(r"^\s*Tuesday, 27 August 2024\s*$", p, re.M))
    pictures = day[: day.index("Reinforcement")]
    # Top to bottom, the timeline's sites and then the staffing picture's, in one order.
    order = re.findall(r"Kantor KPU Kabupaten Sinjai|Mapolres Sinjai", pictures)
    assert order == ["Kantor KPU Kabupaten Sinjai", "Mapolres Sinjai"] * 2, order
    # No page ends on a heading or a caption: it stands on the page of its table.
    html = page.read_text(encoding="utf-8")
    titles = {
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r"<(?:h2|h3|caption)>(.*?)</(?:h2|h3|caption)>", html, flags=re.S)
    }
    for number, body in enumerate(pages, start=1):
        lines = [x.strip() for x in body.splitlines() if x.strip()]
        lines = [x for x in lines if not re.fullmatch(r"\d+ / \d+|RAHASIA.*", x)]
        if lines:
            assert lines[-1] not in titles, (number, lines[-1])
