"""A voting day laid onto the plan of the registration example, for the tests of the views:
two kecamatan (desa invented), real NRPs of the example's roster, a Padal in one kecamatan and
none in the other, TPS heads missing in both (the BKO request)."""

from __future__ import annotations

from datetime import date, time
from functools import cache

from sinjai_ops import pipeline
from sinjai_ops.models.plan import Demand, Person, Plan
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import (
    LinmasNeed,
    PadalDuty,
    TpsGroup,
    TpsShortfall,
    VotingArea,
    VotingSection,
)
from tests.conftest import EXAMPLE

VOTING = VotingSection(
    date=date(2024, 11, 27),
    report=time(6, 30),
    open=time(7, 0),
    close=time(13, 0),
    counting_until=time(23, 0),
    areas=[
        VotingArea(unit="Polsek Sinjai Utara", kecamatan=["Sinjai Utara"]),
        VotingArea(unit="Polsek Pulau Sembilan", kecamatan=["Pulau Sembilan"]),
    ],
)
PADAL = "96043350"
"""Ipda Fadli Lologau: the Padal of Sinjai Utara."""
GROUPS = [
    TpsGroup(
        kecamatan="Pulau Sembilan",
        desa="Pulau Padaelo",
        category="kurang-rawan",
        tps=["001", "002", "003", "004"],
        officers=[],
        missing=2,
    ),
    TpsGroup(
        kecamatan="Sinjai Utara",
        desa="Balangnipa",
        category="rawan",
        tps=["001", "002"],
        officers=["01040117", "78063390"],
        missing=0,
    ),
    TpsGroup(
        kecamatan="Sinjai Utara",
        desa="Balangnipa",
        category="kurang-rawan",
        tps=["003", "004", "005", "006"],
        officers=["04071202", "95016757"],
        missing=0,
    ),
    TpsGroup(
        kecamatan="Sinjai Utara",
        desa="Lappa",
        category="sangat-rawan",
        tps=["001"],
        officers=["85094482"],
        missing=1,
    ),
]
TPS_OFFICERS = ["01040117", "78063390", "04071202", "95016757", "85094482"]


def _short(kecamatan: str, category: str | None, missing: int, weight: int) -> TpsShortfall:
    return TpsShortfall.model_validate(
        {
            "date": VOTING.date,
            "kecamatan": kecamatan,
            "category": category,
            "missing": missing,
            "from": "2024-11-27T06:30",
            "until": "2024-11-27T23:00",
            "weight": weight,
        }
    )


@cache
def registration() -> tuple[Scenario, Demand, Plan]:
    planned = pipeline.plan([EXAMPLE], remedies=False)
    assert planned.checked.scenario and planned.demand and planned.plan
    return planned.checked.scenario, planned.demand, planned.plan


@cache
def voting_scenario() -> Scenario:
    scenario, _, _ = registration()
    operation = scenario.operation.model_copy(update={"voting": VOTING})
    return scenario.model_copy(update={"operation": operation})


@cache
def voting_plan() -> Plan:
    """The registration plan with the voting day filled in as the solver would."""
    scenario, _, plan = registration()
    roster = {p.nrp: p for p in scenario.roster.personnel}
    named = {p.nrp for p in plan.people}
    people = plan.people + [
        Person(nrp=n, name=roster[n].name, rank=roster[n].rank, unit=roster[n].unit)
        for n in [*TPS_OFFICERS, PADAL]
        if n not in named
    ]
    return plan.model_copy(
        update={
            "people": sorted(people, key=lambda p: p.nrp),
            "names": plan.names.model_copy(update={"voting": VOTING}),
            "tps_groups": GROUPS,
            "padal": [
                PadalDuty(kecamatan="Pulau Sembilan", nrp=None),
                PadalDuty(kecamatan="Sinjai Utara", nrp=PADAL),
            ],
            "linmas": [
                LinmasNeed(kecamatan="Pulau Sembilan", desa="Pulau Padaelo", need=8),
                LinmasNeed(kecamatan="Sinjai Utara", desa="Balangnipa", need=12),
                LinmasNeed(kecamatan="Sinjai Utara", desa="Lappa", need=2),
            ],
            "tps_shortfalls": [
                _short("Pulau Sembilan", None, 1, 40),
                _short("Pulau Sembilan", "kurang-rawan", 2, 10),
                _short("Sinjai Utara", "sangat-rawan", 1, 30),
            ],
        }
    )
