"""From the personnel office's spreadsheet to a roster that validates, and back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import yaml

from tests.conftest import EXAMPLE, Run


def _sheet(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DATA PERSONEL"
    for row in rows:
        sheet.append(row)
    book.save(path)


HEADER = ["NO", "NRP", "NAMA", "PANGKAT", "JABATAN", "SATUAN", "LATIHAN DALMAS"]


def test_a_sheet_like_the_personnel_offices_becomes_a_valid_roster(
    run: Run, tmp_path: Path
) -> None:
    book = tmp_path / "personel.xlsx"
    _sheet(
        book,
        [
            HEADER,
            [1, 1115918, "AHMAD LOLOGAU", "BRIGPOL", "BA SAT SAMAPTA", "Sat. Samapta", 45523],
            [2, "86021001", "Sitti Aisyah", "Brigadir Polisi Dua", "BA", "SAT LANTAS", None],
            [3, 79020114, "Hasanuddin", "akp", "KABAG OPS", "BAG OPS", None],
            [
                4,
                90051234,
                "Irwan",
                "Inspektur Polisi Satu",
                "KANIT",
                "SAT INTELKAM",
                datetime(2024, 8, 19),
            ],
        ],
    )
    out = tmp_path / "roster.yaml"
    result = run("roster", "import", book, "-o", out)
    assert "DATA PERSONEL!B2" in result.stderr and "read as 01115918" in result.stderr
    people = yaml.safe_load(out.read_text(encoding="utf-8"))["personnel"]
    first = people[0]
    assert first["nrp"] == "01115918" and first["rank"] == "Brigpol"
    assert first["skills"] == ["samapta", "dalmas"]
    assert first["drills"] == {"dalmas": date(2024, 8, 19)}  # Excel serial 45523, as a date
    assert [p["rank"] for p in people] == ["Brigpol", "Bripda", "AKP", "Iptu"]
    assert people[3]["skills"] == ["intel", "skck"]
    run("validate", out)


def test_every_bad_cell_at_once_and_nothing_written(run: Run, tmp_path: Path) -> None:
    book = tmp_path / "personel.xlsx"
    _sheet(
        book,
        [
            HEADER,
            [1, 123, "A", "BRIPDA", "BA", "SAT SAMAPTA", None],
            [2, 85020001, "", "BRIPDA", "BA", "SAT SAMAPTA", None],
            [3, 85020002, "C", "SERSAN", "BA", "SAT SAMAPTA", "kemarin"],
            [4, 85020002, "D", "BRIPDA", "BA", "SAT SAMAPTA", None],
        ],
    )
    out = tmp_path / "roster.yaml"
    out.write_text("personnel: []\n", encoding="utf-8")
    err = run("roster", "import", book, "-o", out, code=1).stderr
    for where in ("!B2", "!C3", "!D4", "!G4", "!B5"):
        assert f"personel.xlsx:DATA PERSONEL{where}" in err, where
    assert "unknown rank 'SERSAN'" in err and "twice" in err
    assert out.read_text(encoding="utf-8") == "personnel: []\n"  # untouched


def test_a_csv_export_in_windows_1252_with_semicolons(run: Run, tmp_path: Path) -> None:
    csv = tmp_path / "personel.csv"
    csv.write_bytes(
        "NRP;NAMA;PANGKAT;SATUAN\n85020001;Andi Ma'ruf Daéng;BRIPDA;SAT SAMAPTA\n".encode("cp1252")
    )
    text = run("roster", "import", csv).stdout
    assert "Daéng" in text
    bad = tmp_path / "bad.csv"
    bad.write_text("NRP;NAMA;PANGKAT;SATUAN\nx;B;BRIPDA;SAT LANTAS\n", encoding="utf-8")
    assert "bad.csv:2:1: error:" in run("roster", "import", bad, code=1).stderr


def test_export_is_read_back_with_nrps_intact_and_the_same_bytes(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    run("roster", "export", EXAMPLE / "roster.yaml", "-o", first)
    run("roster", "export", EXAMPLE, "-o", second)
    assert first.read_bytes() == second.read_bytes()
    sheet = openpyxl.load_workbook(first).active
    assert sheet is not None
    nrps = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]  # under 2 headers
    roster = yaml.safe_load((EXAMPLE / "roster.yaml").read_text(encoding="utf-8"))["personnel"]
    assert nrps == [p["nrp"] for p in roster]  # text, leading zeros kept
    again = tmp_path / "roster.yaml"
    run("roster", "import", first, "-o", again, "-q")
    back = yaml.safe_load(again.read_text(encoding="utf-8"))["personnel"]
    assert [(p["nrp"], p["rank"]) for p in back] == [(p["nrp"], p["rank"]) for p in roster]
