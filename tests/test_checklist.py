"""Checklists: every template in both languages, the example's items, formats and options."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from sinjai_ops import pipeline
from sinjai_ops.models.checklist import PLACEHOLDERS, placeholders
from tests.conftest import CASES, EXAMPLE, ROOT, Run

MINIMAL = CASES / "valid" / "minimal"
GOLDEN = Path(__file__).resolve().parent / "golden"
_2H = timedelta(hours=2)


@pytest.fixture(scope="module")
def example() -> pipeline.Listed:
    return pipeline.checklist([EXAMPLE])


def test_every_shipped_template_renders_in_both_languages(example: pipeline.Listed) -> None:
    assert example.checklist is not None and example.checked.scenario is not None
    templates = example.checked.scenario.checklists
    produced = {i.template for i in example.checklist.items}
    assert produced == {t.id for t in templates}
    for item in example.checklist.items:
        for lang in ("id", "en"):
            text = item.text[lang]
            assert text and "{" not in text and "}" not in text, (item.template, lang)
    for t in templates:
        for lang in ("id", "en"):
            assert set(placeholders(getattr(t.text, lang))) <= PLACEHOLDERS


def _items(listed: pipeline.Listed, template: str) -> list[str]:
    assert listed.checklist is not None
    return [
        f"{i.due.isoformat()} {i.site}" for i in listed.checklist.items if i.template == template
    ]


def test_example_items_for_every_visit_and_day(example: pipeline.Listed) -> None:
    assert _items(example, "rakor-pengamanan") == ["2024-08-21T10:00:00+08:00 None"]
    assert _items(example, "pelayanan-skck") == [
        "2024-08-22T08:00:00+08:00 mapolres",
        "2024-08-23T08:00:00+08:00 mapolres",
        "2024-08-23T12:30:00+08:00 mapolres",
    ]
    assert _items(example, "latihan-dalmas") == ["2024-08-25T16:00:00+08:00 None"]
    assert _items(example, "sterilisasi-ring1") == [
        "2024-08-26T04:30:00+08:00 kpu",
        "2024-08-27T04:30:00+08:00 kpu",
        "2024-08-28T04:30:00+08:00 kpu",
    ]
    assert len(_items(example, "info-intelijen-paslon")) == 6  # every visit
    assert len(_items(example, "pengawalan-rangkaian")) == 6  # every convoy
    assert _items(example, "pemisahan-massa-rival") == ["2024-08-26T20:00:00+08:00 kpu"]
    assert len(_items(example, "anev-harian")) == 7  # every day
    # One BKO request, bko.lead_days (3) before the first missing head, naming every line.
    assert _items(example, "permintaan-bko") == ["2024-08-24T09:00:00+08:00 None"]
    # A roll call before every shift at every site where officers stand.
    assert len(_items(example, "apel-shift")) == 7 * 3 * 2


def test_owners_are_named_through_the_plan(example: pipeline.Listed) -> None:
    assert example.checklist is not None
    for item in example.checklist.items:
        if item.template in ("apel-shift", "sterilisasi-ring1", "anev-harian", "rakor-pengamanan"):
            assert item.owner.nrp and item.owner.name, item
    drill = next(i for i in example.checklist.items if i.template == "latihan-dalmas")
    assert "(" in drill.text["id"] and "tidak ada" not in drill.text["id"]


def test_json_has_offsets_owners_and_sources(run: Run) -> None:
    body = json.loads(run("checklist", EXAMPLE, "--format", "json", "--lang", "id").stdout)
    assert body["items"][0]["template"] == "netralitas-propam"  # two days before the start
    first = next(i for i in body["items"] if i["template"] == "rakor-pengamanan")
    assert first["due"] == "2024-08-21T10:00:00+08:00"
    assert set(first["owner"]) == {"role", "name", "nrp", "rank", "unit"}
    assert first["source"]
    dues = [i["due"] for i in body["items"]]
    assert dues == sorted(dues)


def test_options_filter(run: Run) -> None:
    body = json.loads(
        run(
            "checklist", EXAMPLE, "--format", "json", "--date", "2024-08-27", "--site", "kpu"
        ).stdout
    )
    assert {i["due"][:10] for i in body["items"]} == {"2024-08-27"}
    assert {i["site"] for i in body["items"]} <= {"kpu", None}
    mine = json.loads(
        run("checklist", EXAMPLE, "--format", "json", "--owner", "Sat Intelkam").stdout
    )
    assert mine["items"] and all(i["owner"]["unit"] == "Sat Intelkam" for i in mine["items"])
    run("checklist", EXAMPLE, "--site", "kpuu", code=2)


@pytest.mark.parametrize(
    ("fmt", "lang", "name"),
    [
        ("markdown", "id", "minimal.checklist.id.md"),
        ("markdown", "en", "minimal.checklist.md"),
        ("csv", "en", "minimal.checklist.csv"),
        ("json", "id", "minimal.checklist.json"),
        ("table", "en", "minimal.checklist.txt"),
    ],
)
def test_golden(run: Run, fmt: str, lang: str, name: str) -> None:
    out = run("checklist", MINIMAL, "--format", fmt, "--lang", lang).stdout
    golden = GOLDEN / name
    if os.environ.get("SINJAI_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_operation_adds_and_replaces_templates(run: Run, tmp_path: Path) -> None:
    for name in ("roster.yaml", "arrivals.yaml"):
        (tmp_path / name).write_bytes((MINIMAL / name).read_bytes())
    extra = """checklists:
  - id: anev-harian
    anchor: {kind: day, at: "20:00"}
    owner: {role: operation-commander}
    text: {id: "Anev lebih awal", en: "Early evaluation"}
  - id: cek-genset
    anchor: {kind: shift, minutes: 60}
    owner: {role: site-commander}
    text: {id: "Cek genset di {site_name}", en: "Check the generator at {site_name}"}
"""
    text = (MINIMAL / "operation.yaml").read_text(encoding="utf-8") + extra
    (tmp_path / "operation.yaml").write_text(text, encoding="utf-8")
    body = json.loads(run("checklist", tmp_path, "--format", "json").stdout)
    anev = [i for i in body["items"] if i["template"] == "anev-harian"]
    assert [i["due"][11:16] for i in anev] == ["20:00", "20:00"]
    assert any(i["text"] == "Check the generator at Kantor KPU" for i in body["items"])


def test_shipped_templates_validate_as_a_file(run: Run) -> None:
    run("validate", ROOT / "configs" / "checklists.yaml", code=0)


CONDITIONS = """checklists:
  - id: cek-rival
    anchor: {kind: visit, minutes: 30}
    owner: {role: operation-commander}
    when: {rival_conflict: true}
    text: {id: "Rival {candidate}", en: "Rival {candidate}"}
  - id: cek-tenang
    anchor: {kind: visit, minutes: 30}
    owner: {role: operation-commander}
    when: {rival_conflict: false, risk: [low], min_supporters: 100}
    text: {id: "Tenang {candidate}", en: "Calm {candidate}"}
  - id: cek-kurang
    anchor: {kind: day, at: "07:00"}
    owner: {role: operation-commander}
    when: {shortfall: true}
    text: {id: "Kurang {date}", en: "Short {date}"}
"""


def test_conditions(run: Run, tmp_path: Path) -> None:
    for name in ("roster.yaml", "arrivals.yaml"):
        (tmp_path / name).write_bytes((EXAMPLE / name).read_bytes())
    text = (EXAMPLE / "operation.yaml").read_text(encoding="utf-8") + CONDITIONS
    (tmp_path / "operation.yaml").write_text(text, encoding="utf-8")
    body = json.loads(run("checklist", tmp_path, "--format", "json", "--lang", "en").stdout)

    def texts(template: str) -> list[str]:
        return [f"{i['due'][:10]} {i['text']}" for i in body["items"] if i["template"] == template]

    # Only the two rivals' visits on the day they meet at the KPU.
    assert [t.split(" (")[0] for t in texts("cek-rival")] == [
        "2024-08-27 Rival Paslon 1",
        "2024-08-27 Rival Paslon 2",
    ]
    # paslon-3 is the low-risk pair; only its registration brings 100 supporters or more.
    assert [t.split(" (")[0] for t in texts("cek-tenang")] == ["2024-08-26 Calm Paslon 3"]
    short_days = {
        s["date"]
        for s in json.loads(run("plan", tmp_path, "--format", "json").stdout)["shortfalls"]
    }
    assert [t[:10] for t in texts("cek-kurang")] == sorted(short_days)


def test_the_checklist_agrees_with_the_plan(example: pipeline.Listed) -> None:
    assert example.checklist is not None and example.plan is not None
    items = example.checklist.items
    plan = example.plan
    bko = [i for i in items if i.template == "permintaan-bko"]
    assert len(bko) == 1
    for line in plan.reinforcements:
        assert f"{line.date} {line.shift}" in bko[0].text["en"]
        assert f"{line.skill} {line.missing}" in bko[0].text["en"]
    # A roll call speaks of arrivals only where a candidate arrives in that shift.
    for item in items:
        if item.template == "apel-shift" and "malam" in item.source:
            assert "candidates arriving in this shift: no candidate arrives" in item.text["en"]
    # The reserve is "ready" only in a shift where it is fully manned.
    reserve_short = {(s.date, s.shift) for s in plan.shortfalls if s.post == "reserve"}
    for item in items:
        if item.template == "siaga-dalmas-rawan":
            ready = "is ready to move" in item.text["en"]
            slot = next((s.date, s.shift) for s in plan.slots if s.start <= item.due + _2H < s.end)
            assert ready == (slot not in reserve_short), item.text["en"]
    # An item owned by a post that falls due before its shift says who calls its owner in.
    for item in items:
        if item.template == "sterilisasi-ring1":
            assert "is off duty (pagi shift); called in by" in item.text["en"]
    # Items at a site and shift that miss heads say so.
    short_sites = {(s.date, s.shift, s.site) for s in plan.shortfalls}
    for item in items:
        if item.template == "apel-shift":
            _, d, shift, _, site = item.source.split()
            warned = "WARNING:" in item.text["en"]
            assert warned == ((date.fromisoformat(d), shift, site) in short_sites), item.source
