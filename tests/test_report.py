"""The printable report, opened as a person opens it: in a real browser (headless Chromium)
that prints it to an A4 PDF; the PDF's text is read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


@pytest.mark.slow
def test_the_report_is_one_self_contained_file_with_the_same_bytes(
    run: Run, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    run("report", EXAMPLE, "-o", first, "-q")
    run("report", EXAMPLE, "-o", second, "-q")
    html = first.read_text(encoding="utf-8")
    assert html == second.read_text(encoding="utf-8")
    # Nothing fetched from the network (namespaces are names, not downloads), no JavaScript.
    assert "<script" not in html
    for fetch in ('src="http', "src='http", 'href="http', "url(http", "@import"):
        assert fetch not in html
    assert html.count("<svg") == 2 * 7 + 1  # a timeline and a staffing picture a day, a histogram
    assert "LAMPIRAN SURAT PERINTAH KAPOLRES SINJAI" in html


@pytest.mark.slow
@pytest.mark.skipif(not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils")
def test_the_report_prints_to_a4_with_every_day_site_and_the_annex(
    run: Run, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    run("report", EXAMPLE, "-o", page, "-q", "--lang", "en")
    pdf, shot = tmp_path / "report.pdf", tmp_path / "report.png"
    browser = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    subprocess.run(
        [*browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=180,
    )
    subprocess.run(
        [*browser, f"--screenshot={shot}", "--window-size=1240,1754", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert shot.stat().st_size > 10_000
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    assert "A4" in info.stdout and pages >= 1 + 7 + 2  # cover, a page a day, BKO and the rest
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for day in ("24 August 2024", "27 August 2024", "30 August 2024"):
        assert day in text
    for site in ("Kantor KPU Kabupaten Sinjai", "Mapolres Sinjai"):
        assert site in text
    assert "ANNEX TO THE DUTY ORDER (SPRIN)" in text and f"1 / {pages}" in text
