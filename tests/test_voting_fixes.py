"""The voting day's checklist, BKO request and documents as the Kabag Ops reads them: every
missing head counted (TPS officers too), no registration-day filler on the voting day, the
night's escort of the ballot boxes as the plan has it, labels in the reader's language."""

from __future__ import annotations

import pytest
import typer

from sinjai_ops.checklists import make_checklist
from sinjai_ops.cli.planning import _exit_on_shortfall
from sinjai_ops.models.checklist import Checklist
from tests.voting_fixture import registration, voting_plan, voting_scenario


def _checklist() -> Checklist:
    _, demand, _ = registration()
    scenario = voting_scenario()
    return make_checklist(scenario, demand, voting_plan(), scenario.checklists)


def test_the_bko_request_counts_the_missing_tps_officers_and_padal() -> None:
    plan = voting_plan()
    total = sum(r.missing for r in plan.reinforcements) + 4  # 1 Padal, 2 + 1 TPS officers
    item = next(i for i in _checklist().items if i.template == "permintaan-bko")
    assert f"untuk {total} personel" in item.text["id"]
    assert f"for {total} officers" in item.text["en"]
    assert "2024-11-27 TPS Kecamatan Pulau Sembilan, kurang rawan: 2" in item.text["id"]
    assert "2024-11-27 TPS of Kecamatan Sinjai Utara, highly vulnerable: 1" in item.text["en"]
    assert "Pulau Sembilan, Padal: 1" in item.text["id"]


def test_exit_3_names_the_missing_tps_officers(capsys: pytest.CaptureFixture[str]) -> None:
    plan = voting_plan()
    total = sum(r.missing for r in plan.reinforcements) + 4
    with pytest.raises(typer.Exit):
        _exit_on_shortfall(plan, "en")
    err = " ".join(capsys.readouterr().err.split())
    assert f"{total} heads missing" in err
    assert "2024-11-27 TPS Pulau Sembilan, less vulnerable: 2 missing" in err
