"""One home for every verdict: "may this officer take this head, and if not, why" is answered by
`rules` alone, and said in one set of words wherever it is told (a pin refused by validate,
who-fits, the BKO causes)."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sinjai_ops import pipeline
from sinjai_ops.rules.explain import WORDS
from sinjai_ops.rules.reasons import CAUSE, Code
from tests.helpers import BOSS, officer

SRC = Path(__file__).resolve().parents[1] / "src" / "sinjai_ops"
X = "85000001"


def _imports(folder: Path) -> set[str]:
    found = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_validate_imports_neither_solve_nor_demand() -> None:
    found = _imports(SRC / "validate")
    assert not {m for m in found if m.startswith(("sinjai_ops.solve", "sinjai_ops.demand"))}
    assert "sinjai_ops.rules" in found  # the pins are judged by the rules home


def test_the_rules_import_only_the_models() -> None:
    ours = {m for m in _imports(SRC / "rules") if m.startswith("sinjai_ops")}
    assert ours and all(
        m.startswith(("sinjai_ops.models", "sinjai_ops.rules")) or m == "sinjai_ops.i18n"
        for m in ours
    ), ours


def test_every_reason_has_its_words_and_its_cause() -> None:
    assert set(WORDS) == set(Code)
    assert set(CAUSE) == set(Code)


def _folder(folder: Path, person: dict[str, Any], pins: bool) -> Path:
    operation = {
        "operation": {
            "name": "Uji latihan",
            "unit": "Polres Uji",
            "timezone": "Asia/Makassar",
            "start": "2024-08-26",
            "end": "2024-08-26",
            "commander": BOSS["nrp"],
        },
        "shifts": [{"id": "pagi", "start": "06:00", "end": "14:00"}],
        "sites": [{"id": "kpu", "name": "KPU", "posts": [{"id": "jaga", "need": {"dalmas": 1}}]}],
        "policy": {"reserve": {"fraction": 0, "site": "kpu"}},
    }
    files: dict[str, Any] = {
        "operation.yaml": operation,
        "roster.yaml": {"personnel": [BOSS, person]},
        "arrivals.yaml": {"candidates": [{"id": "paslon-1", "names": ["Calon"], "risk": "low"}]},
    }
    if pins:
        pin = {"nrp": X, "date": "2024-08-26", "shift": "pagi", "site": "kpu", "post": "jaga"}
        files["adjustments.yaml"] = {"pins": [pin]}
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_text(yaml.safe_dump(body), encoding="utf-8")
    return folder


CASES = [
    # Drilled 2024-07-01, 30 days: it counts up to 2024-07-31.
    ({"dalmas": "2024-07-01"}, "dalmas drill expired on 2024-07-31"),
    # Recorded after the day: it does not count on the day, and is not "expired".
    ({"dalmas": "2024-08-27"}, "dalmas drill recorded on 2024-08-27, after 2024-08-26"),
    ({}, "no dalmas drill recorded"),
]


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("drills, sentence", CASES)
def test_a_pin_and_who_fits_say_why_in_the_same_words(
    tmp_path: Path, drills: dict[str, str], sentence: str, lang: str
) -> None:
    person = officer(X, "Bripda", "dalmas", drills=drills)
    fitted = pipeline.who_fits(
        [_folder(tmp_path / "a", person, pins=False)], date(2024, 8, 26), "pagi", "kpu", "dalmas"
    )
    assert fitted.result is not None
    refused = next(n for n in fitted.result.not_ if n.nrp == X)
    assert (refused.code, refused.reason) == ("drill", sentence)
    checked = pipeline.load_scenario([_folder(tmp_path / "b", person, pins=True)])
    errors = [p for p in checked.problems if p.severity == "error"]
    assert [p.said("en") for p in errors] == [f"pin breaks a rule: {sentence}"]
    prefix = {"en": "pin breaks a rule: ", "id": "penetapan melanggar aturan: "}[lang]
    assert errors[0].said(lang) == prefix + refused.said(lang)
    if lang == "id":
        assert refused.said(lang) != sentence  # said in Indonesian, not left in English
