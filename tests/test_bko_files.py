"""`bko`'s files: units.yaml and the plans checked like every input (every problem at once,
FILE:LINE:COLUMN, exit 1), the order in JSON, table and workbook, byte-stable, both languages."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from sinjai_ops.schema import SCHEMA_MODELS, schema_for
from tests.bko_check import check_allocation
from tests.conftest import EXAMPLE, Run

UNITS = """\
units:
  - id: ssk-brimob-yon-c
    name: SSK Brimob Batalyon C Pelopor
    kind: ssk
    strength: 100
    skills: [dalmas]
    commander: {name: Andi Basri, rank: AKP, nrp: "80010001"}
    base: Bone
    available: {from: 2024-08-25, to: 2024-08-29}
  - id: sst-sabhara
    name: SST Sabhara Polda
    kind: sst
    strength: 12
    skills: [dalmas, samapta]
    commander: {name: Budi Santoso, rank: Ipda, nrp: "85020002"}
    base: Makassar
travel_hours:
  Bone: {Polres Sinjai: 2}
"""

BAD_UNITS = """\
units:
  - id: ssk-a
    name: SSK A
    kind: kompi
    strength: 100
    skills: [dalmass]
    commander: {name: Andi Basri, rank: AKP, nrp: "80010001"}
    base: Bone
    available: {from: 2024-11-29, to: 2024-11-25}
  - id: ssk-a
    name: SSK B
    kind: sst
    strength: 30
    skills: [dalmas]
    commander: {name: Budi Santoso, rank: Ipda, nrp: "85020002"}
    base: Bone
travel_hours:
  Bone: {Polres Sinjai: -2}
"""


@pytest.fixture(scope="module")
def example_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from sinjai_ops.cli import app

    folder = tmp_path_factory.mktemp("plans") / "sinjai"
    folder.mkdir()
    out = folder / "plan.json"
    CliRunner().invoke(app, ["plan", str(EXAMPLE), "--format", "json", "-o", str(out)])
    return out


def test_units_yaml_every_problem_at_once_located(
    run: Run, tmp_path: Path, example_plan: Path
) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(BAD_UNITS, "utf-8")
    err = run("bko", example_plan, "--units", units, code=1).stderr
    lines = [x for x in err.splitlines() if "units.yaml:" in x]
    assert any(x.startswith(f"{units}:4:11:") or "units.yaml:4:11:" in x for x in lines), err
    assert "'kompi' is not one of: ssk, sst, peleton, regu" in err
    assert "unknown skill 'dalmass'; did you mean 'dalmas'?" in err
    assert "unit id 'ssk-a' is used twice (first at line 2)" in err
    assert (
        "units.yaml:9:16:" in err
        and "available.to (2024-11-25) comes before available.from (2024-11-29); swap the two dates"
        in err
    )
    said = run("bko", example_plan, "--units", units, "--lang", "id", code=1).stderr
    assert (
        "available.to (2024-11-25) lebih awal daripada available.from (2024-11-29); tukar kedua "
        "tanggal itu" in said
    )
    assert "units.yaml:18:25:" in err and "must be at least 0" in err and "-2" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.json").exists()


def test_bad_plan_files_are_located(run: Run, tmp_path: Path, example_plan: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(UNITS, "utf-8")
    old = tmp_path / "old.json"
    line = {
        "date": "2024-08-27",
        "shift": "pagi",
        "site": "kpu",
        "post": "p",
        "skill": "dalmas",
        "missing": 3,
        "weight": 1,
    }
    old.write_text(
        json.dumps({"operation": "x", "unit": "Polres X", "reinforcements": [line]}, indent=1)
    )
    broken = tmp_path / "broken.json"
    broken.write_text('{"operation": "x", "unit": \n')
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"operation": "x", "reinforcements": []}))
    again = tmp_path / "sinjai.json"  # the name of the example's folder
    again.write_text(json.dumps({"operation": "x", "unit": "Polres Y", "reinforcements": []}))
    err = run("bko", example_plan, old, broken, other, again, "--units", units, code=1).stderr
    assert "old.json:5:3:" in err and "has no 'from' and 'until'" in err
    assert "broken.json:2:1: error: JSON syntax error" in err
    assert "other.json:1:1: error: missing required field 'unit'" in err
    assert "sinjai.json:1:1:" in err and "two plans are named 'sinjai'" in err
    out = tmp_path / "order.json"
    run("bko", old, "--units", units, "-o", out, code=1)
    assert not out.exists()


def test_example_plan_allocated_and_checked(run: Run, tmp_path: Path, example_plan: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(UNITS, "utf-8")
    found = run("bko", example_plan, "--units", units, "-f", "json")
    # Makassar -> Polres Sinjai is not in travel_hours: counted 0, with a warning at the base.
    assert (
        "units.yaml:16:11: warning: units[1].base: no travel_hours from Makassar to Polres Sinjai"
        in found.stderr
    )
    out = json.loads(found.stdout)
    plan = json.loads(example_plan.read_text("utf-8"))
    requests = [
        {k: v for k, v in r.items() if k != "causes"} | {"plan": "sinjai", "polres": plan["unit"]}
        for r in plan["reinforcements"]
    ]
    import yaml

    data = yaml.safe_load(
        UNITS.replace("2024-08-25", "'2024-08-25'").replace("2024-08-29", "'2024-08-29'")
    )
    check_allocation(out, data["units"], data["travel_hours"], requests)
    assert out["quality"]["status"] == "optimal"
    assert out["quality"]["heads_covered"] == sum(r["missing"] for r in requests)
    assert {a["polres"] for a in out["allocations"]} == {"Polres Sinjai"}
    again = run("bko", example_plan, "--units", units, "-f", "json", "-q")
    assert again.stdout == found.stdout and again.stderr == ""


def test_the_order_as_a_table_in_both_languages(
    run: Run, tmp_path: Path, example_plan: Path
) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(UNITS, "utf-8")
    en = run("bko", example_plan, "--units", units, "-q").stdout
    assert "BKO order of the Polda" in en and "AKP Andi Basri, NRP 80010001" in en
    assert "Polres Sinjai (sinjai)" in en and "proven optimal" in en
    id_ = run("bko", example_plan, "--units", units, "-q", "--lang", "id").stdout
    assert "Perintah BKO Polda" in id_ and "terbukti optimal" in id_
    assert "BKO order" not in id_


def test_the_order_as_a_workbook(run: Run, tmp_path: Path, example_plan: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(UNITS, "utf-8")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    run("bko", example_plan, "--units", units, "-o", first, "-q")
    run("bko", example_plan, "--units", units, "-o", second, "-q")
    assert first.read_bytes() == second.read_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(first.read_bytes())).read("xl/sharedStrings.xml").decode()
    assert "SSK Brimob Batalyon C Pelopor (ssk-brimob-yon-c), 100" in sheet
    assert "Polres Sinjai (sinjai)" in sheet
    err = run("bko", example_plan, "--units", units, "-f", "xlsx", code=2).stderr
    assert "give -o FILE.xlsx" in err


def test_units_yaml_has_its_schema() -> None:
    assert "units" in SCHEMA_MODELS
    schema = schema_for("units")
    unit = schema["$defs"]["Unit"]
    assert unit["properties"]["kind"]["enum"] == ["ssk", "sst", "peleton", "regu"]
    assert set(unit["required"]) >= {
        "id",
        "name",
        "kind",
        "strength",
        "skills",
        "commander",
        "base",
    }


def test_validate_checks_units_yaml_too(run: Run, tmp_path: Path) -> None:
    good, bad = tmp_path / "units.yaml", tmp_path / "polda-units.yaml"
    good.write_text(UNITS, "utf-8")
    bad.write_text(BAD_UNITS, "utf-8")  # known by its top-level `units:`
    assert "valid" in run("validate", good).stdout
    out = run("validate", bad, code=1).stdout
    assert "polda-units.yaml:9:16:" in out and "unit id 'ssk-a' is used twice" in out


def test_the_order_names_posts_reserve_visits_and_categories_as_people_read_them(
    run: Run, tmp_path: Path
) -> None:
    def line(site: str | None, post: str | None, skill: str | None, **more: str) -> dict:
        where = {"shift": "pagi", "site": site, "post": post} if site else more
        return {
            "date": "2024-11-27",
            **where,
            "skill": skill,
            "missing": 1,
            "weight": 1,
            "from": "2024-11-27T06:00",
            "until": "2024-11-27T14:00",
        }

    lines = [
        line("ppk-sinjai-tengah", "ppk-sinjai-tengah-jaga", "dalmas"),
        line("mapolres", "reserve", "any"),
        line("kpu", "visit:paslon-2", "dalmas"),
        line(None, None, None, kecamatan="Sinjai Utara", category="kurang-rawan"),
    ]
    plan = tmp_path / "vote.json"
    plan.write_text(
        json.dumps({"operation": "Ops", "unit": "Polres Sinjai", "reinforcements": lines})
    )
    units = tmp_path / "units.yaml"
    units.write_text(UNITS.replace("strength: 12", "strength: 1"), "utf-8")  # one line each
    seen = {
        lang: " ".join(run("bko", plan, "--units", units, "-q", "--lang", lang).stdout.split())
        for lang in ("en", "id")
    }
    for text in seen.values():
        assert "ppk-sinjai-tengah /" not in text and "visit:" not in text
        assert "reserve" not in text.replace("Reserve (cadangan)", "")
        assert "kurang-rawan" not in text
    assert "pagi, ppk-sinjai-tengah-jaga, Dalmas" in seen["id"]
    assert "Cadangan di mapolres, Apa saja" in seen["id"]
    assert "Pengamanan kunjungan paslon-2 di kpu" in seen["id"]
    assert "Sinjai Utara (kurang rawan), Apa saja" in seen["id"]
    assert "fungsi apa pun" not in seen["id"]
    assert "Reserve (cadangan) at mapolres, Any" in seen["en"]
    assert "Visit security: paslon-2 at kpu" in seen["en"]
    assert "Sinjai Utara (less vulnerable), Any" in seen["en"]
    book = tmp_path / "bko.xlsx"
    run("bko", plan, "--units", units, "-q", "--lang", "id", "-o", book)
    sheet = zipfile.ZipFile(book).read("xl/sharedStrings.xml").decode()
    assert "Cadangan di mapolres, Apa saja" in sheet and "kurang rawan" in sheet
