"""The annex to the Sprin as a Polres signs it: the kop and the Lampiran header, every head of
every shift (a missing one a KURANG row in its place), the signature block; in the report (and
its PDF) and in the workbook's day sheets; and the `document:` section that fills the form."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import EXAMPLE, Run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")

SHORT = "SHORT - BKO requested"
LAMPIRAN = "ANNEX TO THE DUTY ORDER (SPRIN) OF KAPOLRES SINJAI"
_TITLE = re.compile(r"^(\S+) \d\d\.\d\d-\d\d\.\d\d - (.+)$")
_NRP = re.compile(r"^(\S+)/(\d{8}|\d{18})$")

# (date, shift, filled NRPs, missing heads) of one post in one shift: a group of the annex.
Group = tuple[str, str, tuple[str, ...], int]


def _without_document(tmp_path: Path) -> Path:
    folder = tmp_path / "bare"
    shutil.copytree(EXAMPLE, folder)
    op = folder / "operation.yaml"
    text = op.read_text(encoding="utf-8")
    cut = text.index("\n# The Sprin this plotting")
    op.write_text(text[:cut] + "\n", encoding="utf-8")
    assert "document:" not in op.read_text(encoding="utf-8")
    return folder


def _wanted(body: dict[str, Any]) -> Counter[Group]:
    """Every post in every shift with its filled heads and its missing ones, from the JSON."""
    filled: dict[tuple[str, str, str, str], list[str]] = {}
    missing: Counter[tuple[str, str, str, str]] = Counter()
    for a in body["assignments"]:
        filled.setdefault((a["date"], a["shift"], a["site"], a["post"]), []).append(a["nrp"])
    for s in body["shortfalls"]:
        missing[(s["date"], s["shift"], s["site"], s["post"])] += s["missing"]
    return Counter(
        (k[0], k[1], tuple(sorted(filled.get(k, []))), missing[k])
        for k in set(filled) | set(missing)
    )


def _day_of(title: str) -> str:
    """`PLOTTING OF PERSONNEL, TUESDAY, 27 AUGUST 2024` to `2024-08-27`."""
    return datetime.strptime(title.split(", ", 2)[2].title(), "%d %B %Y").date().isoformat()


def _groups(rows: list[tuple[str, str, str]]) -> Counter[Group]:
    """Read (kind, first, second) lines: `day`, `post` titles and `head` rows (name, rank/NRP)."""
    out: Counter[Group] = Counter()
    day = shift = ""
    nrps: list[str] = []
    short = 0
    started = False

    def close() -> None:
        if started:
            out[(day, shift, tuple(sorted(nrps)), short)] += 1

    for kind, first, second in rows:
        if kind == "day":
            close()
            started = False
            day = _day_of(first)
        elif kind == "post":
            close()
            started = True
            m = _TITLE.match(first)
            assert m, first
            shift, nrps, short = m.group(1), [], 0
        elif kind == "head":
            if first == SHORT:
                assert second == "-"
                short += 1
            else:
                m = _NRP.match(second)
                assert m, second
                nrps.append(m.group(2))
    close()
    return out


def _html_rows(html: str) -> list[tuple[str, str, str]]:
    annex = html[html.index('<section class="annex">') :]
    rows = []
    for m in re.finditer(
        r'<div class="day">(.*?)</div>|<tr class="post"><td colspan="5">(.*?)</td>'
        r'|<tr(?: class="short")?><td class="n">\d+</td><td>(.*?)</td><td class="nrp">(.*?)</td>',
        annex,
    ):
        if m.group(1) is not None:
            rows.append(("day", m.group(1), ""))
        elif m.group(2) is not None:
            rows.append(("post", m.group(2), ""))
        else:
            rows.append(("head", m.group(3), m.group(4)))
    return [(k, a.replace("&#39;", "'").replace("&amp;", "&"), b) for k, a, b in rows]


def annex_sheet_rows(ws: Any) -> tuple[int, list[tuple[str, str, str]]]:
    """A day sheet of the workbook read back: the row of its columns' header, and its lines."""
    values = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(values) if r[:2] == ("No", "Name"))
    rows = [("day", str(values[header - 2][0]), "")]
    for r in values[header + 1 :]:
        if isinstance(r[0], int):
            rows.append(("head", str(r[1]), str(r[2])))
        elif isinstance(r[0], str) and _TITLE.match(r[0]):
            rows.append(("post", r[0], ""))
    return header + 1, rows


@pytest.mark.slow
def test_the_annex_lists_every_head_of_every_shift(run: Run, tmp_path: Path) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "-q", "--no-remedies").stdout)
    page = tmp_path / "report.html"
    run("report", EXAMPLE, "-o", page, "-q", "--lang", "en", "--no-remedies")
    html = page.read_text(encoding="utf-8")
    wanted = _wanted(body)
    assert _groups(_html_rows(html)) == wanted
    # The heads nobody fills are in their post's table: the reserve that nobody was plotted
    # to still has its table, its rows all KURANG.
    reserve = [s for s in body["shortfalls"] if s["post"] == "reserve"]
    filled = {(a["date"], a["shift"]) for a in body["assignments"] if a["post"] == "reserve"}
    empty = [s for s in reserve if (s["date"], s["shift"]) not in filled]
    assert empty, "the example has a reserve with nobody plotted"
    assert (empty[0]["date"], empty[0]["shift"], (), empty[0]["missing"]) in wanted
    assert html.count(f"<td>{SHORT}</td>") == sum(s["missing"] for s in body["shortfalls"])


def test_the_day_sheets_hold_the_same_rows(run: Run, tmp_path: Path) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "-q", "--no-remedies").stdout)
    book = tmp_path / "plotting.xlsx"
    run("plan", EXAMPLE, "-o", book, "-q", "--lang", "en", "--no-remedies")
    wb = openpyxl.load_workbook(book)
    seen: Counter[Group] = Counter()
    for day in sorted({a["date"] for a in body["assignments"]}):
        ws = wb[day]
        first, rows = annex_sheet_rows(ws)
        seen += _groups(rows)
        text = [str(c) for r in ws.iter_rows(values_only=True) for c in r if c is not None]
        # Kop and Lampiran header printed on every page, the signature block at the end.
        assert text[:2] == ["RAHASIA", "KEPOLISIAN NEGARA REPUBLIK INDONESIA"]
        assert {LAMPIRAN, "NUMBER : Sprin/412/VIII/2024", "DATE : 20 AUGUST 2024"} <= set(text)
        assert ws.print_title_rows == f"$1:${first}"
        assert text[-4:] == [
            "KEPALA KEPOLISIAN RESOR SINJAI",
            "ANDI MAPPATURUNG, S.I.K., M.H.",
            "AKBP NRP 72050001",
            "RAHASIA",
        ]
        assert ws.page_setup.orientation == "portrait" and ws.page_setup.paperSize == 9
        assert "&P" in ws.oddFooter.right.text and "2024" in ws.oddFooter.left.text
    assert seen == _wanted(body)


@pytest.mark.slow
def test_the_form_with_and_without_a_document_section(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "lengkap.html"
    run("report", EXAMPLE, "-o", page, "-q", "--no-remedies")
    html = page.read_text(encoding="utf-8")
    for text in (
        "KEPOLISIAN NEGARA REPUBLIK INDONESIA",
        "DAERAH SULAWESI SELATAN",
        "RESOR SINJAI",
        "LAMPIRAN SURAT PERINTAH KAPOLRES SINJAI",
        "<td>NOMOR</td><td>:</td><td>Sprin/412/VIII/2024</td>",
        "<td>TANGGAL</td><td>:</td><td>20 AGUSTUS 2024</td>",
        "<td>Dikeluarkan di</td><td>:</td><td>Sinjai</td>",
        "<td>pada tanggal</td><td>:</td><td>20 Agustus 2024</td>",
        "KEPALA KEPOLISIAN RESOR SINJAI",
        "ANDI MAPPATURUNG, S.I.K., M.H.",
        "AKBP NRP 72050001",
        "KURANG - diminta BKO",
        "<th>No</th><th>Nama</th><th>Pangkat/NRP</th><th>Jabatan dalam operasi</th><th>Ket</th>",
    ):
        assert text in html, text
    assert html.count('<div class="classification">RAHASIA</div>') >= 2
    assert "diisi tangan" not in html

    bare = _without_document(tmp_path)
    page = tmp_path / "kosong.html"
    run("report", bare, "-o", page, "-q", "--no-remedies")
    html = page.read_text(encoding="utf-8")
    assert "KEPOLISIAN NEGARA REPUBLIK INDONESIA" in html
    assert "LAMPIRAN SURAT PERINTAH ...................." in html
    assert "<td>NOMOR</td><td>:</td><td>....................</td>" in html
    assert ".................... NRP ...................." in html
    for absent in ("RESOR SINJAI", "Sprin/412", "RAHASIA", "72050001</div>"):
        assert absent not in html
    # Where each blank is filled in by hand.
    assert "Isian bertitik pada Lampiran diisi tangan" in html
    for field in ("letterhead:", "number:", "date:", "signatory.name:", "place:"):
        assert f"<li>{field}" in html
    book = tmp_path / "kosong.xlsx"
    run("plan", bare, "-o", book, "-q", "--no-remedies")
    wb = openpyxl.load_workbook(book)
    text = [str(c) for r in wb["2024-08-27"].iter_rows(values_only=True) for c in r if c]
    assert "KEPOLISIAN NEGARA REPUBLIK INDONESIA" in text and "RESOR SINJAI" not in text
    notes = [str(c) for r in wb["Ikhtisar"].iter_rows(values_only=True) for c in r if c]
    assert any("diisi tangan" in n for n in notes)


def _broken(tmp_path: Path, new: str) -> tuple[Path, int]:
    folder = tmp_path / "rusak"
    shutil.copytree(EXAMPLE, folder)
    op = folder / "operation.yaml"
    text = op.read_text(encoding="utf-8")
    start = text.index("\ndocument:\n") + 1
    op.write_text(text[:start] + new, encoding="utf-8")
    return folder, text[:start].count("\n") + 1  # the line of `document:`


def test_a_bad_document_field_is_reported_where_it_is(run: Run, tmp_path: Path) -> None:
    folder, line = _broken(
        tmp_path,
        "document:\n"
        "  letterhead: [DAERAH SULAWESI SELATAN, RESOR SINJAI]\n"
        "  date: 20-08-2024\n"
        "  signatory: {name: X, rank: AKPB, nrp: '7205001', jabatan: Kapolres}\n",
    )
    out = run("validate", folder, "--lang", "en", "--format", "json", code=1).stdout
    problems = {p["path"]: p for p in json.loads(out)["problems"] if p["severity"] == "error"}
    where = {k: (Path(p["file"]).name, p["line"]) for k, p in problems.items()}
    assert where["document.date"] == ("operation.yaml", line + 2)
    assert "year first: write 2024-08-20" in problems["document.date"]["message"]
    assert where["document.signatory.rank"] == ("operation.yaml", line + 3)
    assert "unknown rank 'AKPB'" in problems["document.signatory.rank"]["message"]
    assert "7 digits" in problems["document.signatory.nrp"]["message"]
    assert "document.signatory.jabatan" in problems
    text = run("validate", folder, "--lang", "en", code=1).stdout
    assert f"operation.yaml:{line + 2}:" in text


def test_a_document_that_disagrees_with_the_operation_is_warned(run: Run, tmp_path: Path) -> None:
    folder, line = _broken(
        tmp_path,
        "document:\n"
        "  letterhead: [KEPOLISIAN NEGARA REPUBLIK INDONESIA, RESOR SINJAI]\n"
        "  date: 2024-08-25\n"
        "  signatory: {rank: AKP, nrp: '72050001'}\n",
    )
    out = run("validate", folder, "--lang", "en", "--format", "json").stdout
    warned = {p["path"]: p for p in json.loads(out)["problems"] if p["severity"] == "warning"}
    assert warned["document.letterhead[0]"]["line"] == line + 1
    assert "always printed first" in warned["document.letterhead[0]"]["message"]
    assert "after the operation starts (2024-08-24)" in warned["document.date"]["message"]
    assert "the rank AKBP, not AKP" in warned["document.signatory.rank"]["message"]


@pytest.mark.slow
def test_the_first_page_says_officers_per_day_and_nothing_of_solvers(
    run: Run, tmp_path: Path
) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "-q", "--no-remedies").stdout)
    page = tmp_path / "report.html"
    run("report", EXAMPLE, "-o", page, "-q", "--lang", "en", "--no-remedies")
    html = page.read_text(encoding="utf-8")
    cover = html[html.index('<section class="cover">') : html.index('<section class="day">')]
    for word in ("Solver", "optimal", "Moves between sites", "Heads needed"):
        assert word not in cover
    assert "Shift-posts needed" in cover and "Officers on duty" in cover
    people: dict[str, set[str]] = {}
    heads: Counter[str] = Counter()
    for a in body["assignments"]:
        people.setdefault(a["date"], set()).add(a["nrp"])
        heads[a["date"]] += 1
    short: Counter[str] = Counter()
    for s in body["shortfalls"]:
        short[s["date"]] += s["missing"]
    rows = re.findall(
        r'<tr><td class="nrp">\w+ (\d+ \w+)</td><td class="n">(\d+)</td>'
        r'<td class="n">(\d+)</td><td class="n">(\d+)</td><td class="n[^"]*">(\d+)</td></tr>',
        cover,
    )
    got = {
        datetime.strptime(f"{d} 2024", "%d %b %Y").date().isoformat(): tuple(map(int, r))
        for d, *r in rows
    }
    assert got == {
        d: (len(people.get(d, ())), heads[d] + short[d], heads[d], short[d])
        for d in sorted({a["date"] for a in body["assignments"]})
    }
    # The operation's total counts people once, not once a shift: far fewer than its heads.
    total = re.search(
        r'<tr class="total"><td>Total</td><td class="n">(\d+)</td><td class="n">(\d+)', cover
    )
    assert total and total.groups() == (
        str(len({a["nrp"] for a in body["assignments"]})),
        str(sum(heads.values()) + sum(short.values())),
    )
    assert int(total.group(1)) < sum(heads.values()) / 2
    # The solver's figures are kept, at the end, in a technical note.
    technical = html[
        html.index('<section class="technical">') : html.index('<section class="annex">')
    ]
    assert "Solver" in technical and "optimal (proven)" in technical


def _pdf(page: Path, tmp_path: Path) -> list[str]:
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.slow
@pytest.mark.skipif(not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils")
def test_the_printed_annex_repeats_its_header_and_ends_signed(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    run("report", EXAMPLE, "-o", page, "-q", "--lang", "en", "--no-remedies")
    pages = _pdf(page, tmp_path)
    holding = [
        i
        for i, p in enumerate(pages)
        if SHORT in p or re.search(r"\b[A-Z][a-z]+/\d{8}\b", p)  # a head's row
    ]
    assert len(holding) >= 7  # a week of plotting does not fit a page
    for i in holding:
        text = pages[i]
        for line in ("KEPOLISIAN NEGARA REPUBLIK INDONESIA", "RESOR SINJAI", LAMPIRAN):
            assert line in text, (i, line)
        assert re.search(r"NUMBER\s+:\s+Sprin/412/VIII/2024", text), i
        assert re.search(r"PLOTTING OF PERSONNEL, \w+, \d+ AUGUST 2024", text), i
    assert holding[-1] == len(pages) - 1
    last = pages[-1]
    for line in ("KEPALA KEPOLISIAN RESOR SINJAI", "ANDI MAPPATURUNG", "AKBP NRP 72050001"):
        assert line in last
    assert re.search(r"Issued at\s+:\s+Sinjai", last)
    assert date(2024, 8, 20).strftime("%d August %Y").lstrip("0") in last


def test_the_annex_reads_in_the_order_of_a_sprin(run: Run, tmp_path: Path) -> None:
    book = tmp_path / "plotting.xlsx"
    run("plan", EXAMPLE, "-o", book, "-q", "--no-remedies")
    ws = openpyxl.load_workbook(book)["2024-08-27"]
    values = [r for r in ws.iter_rows(values_only=True)]
    posts = [str(r[0]) for r in values if isinstance(r[0], str) and _TITLE.match(r[0])]
    kpu = [p.split(" - ", 1)[1] for p in posts if p.startswith("pagi")][:8]
    assert kpu[0] == "Ruang pendaftaran"  # ring 1
    assert kpu[1].startswith("Pengamanan kunjungan Paslon 1")  # the paslon teams
    assert kpu[2].startswith("Pengamanan kunjungan Paslon 2")
    assert kpu[3:5] == ["Gedung dan pintu masuk", "Penjagaan kantor KPU"]  # ring 2
    assert kpu[5] == "Perimeter dan arus lalu lintas Jl. Persatuan Raya"  # ring 3
    assert kpu[6:8] == ["Sterilisasi gedung (Jibom)", "Pos kesehatan"]  # no ring
    mapolres = [p.split(" - ", 1)[1] for p in posts if p.startswith("pagi")][8:]
    assert mapolres[-1] == "Cadangan"  # the reserve last
    # In each post the head of post first, then the members, the senior first within a skill.
    ranks = [
        "Bharada", "Bharatu", "Bharaka", "Abripda", "Abriptu", "Abrip", "Bripda", "Briptu",
        "Brigpol", "Bripka", "Aipda", "Aiptu", "Ipda", "Iptu", "AKP", "Kompol", "AKBP",
    ]  # fmt: skip
    group: list[tuple[str, str]] = []
    for r in [*values, (None,)]:
        if isinstance(r[0], int):
            group.append((str(r[2]), str(r[3])))
            continue
        if group:
            jobs = [j for _, j in group]
            heads = [i for i, j in enumerate(jobs) if j == "Ka Pos"]
            assert heads in ([], [0]), jobs
            for skill in set(jobs) - {"Ka Pos"}:
                seen = [
                    ranks.index(rn.split("/")[0]) for rn, j in group if j == skill and rn != "-"
                ]
                assert seen == sorted(seen, reverse=True), (skill, group)
                rows = [rn for rn, j in group if j == skill]
                assert rows == sorted(rows, key=lambda rn: rn == "-")  # KURANG after the filled
        group = []
