"""Checklists: every template in both languages, the example's items, formats and options."""

from __future__ import annotations

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from sinjai_ops import pipeline
from sinjai_ops.checklists import roll_call_lead
from sinjai_ops.models.checklist import PLACEHOLDERS, placeholders
from sinjai_ops.render.plan_names import head_label
from tests.conftest import CASES, EXAMPLE, ROOT, Run

MINIMAL = CASES / "valid" / "minimal"
GOLDEN = Path(__file__).resolve().parent / "golden"
_2H = timedelta(hours=2)


@pytest.fixture(scope="module")
def example() -> pipeline.Listed:
    return pipeline.checklist([EXAMPLE])


@pytest.fixture(scope="module")
def with_support(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Listed:
    """The example with joint forces (`support:`) beside its perimeter post: the items that
    only they bring."""
    folder = tmp_path_factory.mktemp("support") / "sinjai-2024"
    shutil.copytree(EXAMPLE, folder)
    file = folder / "operation.yaml"
    text = file.read_text(encoding="utf-8")
    post = "      - id: kpu-ring3\n"
    assert post in text
    joint = post + "        support: {tni: 2, satpol-pp: 2, dishub: 1}\n"
    file.write_text(text.replace(post, joint, 1), encoding="utf-8")
    return pipeline.checklist([folder])


@pytest.mark.slow
def test_every_shipped_template_renders_in_both_languages(
    example: pipeline.Listed, with_support: pipeline.Listed
) -> None:
    assert example.checklist is not None and example.checked.scenario is not None
    assert with_support.checklist is not None
    templates = example.checked.scenario.checklists
    supported = {t.id for t in templates if t.when.support}
    items = [
        *example.checklist.items,
        *(i for i in with_support.checklist.items if i.template in supported),
    ]
    produced = {i.template for i in items}
    # The example has a drill schedule: its sessions' items replace the generic drill item
    # (tests/test_drills.py holds the example without one to the generic item). The voting
    # day's templates apply only to a scenario with a `voting:` section (their own test is in
    # test_voting_views.py), and those worded for a scenario without candidate visits (the
    # voting day's, test_voting_fixes.py) to one without arrivals.
    voting = {t.id for t in templates if t.anchor.kind in ("voting", "voting-kecamatan")}
    voting |= {t.id for t in templates if t.when.visits is False}
    assert voting and not produced & voting
    assert produced == {t.id for t in templates} - {"latihan-dalmas"} - voting
    for item in items:
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
    assert _items(example, "rakor-pengamanan") == ["2024-08-23T10:00:00+08:00 None"]
    assert _items(example, "sprin-dan-apel-gelar") == ["2024-08-23T15:00:00+08:00 None"]
    assert _items(example, "pelayanan-skck") == [
        "2024-08-24T08:00:00+08:00 mapolres",
        "2024-08-25T08:00:00+08:00 mapolres",
        "2024-08-25T12:30:00+08:00 mapolres",
        "2024-08-26T08:00:00+08:00 mapolres",
    ]
    # The drill schedule's one session (23 August, 08:00), its item an hour before; the joint
    # exercise at the KPU on 19 August, its meeting a week before and its preparation the day
    # before.
    assert _items(example, "latihan-dalmas-sesi") == ["2024-08-23T07:00:00+08:00 mapolres"]
    assert _items(example, "sispamkota-rapat") == ["2024-08-12T09:00:00+08:00 kpu"]
    assert _items(example, "sispamkota-persiapan") == ["2024-08-18T16:00:00+08:00 kpu"]
    assert _items(example, "sispamkota") == ["2024-08-19T08:00:00+08:00 kpu"]
    # Wanted 90 minutes before ring 1 opens, but the plan has Jibom at the KPU from the 05:30
    # roll call of the pagi shift only.
    assert _items(example, "sterilisasi-ring1") == [
        "2024-08-27T05:30:00+08:00 kpu",
        "2024-08-28T05:30:00+08:00 kpu",
        "2024-08-29T05:30:00+08:00 kpu",
    ]
    assert len(_items(example, "info-intelijen-paslon")) == 12  # every visit
    assert len(_items(example, "pengawalan-rangkaian")) == 12  # every convoy
    assert _items(example, "pemisahan-massa-rival") == ["2024-08-26T20:00:00+08:00 kpu"]
    assert len(_items(example, "anev-harian")) == 7  # every day
    # One BKO request, bko.lead_days (3) before the first missing head, naming every line.
    assert _items(example, "permintaan-bko") == ["2024-08-24T09:00:00+08:00 None"]
    # A roll call opens every shift at every site where officers stand.
    # (RSUD Sinjai only where its post or a health check stands: three pagi and one siang.)
    assert len(_items(example, "apel-shift")) == 7 * 3 * 2 + 4


def test_owners_are_named_through_the_plan(example: pipeline.Listed) -> None:
    assert example.checklist is not None
    for item in example.checklist.items:
        if item.template in ("apel-shift", "sterilisasi-ring1", "anev-harian", "rakor-pengamanan"):
            assert item.owner.nrp and item.owner.name, item
    drill = next(i for i in example.checklist.items if i.template == "latihan-dalmas-sesi")
    assert "(" in drill.text["id"] and "tidak ada" not in drill.text["id"]
    assert drill.owner.nrp and drill.owner.unit == "Sat Samapta"


def test_json_has_offsets_owners_and_sources(run: Run) -> None:
    body = json.loads(run("checklist", EXAMPLE, "--format", "json", "--lang", "id").stdout)
    # The joint exercise's coordination meeting, a week before it (19 August).
    assert body["items"][0]["template"] == "sispamkota-rapat"
    first = next(i for i in body["items"] if i["template"] != "sispamkota-rapat")
    assert first["template"].startswith("sispamkota")
    assert "netralitas-propam" in [i["template"] for i in body["items"]]
    first = next(i for i in body["items"] if i["template"] == "rakor-pengamanan")
    assert first["due"] == "2024-08-23T10:00:00+08:00"
    assert set(first["owner"]) == {"role", "name", "nrp", "rank", "unit"}
    assert first["source"]
    dues = [i["due"] for i in body["items"]]
    assert dues == sorted(dues)


@pytest.mark.slow
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
    # An hour before the shift nobody of that shift is on duty yet: due at their roll call,
    # half an hour before the shift, which is still before it (not late).
    checks = [i for i in body["items"] if i["template"] == "cek-genset"]
    assert checks and all(i["text"].startswith("Check the generator at Kantor KPU") for i in checks)
    assert all(i["due"][11:16] in ("05:30", "21:30") and not i["warning"] for i in checks)
    assert "cek-genset" not in {w["template"] for w in body["warnings"]}


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
    assert [t.split(":")[0] for t in texts("cek-rival")] == [
        "2024-08-27 Rival Paslon 1",
        "2024-08-27 Rival Paslon 2",
    ]
    # paslon-3 is the low-risk pair; only its registration brings 100 supporters or more.
    assert [t.split(":")[0] for t in texts("cek-tenang")] == ["2024-08-28 Calm Paslon 3"]
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
        assert f"{head_label('en', line.post, line.skill)} {line.missing}" in bko[0].text["en"]
    # A roll call speaks of arrivals only where a candidate arrives in that shift.
    for item in items:
        if item.template == "apel-shift" and "malam" in item.source["en"]:
            assert "candidates arriving in this shift: no candidate arrives" in item.text["en"]
    # The reserve is "ready" only in a shift where it is fully manned.
    reserve_short = {(s.date, s.shift) for s in plan.shortfalls if s.post == "reserve"}
    for item in items:
        if item.template == "siaga-dalmas-rawan":
            ready = "is ready to move" in item.text["en"]
            slot = next((s.date, s.shift) for s in plan.slots if s.start <= item.due + _2H < s.end)
            assert ready == (slot not in reserve_short), item.text["en"]
    # The plan has Jibom from the 05:30 roll call only: the sweep comes then, before ring 1
    # opens at 06:00.
    for item in items:
        if item.template == "sterilisasi-ring1":
            assert f"{item.due:%H:%M}" == "05:30" and item.warning is None
    # Items at a site and shift that miss heads say so.
    short_sites = {(s.date, s.shift, s.site) for s in plan.shortfalls}
    for item in items:
        if item.template == "apel-shift":
            slot = next(s for s in plan.slots if s.start == item.due + timedelta(minutes=30))
            warned = "WARNING:" in item.text["en"]
            assert warned == ((slot.date, slot.shift, item.site) in short_sites), item.source


# The plan and the checklist agree: items fall due when their doers are on duty ---------------

_ON_DUTY_ROLES = ("site-commander", "post-commander", "escort-leader")


def _variant(tmp_path: Path, name: str, edit: dict[str, tuple[str, str]]) -> Path:
    """A copy of the example with one text replaced in each named file."""
    folder = tmp_path / name
    folder.mkdir()
    for file in ("operation.yaml", "roster.yaml", "arrivals.yaml"):
        text = (EXAMPLE / file).read_text(encoding="utf-8")
        if file in edit:
            old, new = edit[file]
            assert old in text
            text = text.replace(old, new)
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _generated(tmp_path: Path) -> Path:
    from benchmarks.synth import scenario_texts

    folder = tmp_path / "generated"
    folder.mkdir()
    for name, text in scenario_texts(300, 3, seed=7).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pipeline.Listed]:
    tmp = tmp_path_factory.mktemp("scenarios")
    jibom_at_night = _variant(
        tmp,
        "jibom-at-night",
        {
            "operation.yaml": (
                "need: {jibom: 2}\n        days: [2024-08-27, 2024-08-28, 2024-08-29]\n"
                "        shifts: [pagi]",
                "need: {jibom: 2}\n        days: [2024-08-26, 2024-08-27, 2024-08-28]\n"
                "        shifts: [malam]",
            )
        },
    )
    jibom_after_noon = _variant(
        tmp,
        "jibom-after-noon",
        {
            "operation.yaml": (
                "need: {jibom: 2}\n        days: [2024-08-27, 2024-08-28, 2024-08-29]\n"
                "        shifts: [pagi]",
                "need: {jibom: 2}\n        days: [2024-08-27, 2024-08-28, 2024-08-29]\n"
                "        shifts: [siang]",
            )
        },
    )
    return {
        "example": pipeline.checklist([EXAMPLE]),
        "jibom-at-night": pipeline.checklist([jibom_at_night]),
        "jibom-after-noon": pipeline.checklist([jibom_after_noon]),
        "minimal": pipeline.checklist([MINIMAL]),
        "generated": pipeline.checklist([_generated(tmp)]),
    }


@pytest.mark.slow
def test_every_item_falls_due_when_the_plan_has_its_doers_on_duty_or_says_why(
    scenarios: dict[str, pipeline.Listed],
) -> None:
    for name, listed in scenarios.items():
        assert listed.checklist is not None and listed.plan is not None, name
        scenario = listed.checked.scenario
        assert scenario is not None
        plan = listed.plan
        ranks = scenario.policy.ranks
        templates = {t.id: t for t in scenario.checklists}
        slots = {(s.date, s.shift): s for s in plan.slots}
        duty: dict[str, list[tuple[object, object]]] = {}
        team: dict[tuple[str, str], list[tuple[object, object]]] = {}
        # Officers are on duty from their roll call, before the shift.
        muster = roll_call_lead(scenario.checklists)
        for a in plan.assignments:
            slot = slots[(a.date, a.shift)]
            duty.setdefault(a.nrp, []).append((slot.start - muster, slot.end))
            team.setdefault((a.site, a.skill), []).append((slot.start - muster, slot.end))
        first, last = min(s.start for s in plan.slots), max(s.end for s in plan.slots)

        def on(spans: list[tuple[object, object]], moment: object) -> bool:
            return any(start <= moment < end for start, end in spans)  # type: ignore[operator]

        for item in listed.checklist.items:
            where = f"{name}: {item.template} {item.due} {item.text['en']}"
            by = templates[item.template].by
            owner = item.owner
            if by is not None and by.skill is not None and item.site is not None:
                # The item's team (the post it names) stands there then, or it says why not.
                assert on(team.get((item.site, by.skill), []), item.due) or item.warning, where
            elif owner.role in _ON_DUTY_ROLES and owner.nrp in duty:
                assert on(duty[owner.nrp], item.due) or item.warning, where
            if item.warning:
                assert item.warning["en"] in item.text["en"], where
                assert item.warning["id"] in item.text["id"], where
            # An owner the plan has off duty then is called in, never by someone junior.
            inside = first <= item.due < last
            if owner.nrp in duty and inside and not on(duty[owner.nrp], item.due):
                assert item.called_by is not None or "they come in" in item.text["en"], where
            if item.called_by is not None:
                assert owner.rank is not None and item.called_by.rank is not None
                assert ranks.index(item.called_by.rank) >= ranks.index(owner.rank), where
                assert item.called_by.nrp != owner.nrp, where


def test_the_sweep_comes_before_ring_1_when_jibom_stands_the_night(
    scenarios: dict[str, pipeline.Listed],
) -> None:
    example, night = scenarios["example"].checklist, scenarios["jibom-at-night"].checklist
    afternoon = scenarios["jibom-after-noon"].checklist
    assert example is not None and night is not None and afternoon is not None
    # The example has Jibom from the pagi roll call: the sweep moves to 05:30, still before
    # ring 1 opens at 06:00, so it is not late.
    early = [i for i in example.items if i.template == "sterilisasi-ring1"]
    assert [f"{i.due:%H:%M}" for i in early] == ["05:30"] * 3
    assert not any(i.warning for i in early)
    # Jibom only from the siang roll call: the sweep comes after ring 1 opened, and says so.
    late = [i for i in afternoon.items if i.template == "sterilisasi-ring1"]
    assert [f"{i.due:%H:%M}" for i in late] == ["13:30"] * 3
    assert all(i.warning and "Ruang pendaftaran opens at 06:00" in i.warning["en"] for i in late)
    assert all(i.warning and "TERLAMBAT:" in i.warning["id"] for i in late)
    assert late == [i for i in afternoon.warnings() if i.template == "sterilisasi-ring1"]
    swept = [i for i in night.items if i.template == "sterilisasi-ring1"]
    assert [f"{i.due:%H:%M}" for i in swept] == ["04:30"] * 3
    assert not any(i.warning for i in swept)
    # The ring-1 commander is off duty at 04:30: called in by someone of their rank or above.
    assert all(i.called_by is not None for i in swept)


def test_a_team_the_plan_never_has_there_is_a_warning(
    scenarios: dict[str, pipeline.Listed],
) -> None:
    generated = scenarios["generated"].checklist
    assert generated is not None
    sweeps = [i for i in generated.items if i.template == "sterilisasi-ring1"]
    assert sweeps and all(i.warning for i in sweeps)
    assert all("the plan does not put" in (i.warning or {})["en"] for i in sweeps)
    assert all("rencana tidak menugaskan" in (i.warning or {})["id"] for i in sweeps)


def test_no_junior_calls_in_a_senior_on_the_example(example: pipeline.Listed) -> None:
    assert example.checklist is not None
    ranks = example.checked.scenario.policy.ranks if example.checked.scenario else []
    called = [i for i in example.checklist.items if i.called_by is not None]
    assert called
    for item in called:
        assert item.called_by is not None and item.owner.rank and item.called_by.rank
        assert ranks.index(item.called_by.rank) >= ranks.index(item.owner.rank), item.text["en"]
        said = f"{item.called_by.rank} {item.called_by.name} ({item.called_by.nrp}) calls them in"
        assert said in item.text["en"]


# Indonesian checklists speak Indonesian and name things --------------------------------------

_ENGLISH = (
    "BKO request",
    "lines from",
    " at mapolres",
    " at kpu",
    "first registration visit",
    "operation starts",
    "rival conflict",
    "visit paslon",
    " opens ",
    "shift 2024",
    "LATE",
    "off duty",
)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["markdown", "table"])
def test_an_indonesian_checklist_has_no_english_and_names_not_ids(run: Run, fmt: str) -> None:
    import re

    out = run("checklist", EXAMPLE, "--format", fmt, "--lang", "id", "-q").stdout
    flat = " ".join(out.split())  # the table wraps its cells
    for fragment in _ENGLISH:
        assert fragment not in flat, fragment
    scenario = pipeline.checklist([EXAMPLE]).checked.scenario
    assert scenario is not None
    ids = [s.id for s in scenario.operation.sites]
    ids += [p.id for s in scenario.operation.sites for p in s.posts if p.name]
    ids += [c.id for c in scenario.arrivals.candidates]
    for ident in ids:
        assert not re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", flat), ident
    assert "Kantor KPU Kabupaten Sinjai" in flat and "Paslon 1: Andi Bakti Mappasessu" in flat


def test_every_anchor_kind_has_exactly_one_function_in_the_anchors_table() -> None:
    """A kind a template may name but that lists no occasions would give no items, silently."""
    from typing import get_args

    from sinjai_ops.checklist_anchors import ANCHORS
    from sinjai_ops.models.checklist import AnchorKind

    assert sorted(ANCHORS) == sorted(get_args(AnchorKind))
