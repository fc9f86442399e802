"""The documents the operation runs on, read back as a person's tools would read them: the
workbook by its library, the calendars by theirs."""

from __future__ import annotations

import errno
import json
import os
from collections import Counter
from pathlib import Path

import icalendar
import openpyxl
import pytest

from tests.conftest import EXAMPLE, Run
from tests.test_sprin import annex_sheet_rows


@pytest.mark.slow
def test_the_workbook_holds_every_assignment_of_the_json_plan(run: Run, tmp_path: Path) -> None:
    book = tmp_path / "plotting.xlsx"
    run("plan", EXAMPLE, "-o", book, "-q", "--lang", "en")
    again = tmp_path / "again.xlsx"
    run("plan", EXAMPLE, "-o", again, "-q", "--lang", "en")
    assert book.read_bytes() == again.read_bytes()
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "-q").stdout)
    names = {p["nrp"]: p for p in body["people"]}
    wb = openpyxl.load_workbook(book)
    days = sorted({a["date"] for a in body["assignments"]})
    assert wb.sheetnames[:2] == ["Summary", "Overview"] and all(d in wb.sheetnames for d in days)
    seen: Counter[tuple[str, str, str, str]] = Counter()
    for day in days:
        ws = wb[day]
        first, rows = annex_sheet_rows(ws)  # the Sprin's annex: see test_sprin.py
        assert ws.freeze_panes == f"A{first + 1}" and ws.print_title_rows == f"$1:${first}"
        shift = ""
        for kind, text, rank_nrp in rows:
            if kind == "post":
                shift = text.split()[0]
            elif kind == "head" and rank_nrp != "-":
                rank, nrp = rank_nrp.split("/")
                assert len(nrp) == 8  # NRP text, zeros kept
                assert text == names[nrp]["name"]
                seen[(day, shift, nrp, rank)] += 1
    wanted = Counter(
        (a["date"], a["shift"], a["nrp"], names[a["nrp"]]["rank"]) for a in body["assignments"]
    )
    assert seen == wanted


@pytest.mark.slow
def test_one_calendar_per_officer_with_an_event_per_shift(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "kalender"
    run("plan", EXAMPLE, "--format", "ics", "-o", folder, "-q")
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "-q").stdout)
    shifts = Counter(a["nrp"] for a in body["assignments"])
    files = {p.name.split("-", 1)[0]: p for p in folder.iterdir()}  # NRP-Name.ics
    assert sorted(files) == sorted(shifts)
    for nrp, count in shifts.items():
        cal = icalendar.Calendar.from_ical(files[nrp].read_bytes())
        events = [c for c in cal.walk("VEVENT")]
        assert len(events) == count
        assert all(str(e["DTSTART"].dt.tzinfo) == "Asia/Makassar" for e in events)
    one = tmp_path / "satu"
    nrp = next(iter(shifts))
    run("plan", EXAMPLE, "--format", "ics", "-o", one, "--officer", nrp, "-q")
    assert [p.name for p in one.iterdir()] == [files[nrp].name]
    assert "give -o" in run("plan", EXAMPLE, "--format", "ics", "-q", "--lang", "en", code=2).stderr


@pytest.mark.slow
def test_the_checklist_workbook(run: Run, tmp_path: Path) -> None:
    book = tmp_path / "daftar.xlsx"
    run("checklist", EXAMPLE, "-o", book, "-q", "--lang", "en")
    body = json.loads(run("checklist", EXAMPLE, "--format", "json", "-q", "--lang", "en").stdout)
    ws = openpyxl.load_workbook(book).active
    assert ws is not None
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(body["items"])
    assert [r[6] for r in rows] == [i["text"] for i in body["items"]]
    assert rows[0][0].date().isoformat() == body["items"][0]["due"][:10]


@pytest.mark.slow
def test_the_structure_of_the_operation_reaches_the_documents(run: Run, tmp_path: Path) -> None:
    book = tmp_path / "plotting.xlsx"
    run("plan", EXAMPLE, "-o", book, "-q", "--lang", "id", "--no-remedies")
    ws = openpyxl.load_workbook(book)["2024-08-27"]
    # The Ket column of the annex names the task force (Satgas) of each head.
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    forces = {str(r[4]).split("; ")[0] for r in rows}
    assert {"Satgas Preventif", "Satgas Kamseltibcarlantas"} <= forces
    page = tmp_path / "report.html"
    run("report", EXAMPLE, "-o", page, "-q", "--no-remedies")
    html = page.read_text(encoding="utf-8")
    assert "Struktur operasi" in html and "Karendal Ops: AKP Hasanuddin Lologau (79020114)" in html


def test_a_checklist_item_owned_by_a_role_of_the_structure(run: Run, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    op = folder / "operation.yaml"
    op.write_text(
        op.read_text(encoding="utf-8")
        + """
checklists:
  - id: anev-harian
    anchor: {kind: day, at: "21:00"}
    owner: {role: operation-role, unit: Karendal Ops}
    text: {id: "Anev harian.", en: "Daily evaluation."}
""",
        encoding="utf-8",
    )
    body = json.loads(run("checklist", folder, "--format", "json", "-q").stdout)
    owners = {i["owner"]["nrp"] for i in body["items"] if i["template"] == "anev-harian"}
    assert owners == {"79020114"}


MINIMAL = Path(__file__).resolve().parent / "cases" / "valid" / "minimal"


def _full_disk_after(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """The disk fills up once `n` calendars are written."""
    from sinjai_ops.cli import output

    real = output._write_new
    written = []

    def write(path: Path, data: bytes, mode: int) -> None:
        if len(written) >= n:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data, mode)
        written.append(path)

    monkeypatch.setattr(output, "_write_new", write)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_calendars_are_written_all_or_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "kalender"
    with monkeypatch.context() as patch:
        _full_disk_after(patch, 2)
        result = run("plan", MINIMAL, "--format", "ics", "-o", folder, "-q", code=2)
    assert "cannot write" in result.stderr and "no space left on the device" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert list(tmp_path.iterdir()) == []  # no folder, no temporary folder left behind

    run("plan", MINIMAL, "--format", "ics", "-o", folder, "-q")
    before = _tree(folder)
    assert len(before) > 2
    (folder / "00000000.ics").write_bytes(b"an officer who is no longer plotted")
    stale = _tree(folder)
    with monkeypatch.context() as patch:
        _full_disk_after(patch, 2)
        run("plan", MINIMAL, "--format", "ics", "-o", folder, "-q", code=2)
    assert _tree(folder) == stale  # the old calendars, every one, untouched
    assert [p.name for p in tmp_path.iterdir()] == ["kalender"]

    run("plan", MINIMAL, "--format", "ics", "-o", folder, "-q")
    assert _tree(folder) == before  # replaced as a whole: the stale calendar is gone


def test_a_folder_holding_other_files_is_never_replaced(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "dokumen"
    folder.mkdir()
    (folder / "renpam.docx").write_bytes(b"the officer's own file")
    result = run("plan", MINIMAL, "--format", "ics", "-o", folder, "-q", code=2)
    assert "renpam.docx" in result.stderr and "new or empty folder" in result.stderr
    assert _tree(folder) == {"renpam.docx": b"the officer's own file"}
    assert [p.name for p in tmp_path.iterdir()] == ["dokumen"]
