"""The personnel office's real workbooks and files: a title above the header, a two-row header,
hidden sheets, formulas never calculated, old and protected formats, bombs, bad bytes. Each is
read, or refused with its place and its fix (exit 1), never with a traceback."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinjai_ops import pipeline
from tests.conftest import EXAMPLE, Run

TITLE = "DAFTAR PERSONEL POLRES SINJAI (invented)"


def _save(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def _people(out: Path) -> list[dict[str, object]]:
    people: list[dict[str, object]] = yaml.safe_load(out.read_text(encoding="utf-8"))["personnel"]
    return people


def test_a_title_merged_over_the_header_and_blank_rows_above_it(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DATA"
    sheet["A1"] = TITLE
    sheet.merge_cells("A1:H1")
    sheet["A2"] = "Per 1 Agustus 2024"
    sheet.append([])
    sheet.append(["NO", "NRP", "NAMA", "PANGKAT", "SATUAN", "KETERANGAN", "HOBI"])
    sheet.append([1, 2, 3, 4, 5, 6, 7])  # the numbered row under the header
    sheet.append([1, "85020001", "Andi Uji", "BRIPDA", "SAT SAMAPTA", "", "bola"])
    out = tmp_path / "roster.yaml"
    err = run("roster", "import", _save(book, tmp_path / "p.xlsx"), "-o", out).stderr
    assert _people(out)[0]["nrp"] == "85020001"
    # Columns not known are listed, never refused.
    assert "p.xlsx:DATA!F4: warning: columns not read: 'KETERANGAN' (F4), 'HOBI' (G4)" in err


def test_a_two_row_header_with_drills_per_skill_and_days_away(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "SDM"
    sheet["A1"] = TITLE
    sheet.merge_cells("A1:J1")
    sheet.append(["NRP", "NAMA", "PANGKAT", "SATUAN", "LATIHAN", None, "CUTI", None, None])
    sheet.append([None, None, None, None, "DALMAS", "MENEMBAK", "MULAI", "S.D.", "KET"])
    for column in "ABCD":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("E2:F2")
    sheet.merge_cells("G2:I2")
    sheet.append(
        ["01040117", "Muh. Uji", "Bripda", "Sat Samapta", datetime(2024, 8, 19), 45500,
         datetime(2024, 8, 26), datetime(2024, 8, 27), "cuti"]
    )  # fmt: skip
    out = tmp_path / "roster.yaml"
    err = run("roster", "import", _save(book, tmp_path / "p.xlsx"), "-o", out).stderr
    person = _people(out)[0]
    assert person["drills"] == {"dalmas": date(2024, 8, 19)}
    assert person["unavailable"] == [
        {"from": date(2024, 8, 26), "to": date(2024, 8, 27), "reason": "cuti"}
    ]
    assert "columns not read: 'LATIHAN MENEMBAK' (F3)" in err
    run("validate", out)


def test_a_unit_merged_down_over_its_members_is_each_ones(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NO", "NRP", "NAMA", "PANGKAT", "SATUAN"])
    sheet.append([1, "85020001", "Andi", "BRIPDA", "SAT LANTAS"])
    sheet.append([2, "85020002", "Budi", "BRIPDA", None])
    sheet.append([3, "85020003", "Cici", "BRIPDA", None])
    sheet.append([4, "85020004", "Dedi", "BRIPDA", "SAT SAMAPTA"])
    sheet.merge_cells("E2:E4")
    out = tmp_path / "roster.yaml"
    run("roster", "import", _save(book, tmp_path / "p.xlsx"), "-o", out)
    assert [(p["unit"], p["skills"]) for p in _people(out)] == [
        ("SAT LANTAS", ["lantas"]),
        ("SAT LANTAS", ["lantas"]),
        ("SAT LANTAS", ["lantas"]),
        ("SAT SAMAPTA", ["samapta", "dalmas"]),
    ]


def test_the_active_sheet_is_read_not_a_hidden_one_before_it(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    old = book.active
    assert old is not None
    old.title = "LAMA"
    old.append(["NRP", "NAMA", "PANGKAT", "SATUAN"])
    old.append(["85020009", "Orang Lama", "BRIPDA", "SAT SAMAPTA"])
    current = book.create_sheet("AGUSTUS")
    current.append(["NRP", "NAMA", "PANGKAT", "SATUAN"])
    current.append(["85020001", "Orang Baru", "BRIPDA", "SAT SAMAPTA"])
    book.create_sheet("REKAP")
    book.active = 1
    old.sheet_state = "hidden"
    path = _save(book, tmp_path / "p.xlsx")
    result = run("roster", "import", path)
    assert "Orang Baru" in result.stdout and "Orang Lama" not in result.stdout
    assert (
        "warning: read the sheet 'AGUSTUS'; not read: 'REKAP' (hidden: 'LAMA'); choose another "
        "with --sheet" in result.stderr
    )
    assert "Orang Lama" in run("roster", "import", path, "--sheet", "LAMA").stdout
    err = run("roster", "import", path, "--sheet", "JULI", code=1).stderr
    assert "p.xlsx:1:1: error: there is no sheet 'JULI'; its sheets: LAMA, AGUSTUS, REKAP" in err


def test_a_csv_with_a_title_and_a_two_row_header(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text(
        f"{TITLE};;;;;\n;;;;;\nNRP;NAMA;PANGKAT;SATUAN;LATIHAN;\n;;;;DALMAS;LANTAS\n"
        "01040117;Andi;BRIPDA;SAT LANTAS;19/08/2024;2024-07-01\n",
        encoding="utf-8",
    )
    out = tmp_path / "roster.yaml"
    run("roster", "import", sheet, "-o", out)
    drills = {"dalmas": date(2024, 8, 19), "lantas": date(2024, 7, 1)}
    assert _people(out)[0]["drills"] == drills


def test_a_formula_never_calculated_is_named_at_its_cell(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DATA"
    sheet.append(["NRP", "NAMA", "PANGKAT", "SATUAN", "DEPAN", "BELAKANG"])
    sheet.append(["85020001", '=E2&" "&F2', "BRIPDA", "SAT SAMAPTA", "Andi", "Uji"])
    err = run("roster", "import", _save(book, tmp_path / "p.xlsx"), code=1).stderr
    assert 'p.xlsx:DATA!B2: error: formula without a saved value (=E2&" "&F2)' in err
    assert "no name" not in err


def test_a_stray_value_far_to_the_right_is_named_not_dropped(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DATA"
    sheet.append(["NRP", "NAMA", "PANGKAT", "SATUAN"])
    sheet.append(["85020001", "Andi", "BRIPDA", "SAT SAMAPTA"])
    sheet.cell(2, 300, 0)
    err = run("roster", "import", _save(book, tmp_path / "p.xlsx"), code=1).stderr
    assert "p.xlsx:DATA!KN2: error: a value beyond column IV (256 columns)" in err


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return path


_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


def _stream(name: str) -> bytes:
    return name.encode("utf-16-le").ljust(64, b"\0")


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("old.xls", _OLE2 + _stream("Workbook"), "old Excel format (.xls, Excel 97-2003): save"),
        ("renamed.xlsx", _OLE2 + _stream("Workbook"), "old Excel format"),
        (
            "locked.xlsx",
            _OLE2 + _stream("EncryptionInfo") + _stream("EncryptedPackage"),
            "the workbook is password-protected: remove the password",
        ),
        ("locked2.xlsx", _OLE2, "password-protected"),
        ("page.xls", b"<html><table><tr><td>NRP</td></tr></table></html>", "a web page (HTML)"),
        ("half.xlsx", b"PK\x03\x04" + bytes(100), "the workbook is damaged"),
        ("picture.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), "neither a CSV text file nor"),
    ],
)  # fmt: skip
def test_files_that_are_not_an_xlsx_are_told_what_to_do(
    run: Run, tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    err = run("roster", "import", path, code=1).stderr
    assert f"{name}:1:1: error: {said}" in err or (said in err and f"{name}:1:1: error:" in err)


def test_a_binary_workbook_and_an_opendocument_one(run: Run, tmp_path: Path) -> None:
    xlsb = _zip(tmp_path / "p.xlsb", {"[Content_Types].xml": b"<x/>", "xl/workbook.bin": b"\0"})
    assert (
        "binary Excel format (.xlsb): save it as .xlsx"
        in run("roster", "import", xlsb, code=1).stderr
    )
    ods = _zip(tmp_path / "p.xlsx", {"mimetype": b"application/vnd.oasis", "content.xml": b"<x/>"})
    assert "OpenDocument spreadsheet" in run("roster", "import", ods, code=1).stderr


def test_a_zip_bomb_is_refused_before_it_is_unpacked(run: Run, tmp_path: Path) -> None:
    exported = tmp_path / "real.xlsx"
    run("roster", "export", EXAMPLE, "-o", exported)
    with zipfile.ZipFile(exported) as real:
        parts = {n: real.read(n) for n in real.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    rows = b"<row><c t='inlineStr'><is><t>x</t></is></c></row>" * 1_500_000
    parts[sheet] = parts[sheet].replace(b"</sheetData>", rows + b"</sheetData>")
    bomb = _zip(tmp_path / "bomb.xlsx", parts)
    assert bomb.stat().st_size < 2 * 2**20
    err = run("roster", "import", bomb, code=1).stderr
    assert "bomb.xlsx:1:1: error: the workbook would unpack to 70 MB" in err
    assert "decompression bomb" in err


def test_a_byte_that_is_no_text_is_placed_at_its_row_and_column(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"NRP;NAMA;PANGKAT;SATUAN\n85020001;Andi\x81;BRIPDA;SAT SAMAPTA\n")
    err = run("roster", "import", bad, code=1).stderr
    assert "bad.csv:2:2: error: byte 0x81 is neither UTF-8 nor Windows-1252 text" in err
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        "NRP;NAMA;PANGKAT;SATUAN\n85020001;Daéng;BRIPDA;SAT SAMAPTA\n".encode()
        + b"85020002;Ma\xe9;BRIPDA;SAT SAMAPTA\n"
    )
    err = run("roster", "import", mixed, code=1).stderr
    assert "mixed.csv:3:2: error: byte 0xE9 is not UTF-8, while the rest of the file is" in err
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"NRP,NAMA,PANGKAT,SATUAN\n85020001,An\x00di,BRIPDA,SAT SAMAPTA\n")
    err = run("roster", "import", nul, code=1).stderr
    assert "nul.csv:2:2: error: holds the control character \\x00 at character 3" in err


def test_every_byte_in_a_csv_cell_is_read_or_refused_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    for byte in range(256):
        path.write_bytes(
            b"NRP;NAMA;PANGKAT;SATUAN\n85020001;A" + bytes([byte]) + b"B;BRIPDA;BAG OPS\n"
        )
        text, problems = pipeline.roster_import(path)
        errors = [p for p in problems if p.severity == "error"]
        assert (text is None) == bool(errors), byte
        if text is not None:
            name = yaml.safe_load(text)["personnel"][0]["name"]
            assert name == ("A" + bytes([byte]).decode("cp1252") + "B").strip(), byte
        elif byte not in (0x0A, 0x0D, 0x22, 0x3B):  # a new row, a quote, a new cell
            assert [(p.file, p.line, p.column) for p in errors] == [(str(path), 2, 2)], byte


def test_a_map_file_of_the_wrong_shape_is_told_where(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text("NRP;NAMA;PANGKAT;SATUAN\n85020001;Andi;BRIPDA;SAT SAMAPTA\n", "utf-8")
    extra = tmp_path / "map.yaml"
    extra.write_text("columns:\n  name: NAMA ANGGOTA\nunits: [SAT X]\n", encoding="utf-8")
    err = run("roster", "import", sheet, "--map", extra, code=1).stderr
    assert "map.yaml:2:9: error: columns.name: 'name' should be a list of words" in err
    assert "map.yaml:3:8: error: units: 'units:' is a mapping" in err
    extra.write_text("columns:\n  name: [NAMA ANGGOTA]\n", encoding="utf-8")
    sheet.write_text("NRP;NAMA ANGGOTA;PANGKAT;SATUAN\n85020001;Andi;BRIPDA;SAT SAMAPTA\n", "utf-8")
    assert "name: Andi" in run("roster", "import", sheet, "--map", extra).stdout


def test_a_period_away_that_ends_before_it_starts(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text(
        "NRP;NAMA;PANGKAT;SATUAN;CUTI DARI;CUTI SAMPAI\n"
        "85020001;Andi;BRIPDA;SAT SAMAPTA;2024-08-27;2024-08-26\n"
        "85020002;Budi;BRIPDA;SAT SAMAPTA;2024-08-27;\n",
        encoding="utf-8",
    )
    err = run("roster", "import", sheet, code=1).stderr
    assert (
        "p.csv:2:6: error: the period away ends (2024-08-26) before it starts (2024-08-27)" in err
    )
    assert "p.csv:3:6: error: no last day (SAMPAI) of the period away" in err


def test_a_workbook_in_memory_is_not_needed_to_be_named_xlsx(run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NRP", "NAMA", "PANGKAT", "SATUAN"])
    sheet.append(["85020001", "Andi", "BRIPDA", "SAT SAMAPTA"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "personel.csv"  # a workbook named .csv is read as the workbook it is
    path.write_bytes(buffer.getvalue())
    assert "name: Andi" in run("roster", "import", path).stdout


_EXPORTED: list[bytes] = []


def _exported() -> bytes:
    if not _EXPORTED:
        from sinjai_ops.render.roster_xlsx import export_roster

        roster = pipeline.roster_of([EXAMPLE])
        assert roster is not None
        _EXPORTED.append(export_roster(roster))
    return _EXPORTED[0]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8)), max_size=4),
    name=st.sampled_from(["p.xlsx", "p.csv", "p.xls", "p"]),
    junk=st.booleans(),
    raw=st.binary(max_size=300),
)
@pytest.mark.slow
def test_no_file_of_any_kind_ends_in_a_traceback(
    tmp_path: Path, cuts: list[tuple[int, bytes]], name: str, junk: bool, raw: bytes
) -> None:
    """A workbook damaged anywhere (a byte changed, cut short) or bytes of any kind: read, or
    refused with located errors; never an exception."""
    data = bytearray(raw if junk else _exported())
    for at, patch in cuts:
        at %= max(len(data), 1)
        data[at : at + len(patch)] = patch
    path = tmp_path / name
    path.write_bytes(bytes(data))
    text, problems = pipeline.roster_import(path)
    assert text is not None or any(p.severity == "error" for p in problems)
