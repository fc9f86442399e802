"""The drill schedule as one mixed-integer program: the coverage model of the plan
(`program_rows.py`) in which an officer who may drill appears twice, as he stands and as he
would stand drilled, and the program chooses how many of each group drill, in which session.

Each group of interchangeable officers who may drill (same class as they stand, same sessions
they are free for, same roles once drilled on each) gets, for every distinct set of roles a
drill on some session would give it, a class of its own ("drilled") whose size is a variable
`x`: those officers leave the class they stand in and join it. An officer is drilled in at
most one way (the `x` of a group sum to at most its size), and every drilled officer sits in a
session he is free for: `z` officers of the group in session k, at most `capacity` in an open
session, at most one session at a time at the site.

Objectives, in this order (each fixed before the next): the most weighted heads, then the most
heads (the plan's own first objective, `coverage.best_coverage`), then the fewest sessions, the
fewest attendees, and sessions as late as possible (closest to the operation).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from sinjai_ops.models.plan import Demand
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.rules import Role
from sinjai_ops.rules.schedule import Schedule
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.network import next_free
from sinjai_ops.solve.plan import _model_inputs
from sinjai_ops.solve.program import NoPlanInTime, Program, solve_whole
from sinjai_ops.solve.program_rows import Vars, build_program

Signature = tuple[frozenset[Role], ...]
"""The roles an officer may fill, by day of the operation."""


@dataclass(frozen=True)
class Window:
    """A session the section allows: a skill, a day, its hours."""

    skill: str
    day: date
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Group:
    """Officers interchangeable for the drill schedule."""

    members: tuple[str, ...]
    home: int | None
    """The index of the class they stand in (None: as they stand they fill no head at all)."""
    options: tuple[tuple[int, Signature], ...]
    """(window, the roles once drilled in it) for every window they are free for and in which
    a drill changes what they may fill."""
    perwira: bool
    blocked: frozenset[int]
    """Slots of the operation they are absent for (adjustments.yaml)."""


@dataclass(frozen=True)
class DrillOutcome:
    status: str
    """`optimal` when every stage is proven, else `feasible`."""
    weighted: int
    heads: int
    seats: dict[tuple[int, int], int]
    """(group, window) to the officers of the group drilled in that session."""


def _order(sig: Signature) -> tuple[tuple[Role, ...], ...]:
    return tuple(tuple(sorted(day)) for day in sig)


def schedule_drills(
    scenario: Scenario,
    demand: Demand,
    classes: list[OfficerClass],
    groups: list[Group],
    windows: list[Window],
    capacity: int,
    time_limit: float,
) -> DrillOutcome:
    """The best schedule (see the module's account), from the classes as the officers stand
    (`classes.officer_classes`) and the groups that may drill."""
    drilled: list[tuple[int, Signature]] = []
    for g, group in enumerate(groups):
        for sig in sorted({sig for _, sig in group.options}, key=_order):
            drilled.append((g, sig))
    extra = [
        OfficerClass(groups[g].members, sig, groups[g].perwira, groups[g].blocked)
        for g, sig in drilled
    ]
    rules = Schedule.of(scenario.policy, scenario.operation)
    after = next_free(demand.slots, rules)
    every, roles_at, networks, _, pins_at = _model_inputs(
        scenario, demand, rules, after, classes=[*classes, *extra]
    )
    prog, v, pinned_weight = build_program(every, networks, demand, roles_at, pins_at)
    x = [prog.column(0.0, 0.0, float(len(groups[g].members)), integer=True) for g, _ in drilled]
    _move_officers(prog, v, every, len(classes), drilled, groups, x)
    seats, opened = _sessions(prog, groups, drilled, x, windows, capacity)
    deadline = time.monotonic() + time_limit
    tiers = list(v.tiers.items())
    stages = [
        ([(col, float(key[2])) for key, col in tiers], True),
        ([(col, 1.0) for _, col in tiers], True),
        ([(col, 1.0) for col in opened], False),
        ([(col, 1.0) for col in x], False),
        ([(col, float(len(windows) - k)) for k, col in enumerate(opened)], False),
    ]
    status = "optimal"
    values = np.zeros(len(prog.cost))
    for terms, most in stages:
        try:
            values, state = _stage(prog, terms, most, deadline)
        except NoPlanInTime:
            # No whole-number schedule in the time at this stage: the last one found stands
            # (none at all: no session), said to be unproven.
            status = "feasible"
            break
        status = "optimal" if status == "optimal" and state == "optimal" else "feasible"
    tiers_reached = [(values[col], key[2]) for key, col in tiers]
    return DrillOutcome(
        status=status,
        weighted=round(sum(v * w for v, w in tiers_reached)) + pinned_weight,
        heads=round(sum(v for v, _ in tiers_reached)) + len(pins_at),
        seats={key: round(values[col]) for key, col in seats.items() if round(values[col])},
    )


def _stage(
    prog: Program, terms: list[tuple[int, float]], most: bool, deadline: float
) -> tuple[np.ndarray, str]:
    """One objective (the most, or the least), then held at what it reached."""
    prog.cost = [0.0] * len(prog.cost)
    sign = 1.0 if most else -1.0
    for col, w in terms:
        prog.cost[col] = sign * w
    values, state, _ = solve_whole(prog, deadline)
    value = round(sum(values[col] * w for col, w in terms))
    if most:
        prog.row(terms, value - 0.5, math.inf)
    else:
        prog.row(terms, -math.inf, value + 0.5)
    return values, state


def _move_officers(
    prog: Program,
    v: Vars,
    every: list[OfficerClass],
    first_drilled: int,
    drilled: list[tuple[int, Signature]],
    groups: list[Group],
    x: list[int],
) -> None:
    """The `x` officers of a group drilled one way leave the class they stand in (its source
    sends `x` fewer) and are the supply of that way's class (its source sends exactly `x`)."""
    owner = {col: c for c, cols in enumerate(v.arcs) for col in cols}
    ends: dict[int, dict[str, int]] = defaultdict(dict)
    for r in range(len(prog.row_lower)):
        lower, upper = prog.row_lower[r], prog.row_upper[r]
        first = prog.starts[r]
        if lower != upper or lower == 0 or first == prog.starts[r + 1]:
            continue
        c = owner.get(prog.index[first])
        if c is not None:
            ends[c]["source" if lower < 0 else "sink"] = r
    added: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for k, (g, _) in enumerate(drilled):
        mine = ends[first_drilled + k]
        added[mine["source"]].append((x[k], 1.0))
        added[mine["sink"]].append((x[k], -1.0))
        for r in (mine["source"], mine["sink"]):
            prog.row_lower[r] = prog.row_upper[r] = 0.0
        home = groups[g].home
        if home is not None:
            added[ends[home]["source"]].append((x[k], -1.0))
            added[ends[home]["sink"]].append((x[k], 1.0))
    _add_terms(prog, added)
    for g, group in enumerate(groups):
        ways = [(x[k], 1.0) for k, (h, _) in enumerate(drilled) if h == g]
        prog.row(ways, -math.inf, float(len(group.members)))


def _add_terms(prog: Program, added: dict[int, list[tuple[int, float]]]) -> None:
    """Terms added to rows already built (the program's rows are stored row by row)."""
    starts, index, value = [0], [], []
    for r in range(len(prog.row_lower)):
        index += prog.index[prog.starts[r] : prog.starts[r + 1]]
        value += prog.value[prog.starts[r] : prog.starts[r + 1]]
        for col, coef in added.get(r, []):
            index.append(col)
            value.append(coef)
        starts.append(len(index))
    prog.starts, prog.index, prog.value = starts, index, value


def _sessions(
    prog: Program,
    groups: list[Group],
    drilled: list[tuple[int, Signature]],
    x: list[int],
    windows: list[Window],
    capacity: int,
) -> tuple[dict[tuple[int, int], int], list[int]]:
    """Seats (`z`: officers of a group drilled one way, in a window) and the windows opened:
    every drilled officer has a seat, a window holds at most `capacity`, and the site holds
    one session at a time."""
    opened = [prog.column(0.0, 0.0, 1.0, integer=True) for _ in windows]
    seats: dict[tuple[int, int], int] = {}
    in_window: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for k, (g, sig) in enumerate(drilled):
        size = float(min(len(groups[g].members), capacity))
        mine = []
        for w, option in groups[g].options:
            if option == sig:
                # A window gives a group one way of being drilled: one seat column each.
                col = seats[(g, w)] = prog.column(0.0, 0.0, size, integer=True)
                mine.append((col, 1.0))
                in_window[w].append((col, 1.0))
        prog.row([*mine, (x[k], -1.0)], 0.0, 0.0)
    for w in range(len(windows)):
        prog.row([*in_window[w], (opened[w], -float(capacity))], -math.inf, 0.0)
    at: dict[datetime, list[int]] = defaultdict(list)
    for w, window in enumerate(windows):
        at[window.start].append(w)
    for same in at.values():
        if len(same) > 1:
            prog.row([(opened[w], 1.0) for w in same], -math.inf, 1.0)
    return seats, opened
