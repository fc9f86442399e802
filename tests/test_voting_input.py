"""The voting day's input (formats.md, "Voting day"): the TPS list beside the scenario's files
(tps.csv, tps.xlsx, tps.yaml) and the `voting:` section, held by `validate` against each other,
the roster and the policy: every problem at once, located, each bad value quoted as written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sinjai_ops import pipeline
from tests.conftest import EXAMPLE, Run

HEADER = "KECAMATAN,DESA/KELURAHAN,NO. TPS,DPT,KATEGORI,PULAU\n"
ROWS = [
    "Sinjai Utara,Balangnipa,001,250,kurang rawan,",
    "Sinjai Utara,Balangnipa,2,240,Kurang-Rawan,",
    "Sinjai Utara,Lappa,1,300,RAWAN,tidak",
    "Pulau Sembilan,Pulau Harapan,1,200,sangat rawan,ya",
]


def _person(nrp: str, rank: str, unit: str, **extra: Any) -> dict[str, Any]:
    return {"nrp": nrp, "name": f"Anggota {nrp[-3:]}", "rank": rank, "unit": unit, **extra}


def _operation(**voting: Any) -> dict[str, Any]:
    return {
        "operation": {
            "name": "Uji pemungutan",
            "unit": "Polres Uji",
            "timezone": "Asia/Makassar",
            "start": "2024-11-26",
            "end": "2024-11-28",
            "commander": "70010001",
        },
        "shifts": [
            {"id": "pagi", "start": "06:00", "end": "14:00"},
            {"id": "siang", "start": "14:00", "end": "22:00"},
        ],
        "sites": [
            {
                "id": "mapolres",
                "name": "Mapolres",
                "posts": [{"id": "jaga", "need": {"samapta": 1}}],
            }
        ],
        "policy": {"reserve": {"fraction": 0, "site": "mapolres"}},
        "voting": {
            "date": "2024-11-27",
            "report": "06:30",
            "open": "07:00",
            "close": "13:00",
            "counting_until": "23:00",
            "areas": [
                {"unit": "Polsek Sinjai Utara", "kecamatan": ["Sinjai Utara"]},
                {"unit": "Polsek Pulau Sembilan", "kecamatan": ["Pulau Sembilan"]},
            ],
            "padal": {"least_rank": "Ipda"},
            "reserve": {"site": "mapolres", "officers": 2},
            **voting,
        },
    }


def _roster() -> list[dict[str, Any]]:
    people = [
        {**_person("70010001", "AKBP", "Pimpinan"), "skills": ["command"], "assignable": False},
        _person("80010002", "Ipda", "Polsek Sinjai Utara", skills=["samapta"]),
        _person("80010003", "Ipda", "Polsek Pulau Sembilan", skills=["samapta"]),
    ]
    people += [
        _person(f"9001{n:04d}", "Bripda", "Polsek Sinjai Utara", skills=["samapta"])
        for n in range(8)
    ]
    people += [
        _person(f"9002{n:04d}", "Brigpol", "Polsek Pulau Sembilan", skills=["samapta"])
        for n in range(4)
    ]
    people[3]["desa"] = "Balangnipa"
    return people


def write(
    folder: Path,
    rows: list[str] | None = None,
    operation: dict[str, Any] | None = None,
    people: list[dict[str, Any]] | None = None,
) -> Path:
    folder.mkdir(exist_ok=True)
    dump = {"allow_unicode": True, "sort_keys": False}
    (folder / "operation.yaml").write_text(yaml.safe_dump(operation or _operation(), **dump))
    roster = {"personnel": people if people is not None else _roster()}
    (folder / "roster.yaml").write_text(yaml.safe_dump(roster, **dump))
    (folder / "arrivals.yaml").write_text("candidates: []\n")
    if rows is not None:
        (folder / "tps.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return folder


def problems(run: Run, folder: Path, code: int, path: Path | None = None) -> list[str]:
    """The lines `validate` prints for `path` (default: the folder), the folder's path cut."""
    out = run("validate", "--lang", "en", path or folder, code=code).stdout
    return [line.split(str(folder) + "/", 1)[-1] for line in out.splitlines()]


def test_a_good_tps_list_is_valid_and_read_into_the_scenario(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s", ROWS)
    out = run("validate", "--lang", "en", folder, code=0).stdout
    assert "valid" in out and "warning" not in out
    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None
    tps = checked.scenario.tps
    assert [(x.desa, x.tps, x.category, x.island) for x in tps] == [
        ("Balangnipa", "001", "kurang-rawan", False),
        ("Balangnipa", "002", "kurang-rawan", False),
        ("Lappa", "001", "rawan", False),
        ("Pulau Harapan", "001", "sangat-rawan", True),
    ]
    assert checked.scenario.inputs["tps.csv"].startswith("sha256:")


def test_the_plan_names_the_tps_list_among_its_inputs(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s", ROWS)
    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None
    import hashlib

    raw = (folder / "tps.csv").read_bytes()
    assert checked.scenario.inputs["tps.csv"] == "sha256:" + hashlib.sha256(raw).hexdigest()


def test_every_bad_row_at_once_located_and_quoted(run: Run, tmp_path: Path) -> None:
    rows = [
        *ROWS,
        "Sinjai Utara,Balangnipa,1,250,kurang rawan,",
        "Sinjai Utara,Lappa,2,12a,sangat rawn,mungkin",
        "Pulau Sembilan,,x,-3,,",
        "Sinjai Utara,Lappa,3,0,rawan,",
    ]
    found = problems(run, write(tmp_path / "s", rows), 1)
    assert (
        "tps.csv:6:3: error: tps[4].tps: TPS 1 of desa 'Balangnipa' (Sinjai Utara) is listed "
        "twice, here and "
        f"at {tmp_path}/s/tps.csv:2:3; remove one row or correct its number" in found
    )
    assert (
        "tps.csv:7:4: error: tps[5].voters: voters '12a' is not a whole number >= 0; write the "
        "DPT of the TPS in digits only (no dots or spaces)" in found
    )
    assert (
        "tps.csv:7:5: error: tps[5].category: unknown category 'sangat rawn'; did you mean "
        "'sangat-rawan'?" in found
    )
    assert any(
        p.startswith("tps.csv:7:6: error: tps[5].island: island 'mungkin' is not one of")
        for p in found
    )
    assert (
        "tps.csv:8:2: error: tps[6].desa: the desa is empty; write the desa or kelurahan of this "
        "TPS" in found
    )
    assert any(
        p.startswith("tps.csv:8:3: error: tps[6].tps: TPS number 'x' is not a whole number")
        for p in found
    )
    assert any(p.startswith("tps.csv:8:4: error: tps[6].voters: voters '-3'") for p in found)
    assert any(
        p.startswith("tps.csv:8:5: error: tps[6].category: the category is empty;") for p in found
    )
    assert any(
        p.startswith("tps.csv:9:4: warning: tps[7].voters: TPS 003 of desa 'Lappa' has 0 voters")
        for p in found
    )
    assert found[-1].startswith("invalid: 8 errors, 1 warning")


def test_coverage_of_the_kecamatan_by_the_areas(run: Run, tmp_path: Path) -> None:
    operation = _operation(
        areas=[
            {"unit": "Polsek Sinjai Utara", "kecamatan": ["Sinjai Utara"]},
            {
                "unit": "Polsek Pulau Sembilan",
                "kecamatan": ["Sinjai Utara", "Pulau Sembilan", "Sinjai Timr"],
            },
            {"unit": "Polsek Hantu", "kecamatan": ["Sinjai Timur"]},
        ]
    )
    rows = [*ROWS, "Tellulimpoe,Bua,1,100,rawan,"]
    found = problems(run, write(tmp_path / "s", rows, operation), 1)
    text = "\n".join(found)
    assert (
        "error: voting.areas[1].kecamatan[0]: kecamatan 'Sinjai Utara' is covered by two units, "
        "Polsek Sinjai Utara and Polsek Pulau Sembilan; keep it under one" in text
    )
    assert (
        "error: voting.areas[2].unit: no officer of the roster belongs to unit 'Polsek Hantu'; "
        "name a unit of roster.yaml" in text
    )
    assert "warning: voting.areas[1].kecamatan[2]: kecamatan 'Sinjai Timr' has no TPS" in text
    assert (
        "tps.csv:6:1: error: tps[4].kecamatan: kecamatan 'Tellulimpoe' is covered by no unit of "
        "voting.areas in operation.yaml; add it, e.g. {unit: Polsek Tellulimpoe, kecamatan: "
        "[Tellulimpoe]}" in text
    )
    # Pulau Sembilan's TPS are still covered (by the second area): not reported.
    assert "'Pulau Sembilan' is covered by no unit" not in text


def test_the_voting_section_against_the_operation_and_policy(run: Run, tmp_path: Path) -> None:
    operation = _operation(
        date="2024-11-30",
        report="07:30",
        close="07:00",
        padal={"least_rank": "Ipdaa"},
        reserve={"site": "mapolress", "officers": 2},
    )
    found = problems(run, write(tmp_path / "s", ROWS, operation), 1)
    text = "\n".join(found)
    assert (
        "error: voting.date: the voting day 2024-11-30 is outside the operation (2024-11-26 to "
        "2024-11-28)" in text
    )
    assert "error: voting.open: open 07:00 is not after report 07:30" in text
    assert "error: voting.close: close 07:00 is not after open 07:00" in text
    assert "error: voting.padal.least_rank: unknown rank 'Ipdaa'; did you mean 'Ipda'?" in text
    assert (
        "error: voting.reserve.site: reserve site 'mapolress' is not a site of the operation; did "
        "you mean 'mapolres'?" in text
    )


def test_counting_may_end_at_midnight(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s", ROWS, _operation(counting_until="24:00"))
    run("validate", "--lang", "en", folder, code=0)
    folder = write(tmp_path / "t", ROWS, _operation(counting_until="12:00"))
    assert any(
        "voting.counting_until: counting_until 12:00 is not after close 13:00" in p
        for p in problems(run, folder, 1)
    )


def test_voting_without_a_tps_list_and_a_list_without_voting(run: Run, tmp_path: Path) -> None:
    found = problems(run, write(tmp_path / "s"), 1)
    assert any(
        p.startswith("operation.yaml:")
        and "error: voting: set, but there is no TPS list; put tps.csv" in p
        for p in found
    )
    operation = _operation()
    del operation["voting"]
    found = problems(run, write(tmp_path / "t", ROWS, operation), 0)
    assert (
        "tps.csv:1:1: warning: a TPS list but no voting: section in operation.yaml; the list is "
        "not planned (add voting: to plan the voting day)" in found
    )


def test_two_tps_lists_and_a_named_one(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s", ROWS)
    (folder / "tps.yaml").write_text("tps: []\n")
    found = problems(run, folder, 1)
    assert any("error: two TPS lists in one scenario" in p and "tps.yaml" in p for p in found)
    named = write(tmp_path / "n", None, _operation(tps="data/daftar.csv"))
    found = problems(run, named, 1)
    assert any("error: voting.tps: no TPS list at" in p and "daftar.csv" in p for p in found)
    (named / "data").mkdir()
    (named / "data" / "daftar.csv").write_text(HEADER + "\n".join(ROWS) + "\n")
    run("validate", "--lang", "en", named, code=0)
    checked = pipeline.load_scenario([named])
    assert checked.scenario is not None and "daftar.csv" in checked.scenario.inputs


def test_a_category_without_a_pattern(run: Run, tmp_path: Path) -> None:
    operation = _operation()
    operation["policy"]["tps"] = None  # the shipped patterns taken away
    found = problems(run, write(tmp_path / "s", ROWS, operation), 1)
    assert (
        "tps.csv:2:5: error: tps[0].category: no pattern for category 'kurang-rawan' in "
        "policy.tps; add one under policy: in operation.yaml, e.g. tps: {pattern: {kurang-rawan: "
        "{officers: 2, tps: 1}}}" in found
    )
    assert any(
        p.startswith("tps.csv:4:5: error: tps[2].category: no pattern for category 'rawan'")
        for p in found
    )
    assert found[-1].startswith("invalid: 3 errors")


def test_too_few_officers_free_for_the_island_tps(run: Run, tmp_path: Path) -> None:
    rows = [*ROWS, *(f"Pulau Sembilan,Pulau Harapan,{n},100,sangat rawan,1" for n in range(2, 8))]
    people = _roster()
    for person in people[3:7]:
        person["unavailable"] = [{"from": "2024-11-26", "to": "2024-11-26", "reason": "cuti"}]
    found = problems(run, write(tmp_path / "s", rows, people=people), 0)
    assert any(
        "warning: voting.date: the island TPS need 14 officers free of any other duty on "
        "2024-11-26, the day before the voting day, but only 8 rank-and-file officers are free" in p
        for p in found
    )
    run("validate", "--lang", "en", write(tmp_path / "t", rows[:5]), code=0)


def test_a_bhabinkamtibmas_desa_not_in_his_kecamatan(run: Run, tmp_path: Path) -> None:
    people = _roster()
    people[3]["desa"] = "Balangnipah"
    people[4]["desa"] = "Pulau Harapan"  # a desa of the list, but not of his Polsek's kecamatan
    found = problems(run, write(tmp_path / "s", ROWS, people=people), 0)
    assert any(
        p.startswith("roster.yaml:")
        and "warning: personnel[3].desa: desa 'Balangnipah' is not a desa of the TPS list in the "
        "kecamatan of Polsek Sinjai Utara; did you mean 'Balangnipa'?"
        in p
        for p in found
    )
    assert any("personnel[4].desa: desa 'Pulau Harapan' is not a desa" in p for p in found)


def test_a_workbook_with_a_title_merged_kecamatan_and_numbering(run: Run, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "DPT"
    sheet.append(["DAFTAR TPS PILKADA 2024"])
    sheet.append(["NO", "Kecamatan", "Desa / Kelurahan", "TPS", "Pemilih", "Kategori", "Pulau"])
    sheet.append([1, 2, 3, 4, 5, 6, 7])
    sheet.append([1, "Sinjai Utara", "Balangnipa", 1, 250, "Kurang Rawan", None])
    sheet.append([2, None, "Lappa", 1, "2x0", "rawan", "tidak"])
    sheet.append([3, "Pulau Sembilan", "Pulau Harapan", 1, 200, "sangat rawan", "ya"])
    sheet.merge_cells("B4:B5")
    folder = write(tmp_path / "s")
    book.save(folder / "tps.xlsx")
    found = problems(run, folder, 1)
    assert any(
        p.startswith("tps.xlsx:DPT!E5: error: tps[1].voters: voters '2x0' is not a whole number")
        for p in found
    )
    assert found[-1].startswith("invalid: 1 error")
    sheet["E5"] = 240
    book.save(folder / "tps.xlsx")
    run("validate", "--lang", "en", folder, code=0)
    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None
    assert [(x.kecamatan, x.desa, x.voters) for x in checked.scenario.tps][:2] == [
        ("Sinjai Utara", "Balangnipa", 250),
        ("Sinjai Utara", "Lappa", 240),
    ]


def test_tps_yaml_and_its_located_problems(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s")
    (folder / "tps.yaml").write_text(
        "tps:\n"
        "  - {kecamatan: Sinjai Utara, desa: Balangnipa, tps: 001, voters: 250, category: rawan}\n"
        '  - {kecamatan: Sinjai Utara, desa: Balangnipa, tps: "1", voters: 20, category: rawan}\n'
        "  - {kecamatan: Pulau Sembilan, desa: Kambuno, tps: 1, voterz: 9, category: khusus}\n"
    )
    found = problems(run, folder, 1)
    assert (
        "tps.yaml:3:54: error: tps[1].tps: TPS 1 of desa 'Balangnipa' (Sinjai Utara) is listed "
        f"twice, here and at {folder}/tps.yaml:2:54; remove one row or correct its number" in found
    )
    assert any(
        "tps.yaml:4:56: error: tps[2].voterz: unknown field 'voterz'; did you mean 'voters'?" in p
        for p in found
    )
    assert (
        "tps.yaml:4:5: error: tps[2]: the DPT is empty; write the number of voters of this TPS"
        in found
    )


@pytest.mark.parametrize(
    "header", ["kecamatan;desa;tps;voters;category\n", "KEC;DESA;TPS;DPT;CATEGORY\n"]
)
def test_headers_in_english_or_indonesian_and_semicolons(
    run: Run, tmp_path: Path, header: str
) -> None:
    folder = write(tmp_path / "s")
    body = "Sinjai Utara;Balangnipa;1;250;rawan\nPulau Sembilan;Kambuno;1;90;rawan\n"
    (folder / "tps.csv").write_text(header + body, encoding="cp1252")
    out = run("validate", "--lang", "en", "--format", "json", folder, code=0).stdout
    assert json.loads(out)["valid"] is True


def test_a_sheet_without_a_required_column(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s")
    (folder / "tps.csv").write_text("KECAMATAN,DESA,TPS,KATEGORI,KETERANGAN\nA,B,1,rawan,x\n")
    found = problems(run, folder, 1)
    assert any(
        p.startswith("tps.csv:1:1: error: no column for DPT; name one of: DPT, PEMILIH")
        for p in found
    )


PEMUNGUTAN = EXAMPLE.parent / "sinjai-2024-pemungutan"
DPT_2024 = {
    "Sinjai Utara": 36658,
    "Sinjai Selatan": 30815,
    "Tellulimpoe": 29595,
    "Sinjai Timur": 25735,
    "Sinjai Tengah": 21500,
    "Sinjai Barat": 19681,
    "Sinjai Borong": 13928,
    "Bulupoddo": 13649,
    "Pulau Sembilan": 5597,
}


def test_the_voting_day_example_is_valid_and_sinjai_sized(run: Run) -> None:
    out = run("validate", "--lang", "en", PEMUNGUTAN, code=0).stdout
    assert "error" not in out
    checked = pipeline.load_scenario([PEMUNGUTAN])
    assert checked.scenario is not None
    scenario = checked.scenario
    tps = scenario.tps
    assert len(tps) == 427 and len({(x.kecamatan, x.desa) for x in tps}) == 80
    voters: dict[str, int] = {}
    for x in tps:
        voters[x.kecamatan] = voters.get(x.kecamatan, 0) + x.voters
    assert voters == DPT_2024
    assert {x.kecamatan for x in tps if x.island} == {"Pulau Sembilan"}
    assert all(x.island for x in tps if x.kecamatan == "Pulau Sembilan")
    assert {x.category for x in tps} == {"kurang-rawan", "rawan", "sangat-rawan", "khusus"}
    assert len(scenario.roster.personnel) == 311
    assert scenario.operation.voting is not None
    assert [a.unit for a in scenario.operation.voting.areas] == [f"Polsek {k}" for k in DPT_2024]
    assert "tps.csv" in scenario.inputs


def test_a_tps_list_checked_on_its_own(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s", [*ROWS, "Sinjai Utara,Lappa,1,9,rawan,"])
    found = problems(run, folder, 1, folder / "tps.csv")
    assert found[0].startswith(
        "tps.csv:6:3: error: tps[4].tps: TPS 1 of desa 'Lappa' (Sinjai Utara) is listed"
    )
    assert sum(": error: " in p for p in found) == 1
    # Given with the scenario's files, it is their TPS list.
    files = [folder / n for n in ("operation.yaml", "roster.yaml", "arrivals.yaml", "tps.csv")]
    out = run("validate", "--lang", "en", *files, code=1).stdout
    assert "tps.csv:6:3: error: tps[4].tps: TPS 1 of desa 'Lappa'" in out


def test_rows_of_sums_are_not_tps(run: Run, tmp_path: Path) -> None:
    rows = [*ROWS[:3], "Sinjai Utara,JUMLAH,,790,,", *ROWS[3:], "TOTAL,,,990,,"]
    folder = write(tmp_path / "s", rows)
    run("validate", "--lang", "en", folder, code=0)
    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None and len(checked.scenario.tps) == 4


def test_the_problems_are_told_in_indonesian(run: Run, tmp_path: Path) -> None:
    folder = write(tmp_path / "s", [*ROWS, "Sinjai Utara,Lappa,2,12a,sangat rawn,"])
    out = run("validate", "--lang", "id", folder, code=1).stdout
    assert "tps.csv:6:4: error: tps[4].voters: pemilih '12a' bukan bilangan bulat >= 0" in out
    assert "tps.csv:6:5: error: tps[4].category: kategori 'sangat rawn' tidak dikenal" in out


@pytest.mark.parametrize(("name", "text"), [("tps.csv", HEADER), ("tps.yaml", "tps: []\n")])
def test_a_tps_list_with_no_tps_is_refused(run: Run, tmp_path: Path, name: str, text: str) -> None:
    folder = write(tmp_path / "s")
    (folder / name).write_text(text, encoding="utf-8")
    assert (
        f"{name}:1:1: error: the TPS list holds no TPS; give one row for each TPS of the list"
        in problems(run, folder, 1)
    )
