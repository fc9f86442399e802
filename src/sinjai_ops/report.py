"""The report stage: scenario, demand, plan and checklist to what the printable report shows
(the pictures' data: visit windows, staffing hour by hour, the load of every officer)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sinjai_ops.models.checklist import Checklist
from sinjai_ops.models.plan import Demand, Plan
from sinjai_ops.models.report import ReportData, Staffing, VisitBar
from sinjai_ops.models.scenario import Scenario


def report_data(scenario: Scenario, demand: Demand, plan: Plan, checklist: Checklist) -> ReportData:
    op = scenario.operation.operation
    zone = ZoneInfo(op.timezone)
    people = {p.nrp: p for p in scenario.roster.personnel}
    boss = people.get(op.commander)
    commander = f"{boss.rank} {boss.name} ({boss.nrp})" if boss else op.commander
    visits = _visit_bars(scenario, plan, zone)
    loads = Counter(a.nrp for a in plan.assignments)
    return ReportData(
        unit=op.unit,
        commander=commander,
        start=op.start,
        end=op.end,
        plan=plan,
        checklist=checklist,
        visits=sorted(visits, key=lambda v: (v.arrive, v.site, v.candidate)),
        staffing=_staffing(demand, plan, zone),
        loads=sorted(loads.get(nrp, 0) for nrp in plan.plottable),
    )


def _visit_bars(scenario: Scenario, plan: Plan, zone: ZoneInfo) -> list[VisitBar]:
    """Each visit with its window, marked where rivals meet."""
    meets = {(c.date, c.site, x) for c in plan.conflicts for x in c.candidates}
    visits = []
    for c in scenario.arrivals.candidates:
        label = f"Paslon {c.number}" if c.number is not None else c.id
        for v in c.visits:
            start, end = v.window(scenario.policy.visits, zone)
            arrive, depart = v.span(zone)
            visits.append(
                VisitBar(
                    candidate=c.id,
                    label=label,
                    site=v.site,
                    arrive=arrive,
                    depart=depart,
                    window_start=start,
                    window_end=end,
                    conflict=(v.date, v.site, c.id) in meets,
                )
            )
    return visits


def _staffing(demand: Demand, plan: Plan, zone: ZoneInfo) -> list[Staffing]:
    """Heads needed and filled at each site, hour by hour (local time) of every day."""
    needed: Counter[tuple[date, str, int]] = Counter()
    filled: Counter[tuple[date, str, int]] = Counter()
    slots = {(s.date, s.shift): s for s in demand.slots}
    got: Counter[tuple[date, str, str]] = Counter(
        (a.date, a.shift, a.site) for a in plan.assignments
    )
    want: Counter[tuple[date, str, str]] = Counter()
    for n in demand.needs:
        want[(n.date, n.shift, n.site)] += n.heads
    for (day, shift, site), heads in want.items():
        slot = slots[(day, shift)]
        moment = slot.start
        while moment < slot.end:
            local = moment.astimezone(zone)
            needed[(local.date(), site, local.hour)] += heads
            filled[(local.date(), site, local.hour)] += got[(day, shift, site)]
            moment += timedelta(hours=1)
    days = sorted({s.date for s in demand.slots})
    sites = sorted({k[1] for k in needed})
    return [
        Staffing(
            date=d,
            site=site,
            needed=[needed[(d, site, h)] for h in range(24)],
            filled=[filled[(d, site, h)] for h in range(24)],
        )
        for d in days
        for site in sites
    ]
