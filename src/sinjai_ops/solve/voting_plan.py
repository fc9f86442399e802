"""The plan of the operation's shifts made a voting day's plan: its TPS groups, Padal, Linmas
and missing TPS officers, with the TPS and Padal heads counted in its quality and the duty
counted in each officer's load (one duty, as the program counts it)."""

from __future__ import annotations

import statistics
from collections import Counter

from sinjai_ops.models.plan import Person, Plan
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import PadalDuty, TpsGroup, TpsShortfall
from sinjai_ops.rules import role_of
from sinjai_ops.solve.voting import Widened


def finish_plan(
    plan: Plan,
    scenario: Scenario,
    wide: Widened,
    groups: list[TpsGroup],
    padal: list[PadalDuty],
    shortfalls: list[TpsShortfall],
) -> Plan:
    duty = [nrp for g in groups for nrp in g.officers] + [p.nrp for p in padal if p.nrp]
    roster = {p.nrp: p for p in scenario.roster.personnel}
    named = {p.nrp for p in plan.people} | set(duty)
    people = [
        Person(nrp=n, name=roster[n].name, rank=roster[n].rank, unit=roster[n].unit)
        for n in sorted(named)
    ]
    plottable = sorted(set(plan.plottable) | set(_duty_plottable(scenario, wide)))
    needed = sum(g.officers for g in wide.voting.groups) + len(wide.voting.padal)
    quality = plan.quality
    weights = [n.weight for n in wide.demand.needs] or [1]
    loads = Counter(a.nrp for a in plan.assignments) + Counter(duty)
    counts = sorted(loads.get(nrp, 0) for nrp in plottable) or [0]
    bound = quality.load.max_lower_bound
    load = quality.load.model_copy(
        update={
            "min": counts[0],
            "median": float(statistics.median(counts)),
            "max": counts[-1],
            "max_lower_bound": None if bound is None else min(bound, counts[-1]),
        }
    )
    quality = quality.model_copy(
        update={
            "heads_needed": quality.heads_needed + needed,
            "heads_filled": quality.heads_filled + len(duty),
            "heads_gap": (quality.weighted_bound - quality.weighted_filled) // min(weights),
            "load": load,
        }
    )
    return plan.model_copy(
        update={
            "tps_groups": groups,
            "padal": padal,
            "linmas": wide.voting.linmas,
            "tps_shortfalls": shortfalls,
            "quality": quality,
            "people": people,
            "plottable": plottable,
        }
    )


def _duty_plottable(scenario: Scenario, wide: Widened) -> list[str]:
    """Officers who may take a TPS or Padal head on the voting day."""
    roles = {role_of(n) for n in wide.demand.needs[wide.base :]}
    policy = scenario.policy
    day = wide.voting.date
    return [
        p.nrp for p in scenario.roster.personnel if any(role.fits(p, day, policy) for role in roles)
    ]
