"""`roster export` then `roster import` gives back the same roster, every field of it: on the
example and on generated rosters (no solving: the workbook is built in a temporary folder)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinjai_ops import pipeline
from sinjai_ops import validate as v
from sinjai_ops.load import load_yaml
from sinjai_ops.models.roster import Person, RosterFile
from sinjai_ops.render.roster_xlsx import export_roster
from tests.conftest import EXAMPLE, Run

POLICY = pipeline.default_policy()
CONTEXT = {"skills": POLICY.skills, "ranks": POLICY.ranks}


def _read_back(text: str) -> RosterFile:
    doc, problems = load_yaml(text, "back.yaml")
    assert doc is not None and not problems, problems
    model, problems = v.parse_model(doc, RosterFile, POLICY)
    assert model is not None, problems
    return model


def _round_trip(roster: RosterFile, folder: Path) -> tuple[RosterFile, str]:
    book = folder / "personel.xlsx"
    book.write_bytes(export_roster(roster))
    text, problems = pipeline.roster_import(book)
    assert text is not None, [str(p) for p in problems]
    assert not problems, [p.message for p in problems]  # not even a warning on its own export
    return _read_back(text), text


def test_the_example_comes_back_whole(tmp_path: Path) -> None:
    roster = pipeline.roster_of([EXAMPLE])
    assert roster is not None
    back, text = _round_trip(roster, tmp_path)
    assert back == roster
    fadli = next(p for p in back.personnel if p.nrp == "01040117")
    assert fadli.on_leave(date(2024, 8, 26)) and fadli.on_leave(date(2024, 8, 27))
    assert sum(bool(p.unavailable) for p in back.personnel) == 22
    # Drill dates and days away are written as dates, not as quoted text.
    assert "drills: {dalmas: 2024-08-19}" in text
    assert "- {from: 2024-08-26, to: 2024-08-27, reason: cuti}" in text


def test_the_cli_round_trip_keeps_the_officer_on_leave_off_duty(run: Run, tmp_path: Path) -> None:
    book, back = tmp_path / "personel.xlsx", tmp_path / "roster.yaml"
    run("roster", "export", EXAMPLE, "-o", book)
    result = run("roster", "import", book, "-o", back)
    assert result.stderr == ""  # nothing to say of its own export
    run("validate", back)
    roster = _read_back(back.read_text(encoding="utf-8"))
    assert roster == pipeline.roster_of([EXAMPLE])


_TEXT = (
    st.text(
        st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff"
        ),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
_DAY = st.dates(date(2000, 1, 1), date(2099, 12, 31))
_IDENTS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def _leave(draw: Any) -> dict[str, Any]:
    start = draw(_DAY)
    end = draw(st.dates(start, date(2099, 12, 31)))
    leave: dict[str, Any] = {"from": start, "to": end}
    if draw(st.booleans()):
        leave["reason"] = draw(_TEXT)
    return leave


@st.composite
def _roster(draw: Any) -> RosterFile:
    nrps = draw(
        st.lists(
            st.from_regex(r"[0-9]{8}|[0-9]{18}", fullmatch=True),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    people = []
    for nrp in nrps:
        person = {
            "nrp": nrp,
            "name": draw(_TEXT),
            "rank": draw(st.sampled_from(POLICY.ranks)),
            "unit": draw(_TEXT),
            "skills": draw(st.lists(st.sampled_from(POLICY.skills), unique=True, max_size=4)),
            "assignable": draw(st.booleans()),
            "drills": draw(st.dictionaries(st.sampled_from(POLICY.skills), _DAY, max_size=3)),
            "unavailable": draw(st.lists(_leave(), max_size=3)),
            "ties": draw(st.lists(_IDENTS, unique=True, max_size=3)),
            "desa": draw(st.one_of(st.none(), _TEXT)),
        }
        people.append(Person.model_validate(person, context=CONTEXT))
    return RosterFile(personnel=people)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_roster())
def test_any_roster_comes_back_the_same(roster: RosterFile) -> None:
    with tempfile.TemporaryDirectory() as folder:
        back, _ = _round_trip(roster, Path(folder))
    assert back == roster


def test_the_workbook_is_laid_out_as_the_office_reads_it(tmp_path: Path) -> None:
    roster = pipeline.roster_of([EXAMPLE])
    assert roster is not None
    book = tmp_path / "personel.xlsx"
    book.write_bytes(export_roster(roster))
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    top = [c.value for c in sheet[1]]
    sub = [c.value for c in sheet[2]]
    assert top[:8] == [
        "NRP", "NAMA", "PANGKAT", "SATUAN", "FUNGSI", "DAPAT DIPLOT", "TERKAIT CALON", "LATIHAN"
    ]  # fmt: skip
    assert "TIDAK TERSEDIA 1" in top and sub[-3:] == ["DARI", "SAMPAI", "ALASAN"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "01040117")
    assert row[0].data_type == "s" and row[0].number_format == "@"
    assert [c.value.date() for c in row if c.is_date] == [
        date(2024, 8, 19),
        date(2024, 8, 26),
        date(2024, 8, 27),
    ]


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    person = Person.model_validate(
        {"nrp": "01010101", "name": "=1+1", "rank": "Bripda", "unit": "Sat Samapta"},
        context=CONTEXT,
    )
    back, _ = _round_trip(RosterFile(personnel=[person]), tmp_path)
    assert back.personnel[0].name == "=1+1" and back.personnel[0].skills == []


def test_a_control_character_is_refused_by_export_at_its_line(run: Run, tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        'personnel:\n  - nrp: "01010101"\n    name: "Andi\\x01"\n    rank: Bripda\n'
        "    unit: Sat Samapta\n",
        encoding="utf-8",
    )
    out = tmp_path / "personel.xlsx"
    err = run("roster", "export", roster, "-o", out, code=1).stderr
    # validate refuses it first, at its line; no workbook is written.
    assert "roster.yaml:3:11: error: personnel[0].name: holds the control character \\x01" in err
    assert not out.exists()


def test_a_bhabinkamtibmas_desa_comes_back_from_its_own_column(tmp_path: Path) -> None:
    people = [
        {"nrp": "01010101", "name": "Andi", "rank": "Bripka", "unit": "Polsek Sinjai Utara"},
        {"nrp": "01010102", "name": "Baso", "rank": "Brigpol", "unit": "Polsek Sinjai Utara"},
    ]
    people[0]["desa"] = "Balangnipa"
    roster = RosterFile(personnel=[Person.model_validate(p, context=CONTEXT) for p in people])
    book = tmp_path / "personel.xlsx"
    book.write_bytes(export_roster(roster))
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    top = [c.value for c in sheet[1]]
    assert top[7] == "DESA BINAAN" and sheet.cell(3, 8).value == "Balangnipa"
    back, text = _round_trip(roster, tmp_path)
    assert back == roster and "desa: Balangnipa" in text
    assert back.personnel[1].desa is None


def test_a_desa_column_of_the_office_is_read(tmp_path: Path) -> None:
    sheet = tmp_path / "personel.csv"
    sheet.write_text(
        "NRP;NAMA;PANGKAT;SATUAN;FUNGSI;DESA\n01010101;Andi;Bripka;Polsek;binmas;Lappa\n",
        encoding="utf-8",
    )
    text, problems = pipeline.roster_import(sheet)
    assert text is not None and not problems, problems
    assert _read_back(text).personnel[0].desa == "Lappa"
