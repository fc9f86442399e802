"""The models read values as the officer meant them, and the policy merges as the spec says."""

from __future__ import annotations

from datetime import time

from sinjai_ops import pipeline
from tests.conftest import CASES, EXAMPLE


def test_example_values_are_read_as_typed() -> None:
    checked = pipeline.load_scenario([EXAMPLE])
    assert checked.scenario is not None
    scenario = checked.scenario
    malam = next(s for s in scenario.operation.shifts if s.id == "malam")
    assert (malam.start, malam.end) == (time(22, 0), time(6, 0))
    visit = scenario.arrivals.candidates[2].visits[1]
    assert (visit.arrive, visit.depart) == (time(8, 30), time(10, 30))
    assert any(p.nrp == "01040117" for p in scenario.roster.personnel)


def test_policy_override_replaces_only_named_keys() -> None:
    scenario = pipeline.load_scenario([EXAMPLE]).scenario
    assert scenario is not None
    policy = scenario.policy
    assert policy.rest.min_rest_hours == 10 and policy.rest.max_hours_per_day == 12
    assert policy.reserve.fraction == 0.10 and policy.reserve.site == "mapolres"


def test_bom_and_crlf_scenario_equals_the_plain_one() -> None:
    plain = pipeline.load_scenario([CASES / "valid" / "minimal"]).scenario
    crlf = pipeline.load_scenario([CASES / "valid" / "bom-crlf"]).scenario
    assert plain is not None and crlf is not None
    assert plain.model_dump(exclude={"inputs"}) == crlf.model_dump(exclude={"inputs"})
    assert plain.inputs != crlf.inputs


def test_shipped_policy_is_valid() -> None:
    policy = pipeline.default_policy()
    assert "dalmas" in policy.skills
    assert policy.ranks.index("Ipda") < policy.ranks.index("AKBP")
