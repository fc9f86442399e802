"""The assignment as a mixed-integer program over classes of officers, solved by HiGHS.

Hard rules, each built by one function below (the fourth, who may fill which head, is kept by
offering a class only the roles `classes.eligible_roles` allows it):
    one_shift_one_head              # hard: an officer who works a slot fills exactly one head
    rest_and_daily_hours            # hard: every schedule is a path of the schedule network
    no_more_heads_than_needed       # hard
    pinned_by_hand                  # hard: a pinned officer's class works that slot and role
                                    #   (pinned and absent officers have a class of their own)
Objectives, in this order (lexicographic, in stages: each is fixed before the next):
    cover_heads_by_priority         # soft: most weighted heads filled
    perwira_as_a_last_resort        # soft: where the policy lets perwira fill rank-and-file
                                    #   heads, fewest of them
    keep_the_baseline               # soft: with --baseline, most officers kept where they were
    spread_the_load                 # soft: least average load of the busiest class,
                                    #   then names fewest shifts first, then trades (decompose.py)
Keeping an officer at one site and units together is decided when names are given out
(`decompose.py`), among officers the model has made interchangeable.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

import highspy
import numpy as np

from sinjai_ops.models.plan import Demand
from sinjai_ops.rules import Role, role_of
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.network import Network


@dataclass
class _Program:
    """Columns and rows of a linear program under construction."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=lambda: [0])
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)

    def column(self, cost: float, lower: float, upper: float, integer: bool = False) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.cost) - 1

    def row(self, terms: list[tuple[int, float]], lower: float, upper: float) -> None:
        for col, coef in terms:
            self.index.append(col)
            self.value.append(coef)
        self.starts.append(len(self.index))
        self.row_lower.append(lower)
        self.row_upper.append(upper)

    def lp(self, *, maximize: bool, relax: bool) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.cost)
        lp.num_row_ = len(self.row_lower)
        lp.col_cost_ = np.array(self.cost, dtype=np.float64)
        lp.col_lower_ = np.array(self.lower, dtype=np.float64)
        lp.col_upper_ = np.array(self.upper, dtype=np.float64)
        lp.row_lower_ = np.array(self.row_lower, dtype=np.float64)
        lp.row_upper_ = np.array(self.row_upper, dtype=np.float64)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(self.starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self.index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self.value, dtype=np.float64)
        lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
        if not relax:
            kinds = [
                highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                for i in self.integer
            ]
            lp.integrality_ = kinds
        return lp


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


class NoPlanInTime(Exception):
    """HiGHS stopped (time limit) before it had any whole-number plan."""


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


@dataclass
class _Vars:
    arcs: list[list[int]] = field(default_factory=list)
    working: dict[tuple[int, int, Role], int] = field(default_factory=dict)
    tiers: dict[tuple[int, Role, int], int] = field(default_factory=dict)
    load: int = -1


def one_shift_one_head(
    prog: _Program, v: _Vars, c: int, net: Network, roles_at: dict[int, list[Role]]
) -> None:
    worked: dict[int, list[int]] = {}
    for k, arc in enumerate(net.arcs):
        if arc.slot is not None:
            worked.setdefault(arc.slot, []).append(v.arcs[c][k])
    # Also the slots the class has roles in but no way to work (before its start): none work.
    for slot in sorted(set(worked) | set(roles_at)):
        terms = [(col, 1.0) for col in worked.get(slot, [])]
        terms += [(v.working[(c, slot, role)], -1.0) for role in roles_at.get(slot, [])]
        prog.row(terms, 0.0, 0.0)


def rest_and_daily_hours(prog: _Program, v: _Vars, c: int, net: Network, size: int) -> None:
    balance: list[list[tuple[int, float]]] = [[] for _ in range(net.node_count)]
    for k, arc in enumerate(net.arcs):
        balance[arc.tail].append((v.arcs[c][k], -1.0))
        balance[arc.head].append((v.arcs[c][k], 1.0))
    for node, terms in enumerate(balance):
        supply = -size if node == net.source else size if node == net.sink else 0
        prog.row(terms, supply, supply)


def no_more_heads_than_needed(
    prog: _Program, v: _Vars, pinned: dict[tuple[int, Role], int]
) -> None:
    """Officers working a role in a slot fill its heads, heaviest first; each tier is capped at
    the heads of that weight (the cap is the column's upper bound); pinned officers fill the
    heads they are pinned to, outside the tiers."""
    supply: dict[tuple[int, Role], list[int]] = {}
    for (_, slot, role), col in v.working.items():
        supply.setdefault((slot, role), []).append(col)
    tiers: dict[tuple[int, Role], list[int]] = {}
    for (slot, role, _), col in v.tiers.items():
        tiers.setdefault((slot, role), []).append(col)
    # Every tier's row, also where no class may fill the role: its heads stay empty.
    for key in sorted(tiers):
        terms = [(col, 1.0) for col in supply.get(key, [])] + [(col, -1.0) for col in tiers[key]]
        fixed = float(pinned.get(key, 0))
        prog.row(terms, fixed, fixed)


def spread_the_load(
    prog: _Program, v: _Vars, c: int, net: Network, size: int, past: int = 0
) -> None:
    """The class's average load, with the shifts its members already worked (`past`, when
    re-planning from a moment), is at most `v.load`."""
    terms = [(v.arcs[c][k], 1.0) for k, arc in enumerate(net.arcs) if arc.slot is not None]
    prog.row([*terms, (v.load, -float(size))], -math.inf, -float(size * past))


def solve_classes(
    classes: list[OfficerClass],
    networks: list[Network],
    demand: Demand,
    roles_at: list[dict[int, list[Role]]],
    time_limit: float,
    kept: Kept | None = None,
    pins: list[tuple[int, int, Role, int]] | None = None,
) -> Outcome:
    """`roles_at[c][slot]`: the roles needed in that slot that class c may fill.

    `kept`: what a baseline plan had, per class. `pins`: (class, slot, role, weight) of every
    officer pinned by hand: that class works that role there, on a head of that weight, which
    is taken out of the heads the model shares out (hard).
    """
    prog, v, pinned_weight = _build(classes, networks, demand, roles_at, pins)

    deadline = time.monotonic() + time_limit
    values, state, best = _solve(prog, deadline)
    cover = [(col, float(key[2])) for key, col in v.tiers.items()]
    shared = round(sum(values[col] * w for col, w in cover))
    bound = shared if state == "optimal" else max(shared, math.floor(best + 1e-9))
    prog.row(cover, shared - 0.5, math.inf)
    weighted, bound = shared + pinned_weight, bound + pinned_weight
    values = perwira_as_a_last_resort(prog, v, classes, deadline, values)
    fresh_bound = cap = None
    if kept:
        # A re-plan never makes the busiest officer busier than the larger of the baseline's
        # busiest and the least a fresh plan could reach: that cap holds while keeping.
        fresh_bound = _least_load(prog, v.load, deadline)
        if fresh_bound is not None:
            cap = max(fresh_bound, kept.busiest)
            prog.upper[v.load] = float(cap)
        values, capped = keep_the_baseline(prog, v, kept, deadline, values, cap is not None)
        cap = cap if capped else None

    # spread_the_load: the least class average the busiest class can have at this coverage
    # (a lower bound for its busiest officer), then a plan that keeps to it. A re-plan that
    # kept under the cap is done: the cap is its fairness, and keeping what was published is
    # worth more than evening out further.
    load_bound = fresh_bound if cap is not None else _least_load(prog, v.load, deadline)
    if load_bound is not None and cap is None:
        prog.upper[v.load] = float(load_bound)
        # No whole-number plan at that average (or no time left): the first plan stands. With
        # a baseline the cap already bounds the load and keeping is what counts, so only the
        # cheap ways to a whole-number plan are tried, never a full branch and bound.
        with contextlib.suppress(NoPlanInTime):
            values = _solve(prog, deadline, branch=kept is None)[0]
    working = {key: round(values[col]) for key, col in v.working.items()}
    return Outcome(
        status=state,
        arc_flow=tuple(tuple(round(values[col]) for col in cols) for cols in v.arcs),
        working={key: n for key, n in working.items() if n},
        weighted_filled=weighted,
        weighted_bound=bound,
        load_lower_bound=fresh_bound if kept else load_bound,
        load_cap=cap,
    )


def _build(
    classes: list[OfficerClass],
    networks: list[Network],
    demand: Demand,
    roles_at: list[dict[int, list[Role]]],
    pins: list[tuple[int, int, Role, int]] | None,
) -> tuple[_Program, _Vars, int]:
    """The program of the hard rules and of `cover_heads_by_priority` (the tiers' costs), its
    variables, and the weight of the heads pinned by hand (outside the tiers)."""
    slots = len(demand.slots)
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    heads: dict[tuple[int, Role, int], int] = {}
    for need in demand.needs:
        key = (slot_index[(need.date, need.shift)], role_of(need), need.weight)
        heads[key] = heads.get(key, 0) + need.heads
    # pinned_by_hand: a pinned head is filled before the model shares out the rest.
    least: dict[tuple[int, int, Role], int] = defaultdict(int)
    pinned: dict[tuple[int, Role], int] = defaultdict(int)
    pinned_weight = 0
    for c, slot, role, weight in pins or []:
        least[(c, slot, role)] += 1
        pinned[(slot, role)] += 1
        heads[(slot, role, weight)] -= 1
        pinned_weight += weight
    role_heads: dict[tuple[int, Role], int] = {}
    for (slot, role, _), count in heads.items():
        role_heads[(slot, role)] = role_heads.get((slot, role), 0) + count

    prog = _Program()
    v = _Vars()
    v.load = prog.column(0.0, 0.0, float(slots))
    for c, (cls, net) in enumerate(zip(classes, networks, strict=True)):
        size = float(len(cls.members))
        v.arcs.append(
            [prog.column(0.0, 0.0, size, integer=arc.slot is not None) for arc in net.arcs]
        )
        for slot in sorted(roles_at[c]):
            for role in roles_at[c][slot]:
                # The pinned officers of the role work it too, beside the heads shared out.
                upper = min(size, role_heads[(slot, role)] + pinned.get((slot, role), 0))
                lower = float(least.get((c, slot, role), 0))
                v.working[(c, slot, role)] = prog.column(0.0, lower, upper, integer=True)
    for key in sorted(heads, key=lambda k: (k[0], k[1], -k[2])):
        # cover_heads_by_priority
        v.tiers[key] = prog.column(float(key[2]), 0.0, float(heads[key]))
    for c, (cls, net) in enumerate(zip(classes, networks, strict=True)):
        size = len(cls.members)
        rest_and_daily_hours(prog, v, c, net, size)
        one_shift_one_head(prog, v, c, net, roles_at[c])
        spread_the_load(prog, v, c, net, size, cls.past)
    no_more_heads_than_needed(prog, v, pinned)
    return prog, v, pinned_weight


@dataclass(frozen=True)
class Coverage:
    """The best coverage any plan can reach, from the coverage model alone."""

    weighted: int
    """Most weighted heads filled (`cover_heads_by_priority`)."""
    heads: int
    """Most heads filled among the plans that reach `weighted`."""


def best_coverage(
    classes: list[OfficerClass],
    networks: list[Network],
    demand: Demand,
    roles_at: list[dict[int, list[Role]]],
    time_limit: float,
    pins: list[tuple[int, int, Role, int]] | None = None,
) -> Coverage | None:
    """The first objective of `solve_classes`, then, at that weight, the most heads (a plan
    may reach one weight with different head counts; the most is the one count that does not
    depend on the later stages). None when either is not proven in the time."""
    prog, v, pinned_weight = _build(classes, networks, demand, roles_at, pins)
    deadline = time.monotonic() + time_limit
    cover = [(col, float(key[2])) for key, col in v.tiers.items()]
    heads = [(col, 1.0) for col in v.tiers.values()]
    found = _warm_lexicographic(prog, cover, heads, deadline)
    if found is None:
        # A fractional vertex on the way: each stage as `solve_classes` solves its stages.
        try:
            values, state, _ = _solve(prog, deadline)
            shared = round(sum(values[col] * w for col, w in cover))
            if state != "optimal":
                return None
            prog.row(cover, shared - 0.5, math.inf)
            prog.cost = [0.0] * len(prog.cost)
            for col, _ in heads:
                prog.cost[col] = 1.0
            values, state, _ = _solve(prog, deadline)
        except NoPlanInTime:
            return None
        if state != "optimal":
            return None
        found = shared, round(sum(values[col] for col, _ in heads))
    pinned = len(pins or [])
    return Coverage(weighted=found[0] + pinned_weight, heads=found[1] + pinned)


def _warm_lexicographic(
    prog: _Program,
    first: list[tuple[int, float]],
    second: list[tuple[int, float]],
    deadline: float,
) -> tuple[int, int] | None:
    """The most of `first` in whole numbers, then the most of `second` while `first` stays at
    that, in one solver: the linear relaxation (interior point, crossover to a vertex), then the
    second objective by the simplex method from that vertex (a few pivots, not a new solve).
    A fractional vertex is made whole as `_solve` does, by the best whole-number plan that keeps
    its whole variables, accepted only when it reaches the bound rounded down. None when either
    stage is not proven so (the caller then solves each stage on its own)."""
    solver = _highs(deadline, lp=True)
    solver.passModel(prog.lp(maximize=True, relax=True))
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = solver.getSolution()
    values = np.asarray(solution.col_value)
    count = len(prog.cost)
    staged = _Program(
        list(prog.cost),
        list(prog.lower),
        list(prog.upper),
        prog.integer,
        list(prog.row_lower),
        list(prog.row_upper),
        list(prog.starts),
        list(prog.index),
        list(prog.value),
    )
    bound = float(solver.getInfo().objective_function_value)
    whole = values
    if not _integral(values, prog.integer):
        near = _whole_near(prog, values, deadline)
        if near is None or _objective(prog, near) < math.floor(bound + 1e-6) - 1e-6:
            return None
        whole = near
    best = round(sum(whole[col] * w for col, w in first))
    # A whole plan of the best weight: its heads are the least the second stage can reach.
    least = round(sum(whole[col] * w for col, w in second))
    face = abs(bound - best) < 1e-6
    if face:
        # A whole plan reaches the relaxation's optimum: the plans of that value form the
        # optimal face of the relaxation, every column of nonzero reduced cost held at its
        # bound and every inequality of nonzero dual held tight. The solver's vertex is on it.
        held = np.flatnonzero(np.abs(np.asarray(solution.col_dual)) > 1e-7).astype(np.int32)
        if len(held):
            solver.changeColsBounds(len(held), held, values[held], values[held])
        for at in held.tolist():
            staged.lower[at] = staged.upper[at] = float(values[at])
        duals, rows = np.asarray(solution.row_dual), np.asarray(solution.row_value)
        for row, dual in enumerate(duals):
            if abs(dual) > 1e-7 and prog.row_lower[row] < prog.row_upper[row]:
                solver.changeRowBounds(row, float(rows[row]), float(rows[row]))
                staged.row_lower[row] = staged.row_upper[row] = float(rows[row])
    else:
        index = np.array([col for col, _ in first], dtype=np.int32)
        weights = np.array([w for _, w in first], dtype=np.float64)
        solver.addRow(best - 0.5, highspy.kHighsInf, len(index), index, weights)
        staged.row(first, best - 0.5, math.inf)
    staged.cost = [0.0] * count
    for col, w in second:
        staged.cost[col] = w
    solver.changeColsCost(
        count, np.arange(count, dtype=np.int32), np.array(staged.cost, dtype=np.float64)
    )
    # On the face, a few pivots from the vertex; with the dense row of the first objective
    # the simplex method crawls, and a fresh interior point solve is quicker.
    solver.setOptionValue("solver", "simplex" if face else "ipm")
    solver.setOptionValue("time_limit", max(0.01, deadline - time.monotonic()))
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = np.asarray(solver.getSolution().col_value)
    if not _integral(values, prog.integer):
        bound = float(solver.getInfo().objective_function_value)
        if least >= math.floor(bound + 1e-6):
            # The relaxation's bound, rounded down, is reached by the first stage's whole plan
            # (which keeps every bound the second stage holds: on the optimal face, or at the
            # best weight): no other whole plan has more heads.
            return best, least
        near = _whole_near(staged, values, deadline)
        if near is None or _objective(staged, near) < math.floor(bound + 1e-6) - 1e-6:
            return None
        values = near
    return best, round(sum(values[col] * w for col, w in second))


def perwira_as_a_last_resort(
    prog: _Program, v: _Vars, classes: list[OfficerClass], deadline: float, values: np.ndarray
) -> np.ndarray:
    """At full coverage, as few perwira on rank-and-file heads as possible; the count reached
    is fixed as a row. Only perwira classes that may fill such heads at all have columns here."""
    cols = [
        col
        for (c, _, role), col in sorted(v.working.items())
        if classes[c].perwira and not role.leads and not role.rank_from
    ]
    if not cols:
        return values
    prog.cost = [0.0] * len(prog.cost)
    for col in cols:
        prog.cost[col] = -1.0  # the program is maximised
    try:
        values = _solve(prog, deadline)[0]
    except NoPlanInTime:
        return values
    prog.row([(col, 1.0) for col in cols], -math.inf, round(sum(values[c] for c in cols)) + 0.5)
    prog.cost = [0.0] * len(prog.cost)
    return values


def keep_the_baseline(
    prog: _Program,
    v: _Vars,
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
        values = _solve(prog, deadline)[0]
    except NoPlanInTime:
        if not capped:
            return values, False  # no time left: the covering plan stands
        # No whole-number plan under the cap: keep without it.
        prog.upper[v.load] = math.inf
        capped = False
        try:
            values = _solve(prog, deadline)[0]
        except NoPlanInTime:
            return values, False
    prog.row(held, round(sum(values[col] for col, _ in held)) - 0.5, math.inf)
    return values, capped


Solved = tuple[np.ndarray, Literal["optimal", "feasible"], float]


def _solve(prog: _Program, deadline: float, branch: bool = True) -> Solved:
    """The linear relaxation first (interior point, then crossover to a vertex): the network
    structure makes it integral in most cases, and then it is the optimum, proven by itself.

    When it is fractional, its value still bounds every whole-number plan, and since every
    objective here has whole coefficients, a whole-number plan that reaches the bound rounded
    down is optimal. Such a plan is looked for first among the plans that keep every variable
    the relaxation already made whole (a small program); only if none reaches the bound does
    branch and bound take on the whole program (unless `branch` is false: then NoPlanInTime).
    """
    solver = _highs(deadline, lp=True)
    solver.passModel(prog.lp(maximize=True, relax=True))
    solver.run()
    if solver.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        values = np.asarray(solver.getSolution().col_value)
        bound = float(solver.getInfo().objective_function_value)
        if _integral(values, prog.integer):
            return values, "optimal", bound
        found = _whole_near(prog, values, deadline)
        if found is not None and _objective(prog, found) >= math.floor(bound + 1e-6) - 1e-6:
            return found, "optimal", bound
    if not branch:
        raise NoPlanInTime("no whole-number plan without branching")
    solver = _highs(deadline)
    solver.passModel(prog.lp(maximize=True, relax=False))
    solver.run()
    status = solver.getModelStatus()
    info = solver.getInfo()
    if status == highspy.HighsModelStatus.kOptimal:
        state: Literal["optimal", "feasible"] = "optimal"
    elif info.primal_solution_status == 2:  # a feasible point, stopped by the time limit
        state = "feasible"
    else:
        raise NoPlanInTime(solver.modelStatusToString(status))
    values = np.asarray(solver.getSolution().col_value)
    return values, state, float(info.mip_dual_bound)


def _objective(prog: _Program, values: np.ndarray) -> float:
    return float(np.dot(np.array(prog.cost, dtype=np.float64), values))


def _whole_near(prog: _Program, relaxed: np.ndarray, deadline: float) -> np.ndarray | None:
    """The best whole-number plan that keeps every whole variable of the relaxation as it is
    (the fractional ones stay free), or None when there is none in the time."""
    integer = np.array(prog.integer, dtype=bool)
    whole = integer & (np.abs(relaxed - np.round(relaxed)) < 1e-6)
    lower, upper = prog.lower, prog.upper
    fixed = np.round(relaxed)
    prog.lower = [float(fixed[i]) if whole[i] else lo for i, lo in enumerate(lower)]
    prog.upper = [float(fixed[i]) if whole[i] else up for i, up in enumerate(upper)]
    try:
        solver = _highs(deadline)
        solver.passModel(prog.lp(maximize=True, relax=False))
    finally:
        prog.lower, prog.upper = lower, upper
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.asarray(solver.getSolution().col_value)


def _integral(values: np.ndarray, integer: list[bool]) -> bool:
    chosen = values[np.array(integer, dtype=bool)]
    return bool(np.all(np.abs(chosen - np.round(chosen)) < 1e-6))


def _least_load(prog: _Program, load: int, deadline: float) -> int | None:
    """Least average load of the busiest class, in the linear relaxation, rounded up.

    A valid lower bound on the busiest officer's shifts: an officer's load is a whole number,
    and some officer of each class carries at least the class average.
    """
    cost = prog.cost
    prog.cost = [0.0] * len(cost)
    prog.cost[load] = 1.0
    solver = _highs(deadline, lp=True)
    solver.passModel(prog.lp(maximize=False, relax=True))
    prog.cost = cost
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    least: float = solver.getInfo().objective_function_value
    return max(0, math.ceil(least - 1e-6))


def _highs(deadline: float, lp: bool = False) -> Any:
    # The core class, exported by highspy: the Python wrapper prints a banner on standard
    # output when it is built, before logging can be switched off, which would corrupt JSON.
    solver = highspy._Highs()  # type: ignore[attr-defined]
    solver.setOptionValue("output_flag", bool(os.environ.get("SINJAI_HIGHS_LOG")))
    # One thread and a fixed seed: the same model gives the same plan on any machine and load.
    solver.setOptionValue("threads", 1)
    solver.setOptionValue("random_seed", 0)
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.setOptionValue("mip_abs_gap", 0.5)
    solver.setOptionValue("time_limit", max(0.01, deadline - time.monotonic()))
    if lp:
        # Interior point, then crossover to a vertex: on these degenerate programs (a max over
        # classes, many equal optima) it is several times faster than the dual simplex, and the
        # vertex keeps the network's whole numbers.
        solver.setOptionValue("solver", "ipm")
        solver.setOptionValue("run_crossover", "on")
    return solver
