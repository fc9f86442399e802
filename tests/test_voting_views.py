"""The voting day in every view a user of the plan reads: the overview per kecamatan at the
terminal (80 columns, in the first 40 lines) and in Markdown, the CSV and each officer's
calendar, the report's page per kecamatan with its BKO request, the Sprin's annex per Polsek in
the report and the workbook, and the checklist of the day; in both languages. The plan is the
registration example's with a voting day laid onto it (tests/voting_fixture.py)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from rich.console import Console

from sinjai_ops.checklists import make_checklist
from sinjai_ops.models.checklist import Checklist
from sinjai_ops.render.plan_csv import as_csv
from sinjai_ops.render.plan_ics import as_ics
from sinjai_ops.render.plan_markdown import as_markdown
from sinjai_ops.render.plan_table import as_table
from sinjai_ops.render.plan_xlsx import as_xlsx
from sinjai_ops.render.report_html import as_html
from sinjai_ops.render.view import View
from sinjai_ops.report import report_data
from tests.conftest import EXAMPLE, Run
from tests.voting_fixture import PADAL, registration, voting_plan, voting_scenario

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


def _screen(view: View) -> list[str]:
    console = Console(width=80, record=True, color_system=None, file=io.StringIO())
    console.print(as_table(voting_plan(), view))
    return console.export_text().splitlines()


@pytest.mark.parametrize("summary", [False, True])
def test_the_kecamatan_overview_is_on_the_first_screen_at_80_columns(summary: bool) -> None:
    lines = _screen(View(lang="id", summary_only=summary))
    first = "\n".join(lines[:40])
    assert "Hari pemungutan suara, Rab 27 Nov: TPS per kecamatan" in first
    utara = next(line for line in lines[:40] if line.startswith(" Sinjai Utara"))
    # TPS, groups, officers filled of needed (one missing), Linmas, the Padal by name.
    assert utara.split()[2:7] == ["7", "3", "5/6", "-1", "14"]
    assert "Ipda Fadli Lologau" in utara
    pulau = next(line for line in lines[:40] if line.startswith(" Pulau Sembilan"))
    assert "0/2 -2" in pulau and "TIDAK ADA - BKO" in pulau
    assert "Personel TPS yang diminta BKO: 4 (3 baris)" in first
    assert max(len(line) for line in lines) <= 80


def test_the_terminal_names_every_tps_officer_and_the_bko_lines() -> None:
    lines = _screen(View(lang="en"))
    text = "\n".join(lines)
    assert "Kecamatan Sinjai Utara (Polsek Sinjai Utara)" in text
    # An officer a row, his rank, name and NRP on one line; the category under the desa.
    row = next(line for line in lines if "Bripda Fadli Amir" in line)
    assert row.split()[:3] == ["Lappa", "001", "Bripda"] and row.split()[-1] == "85094482"
    assert lines[lines.index(row) + 1].split()[:2] == ["highly", "vulnerable"]
    assert "1 missing - BKO" in text
    assert "BKO request for TPS officers per kecamatan and category" in text


def _md_rows(text: str) -> list[list[str]]:
    """The cells of every row of every table of a Markdown text."""
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def test_markdown_has_the_overview_the_groups_and_the_bko_request() -> None:
    text = as_markdown(voting_plan(), View(lang="id"))
    rows = _md_rows(text)
    assert [
        "Sinjai Utara",
        "Polsek Sinjai Utara",
        "7",
        "3",
        "5/6 -1",
        "14",
        "Ipda Fadli Lologau (96043350)",
    ] in rows
    assert "Pengamanan TPS 06:30-23:00" in text
    assert ["Pulau Sembilan", "Padal", "1", "2024-11-27 06:30", "2024-11-27 23:00", "40"] in rows
    assert [
        "Balangnipa",
        "rawan",
        "001, 002",
        "Bripda Muh. Fadli (01040117); Bripda Andi Sanusi (78063390)",
        "",
    ] in rows
    assert ["Lappa", "sangat rawan", "001", "Bripda Fadli Amir (85094482)", "**1**"] in rows
    summary = as_markdown(voting_plan(), View(lang="en", summary_only=True))
    assert "## Voting day, Wednesday, 27 November 2024: TPS per kecamatan" in summary


def test_the_csv_lists_every_tps_head_filled_or_missing() -> None:
    rows = list(csv.reader(io.StringIO(as_csv(voting_plan(), View(lang="id")))))
    tps = [r for r in rows if r[1] == "TPS"]
    assert [
        "2024-11-27",
        "TPS",
        "Sinjai Utara",
        "Lappa: TPS 001",
        "Pam TPS (sangat rawan)",
        "85094482",
        "Bripda",
        "Fadli Amir",
        "",
    ] in tps
    assert ["Pulau Sembilan", "Padal", "1"] in [[r[2], r[3], r[8]] for r in tps]
    assert sum(int(r[8] or 0) for r in tps) == 4  # 2 + 1 TPS heads and one Padal
    people = list(csv.reader(io.StringIO(as_csv(voting_plan(), View(lang="en", by="person")))))
    assert any(r[0] == PADAL and r[5] == "TPS" and r[7] == "Padal" for r in people)


def test_each_officers_calendar_holds_the_tps_duty() -> None:
    files = as_ics(voting_plan(), View(lang="id"))
    text = files["85094482-Fadli-Amir.ics"].decode().replace("\r\n ", "")
    event = text[text.index("UID:85094482-2024-11-27-tps") - 400 :]
    assert "DTSTART;TZID=Asia/Makassar:20241127T063000" in event
    assert "DTEND;TZID=Asia/Makassar:20241127T230000" in event
    assert "LOCATION:Lappa: TPS 001\\, Kecamatan Sinjai Utara" in text
    # The Padal, on no shift of the registration, gets his calendar for the voting day.
    padal = next(v for k, v in files.items() if k.startswith(PADAL)).decode()
    assert "SUMMARY:Padal Kecamatan Sinjai Utara mulai pukul 06:30" in padal
    assert "LOCATION:Kecamatan Sinjai Utara" in padal and "20241127T063000" in padal


def _report(lang: str) -> str:
    scenario, demand, _ = registration()
    scenario = voting_scenario()
    plan = voting_plan()
    checklist = make_checklist(scenario, demand, plan, scenario.checklists)
    return as_html(report_data(scenario, demand, plan, checklist), View(lang=lang))


@pytest.mark.slow
def test_the_report_has_a_page_per_kecamatan_and_the_tps_bko_request() -> None:
    html = _report("id")
    pages = html.split('<section class="kecamatan">')[1:]
    assert len(pages) == 2
    utara = next(p for p in pages if "<h2>Kecamatan Sinjai Utara</h2>" in p)
    assert "Ipda Fadli Lologau (96043350)" in utara
    assert "<div>Bripda Fadli Amir (85094482)</div>" in utara
    assert '<div class="conflict">kurang 1 - BKO</div>' in utara
    assert '<span class="nrp">Lappa: 2</span>' in utara  # Linmas of the desa
    pulau = next(p for p in pages if "Kecamatan Pulau Sembilan" in p)
    assert '<td class="conflict">TIDAK ADA - BKO</td>' in pulau
    assert '<td class="conflict">0/2 -2</td>' in pulau  # the officers, two missing
    cover = html[: html.index('<section class="kecamatan">')]
    assert "Permintaan BKO personel TPS per kecamatan dan kategori" in cover
    assert (
        '<td>Pulau Sembilan</td><td>kurang rawan</td><td class="n conflict">2</td>'
        '<td class="nrp">2024-11-27 06:30</td><td class="nrp">2024-11-27 23:00</td>'
        '<td class="n">10</td>'
    ) in cover
    annex = html[html.index('<section class="annex">') :]
    assert "PLOTTING PERSONEL PENGAMANAN TPS, POLSEK SINJAI UTARA, RABU, 27 NOVEMBER 2024" in annex
    assert '<td>Fadli Lologau</td><td class="nrp">Ipda/96043350</td>' in annex


@pytest.mark.slow
@pytest.mark.skipif(not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils")
def test_the_kecamatan_pages_print_each_on_its_own_page(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_report("en"), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            str(page),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    pages = text.stdout.split("\f")
    kecamatan = [p for p in pages if "Kecamatan Sinjai Utara\n" in p and "Linmas are not" in p]
    assert len(kecamatan) == 1
    assert "Ipda Fadli Lologau (96043350)" in kecamatan[0]
    assert "highly vulnerable" in kecamatan[0] and "1 missing - BKO" in kecamatan[0]
    annex = [p for p in pages if "PLOTTING OF TPS PERSONNEL, POLSEK SINJAI UTARA" in p]
    assert len(annex) == 1 and "Bripda/85094482" in annex[0] and "SHORT - BKO requested" in annex[0]


def test_the_workbook_has_a_printable_sheet_per_polsek(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(as_xlsx(voting_plan(), View(lang="id")))
    book = openpyxl.load_workbook(path)
    ws = book["TPS Polsek Sinjai Utara"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert [1, "Fadli Amir", "Bripda/85094482", "Pam TPS (sangat rawan)", "Polsek"] in cells
    assert [2, "KURANG - diminta BKO", "-", "Pam TPS (sangat rawan)", ""] in cells
    assert any(r[0] == "06.30-23.00 - Padal Kecamatan Sinjai Utara" for r in cells)
    assert ws.print_title_rows and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    fonts = {(c.font.name, c.font.sz) for row in ws.iter_rows() for c in row if c.value}
    assert fonts == {("Arial", 10)}
    assert "TPS Polsek Pulau Sembilan" in book.sheetnames
    overview = [[c.value for c in row] for row in book["TPS - Kecamatan"].iter_rows()]
    assert overview[2][:8] == ["Sinjai Utara", "Polsek Sinjai Utara", 7, 3, 6, 5, 1, 14]
    bko = [[c.value for c in row] for row in book["BKO TPS"].iter_rows()]
    assert ["Sinjai Utara", "sangat rawan", 1, "2024-11-27 06:30", "2024-11-27 23:00", 30] in bko
    schedule = [[c.value for c in row] for row in book["Jadwal per personel"].iter_rows()]
    assert any(r[0] == "85094482" and r[5] == "TPS" and r[9] == "Lappa: TPS 001" for r in schedule)


def _checklist() -> Checklist:
    scenario, demand, _ = registration()
    scenario = voting_scenario()
    return make_checklist(scenario, demand, voting_plan(), scenario.checklists)


def test_the_checklist_of_the_voting_day() -> None:
    items = [i for i in _checklist().items if i.due.month == 11]
    at = {(f"{i.due:%d %b %H:%M}", i.template, i.owner.name) for i in items}
    assert ("26 Nov 08:00", "apel-serpas-tps", "Andi Mappaturung") in at  # H-1, the Kapolres
    assert ("27 Nov 06:30", "personel-di-tps", "Fadli Lologau") in at  # the Padal
    for template in ("laporan-tps-ditutup",):
        assert ("27 Nov 13:00", template, "Fadli Lologau") in at
    for template in ("laporan-penghitungan-selesai", "pengawalan-kotak-ke-ppk", "jadwal-jaga-ppk"):
        assert ("27 Nov 23:00", template, "Fadli Lologau") in at
    report = next(
        i for i in items if i.template == "personel-di-tps" and "Sinjai Utara" in i.text["id"]
    )
    assert "sudah berada di TPS masing-masing pukul 06:30" in report.text["id"]
    assert "is at their TPS by 06:30" in report.text["en"]
    # Where no perwira is free, the head of the Polsek that covers the kecamatan owns it.
    pulau = next(
        i for i in items if i.template == "personel-di-tps" and "Pulau Sembilan" in i.text["id"]
    )
    assert pulau.owner.unit == "Polsek Pulau Sembilan" and pulau.owner.role == "unit-head"
    for item in items:
        for lang in ("id", "en"):
            assert "{" not in item.text[lang] and item.text[lang]


def test_no_voting_items_without_a_voting_section() -> None:
    scenario, demand, plan = registration()
    items = make_checklist(scenario, demand, plan, scenario.checklists).items
    assert not [i for i in items if i.due.month == 11 or "TPS" in i.text["en"]]


def test_a_part_of_another_day_or_one_site_shows_no_voting_day() -> None:
    plan = voting_plan()
    other = as_markdown(plan.only(day=date(2024, 8, 27)), View(lang="en"))
    site = as_csv(plan.only(site="mapolres"), View(lang="en"))
    assert "TPS per kecamatan" not in other and ",TPS," not in site
    voting = as_markdown(plan.only(day=date(2024, 11, 27)), View(lang="en"))
    assert "TPS per kecamatan" in voting and "Bripda Fadli Amir (85094482)" in voting


def test_every_head_filled_is_not_said_while_tps_heads_are_missing() -> None:
    plan = voting_plan().model_copy(update={"reinforcements": [], "shortfalls": []})
    for text in (as_markdown(plan, View(lang="en")), "\n".join(_screen(View(lang="en")))):
        assert "BKO request for TPS officers per kecamatan and category" in text
    assert "Every head is filled." not in as_markdown(plan, View(lang="en"))
    console = Console(width=80, record=True, color_system=None, file=io.StringIO())
    console.print(as_table(plan, View(lang="en")))
    assert "Every head is filled." not in console.export_text()


VOTING_EXAMPLE = EXAMPLE.parent / "sinjai-2024-pemungutan"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "yaml"])
def test_the_voting_examples_checklist_in_every_format(run: Run, fmt: str) -> None:
    out = run("checklist", VOTING_EXAMPLE, "--format", fmt, "--date", "2024-11-27").stdout
    flat = " ".join(out.split())
    assert "Kecamatan Pulau Sembilan" in flat and "Kecamatan Sinjai Utara" in flat
    assert "sudah berada di TPS masing-masing pukul 06:30" in flat  # the example speaks id


def test_the_voting_examples_serpas_roll_call_on_h_minus_1(run: Run) -> None:
    for lang, words in (
        ("id", "untuk 427 TPS di 9 kecamatan"),
        ("en", "for 427 TPS in 9 kecamatan"),
    ):
        out = run(
            "checklist", VOTING_EXAMPLE, "--format", "json", "--date", "2024-11-26", "--lang", lang
        ).stdout
        items = [i for i in json.loads(out)["items"] if i["template"] == "apel-serpas-tps"]
        assert [i["due"] for i in items] == ["2024-11-26T08:00:00+08:00"]
        assert words in items[0]["text"]


def test_the_ppk_guard_rota_runs_until_the_ppk_posts_end(run: Run) -> None:
    out = run(
        "checklist", VOTING_EXAMPLE, "--format", "json", "--date", "2024-11-27", "--lang", "en"
    ).stdout
    rota = [i for i in json.loads(out)["items"] if i["template"] == "jadwal-jaga-ppk"]
    assert len(rota) == 9 and {i["due"] for i in rota} == {"2024-11-27T23:00:00+08:00"}
    # The example guards every PPK warehouse until 3 December, the end of the kecamatan recap.
    assert all("guard planned until 2024-12-03" in i["text"] for i in rota)


def test_each_officers_schedule_ends_with_his_tps_duty() -> None:
    text = as_markdown(voting_plan(), View(lang="id", by="person"))
    mine = text[text.index("### Bripda Fadli Amir (85094482)") :].split("###")[1]
    rows = _md_rows(mine)
    assert rows[-1] == [
        "2024-11-27",
        "TPS",
        "Sinjai Utara",
        "Lappa: TPS 001",
        "Pam TPS (sangat rawan)",
    ]


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("soffice") and POPPLER), reason="needs LibreOffice and poppler-utils"
)
def test_the_polsek_sheets_print_on_a4_through_libreoffice(tmp_path: Path) -> None:
    book = tmp_path / "plotting.xlsx"
    book.write_bytes(as_xlsx(voting_plan(), View(lang="id")))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "plotting.pdf"
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout.split("\f")
    title = "PLOTTING PERSONEL PENGAMANAN TPS, POLSEK SINJAI UTARA, RABU, 27 NOVEMBER 2024"
    polsek = [(n, p) for n, p in enumerate(pages, start=1) if title in p]
    assert len(polsek) == 1
    page, text = polsek[0]
    # The title above the columns and in the footer; every head, the missing one in its place.
    assert text.count(title) == 2
    for nrp in ("Ipda/96043350", "Bripda/01040117", "Bripda/85094482"):
        assert nrp in text
    assert "KURANG - diminta BKO" in text and "Padal Kecamatan Sinjai Utara" in text
    if shutil.which("gs"):
        ghost = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=txtwrite", "-dTextFormat=0"]
        pages_of = [f"-dFirstPage={page}", f"-dLastPage={page}", "-sOutputFile=-", str(pdf)]
        read = subprocess.run([*ghost, *pages_of], capture_output=True, text=True, check=True)
        sizes = [float(s) for s in re.findall(r'size="([\d.]+)"', read.stdout)]
        assert sizes and min(sizes) >= 7.5


def test_the_reserve_of_any_skill_is_said_in_indonesian() -> None:
    from sinjai_ops.render.labels import skill_label

    # The voting day's reserve takes heads of any skill (`any`): the BKO table says so,
    # capitalised as the skills beside it (Samapta, Dalmas).
    assert skill_label("id", "any") == "Apa saja"
    assert skill_label("en", "any") == "Any"


def test_an_overview_of_many_sites_is_cut_into_bands_at_80_columns(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The voting example has 12 sites (KPU, Bawaslu, Mapolres and nine PPK warehouses): at 80
    # columns they do not fit in one table; no cell is cut to an ellipsis.
    monkeypatch.setenv("COLUMNS", "80")
    out = run("plan", VOTING_EXAMPLE, "--no-remedies").stdout
    overview = out[out.index("Ikhtisar") : out.index("Jabatan-shift adalah")]
    assert "…" not in overview
    assert max(len(line) for line in overview.splitlines()) <= 80
    for name in ("Mapolres", "Tellulimpoe", "Bulupoddo", "Sembilan"):
        assert name in overview
    assert overview.count("Jumlah") >= 3  # every band has its totals


def test_an_empty_tps_bko_sheet_says_every_head_is_filled(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(as_xlsx(voting_plan().model_copy(update={"tps_shortfalls": []}), View()))
    values = [c.value for row in openpyxl.load_workbook(path)["BKO TPS"].iter_rows() for c in row]
    assert "Every TPS head and every Padal is filled." in values


@pytest.fixture(scope="module")
def voting_json() -> dict[str, Any]:
    from sinjai_ops import pipeline
    from sinjai_ops.render.plan_json import as_json

    planned = pipeline.plan([VOTING_EXAMPLE], remedies=False)
    assert planned.plan is not None
    return dict(json.loads(as_json(planned.plan, View())))


def test_the_kapolres_summary_counts_the_tps_officers(
    run: Run, voting_json: dict[str, Any]
) -> None:
    """On the voting day the officers on duty are those of its shifts and those at the TPS and
    as Padal, each once; the operation's heads are the plan's quality figures."""
    out = run("plan", VOTING_EXAMPLE, "--view", "summary", "--format", "markdown", "-q")
    rows = _md_rows(out.stdout)
    day = next(r for r in rows if r[0] == "Rab 27 Nov")
    duty = {a["nrp"] for a in voting_json["assignments"] if a["date"] == "2024-11-27"}
    duty |= {n for g in voting_json["tps_groups"] for n in g["officers"]}
    duty |= {p["nrp"] for p in voting_json["padal"] if p["nrp"]}
    assert int(day[1]) == len(duty) > 200
    total = next(r for r in rows if r[0] == "**Jumlah**")
    quality = voting_json["quality"]
    assert [int(total[2]), int(total[3])] == [quality["heads_needed"], quality["heads_filled"]]


@pytest.mark.slow
def test_the_voting_examples_report_has_each_kecamatan_and_its_padal(
    run: Run, tmp_path: Path, voting_json: dict[str, Any]
) -> None:
    page = tmp_path / "laporan.html"
    run("report", VOTING_EXAMPLE, "-o", page, "-q", "--no-remedies")
    html = page.read_text(encoding="utf-8")
    pages = html.split('<section class="kecamatan">')[1:]
    assert len(pages) == 9
    names = {p["nrp"]: p["name"] for p in voting_json["people"]}
    for duty in voting_json["padal"]:
        mine = next(p for p in pages if f"<h2>Kecamatan {duty['kecamatan']}</h2>" in p)
        assert f"{names[duty['nrp']]} ({duty['nrp']})" in mine
    annex = html[html.index('<section class="annex">') :]
    assert annex.count("PLOTTING PERSONEL PENGAMANAN TPS, POLSEK ") == 9


def test_a_long_lampiran_line_wraps_instead_of_running_off_the_page(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(as_xlsx(voting_plan(), View(lang="en")))
    book = openpyxl.load_workbook(path)
    for name in ("TPS Polsek Sinjai Utara", "2024-08-27"):
        ws = book[name]
        cell = ws["D2"]
        assert cell.value == "ANNEX TO THE DUTY ORDER (SPRIN) OF KAPOLRES SINJAI"
        # Wider than the two columns it is merged over: wrapped, on a row two lines high.
        assert cell.alignment.wrap_text and ws.row_dimensions[2].height >= 26


def test_the_voting_examples_padal_owns_his_kecamatans_items(
    run: Run, voting_json: dict[str, Any]
) -> None:
    out = run("checklist", VOTING_EXAMPLE, "--format", "json", "--date", "2024-11-27").stdout
    items = [i for i in json.loads(out)["items"] if i["template"] == "personel-di-tps"]
    assert {i["due"] for i in items} == {"2024-11-27T06:30:00+08:00"}
    for duty in voting_json["padal"]:
        mine = next(i for i in items if f"Kecamatan {duty['kecamatan']} (" in i["text"])
        assert mine["owner"]["role"] == "padal" and mine["owner"]["nrp"] == duty["nrp"]


def test_the_json_days_count_the_tps_and_padal_heads_as_the_quality_does() -> None:
    """A script summing `days` gets the plan's own figures: the voting day's TPS and Padal
    heads are in them, as in `quality` and in every view."""
    import json
    import subprocess
    import sys

    run = subprocess.run(
        [
            *(sys.executable, "-m", "sinjai_ops", "plan", "examples/sinjai-2024-pemungutan"),
            *("--format", "json", "--no-remedies", "-q"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    plan = json.loads(run.stdout)
    assert sum(d["heads"] for d in plan["days"]) == plan["quality"]["heads_needed"]
    assert sum(d["filled"] for d in plan["days"]) == plan["quality"]["heads_filled"]
    voting = next(d for d in plan["days"] if d["date"] == "2024-11-27")
    tps_officers = {n for g in plan["tps_groups"] for n in g["officers"]}
    assert voting["officers"] >= len(tps_officers)
