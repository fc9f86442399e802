"""The Polda's units allocated whole to the BKO requests of many plans, proven optimal by HiGHS.

A unit stays at one plan over a span of its requests: from the start of one of them to the end
of one of them (`Stay`); it travels from its base before and back after (units.yaml's
`travel_hours`), and the whole journey lies within the days it is available. Two journeys of
one unit never overlap: between two plans it goes back to its base. Its members obey the plan's
rest and daily hours (its `rules`) as they will once received: a member is busy from the start
of a head to its end plus the rest, and no more heads are under way at once than its strength
(`busy_windows`); it covers only a request with no skill (a TPS head), of any skill (the voting
day's reserve) or with a skill every member holds.

The program (`Program`, as the plan's own): a whole number of heads per unit and request it
may cover, a yes/no per stay and per unit. Three aims, each held while the next is sought:
the most heads covered, each weighed as its plan weighs it; then the fewest units; then the
least travel (and, among journeys of equal travel, the fewest).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from datetime import time as clock

import highspy
import numpy as np

from sinjai_ops.models.bko import Allocation, BkoQuality, BkoResult, Cover, Reason, Request, Unmet
from sinjai_ops.models.units import Unit
from sinjai_ops.models.voting import ANY_SKILL
from sinjai_ops.solve.program import Program, highs

Travel = Callable[[str, str], float]
"""Hours from a unit's base to a Polres, one way."""


@dataclass(frozen=True)
class Stay:
    unit: int
    plan: str
    start: datetime
    until: datetime
    minutes: int
    """Travel one way."""
    requests: tuple[int, ...]
    """The requests within the stay that the unit may cover (by index)."""

    @property
    def depart(self) -> datetime:
        return self.start - timedelta(minutes=self.minutes)

    @property
    def back(self) -> datetime:
        return self.until + timedelta(minutes=self.minutes)


def available_span(unit: Unit) -> tuple[datetime, datetime]:
    """From the first available day's 00:00 to the end of the last (whole days, inclusive)."""
    if unit.available is None:
        return datetime.min, datetime.max
    first = datetime.combine(unit.available.start, clock())
    return first, datetime.combine(unit.available.end + timedelta(days=1), clock())


def serves(unit: Unit, request: Request) -> bool:
    """Every member holds the request's skill: any unit serves a head of no skill (a TPS head)
    or of any skill (`ANY_SKILL`: the voting day's reserve)."""
    return request.skill in (None, ANY_SKILL) or request.skill in unit.skills


def fits(unit: Unit, start: datetime, until: datetime, minutes: int) -> bool:
    """The journey to a span and back lies within the unit's available days."""
    first, last = available_span(unit)
    gone = timedelta(minutes=minutes)
    return first <= start - gone and until + gone <= last


def travel_minutes(unit: Unit, polres: str, travel: Travel) -> int:
    return round(travel(unit.base, polres) * 60)


def stays_of(u: int, unit: Unit, requests: Sequence[Request], travel: Travel) -> list[Stay]:
    """Every stay of a unit worth choosing: at one plan, from the start of a request it may
    cover to the end of one (a span whose ends no such request touches covers no more than a
    shorter one), its journey within the unit's days."""
    by_plan: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(requests):
        if serves(unit, r):
            by_plan[r.plan].append(i)
    out: list[Stay] = []
    for plan, found in sorted(by_plan.items()):
        minutes = travel_minutes(unit, requests[found[0]].polres, travel)
        for start in sorted({requests[i].start for i in found}):
            for until in sorted({requests[i].until for i in found}):
                inside = tuple(
                    i for i in found if start <= requests[i].start and requests[i].until <= until
                )
                if until <= start or not _touches(inside, requests, start, until):
                    continue
                if fits(unit, start, until, minutes):
                    out.append(Stay(u, plan, start, until, minutes, inside))
    return out


def _touches(
    inside: tuple[int, ...], requests: Sequence[Request], start: datetime, until: datetime
) -> bool:
    return any(requests[i].start == start for i in inside) and any(
        requests[i].until == until for i in inside
    )


@dataclass
class _Model:
    prog: Program
    heads: dict[tuple[int, int], int]
    """(unit, request) -> column of the heads the unit covers of the request."""
    stays: list[tuple[Stay, int]]
    used: dict[int, int]
    idle: list[int]
    """Columns of the units' time at base: 1 in a plan where no unit goes anywhere."""


def build(units: Sequence[Unit], requests: Sequence[Request], travel: Travel) -> _Model:
    prog = Program()
    model = _Model(prog, {}, [], {}, [])
    for u, unit in enumerate(units):
        stays = stays_of(u, unit, requests, travel)
        if not stays:
            continue
        used = model.used[u] = prog.column(0, 0, 1, integer=True)
        mine = [(stay, prog.column(0, 0, 1, integer=True)) for stay in stays]
        for _, col in mine:
            prog.row([(col, 1), (used, -1)], -np.inf, 0)
        model.stays += mine
        model.idle += _one_journey_at_a_time(prog, mine)
        _presence(prog, unit, u, requests, mine, model.heads)
        _strength(prog, unit, u, requests, model.heads, mine)
    by_request: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (_, i), col in model.heads.items():
        by_request[i].append((col, 1.0))
    for i, terms in sorted(by_request.items()):
        prog.row(terms, 0, requests[i].line.missing)
    return model


def _one_journey_at_a_time(prog: Program, stays: list[tuple[Stay, int]]) -> list[int]:
    """A unit's day as a path in time: it is at its base (one unit of flow on the arc from
    one moment to the next) or on one journey (the arc of a stay, from its departure to its
    return); so never on two at once. The columns of its time at base."""
    moments = sorted({s.depart for s, _ in stays} | {s.back for s, _ in stays})
    leaving: dict[datetime, list[int]] = defaultdict(list)
    coming: dict[datetime, list[int]] = defaultdict(list)
    for stay, col in stays:
        leaving[stay.depart].append(col)
        coming[stay.back].append(col)
    idle = [prog.column(0, 0, 1) for _ in moments]
    for k, moment in enumerate(moments):
        terms = [(idle[k], -1.0), *((c, 1.0) for c in coming[moment])]
        terms += [(c, -1.0) for c in leaving[moment]]
        if k:
            terms.append((idle[k - 1], 1.0))
        supply = -1.0 if k == 0 else 0.0
        prog.row(terms, supply, supply)
    return idle


def _presence(
    prog: Program,
    unit: Unit,
    u: int,
    requests: Sequence[Request],
    stays: list[tuple[Stay, int]],
    heads: dict[tuple[int, int], int],
) -> None:
    """The heads of a request the unit covers: none unless one of its stays holds the
    request's moments (one column per plan and moments, the stays that hold them summed once)."""
    holding: dict[tuple[str, datetime, datetime], list[int]] = defaultdict(list)
    members: dict[tuple[str, datetime, datetime], set[int]] = defaultdict(set)
    for stay, col in stays:
        seen = set()
        for i in stay.requests:
            block = (stay.plan, requests[i].start, requests[i].until)
            members[block].add(i)
            if block not in seen:
                holding[block].append(col)
                seen.add(block)
    for block, cols in sorted(holding.items()):
        there = prog.column(0, 0, 1)
        prog.row([(there, 1.0), *((c, -1.0) for c in cols)], 0, 0)
        for i in sorted(members[block]):
            cap = min(unit.strength, requests[i].line.missing)
            head = heads[(u, i)] = prog.column(0, 0, cap, integer=True)
            prog.row([(head, 1.0), (there, -float(cap))], -np.inf, 0)


def _strength(
    prog: Program,
    unit: Unit,
    u: int,
    requests: Sequence[Request],
    heads: dict[tuple[int, int], int],
    stays: list[tuple[Stay, int]],
) -> None:
    """The unit's members obey the plan's rest and daily hours (as they will once received):
    each member covering a request is busy over its window (`busy_windows`), and at the start
    of each window the heads of the windows under way then are at most the unit's strength.
    Windows are intervals, so heads within that bound can be given to members each of whom
    holds windows that never overlap (an interval graph's colouring). The same heads are also
    at most its strength times the stays that hold some of them (a bound the whole numbers
    imply), so that the relaxation cannot give half a unit at two Polres its whole strength at
    each: that proves the allocation optimal many times faster."""
    mine = sorted(i for (v, i), _ in heads.items() if v == u)
    ends = busy_windows(requests, mine)
    for plan, at in sorted({(requests[i].plan, requests[i].start) for i in mine}):
        terms = [
            (heads[(u, i)], 1.0)
            for i in mine
            if requests[i].plan == plan and requests[i].start <= at < ends[i]
        ]
        row = {i for i in mine if requests[i].plan == plan and requests[i].start <= at < ends[i]}
        holding = [(c, -float(unit.strength)) for stay, c in stays if row & set(stay.requests)]
        prog.row(terms, 0, unit.strength)
        prog.row([*terms, *holding], -np.inf, 0)


def busy_windows(requests: Sequence[Request], chosen: Sequence[int]) -> dict[int, datetime]:
    """Until when a member covering each request is busy: its end plus the plan's rest; then,
    while some chain of requests of one plan and day (each starting after the one before is
    busy) holds more than `max_hours_per_day`, the last but one of it is kept busy past the
    start of the last, so that no member can hold that chain. A member holding windows that
    never overlap thus keeps the rest between any two of his heads and the day's hours."""
    ends = {
        i: requests[i].until + timedelta(hours=requests[i].rules.min_rest_hours) for i in chosen
    }
    days: dict[tuple[str, object], list[int]] = defaultdict(list)
    for i in chosen:
        if requests[i].hours:
            days[(requests[i].plan, requests[i].line.date)].append(i)
    for day in days.values():
        day.sort(key=lambda i: (requests[i].start, i))
        while (pair := _too_long(requests, day, ends)) is not None:
            before, last = pair
            ends[before] = requests[last].start + timedelta(minutes=1)
    return ends


def _too_long(
    requests: Sequence[Request], day: list[int], ends: dict[int, datetime]
) -> tuple[int, int] | None:
    """The last two requests of the first chain over the day's hours, if any (the longest
    chain ending at each request, in order of start)."""
    longest: dict[int, tuple[float, int | None]] = {}
    for i in day:
        before = [j for j in longest if ends[j] <= requests[i].start]
        best = max(before, key=lambda j: longest[j][0], default=None)
        hours = requests[i].hours + (longest[best][0] if best is not None else 0.0)
        if hours > requests[i].rules.max_hours_per_day + 1e-6 and best is not None:
            return best, i
        longest[i] = (hours, best)
    return None


def _solve(
    prog: Program, cost: list[float], start: np.ndarray, limit: float
) -> tuple[np.ndarray, bool, float]:
    """The least of `cost` in whole numbers within `limit` seconds, from a plan that keeps
    every row (`start`): its values, whether it is proven least, and the bound on it."""
    prog.cost = cost
    solver = highs(time.monotonic() + limit)
    solver.passModel(prog.lp(maximize=False, relax=False))
    given = highspy.HighsSolution()
    given.col_value = list(start)
    given.value_valid = True
    solver.setSolution(given)
    solver.run()
    status = solver.getModelStatus()
    values = np.round(np.asarray(solver.getSolution().col_value))
    bound = float(solver.getInfo().mip_dual_bound)
    if status == highspy.HighsModelStatus.kOptimal:
        return values, True, bound
    if solver.getInfo().primal_solution_status == 2:
        return values, False, bound
    return start, False, bound  # nothing better than the plan it started from


def allocate(
    units: Sequence[Unit], requests: Sequence[Request], travel: Travel, time_limit: float
) -> BkoResult:
    """The units allocated whole to the requests: the most weighted heads, then the fewest
    units, then the least travel, each proven optimal within `time_limit` seconds (per aim)."""
    model = build(units, requests, travel)
    prog, count = model.prog, len(model.prog.lower)
    values = np.zeros(count)
    values[model.idle] = 1.0  # every unit at its base: a plan that keeps every row
    proven, bound = True, 0.0
    if model.heads:
        weights = [0.0] * count
        for (_, i), col in model.heads.items():
            weights[col] = -float(requests[i].line.weight)
        values, proven, least = _solve(prog, weights, values, time_limit)
        bound = -least
        best = float(np.dot(weights, values))
        prog.row([(c, w) for c, w in enumerate(weights) if w], -np.inf, best + 0.5)
        fewest = [0.0] * count
        for col in model.used.values():
            fewest[col] = 1.0
        values, second, _ = _solve(prog, fewest, values, time_limit)
        prog.row([(c, 1.0) for c in model.used.values()], -np.inf, float(values @ fewest) + 0.5)
        journeys = [0.0] * count
        for stay, col in model.stays:
            journeys[col] = 2.0 * stay.minutes * (len(model.stays) + 1) + 1
        values, third, _ = _solve(prog, journeys, values, time_limit)
        aims = (
            ("heads", proven),
            ("units", proven and second),
            ("travel", proven and second and third),
        )
        proven = proven and second and third
    else:
        aims = (("heads", True), ("units", True), ("travel", True))
    result = _result(units, requests, travel, model, values, (proven, bound))
    shown = tuple(aim for aim, held in aims if held)
    return replace(result, quality=replace(result.quality, proven=shown))


def _result(
    units: Sequence[Unit],
    requests: Sequence[Request],
    travel: Travel,
    model: _Model,
    values: np.ndarray,
    solved: tuple[bool, float],
) -> BkoResult:
    covered: dict[int, int] = defaultdict(int)
    allocations = []
    for stay, col in model.stays:
        if values[col] < 0.5:
            continue
        heads = {i: int(values[model.heads[(stay.unit, i)]]) for i in stay.requests}
        covers = [Cover(requests[i], k) for i, k in heads.items() if k > 0]
        if not covers:
            continue
        for i, k in heads.items():
            covered[i] += k
        unit = units[stay.unit]
        allocations.append(
            Allocation(
                unit=unit.id,
                plan=stay.plan,
                polres=covers[0].request.polres,
                start=min(c.request.start for c in covers),
                until=max(c.request.until for c in covers),
                travel_hours=stay.minutes / 60,
                covers=tuple(sorted(covers, key=lambda c: c.request.sort_key())),
            )
        )
    unmet = [
        Unmet(r, r.line.missing - covered[i], reason(units, r, travel))
        for i, r in enumerate(requests)
        if covered[i] < r.line.missing
    ]
    used = {a.unit for a in allocations}
    proven, bound = solved
    weighted = sum(requests[i].line.weight * k for i, k in covered.items())
    quality = BkoQuality(
        status="optimal" if proven else "feasible",
        weighted_bound=weighted if proven else max(weighted, int(bound + 1e-6)),
        heads_requested=sum(r.line.missing for r in requests),
        heads_covered=sum(covered.values()),
        weighted_covered=weighted,
        units_used=len(used),
        travel_hours=float(sum(2 * a.travel_hours for a in allocations)),
    )
    return BkoResult(
        allocations=tuple(sorted(allocations, key=lambda a: (a.unit, a.start, a.plan))),
        unmet=tuple(sorted(unmet, key=lambda x: x.request.sort_key())),
        quality=quality,
        units={u.id: u for u in units},
        operations={},
    )


def reason(units: Sequence[Unit], request: Request, travel: Travel) -> Reason:
    """Why a request's heads stay unmet: no unit holds its skill, none that does is free for
    it (its days, with the travel), or every one that is was given elsewhere."""
    able = [u for u in units if serves(u, request)]
    if not able:
        return "no-unit-with-skill"
    if not any(
        fits(u, request.start, request.until, travel_minutes(u, request.polres, travel))
        for u in able
    ):
        return "no-unit-available"
    return "units-busy"
