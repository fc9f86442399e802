"""The assignment as a mixed-integer program over classes of officers, solved by HiGHS
(`program.py`).

Hard rules, each built by one function of `program_rows.py` (the fourth, who may fill which
head, is kept by offering a class only the roles `classes.eligible_roles` allows it):
    one_shift_one_head              # hard: an officer who works a slot fills exactly one head
    rest_and_daily_hours            # hard: every schedule is a path of the schedule network
    no_more_heads_than_needed       # hard
    pinned_by_hand                  # hard: a pinned officer's class works that slot and role
                                    #   (pinned and absent officers have a class of their own)
Objectives, in this order (lexicographic, in stages: each is fixed before the next):
    cover_heads_by_priority         # soft: most weighted heads filled
    perwira_as_a_last_resort        # soft: where the policy lets perwira fill rank-and-file
                                    #   heads, fewest of them
    (then)                          # soft, given by the caller: on a voting day, most officers
                                    #   on TPS and Padal duty in their own Polsek's area
                                    #   (`voting_homes`)
    keep_the_baseline               # soft: with --baseline, most officers kept where they were
    spread_the_load                 # soft: least average load of the busiest class,
                                    #   then names fewest shifts first, then trades (decompose.py)
Keeping an officer at one site and units together is decided when names are given out
(`decompose.py`), among officers the model has made interchangeable.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from sinjai_ops.models.plan import Demand
from sinjai_ops.rules import Role
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.network import Network
from sinjai_ops.solve.program import NoPlanInTime as NoPlanInTime
from sinjai_ops.solve.program import (
    Program,
    least_load,
    solve_whole,
    whole_under,
)
from sinjai_ops.solve.program_rows import Reached, Vars, build_program


@dataclass(frozen=True)
class Kept:
    """What a baseline plan had, counted per class of officers."""

    roles: dict[tuple[int, int, Role], int]
    """(class, slot, role): officers who worked that slot in that role."""
    arcs: dict[tuple[int, int], int]
    """(class, arc): officers whose baseline schedule works along that arc of the network,
    which tells apart schedules that the counts per slot cannot."""
    busiest: int = 0
    """Shifts of the baseline's busiest officer (among heads that still exist)."""


@dataclass(frozen=True)
class Outcome:
    status: Literal["optimal", "feasible"]
    arc_flow: tuple[tuple[int, ...], ...]
    """Officers of each class along each arc of its network."""
    working: dict[tuple[int, int, Role], int]
    """(class, slot, role) to officers of that class working that slot in that role."""
    weighted_filled: int
    weighted_bound: int
    load_lower_bound: int | None
    load_cap: int | None = None
    """With a baseline: no officer should work more shifts than this (the larger of the
    baseline's busiest officer and the least a fresh plan could reach)."""
    values: np.ndarray | None = None
    """The final values of every column (a stage added by the caller reads its own)."""


Covered = Callable[[dict[str, set[date]], Reached | None], None]
"""Told, once the coverage is solved, the days on which each skill has heads left empty (so that
what waits on them may begin while the later stages run), and what its whole plan reaches."""

Stage = Callable[[Program, "Vars", list[OfficerClass], float, np.ndarray], np.ndarray]
"""An objective added between the coverage and the fairness (`solve_classes`' `then`): it
adds its columns and rows, solves, fixes what it reached as a row, and gives the values."""


def solve_classes(
    classes: list[OfficerClass],
    networks: list[Network],
    demand: Demand,
    roles_at: list[dict[int, list[Role]]],
    time_limit: float,
    kept: Kept | None = None,
    pins: list[tuple[int, int, Role, int]] | None = None,
    then: Stage | None = None,
    covered: Covered | None = None,
) -> Outcome:
    """`roles_at[c][slot]`: the roles needed in that slot that class c may fill.

    `kept`: what a baseline plan had, per class. `pins`: (class, slot, role, weight) of every
    officer pinned by hand: that class works that role there, on a head of that weight, which
    is taken out of the heads the model shares out (hard). `then`: one more objective after
    the coverage and the perwira (the voting day's officers at home, `voting_homes`).
    `covered`: told, once the coverage is solved, the days each skill has heads left empty.
    """
    prog, v, pinned_weight = build_program(classes, networks, demand, roles_at, pins)

    deadline = time.monotonic() + time_limit
    simple = kept is None and then is None and not _perwira_columns(v, classes)
    values, state, shared, bound, every = _cover(prog, v, deadline, simple)
    if covered is not None:
        # Every head filled: the values are the relaxation's, and nothing is left to reach.
        heads = round(sum(values[col] for col in v.tiers.values()))
        reached = None if every is not None else Reached(dict(v.heads), shared, heads)
        covered(_left_empty(prog, v, values, demand), reached)
    weighted, bound = shared + pinned_weight, bound + pinned_weight
    values = perwira_as_a_last_resort(prog, v, classes, deadline, values)
    if then is not None:
        values = then(prog, v, classes, deadline, values)
    fresh_bound = cap = None
    fresh = None
    if kept:
        # A re-plan never makes the busiest officer busier than the larger of the baseline's
        # busiest and the least a fresh plan could reach: that cap holds while keeping.
        fresh = least_load(prog, v.load, deadline)
        if fresh is not None:
            fresh_bound = fresh[0]
            cap = max(fresh_bound, kept.busiest)
            prog.upper[v.load] = float(cap)
        values, capped = keep_the_baseline(prog, v, kept, deadline, values, cap is not None)
        cap = cap if capped else None

    # spread_the_load: the least class average the busiest class can have at this coverage
    # (a lower bound for its busiest officer), then a plan that keeps to it. A re-plan that
    # kept under the cap is done: the cap is its fairness, and keeping what was published is
    # worth more than evening out further.
    least = fresh if cap is not None else every or least_load(prog, v.load, deadline)
    load_bound = None if least is None else least[0]
    if least is not None and cap is None:
        prog.upper[v.load] = float(least[0])
        values = _keep_to_least(prog, v, least[1], every is not None, deadline, values, kept)
    working = {key: round(values[col]) for key, col in v.working.items()}
    return Outcome(
        status=state,
        arc_flow=tuple(tuple(round(values[col]) for col in cols) for cols in v.arcs),
        working={key: n for key, n in working.items() if n},
        weighted_filled=weighted,
        weighted_bound=bound,
        load_lower_bound=fresh_bound if kept else load_bound,
        load_cap=cap,
        values=values,
    )


def _cover(
    prog: Program, v: Vars, deadline: float, simple: bool
) -> tuple[np.ndarray, Literal["optimal", "feasible"], int, int, tuple[int, np.ndarray] | None]:
    """The coverage stage (`cover_heads_by_priority`): the values, status, weighted heads and
    their bound, fixed as a row; and, where nothing comes between the coverage and the load
    (`simple`), every head filled at the least load, tried first: when it holds, it is this
    stage's proof and the load stage's vertex in one solve (HiGHS's presolve mostly refuses
    it at once when not)."""
    every = _every_head(prog, v, deadline) if simple else None
    cover = [(col, float(key[2])) for key, col in v.tiers.items()]
    values: np.ndarray
    state: Literal["optimal", "feasible"]
    if every is None:
        values, state, best = solve_whole(prog, deadline)
        shared = round(sum(values[col] * w for col, w in cover))
    else:  # every tier held full
        values, state, best = every[1], "optimal", math.inf
        shared = round(sum(prog.upper[col] * w for col, w in cover))
    bound = shared if state == "optimal" else max(shared, math.floor(best + 1e-9))
    prog.row(cover, shared - 0.5, math.inf)
    return values, state, shared, bound, every


def _keep_to_least(
    prog: Program,
    v: Vars,
    vertex: np.ndarray,
    relaxed: bool,
    deadline: float,
    values: np.ndarray,
    kept: Kept | None,
) -> np.ndarray:
    """A whole plan under the load bound, from the least load's vertex (`whole_under`). None
    found at that average (or no time left): the plan before stands; with a baseline the cap
    already bounds the load and keeping is what counts, so only the cheap ways to a whole plan
    are tried, never a full branch and bound. `relaxed`: the plan before is the relaxation's
    own vertex (every head filled): then a whole plan that fills every head without the load
    cap, or none (NoPlanInTime: the caller fills greedily)."""
    try:
        return whole_under(prog, vertex, deadline, branch=kept is None)
    except NoPlanInTime:
        if not relaxed:
            return values
    prog.upper[v.load] = math.inf
    return solve_whole(prog, deadline)[0]


def _left_empty(prog: Program, v: Vars, values: np.ndarray, demand: Demand) -> dict[str, set[date]]:
    """The days on which each skill has heads that `values` leaves empty (a tier below its
    heads, the column's upper bound)."""
    days: dict[str, set[date]] = defaultdict(set)
    for (slot, role, _), col in v.tiers.items():
        if values[col] < prog.upper[col] - 0.5:
            days[role.skill].add(demand.slots[slot].date)
    return dict(days)


def _perwira_columns(v: Vars, classes: list[OfficerClass]) -> list[int]:
    """The columns of perwira classes working rank-and-file heads (only where the policy lets
    them fill such heads at all)."""
    return [
        col
        for (c, _, role), col in sorted(v.working.items())
        if classes[c].perwira and not role.leads and not role.rank_from
    ]


def _every_head(prog: Program, v: Vars, deadline: float) -> tuple[int, np.ndarray] | None:
    """The least load (`least_load`) of a plan that fills every head, its tiers held full;
    None when no plan fills them all (the tiers are then let go again)."""
    lower = list(prog.lower)
    for col in v.tiers.values():
        prog.lower[col] = prog.upper[col]
    every = least_load(prog, v.load, deadline)
    if every is None:
        prog.lower = lower
    return every


def perwira_as_a_last_resort(
    prog: Program, v: Vars, classes: list[OfficerClass], deadline: float, values: np.ndarray
) -> np.ndarray:
    """At full coverage, as few perwira on rank-and-file heads as possible; the count reached
    is fixed as a row. Only perwira classes that may fill such heads at all have columns here."""
    cols = _perwira_columns(v, classes)
    if not cols:
        return values
    prog.cost = [0.0] * len(prog.cost)
    for col in cols:
        prog.cost[col] = -1.0  # the program is maximised
    try:
        values = solve_whole(prog, deadline)[0]
    except NoPlanInTime:
        return values
    prog.row([(col, 1.0) for col in cols], -math.inf, round(sum(values[c] for c in cols)) + 0.5)
    prog.cost = [0.0] * len(prog.cost)
    return values


def keep_the_baseline(
    prog: Program,
    v: Vars,
    kept: Kept,
    deadline: float,
    values: np.ndarray,
    capped: bool,
) -> tuple[np.ndarray, bool]:
    """At full coverage, keep as many officers as possible in the shifts and roles they had.

    Counted per class: names are then given out baseline-first (`decompose.py`). The count
    reached is fixed as a row, so the later stages keep it too. Under the load cap set on
    `v.load` if the program has one in whole numbers (then True), else without it.
    """
    prog.cost = [0.0] * len(prog.cost)
    held = []

    def hold(variable: int, count: int) -> None:
        col = prog.column(1.0, 0.0, float(count))
        prog.row([(col, 1.0), (variable, -1.0)], -math.inf, 0.0)
        held.append((col, 1.0))

    for key, count in sorted(kept.roles.items()):
        if key in v.working:
            hold(v.working[key], count)
    for (c, k), count in sorted(kept.arcs.items()):
        hold(v.arcs[c][k], count)
    try:
        values = solve_whole(prog, deadline)[0]
    except NoPlanInTime:
        if not capped:
            return values, False  # no time left: the covering plan stands
        # No whole-number plan under the cap: keep without it.
        prog.upper[v.load] = math.inf
        capped = False
        try:
            values = solve_whole(prog, deadline)[0]
        except NoPlanInTime:
            return values, False
    prog.row(held, round(sum(values[col] for col, _ in held)) - 0.5, math.inf)
    return values, capped
