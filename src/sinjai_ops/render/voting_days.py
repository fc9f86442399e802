"""The voting day in the figures per day: its TPS and Padal heads and the people on them,
counted in with the shifts' (one home for the JSON's `days` and every view's strength)."""

from __future__ import annotations

from sinjai_ops.models.plan import DayFigures, Plan
from sinjai_ops.render.voting_rows import has_voting, voting_day


def tps_officers(plan: Plan) -> set[str]:
    """NRPs of the officers on the voting day's TPS or Padal duty (in the part shown)."""
    if not has_voting(plan):
        return set()
    return {n for g in plan.tps_groups for n in g.officers} | {p.nrp for p in plan.padal if p.nrp}


def tps_members(plan: Plan) -> set[tuple[str, int]]:
    """(unit, member) of the received units' members in TPS groups (in the part shown)."""
    if not has_voting(plan):
        return set()
    return {(m.unit, m.member) for g in plan.tps_groups for m in g.members}


def days_with_voting(plan: Plan, days: list[DayFigures]) -> list[DayFigures]:
    """The figures per day with the voting day's TPS and Padal heads counted in (a TPS or Padal
    head holds its officer for the whole duty: one head each), and its officers on duty as
    people, each once."""
    day = voting_day(plan)
    if day is None or not has_voting(plan):
        return days
    needed = sum(g.heads() + g.missing for g in plan.tps_groups) + len(plan.padal)
    filled = sum(g.heads() for g in plan.tps_groups) + sum(1 for p in plan.padal if p.nrp)
    on_duty = {a.nrp for a in plan.assignments if a.date == day} | tps_officers(plan)
    on_duty |= {f"{h.unit}/{h.member}" for h in plan.unit_heads if h.date == day}
    on_duty |= {f"{unit}/{k}" for unit, k in tps_members(plan)}
    known = next((d for d in days if d.date == day), None)
    voting = DayFigures(
        date=day,
        officers=len(on_duty),
        heads=needed + (known.heads if known else 0),
        filled=filled + (known.filled if known else 0),
        bko=needed - filled + (known.bko if known else 0),
    )
    return sorted([d for d in days if d.date != day] + [voting], key=lambda d: d.date)
