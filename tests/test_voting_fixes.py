"""The voting day's checklist, BKO request and documents as the Kabag Ops reads them: every
missing head counted (TPS officers too), no registration-day filler on the voting day, the
night's escort of the ballot boxes as the plan has it, labels in the reader's language."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import typer

from sinjai_ops.checklists import make_checklist
from sinjai_ops.cli.planning import _exit_on_shortfall
from sinjai_ops.models.checklist import Checklist
from sinjai_ops.models.plan import Plan
from sinjai_ops.models.voting import Tps
from sinjai_ops.render.plan_names import head_label, post_name
from sinjai_ops.render.plan_xlsx import as_xlsx
from sinjai_ops.render.view import View
from tests.conftest import EXAMPLE, Run
from tests.voting_fixture import registration, voting_plan, voting_scenario


def _checklist() -> Checklist:
    _, demand, _ = registration()
    scenario = voting_scenario()
    return make_checklist(scenario, demand, voting_plan(), scenario.checklists)


def test_the_bko_request_counts_the_missing_tps_officers_and_padal() -> None:
    plan = voting_plan()
    total = sum(r.missing for r in plan.reinforcements) + 4  # 1 Padal, 2 + 1 TPS officers
    item = next(i for i in _checklist().items if i.template == "permintaan-bko")
    assert f"untuk {total} personel" in item.text["id"]
    assert f"for {total} officers" in item.text["en"]
    assert "2024-11-27 TPS Kecamatan Pulau Sembilan, kurang rawan: 2" in item.text["id"]
    assert "2024-11-27 TPS of Kecamatan Sinjai Utara, highly vulnerable: 1" in item.text["en"]
    assert "Pulau Sembilan, Padal: 1" in item.text["id"]


def test_exit_3_names_the_missing_tps_officers(capsys: pytest.CaptureFixture[str]) -> None:
    plan = voting_plan()
    total = sum(r.missing for r in plan.reinforcements) + 4
    with pytest.raises(typer.Exit):
        _exit_on_shortfall(plan, "en")
    err = " ".join(capsys.readouterr().err.split())
    assert f"{total} heads missing" in err
    assert "2024-11-27 TPS Pulau Sembilan, less vulnerable: 2 missing" in err


def _without_visits(island: bool) -> Checklist:
    """The voting fixture as a voting-day scenario: no candidate visits, a TPS list whose
    Pulau Sembilan TPS are (or are not) reached by boat."""
    _, demand, _ = registration()
    scenario = voting_scenario()
    tps = [
        Tps(
            kecamatan=g.kecamatan,
            desa=g.desa,
            tps=n,
            voters=200,
            category=g.category,
            island=island and g.kecamatan == "Pulau Sembilan",
        )
        for g in voting_plan().tps_groups
        for n in g.tps
    ]
    arrivals = scenario.arrivals.model_copy(update={"candidates": []})
    scenario = scenario.model_copy(update={"arrivals": arrivals, "tps": tps})
    # No visits: no rivals and no visit team short.
    plan = voting_plan().model_copy(
        update={"conflicts": [], "reinforcements": [], "shortfalls": []}
    )
    return make_checklist(scenario, demand, plan, scenario.checklists)


def test_the_voting_day_checklist_has_no_registration_filler() -> None:
    items = _without_visits(island=True).items
    for item in items:
        text = item.text["id"]
        assert "pendaftaran paslon" not in text and "kedatangan" not in text, text
        assert "kunjungan" not in text, text
    templates = {i.template for i in items}
    assert {"rakor-pengamanan-tps", "netralitas-propam-tps", "apel-shift-pos"} <= templates
    assert not {"rakor-pengamanan", "netralitas-propam", "apel-shift"} & templates
    # The registration days keep their items about the candidates' arrivals.
    registration_items = {i.template for i in _checklist().items}
    assert {"rakor-pengamanan", "netralitas-propam", "apel-shift"} <= registration_items
    assert not {"netralitas-propam-tps", "apel-shift-pos"} & registration_items


def test_the_island_tps_officers_cross_by_boat_on_h_minus_1() -> None:
    boat = [
        i for i in _without_visits(island=True).items if i.template == "penyeberangan-tps-pulau"
    ]
    assert len(boat) == 1  # Pulau Sembilan only
    assert f"{boat[0].due:%Y-%m-%d %H:%M}" == "2024-11-26 07:00"
    assert "Kecamatan Pulau Sembilan (Pulau Padaelo TPS 001, 002, 003, 004)" in boat[0].text["id"]
    assert "perahu" in boat[0].text["id"] and "by boat" in boat[0].text["en"]
    assert not [i for i in _without_visits(island=False).items if "perahu" in i.text["id"]]


VOTING_EXAMPLE = EXAMPLE.parent / "sinjai-2024-pemungutan"


def test_the_box_escort_names_the_nights_ppk_posts_as_the_plan_fills_them(run: Run) -> None:
    plan = json.loads(run("plan", VOTING_EXAMPLE, "--format", "json", code=None).stdout)
    out = run(
        "checklist", VOTING_EXAMPLE, "--format", "json", "--date", "2024-11-27", "--lang", "id"
    ).stdout
    items = [i for i in json.loads(out)["items"] if i["template"] == "pengawalan-kotak-ke-ppk"]
    assert len(items) == 9
    for item in items:
        assert "oleh personel TPS" not in item["text"]  # they rest after 23:00
    night = ("2024-11-27", "malam", "ppk-bulupoddo")
    for post, name in (
        ("ppk-bulupoddo-kawal", "Pengawalan kotak suara dari TPS/PPS ke PPK"),
        ("ppk-bulupoddo-jaga", "Penjagaan gudang dan rekapitulasi PPK (1 x 24 jam)"),
    ):
        key = (*night, post)
        nrps = [
            a["nrp"]
            for a in plan["assignments"]
            if (a["date"], a["shift"], a["site"], a["post"]) == key
        ]
        missing = sum(
            s["missing"]
            for s in plan["shortfalls"]
            if (s["date"], s.get("shift"), s.get("site"), s.get("post")) == key
        )
        said = (
            f"{name} (Gudang PPK Bulupoddo, shift malam): {len(nrps)}/{len(nrps) + missing} terisi"
        )
        bulupoddo = next(i["text"] for i in items if "PPK Kecamatan Bulupoddo" in i["text"])
        flat = " ".join(bulupoddo.split())
        assert said in flat
        assert all(n in flat for n in nrps)
        assert (f"{missing} diminta BKO" in flat) == bool(missing)


def test_tps_without_officers_and_missing_officers_are_counted_apart() -> None:
    items = [i for i in _checklist().items if i.template == "personel-di-tps"]
    pulau = next(i.text for i in items if "Pulau Sembilan" in i.text["id"])
    # 4 TPS in a group of 2 heads, nobody plotted.
    assert "TPS tanpa personel: 4; personel yang masih kurang (diminta BKO): 2." in pulau["id"]
    assert "TPS without any officer: 4; officers still missing (asked of the BKO): 2." in (
        " ".join(pulau["en"].split())
    )
    utara = next(i.text["id"] for i in items if "Sinjai Utara" in i.text["id"])
    assert "TPS tanpa personel: 0; personel yang masih kurang (diminta BKO): 1." in utara


def test_the_bko_item_says_skills_and_posts_as_people_call_them() -> None:
    plan = voting_plan()
    item = next(i for i in _checklist().items if i.template == "permintaan-bko")
    skills = sorted({r.skill for r in plan.reinforcements})
    assert skills == ["dalmas"]
    assert "personel (Apa saja, Dalmas)" in item.text["id"]  # TPS heads take any skill
    assert "officers (Any, Dalmas)" in item.text["en"]
    for r in plan.reinforcements:
        site = plan.names.sites.get(r.site, r.site)
        post = post_name(plan, r.post, "id")
        assert r.post not in post
        assert f"di {site}, {post}: Dalmas {r.missing}" in item.text["id"]
    assert ": dalmas " not in item.text["id"] and " any " not in item.text["en"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext")


@pytest.mark.slow
@pytest.mark.skipif(not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils")
def test_the_printed_linmas_paragraph_stays_on_its_kecamatans_page(
    run: Run, tmp_path: Path
) -> None:
    page = tmp_path / "r.html"
    run("report", VOTING_EXAMPLE, "-o", page)
    pdf = tmp_path / "r.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            f"--print-to-pdf={pdf}",
            str(page),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    linmas = [p for p in text.stdout.split("\f") if "Linmas bukan anggota Polri" in p]
    assert len(linmas) == 9  # one page per kecamatan
    for p in linmas:
        # The kecamatan's title (h2, at the line's start) and its figures on the same page.
        assert re.search(r"^Kecamatan \S", p, re.M) and "Padal (perwira" in p, p[:400]


def _sheets(plan: Plan, lang: str, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(as_xlsx(plan, View(lang=lang)))
    return openpyxl.load_workbook(path)


@pytest.mark.slow
def test_the_workbook_has_no_empty_rival_sheet_without_candidates(tmp_path: Path) -> None:
    plan = voting_plan()
    names = plan.names.model_copy(update={"candidates": {}})
    voting = plan.model_copy(update={"conflicts": [], "names": names})
    assert "Potensi konflik antar paslon" not in _sheets(voting, "id", tmp_path).sheetnames
    # Candidates who meet nowhere: the sheet says so instead of headers alone.
    calm = plan.model_copy(update={"conflicts": []})
    sheet = _sheets(calm, "en", tmp_path)["Rival conflicts"]
    assert sheet.cell(2, 3).value == "none: no rival candidates meet at one site on one day"
    assert "Potensi konflik antar paslon" in _sheets(plan, "id", tmp_path).sheetnames


@pytest.mark.slow
def test_the_voting_reserves_perwira_leader_is_a_danton(run: Run, tmp_path: Path) -> None:
    out = run(
        "plan",
        VOTING_EXAMPLE,
        "--format",
        "markdown",
        "--date",
        "2024-11-27",
        "--lang",
        "id",
        code=None,
    ).stdout
    reserve = [line for line in out.splitlines() if line.startswith("| Cadangan")]
    leaders = [line for line in reserve if "Danton" in line or "Danru" in line]
    assert leaders and all("| Danton " in line for line in leaders), leaders
    # The Sprin's annex of that day says so too; a reserve led by a bintara keeps its Danru.
    page = tmp_path / "r.html"
    run("report", VOTING_EXAMPLE, "-o", page, "--lang", "id")
    html = page.read_text(encoding="utf-8")
    assert "Danton" in html and "Danru" not in html
    assert head_label("id", "reserve", "command") == "Danru"
    assert head_label("en", "reserve", "command", led_by_perwira=True) == "Platoon leader"
