"""The TPS list as officers' sheets really come (issue 19, a new user's review): a workbook's
cells named as `roster import` names them, formulas without values, rows of sums, a misspelt
header, a kecamatan merged over its rows in a CSV export, Indonesian words in Indonesian
messages, and one error where one thing is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sinjai_ops import pipeline
from tests.conftest import Run
from tests.test_voting_input import HEADER, ROWS, _operation, problems, write


def _workbook(folder: Path, rows: list[list[Any]], title: str = "DAFTAR TPS") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(["KECAMATAN", "DESA/KELURAHAN", "NO TPS", "DPT", "KATEGORI", "PULAU"])
    for row in rows:
        sheet.append(row)
    book.save(folder / "tps.xlsx")
    return folder


BOOK = [
    ["Sinjai Utara", "Balangnipa", 1, 250, "kurang rawan", None],
    ["Sinjai Utara", "Balangnipa", 1, 240, "rawan", None],
    ["Pulau Sembilan", "Pulau Harapan", 1, 200, "Sangat Rawn", "ya"],
]


def test_a_workbook_cell_is_named_by_sheet_and_cell_in_every_format(
    run: Run, tmp_path: Path
) -> None:
    folder = _workbook(write(tmp_path / "s"), BOOK)
    book = folder / "tps.xlsx"
    found = problems(run, folder, 1)
    assert (
        "tps.xlsx:DAFTAR TPS!E4: error: tps[2].category: unknown category 'Sangat Rawn'; did you "
        "mean 'sangat-rawan'?" in found
    )
    assert (
        "tps.xlsx:DAFTAR TPS!C3: error: tps[1].tps: TPS 1 of desa 'Balangnipa' (Sinjai Utara) is "
        f"listed twice, here and at {book}:DAFTAR TPS!C2; remove one row or correct its number"
        in found
    )
    out = run("validate", "--lang", "en", "--format", "json", folder, code=1).stdout
    placed = [p for p in json.loads(out)["problems"] if p.get("cell") == "C3"]
    assert placed == [
        {
            "file": str(book),
            "line": 3,
            "column": 3,
            "path": "tps[1].tps",
            "message": placed[0]["message"],
            "severity": "error",
            "sheet": "DAFTAR TPS",
            "cell": "C3",
        }
    ]
    github = run("validate", "--lang", "en", "--format", "github", folder, code=1).stdout
    assert f"::error file={book},line=3,col=3::tps[1].tps: TPS 1 of desa" in github


def test_a_csv_row_has_its_path_for_scripts(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s", [*ROWS, "Sinjai Utara,Lappa,2,12a,rawan,"])
    out = run("validate", "--lang", "en", "--format", "json", folder, code=1).stdout
    (problem,) = json.loads(out)["problems"]
    assert (problem["line"], problem["column"], problem["path"]) == (6, 4, "tps[4].voters")
    assert "sheet" not in problem and "cell" not in problem


def test_a_formula_without_its_value_is_told_as_roster_import_tells_it(
    run: Run, tmp_path: Path
) -> None:
    rows = [BOOK[0], ["Sinjai Utara", "Lappa", 1, "=100+1", "rawan", None]]
    found = problems(run, _workbook(write(tmp_path / "s"), rows), 1)
    assert found[:-1] == [
        "tps.xlsx:DAFTAR TPS!D3: error: tps[1].voters: formula without a saved value (=100+1); "
        "open the workbook in Excel and save it again (Excel saves the values), or paste the "
        "column as values"
    ]


def test_rows_of_sums_in_any_words_are_skipped(run: Run, tmp_path: Path) -> None:
    sums = [
        "JUMLAH Sinjai Utara,,,5000,,",
        "Sinjai Utara,Jumlah Kec. Sinjai Utara,,5000,,",
        "Subtotal,,,5000,,",
        "Total Kabupaten,,,196000,,",
        "TOTAL,,4,990,,",
    ]
    folder = write(tmp_path / "s", [*ROWS[:3], *sums[:3], ROWS[3], *sums[3:]])
    out = run("validate", "--lang", "en", folder, code=0).stdout
    assert "error" not in out and "warning" not in out
    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None and len(checked.scenario.tps) == 4


def test_a_tps_row_with_a_remark_about_sums_is_still_a_tps(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s")
    header = HEADER.rstrip("\n") + ",KETERANGAN\n"
    rows = [f"{row}," for row in ROWS] + ["Sinjai Utara,Lappa,,90,rawan,,Jumlah pemilih difabel 3"]
    (folder / "tps.csv").write_text(header + "\n".join(rows) + "\n")
    found = problems(run, folder, 1)
    assert any(
        p.startswith("tps.csv:6:3: error: tps[4].tps: the TPS number is empty") for p in found
    )


def test_a_misspelt_header_is_placed_suggested_and_nothing_follows_from_it(
    run: Run, tmp_path: Path
) -> None:
    folder = write(tmp_path / "s")
    header = "NO,KECAMATN,DESA/KELURAHAN,NO TPS,JML PEMILIH,KATEGORI,PULAU,KETERANGAN\n"
    body = "".join(f"{i},{row},\n" for i, row in enumerate(ROWS, 1))
    (folder / "tps.csv").write_text("DAFTAR TPS PILKADA 2024\n" + header + body)
    found = problems(run, folder, 1)
    assert found == [
        "tps.csv:2:2: error: no column for kecamatan: header 'KECAMATN' is not known; did you "
        "mean 'KECAMATAN'? (the names read: KECAMATAN, KEC, NAMA KECAMATAN)",
        "tps.csv:2:8: warning: columns not read: 'KETERANGAN' (2:8)",
        found[-1],
    ]
    assert found[-1].startswith("invalid: 1 error, 1 warning")
    (folder / "tps.csv").write_text(header.replace("KECAMATN", "KECAMATAN") + body)
    assert problems(run, folder, 0)[0].endswith("warning: columns not read: 'KETERANGAN' (1:8)")


def test_two_letters_swapped_in_a_short_header_are_suggested(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s")
    (folder / "tps.csv").write_text(HEADER.replace("DPT", "DTP") + "\n".join(ROWS) + "\n")
    assert problems(run, folder, 1)[0] == (
        "tps.csv:1:4: error: no column for DPT: header 'DTP' is not known; did you mean 'DPT'? "
        "(the names read: DPT, PEMILIH, VOTERS, JUMLAH DPT, JUMLAH PEMILIH, JML DPT, JML PEMILIH)"
    )


@pytest.mark.parametrize("voters", ["JML PEMILIH", "JUMLAH PEMILIH", "JML DPT", "Jml. DPT"])
def test_the_dpt_under_its_usual_headers(run: Run, tmp_path: Path, voters: str) -> None:
    folder = write(tmp_path / "s")
    header = HEADER.replace("DPT", voters)
    (folder / "tps.csv").write_text(header + "\n".join(ROWS) + "\n")
    assert problems(run, folder, 0) == [f"valid: {folder}"]


def test_a_missing_column_with_nothing_like_it_is_told_at_the_header_row(
    run: Run, tmp_path: Path
) -> None:
    folder = write(tmp_path / "s")
    (folder / "tps.csv").write_text("DAFTAR TPS\nKECAMATAN,DESA,TPS,KATEGORI\nA,B,1,rawan\n")
    found = problems(run, folder, 1, folder / "tps.csv")
    assert found[0].startswith("tps.csv:2:1: error: no column for DPT; name one of: DPT, PEMILIH")


def test_indonesian_messages_name_the_columns_in_indonesian(run: Run, tmp_path: Path) -> None:
    rows = [*ROWS, ",Lappa,2,300,,", "Sinjai Utara,Lappa,,,rawan,", "Pulau Sembilan,,3,9,rawan,"]
    out = run("validate", "--lang", "id", write(tmp_path / "s", rows), code=1).stdout
    for said in (
        "tps.csv:6:5: error: tps[4].category: kategori kosong; isi kurang-rawan, rawan, "
        "sangat-rawan atau khusus untuk TPS ini",
        "tps.csv:7:3: error: tps[5].tps: nomor TPS kosong; isi nomor TPS ini (1 atau 001)",
        "tps.csv:7:4: error: tps[5].voters: DPT kosong; isi jumlah pemilih TPS ini",
        "tps.csv:8:2: error: tps[6].desa: desa kosong; isi desa atau kelurahan TPS ini",
    ):
        assert said in out
    for english in ("category kosong", "voters kosong", "TPS TPS", "untuk voters"):
        assert english not in out
    folder = write(tmp_path / "t")
    (folder / "tps.csv").write_text("KECAMATAN,DESA,TPS,KATEGORI\nA,B,1,rawan\n")
    out = run("validate", "--lang", "id", folder, code=1).stdout
    assert "tps.csv:1:1: error: tidak ada kolom untuk DPT; beri nama salah satu dari: DPT" in out


def test_no_list_is_told_once_in_indonesian_without_doubled_words(run: Run, tmp_path: Path) -> None:
    out = run("validate", "--lang", "id", write(tmp_path / "s"), code=1).stdout
    assert "error: voting: diisi, tetapi tidak ada daftar TPS; letakkan tps.csv" in out
    assert "voting: voting:" not in out
    named = write(tmp_path / "n", None, _operation(tps="data/daftar.csv"))
    out = run("validate", "--lang", "id", named, code=1).stdout
    assert "tulis lokasi berkas tps.csv" in out and "path" not in out.replace(str(named), "")


def test_two_lists_or_a_named_list_missing_is_one_error(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s", ROWS)
    _workbook(folder, BOOK)
    found = problems(run, folder, 1)
    assert len(found) == 2 and "error: two TPS lists in one scenario" in found[0]
    named = write(tmp_path / "n", None, _operation(tps="data/daftar.csv"))
    found = problems(run, named, 1)
    assert len(found) == 2 and "error: voting.tps: no TPS list at" in found[0]
    operation = _operation()
    del operation["voting"]
    plain = write(tmp_path / "p", ROWS, operation)
    _workbook(plain, BOOK)
    found = problems(run, plain, 1)
    assert len(found) == 2 and "error: two TPS lists in one scenario" in found[0]


def test_a_kecamatan_written_once_over_its_rows_is_filled_down_and_said(
    run: Run, tmp_path: Path
) -> None:
    rows = [
        "Sinjai Utara,Balangnipa,001,250,kurang rawan,",
        ",,2,240,Kurang-Rawan,",
        ",Lappa,1,300,RAWAN,tidak",
        ",,2,310,RAWAN,",
        "Pulau Sembilan,Pulau Harapan,1,200,sangat rawan,ya",
        ",,2,150,sangat rawan,ya",
    ]
    folder = write(tmp_path / "s", rows)
    found = problems(run, folder, 0)
    assert found == [
        "tps.csv:3:1: warning: tps[1].kecamatan: kecamatan left empty under a filled cell in 4 "
        "rows, as a sheet with merged cells is saved; read as the value above, by rows: "
        "'Sinjai Utara' 3-5; 'Pulau Sembilan' 7; write it in every row to be sure",
        "tps.csv:3:2: warning: tps[1].desa: desa left empty under a filled cell in 3 rows, as a "
        "sheet with merged cells is saved; read as the value above, by rows: 'Balangnipa' 3; "
        "'Lappa' 5; 'Pulau Harapan' 7; write it in every row to be sure",
        f"valid: {folder} (2 warnings)",
    ]
    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None
    assert [(x.kecamatan, x.desa, x.tps) for x in checked.scenario.tps] == [
        ("Sinjai Utara", "Balangnipa", "001"),
        ("Sinjai Utara", "Balangnipa", "002"),
        ("Sinjai Utara", "Lappa", "001"),
        ("Sinjai Utara", "Lappa", "002"),
        ("Pulau Sembilan", "Pulau Harapan", "001"),
        ("Pulau Sembilan", "Pulau Harapan", "002"),
    ]


def test_a_desa_is_not_filled_across_kecamatan(run: Run, tmp_path: Path) -> None:
    rows = [*ROWS[:3], "Pulau Sembilan,,1,200,sangat rawan,ya"]
    found = problems(run, write(tmp_path / "s", rows), 1)
    assert (
        "tps.csv:5:2: error: tps[3].desa: the desa is empty; write the desa or kelurahan of "
        "this TPS" in found
    )
