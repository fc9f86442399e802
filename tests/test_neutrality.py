"""Neutrality (netralitas Polri) from the files to the plan and the checklist."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run


def _tie(tmp_path: Path, nrp: str, tie: str) -> Path:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    roster = folder / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    entry = re.search(rf'  - nrp: "{nrp}"\n(?:    .*\n)*', text)
    assert entry is not None
    roster.write_text(
        text.replace(entry.group(0), entry.group(0) + f"    ties: [{tie}]\n"), encoding="utf-8"
    )
    return folder


def test_a_tie_to_an_unknown_candidate_is_refused(run: Run, tmp_path: Path) -> None:
    folder = _tie(tmp_path, "01040117", "paslon-9")
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert "roster.yaml:29:12: error: personnel[3].ties[0]: unknown candidate 'paslon-9'" in out
    assert "(the candidates of arrivals.yaml are: paslon-1, paslon-2, paslon-3, paslon-4)" in out


@pytest.mark.slow
def test_the_tied_officers_of_the_example_keep_off_and_the_cost_is_said(
    run: Run, tmp_path: Path
) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "--no-remedies").stdout)
    # Tie an officer who stands at the KPU on 27 Aug, where paslon-2 registers.
    nrp = next(
        a["nrp"]
        for a in body["assignments"]
        if a["site"] == "kpu" and a["date"] == "2024-08-27" and a["post"] == "visit:paslon-2"
    )
    folder = _tie(tmp_path, nrp, "paslon-2")
    tied = json.loads(run("plan", folder, "--format", "json", "--no-remedies", "-q").stdout)
    assert tied["neutrality"]["tied_officers"] == 1
    # The cost is what the tie costs against the same files without it (the example has none).
    missing = sum(s["missing"] for s in tied["shortfalls"])
    missing_untied = sum(s["missing"] for s in body["shortfalls"])
    assert tied["neutrality"]["heads_cost"] == max(0, missing - missing_untied)
    assert tied["quality"]["status"] == "optimal"
    assert not any(
        a["nrp"] == nrp and (a["post"] == "visit:paslon-2" or a["site"] == "kpu")
        for a in tied["assignments"]
        if a["date"] == "2024-08-27" and a["shift"] in ("pagi", "siang")
    )
    text = run("plan", folder, "--view", "overview", "--lang", "en", "-q", "--no-remedies").stdout
    assert "Neutrality (declared ties)" in text
    listed = run("checklist", folder, "--format", "json", "--lang", "en", "-q").stdout
    item = next(i for i in json.loads(listed)["items"] if i["template"] == "netralitas-propam")
    assert re.search(rf"\({nrp}\): Paslon 2: \S.* - ", item["text"]), item["text"]
