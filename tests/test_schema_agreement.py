"""The JSON Schemas that editors see and the `validate` that CI runs agree, file by file.

Each case changes one value of the example and asks both: the real client an editor or a
pre-commit hook uses (check-jsonschema, which reads YAML as 1.2 does) with the schemas that
`sinjai-ops schema` writes, and `sinjai-ops validate`. Where a schema can say it, they give the
same verdict, at the same place. Where it cannot (an editor never sees an NRP's leading zeros,
nor tells 11 from 11.00), the case is listed with the reason, so that a change on either side
shows up here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run

# (file, text in the example, replacement)
AGREE = [
    ("roster", 'nrp: "01040117"', "nrp: 01040117"),
    ("roster", 'nrp: "01040117"', 'nrp: "0104011"'),
    ("roster", 'nrp: "01040117"', "nrp: 1.5"),
    ("roster", 'nrp: "01040117"', "nrp: 123456789"),
    ("roster", "name: Muh. Fadli", "name: 123"),
    ("roster", "name: Muh. Fadli", 'name: "123"'),
    ("roster", "name: Muh. Fadli", "name: true"),
    ("roster", "name: Muh. Fadli", "name: yes"),
    ("roster", "name: Muh. Fadli", "name: Null"),
    ("roster", "name: Muh. Fadli", "name: [a]"),
    ("roster", "name: Muh. Fadli", 'name: "Muh.\\e[2J Fadli"'),
    ("roster", "name: Muh. Fadli", "name: |\n      Muh.\n      Fadli"),
    ("roster", "reason: cuti}", "reason: cu\u202eti}"),
    ("roster", "assignable: false\n", 'assignable: "no"\n'),
    ("roster", "assignable: false\n", "assignable: no\n"),
    ("roster", "assignable: false\n", "assignable: 0\n"),
    ("roster", "assignable: false\n", "assignable: False\n"),
    ("roster", "drills: {dalmas: 2024-08-19}", "drills: {dalmas: 19-08-2024}"),
    ("roster", "drills: {dalmas: 2024-08-19}", "drills: {dalmas: 2024-02-30}"),
    ("roster", "drills: {dalmas: 2024-08-19}", 'drills: {dalmas: "2024-08-19"}'),
    ("roster", "drills: {dalmas: 2024-08-19}", "drills: {Dalmas: 2024-08-19}"),
    ("roster", "drills: {dalmas: 2024-08-19}", "drills: {dal_mas: 2024-08-19}"),
    ("roster", "drills: {dalmas: 2024-08-19}", "drills: {dalmas: 20240819}"),
    ("roster", "skills: [samapta, dalmas]", "skills: samapta"),
    ("roster", "skills: [samapta, dalmas]", "skills: [samapta, 5]"),
    ("roster", "reason: cuti}", "reason: 5}"),
    ("roster", "    unit: Sat Samapta\n", "    unit: Sat Samapta\n    extra: 1\n"),
    ("arrivals", "number: 1\n", 'number: "1"\n'),
    ("arrivals", "number: 1\n", "number: one\n"),
    ("arrivals", "number: 1\n", "number: -1\n"),
    ("arrivals", 'arrive: "13:00"', "arrive: 13.00"),
    ("arrivals", 'arrive: "13:00"', "arrive: 13.30"),
    ("arrivals", 'arrive: "13:00"', "arrive: 13:00"),
    ("arrivals", 'arrive: "13:00"', "arrive: 1300"),
    ("arrivals", 'arrive: "13:00"', 'arrive: "25:00"'),
    ("arrivals", "supporters: 800", 'supporters: "800"'),
    ("arrivals", "supporters: 800", "supporters: 800.5"),
    ("arrivals", "supporters: 800", "supporters: -1"),
    ("arrivals", "risk: medium", "risk: tinggi"),
    ("arrivals", "risk: medium", "risk: Tinggi"),
    ("arrivals", "risk: medium", "risk: Medium"),
    ("arrivals", "purpose: skck\n", "purpose: SKCK\n"),
    ("arrivals", "id: paslon-1", "id: Paslon-1"),
    ("arrivals", "id: paslon-1", "id: paslon_1"),
    ("operation", "timezone: Asia/Makassar", "timezone: Asia/Makasar"),
    ("operation", "timezone: Asia/Makassar", "timezone: 8"),
    ("operation", "timezone: Asia/Makassar", 'timezone: "+08:00"'),
    ("operation", "timezone: Asia/Makassar", 'timezone: ""'),
    ("operation", "timezone: Asia/Makassar", "timezone: Asia/Jakarta"),
    ("operation", "  language: id", "  language: ID"),
    ("operation", 'commander: "72050001"', "commander: 72050001"),
    ("operation", "start: 2024-08-24", "start: 24/08/2024"),
    ("operation", "ring: 1\n", 'ring: "1"\n'),
    ("operation", "ring: 1\n", "ring: 4\n"),
    ("operation", "need: {intel: 2, samapta: 2}", 'need: {intel: "2", samapta: 2}'),
    ("operation", "need: {intel: 2, samapta: 2}", "need: {intel: -2, samapta: 2}"),
    ("operation", "need: {intel: 2, samapta: 2}", "need: {in_tel: 2, samapta: 2}"),
    ("operation", '{id: pagi,  start: "06:00"', "{id: pagi,  start: 06.00"),
]

# What a JSON Schema cannot say, with why: the schema lets these pass, validate refuses them.
SCHEMA_CANNOT_SAY = [
    # 1040117 and 01040117 are the same number to an editor; sinjai-ops sees 7 digits typed.
    ("roster", 'nrp: "01040117"', "nrp: 1040117"),
    # A bare hour and 11.00 are the same number to an editor; a bare number is not a time.
    ("arrivals", 'arrive: "13:00"', "arrive: 13"),
    # 13.5 and 13.50 are the same number to an editor; 13.5 is not HH.MM.
    ("arrivals", 'arrive: "13:00"', "arrive: 13.5"),
]


def _cases(tmp_path: Path, table: list[tuple[str, str, str]]) -> list[Path]:
    files = []
    for i, (kind, old, new) in enumerate(table):
        text = (EXAMPLE / f"{kind}.yaml").read_text(encoding="utf-8")
        assert old in text, (kind, old)
        folder = tmp_path / f"case{i:02d}"
        folder.mkdir()
        files.append(folder / f"{kind}.yaml")
        files[-1].write_text(text.replace(old, new, 1), encoding="utf-8")
    return files


def _schema_errors(schemas: Path, files: list[Path]) -> dict[Path, set[str]]:
    """check-jsonschema's errors by file: the JSON paths it refuses (`$.a[0].b` as `a[0].b`)."""
    found: dict[Path, set[str]] = {f: set() for f in files}
    for kind in ("operation", "roster", "arrivals"):
        mine = [f for f in files if f.name == f"{kind}.yaml"]
        if not mine:
            continue
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--schemafile",
                str(schemas / f"{kind}.schema.json"),
                "--output-format",
                "json",
                *map(str, mine),
            ],
            capture_output=True,
            text=True,
        )
        report = json.loads(done.stdout)
        assert not report.get("parse_errors"), report
        for error in report.get("errors", []):
            found[Path(error["filename"])].add(error["path"].removeprefix("$").lstrip("."))
    return found


def _within(path: str, paths: set[str]) -> bool:
    return any(p == path or p.startswith((f"{path}.", f"{path}[")) for p in paths)


def _validate_errors(run: Run, file: Path) -> set[str]:
    body = json.loads(run("validate", file, "--format", "json", "--lang", "en", code=None).stdout)
    return {p["path"] for p in body["problems"] if p["severity"] == "error"}


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("schemas")
    subprocess.run(
        [sys.executable, "-m", "sinjai_ops", "schema", "-o", str(folder)],
        check=True,
        capture_output=True,
    )
    return folder


def test_the_example_passes_both(run: Run, schemas: Path) -> None:
    files = [EXAMPLE / f"{kind}.yaml" for kind in ("operation", "roster", "arrivals")]
    assert all(not errors for errors in _schema_errors(schemas, files).values())


@pytest.mark.slow
def test_schema_and_validate_agree_on_every_case(run: Run, schemas: Path, tmp_path: Path) -> None:
    files = _cases(tmp_path, AGREE)
    by_schema = _schema_errors(schemas, files)
    differ = []
    for (kind, _, new), file in zip(AGREE, files, strict=True):
        mine = _validate_errors(run, file)
        theirs = by_schema[file]
        # The same verdict, and where the schema points, validate points too, or inside it
        # (the schema refuses a mapping for its key, validate names the key).
        if bool(mine) != bool(theirs) or not all(_within(p, mine) for p in theirs):
            differ.append((kind, new, sorted(theirs), sorted(mine)))
    assert differ == []


def test_what_a_schema_cannot_say_is_left_to_validate(
    run: Run, schemas: Path, tmp_path: Path
) -> None:
    files = _cases(tmp_path, SCHEMA_CANNOT_SAY)
    by_schema = _schema_errors(schemas, files)
    for file in files:
        assert by_schema[file] == set()
        assert _validate_errors(run, file)
