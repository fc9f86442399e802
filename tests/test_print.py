"""The workbooks as they come out of a printer: on A4, as wide as the page and never squeezed
onto one, the body text at least 8 pt, the day on every page of a day sheet. Read back twice:
the print settings by openpyxl (always), and the pages themselves by LibreOffice, when it is
installed (`apt-get install libreoffice-calc`), through poppler and Ghostscript."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime, time
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLE, Run

A4 = {"portrait": 8.27, "landscape": 11.69}
"""Inches of paper across."""


def _points(width: float) -> float:
    """Points a column takes on paper, as LibreOffice sizes Arial 10 (Excel: a pixel less)."""
    return (8 * width + 5) * 0.75


def _printed_size(ws: openpyxl.worksheet.worksheet.Worksheet) -> float:
    """The smallest size a cell's text prints at: its font's size times the scale that fitting
    the sheet to the page's width takes."""
    setup = ws.page_setup
    assert setup.paperSize == 9, ws.title  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert setup.fitToHeight == 0, f"{ws.title}: fit to width only, never onto one page"
    across = (setup.fitToWidth or 1) * (
        A4[setup.orientation] - ws.page_margins.left - ws.page_margins.right
    )
    last = ws.max_column
    widths = [8.43] * last
    for dim in ws.column_dimensions.values():
        for c in range(dim.min or 1, min(dim.max or 1, last) + 1):
            widths[c - 1] = dim.width
    wide = sum(_points(w) for w in widths)
    scale = min(1.0, across * 72 / wide)
    sizes = {
        cell.font.sz or 11
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None and cell.value != ""
    }
    return min(sizes) * scale


def _workbooks(run: Run, folder: Path) -> tuple[Path, Path]:
    plan, checklist = folder / "plotting.xlsx", folder / "daftar.xlsx"
    run("plan", EXAMPLE, "-o", plan, "-q", "--no-remedies")
    run("checklist", EXAMPLE, "-o", checklist, "-q")
    return plan, checklist


@pytest.mark.slow
def test_every_sheet_prints_on_a4_at_8_pt_or_more(run: Run, tmp_path: Path) -> None:
    plan, checklist = _workbooks(run, tmp_path)
    for path in (plan, checklist):
        for ws in openpyxl.load_workbook(path).worksheets:
            assert _printed_size(ws) >= 8, (path.name, ws.title)
            # Every page says which operation and which page it is.
            assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
    book = openpyxl.load_workbook(checklist)
    ws = book.active
    assert ws is not None
    header = [c.value for c in ws[1]]
    # Kegiatan wraps within its width: it never spills over the tick column.
    item = header.index("Kegiatan")
    assert ws.cell(2, item + 1).alignment.wrap_text
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(item + 1)].width < 60
    # Sites by the names people call them, not their ids.
    sites = {ws.cell(r, 3).value for r in range(2, ws.max_row + 1)} - {None, ""}
    assert "Kantor KPU Kabupaten Sinjai" in sites and not sites & {"kpu", "mapolres"}


def test_a_day_sheet_says_its_day_on_every_page(run: Run, tmp_path: Path) -> None:
    plan, _ = _workbooks(run, tmp_path)
    book = openpyxl.load_workbook(plan)
    ws = book["2024-08-27"]
    assert "SELASA, 27 AGUSTUS 2024" in ws.oddFooter.left.text
    assert ws.print_title_rows and ws.page_setup.orientation == "portrait"
    # A merged line that does not wrap (the kop, the Lampiran header) is wide enough for its
    # text: bold capitals take a quarter more than a column's unit, the width of a digit.
    for merged in ws.merged_cells.ranges:
        cell = ws.cell(merged.min_row, merged.min_col)
        if not cell.value or cell.alignment.wrap_text:
            continue
        text = str(cell.value)
        wide = sum(
            ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
            for c in range(merged.min_col, merged.max_col + 1)
        )
        assert wide >= len(text) * (1.25 if text.isupper() else 1.0), (text, wide)


@pytest.mark.slow
def test_the_overview_holds_numbers_and_dates_and_its_totals_outside_the_filter(
    run: Run, tmp_path: Path
) -> None:
    plan, _ = _workbooks(run, tmp_path)
    book = openpyxl.load_workbook(plan)
    ws = book["Ikhtisar"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Tanggal", "Shift", "Mulai", "Selesai"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    body = [r for r in rows if isinstance(r[0], datetime)]
    assert body and all(isinstance(r[2], time) and isinstance(r[3], time) for r in body)
    assert all(isinstance(v, int) for r in body for v in r[4 : len(header)])
    total = next(i for i, r in enumerate(rows, start=2) if r[0] == "Jumlah")
    last = int(re.findall(r"\d+", ws.auto_filter.ref)[-1])
    assert last < total, "the totals row is outside the filter"
    totals = [v for v in rows[total - 2][4 : len(header)]]
    sums = [sum(r[c] for r in body) for c in range(4, len(header))]
    assert totals == sums
    # Each shift at the first site: filled, needed and missing as the plan has them.
    plan_json = json.loads(run("plan", EXAMPLE, "--format", "json", "-q", "--no-remedies").stdout)
    site = plan_json["assignments"][0]["site"]
    for row in body:
        day, shift = row[0].date().isoformat(), row[1]
        filled = sum(
            (a["date"], a["shift"], a["site"]) == (day, shift, site)
            for a in plan_json["assignments"]
        )
        missing = sum(
            x["missing"]
            for x in plan_json["shortfalls"]
            if (x["date"], x["shift"], x["site"]) == (day, shift, site)
        )
        column = 4 + 3 * [h.split(":")[0] for h in header[4::3]].index(
            {"kpu": "Kantor KPU Kabupaten Sinjai", "mapolres": "Mapolres Sinjai"}[site]
        )
        assert row[column : column + 3] == (filled, filled + missing, missing), (day, shift)


def test_each_officers_schedule_has_start_and_end(run: Run, tmp_path: Path) -> None:
    plan, _ = _workbooks(run, tmp_path)
    ws = openpyxl.load_workbook(plan)["Jadwal per personel"]
    header = [c.value for c in ws[1]]
    start, end = header.index("Mulai"), header.index("Selesai")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert all(isinstance(r[start], time) and isinstance(r[end], time) for r in rows)
    assert {(r[start], r[end]) for r in rows} == {
        (time(6), time(14)),
        (time(14), time(22)),
        (time(22), time(6)),
    }


def _sizes(pdf: Path, page: int) -> list[float]:
    """The sizes Ghostscript reads the text of a page at, in points."""
    text = subprocess.run(
        [
            "gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=txtwrite", "-dTextFormat=0",
            f"-dFirstPage={page}", f"-dLastPage={page}", "-sOutputFile=-", str(pdf),
        ],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [float(s) for s in re.findall(r'size="([\d.]+)"', text)]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_printed_through_libreoffice(run: Run, tmp_path: Path) -> None:
    plan, checklist = _workbooks(run, tmp_path)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(plan), str(checklist)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for pdf in (tmp_path / "plotting.pdf", tmp_path / "daftar.pdf"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
        assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+|841\.\d+ x 595\.\d+", info), info
        assert (
            "Liberation"
            in subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        )  # Arial's metrics: the page is as wide as in Excel
        days = 0
        for page in range(1, pages + 1):
            text = subprocess.run(
                ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                capture_output=True, text=True,
            ).stdout  # fmt: skip
            assert re.search(r"\d+ (of|dari) \d+", text), (pdf.name, page)
            if "LAMPIRAN SURAT PERINTAH" in text:
                # A page of a day sheet: its day, in its header rows and in its footer.
                days += 1
                assert len(re.findall(r"PLOTTING PERSONEL, \w+, \d+ \w+ 2024", text)) >= 2
            elif pdf.name == "daftar.pdf":
                assert re.search(r"2024-08-\d\d", text), page  # every row its date
            if shutil.which("gs"):
                sizes = _sizes(pdf, page)
                assert sizes and min(sizes) >= 7.5, (pdf.name, page, min(sizes))
                body = max(set(sizes), key=sizes.count)  # the size most of the text has
                assert body >= 8, (pdf.name, page, body)
        if pdf.name == "plotting.pdf":
            assert days >= 7, "a page or more for every day of the operation"
