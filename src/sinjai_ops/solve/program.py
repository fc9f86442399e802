"""The linear programs of the model and HiGHS: a program under construction, its solve to a
proven whole-number optimum where the network structure allows one cheaply, the least load of
the busiest class, and two objectives in one solver (`warm_lexicographic`)."""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import highspy
import numpy as np


@dataclass
class Program:
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


class NoPlanInTime(Exception):
    """HiGHS stopped (time limit) before it had any whole-number plan."""


Solved = tuple[np.ndarray, Literal["optimal", "feasible"], float]


def solve_whole(prog: Program, deadline: float, branch: bool = True) -> Solved:
    """The linear relaxation first (interior point, then crossover to a vertex): the network
    structure makes it integral in most cases, and then it is the optimum, proven by itself.

    When it is fractional, its value still bounds every whole-number plan, and since every
    objective here has whole coefficients, a whole-number plan that reaches the bound rounded
    down is optimal. Such a plan is looked for first among the plans that keep every variable
    the relaxation already made whole (a small program); only if none reaches the bound does
    branch and bound take on the whole program (unless `branch` is false: then NoPlanInTime).
    """
    solver = highs(deadline, lp=True)
    solver.passModel(prog.lp(maximize=True, relax=True))
    solver.run()
    if solver.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        values = np.asarray(solver.getSolution().col_value)
        bound = float(solver.getInfo().objective_function_value)
        if integral(values, prog.integer):
            return values, "optimal", bound
        found = whole_near(prog, values, deadline)
        if found is not None and objective(prog, found) >= math.floor(bound + 1e-6) - 1e-6:
            return found, "optimal", bound
    if not branch:
        raise NoPlanInTime("no whole-number plan without branching")
    solver = highs(deadline)
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


def objective(prog: Program, values: np.ndarray) -> float:
    return float(np.dot(np.array(prog.cost, dtype=np.float64), values))


def whole_near(prog: Program, relaxed: np.ndarray, deadline: float) -> np.ndarray | None:
    """The best whole-number plan that keeps every whole variable of the relaxation as it is
    (the fractional ones stay free), or None when there is none in the time."""
    integer = np.array(prog.integer, dtype=bool)
    whole = integer & (np.abs(relaxed - np.round(relaxed)) < 1e-6)
    lower, upper = prog.lower, prog.upper
    fixed = np.round(relaxed)
    prog.lower = [float(fixed[i]) if whole[i] else lo for i, lo in enumerate(lower)]
    prog.upper = [float(fixed[i]) if whole[i] else up for i, up in enumerate(upper)]
    try:
        solver = highs(deadline)
        solver.passModel(prog.lp(maximize=True, relax=False))
    finally:
        prog.lower, prog.upper = lower, upper
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.asarray(solver.getSolution().col_value)


def integral(values: np.ndarray, integer: list[bool]) -> bool:
    chosen = values[np.array(integer, dtype=bool)]
    return bool(np.all(np.abs(chosen - np.round(chosen)) < 1e-6))


def least_load(prog: Program, load: int, deadline: float) -> tuple[int, np.ndarray] | None:
    """Least average load of the busiest class, in the linear relaxation, rounded up, and the
    relaxation's vertex that reaches it (a plan that keeps to the bound is made from it:
    `whole_under`).

    A valid lower bound on the busiest officer's shifts: an officer's load is a whole number,
    and some officer of each class carries at least the class average.
    """
    cost = prog.cost
    prog.cost = [0.0] * len(cost)
    prog.cost[load] = 1.0
    solver = highs(deadline, lp=True)
    solver.passModel(prog.lp(maximize=False, relax=True))
    prog.cost = cost
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    least: float = solver.getInfo().objective_function_value
    return max(0, math.ceil(least - 1e-6)), np.asarray(solver.getSolution().col_value)


def whole_under(prog: Program, vertex: np.ndarray, deadline: float, branch: bool) -> np.ndarray:
    """A whole-number plan of `prog` (its load now capped at the least load's bound), made from
    the least load's vertex, which keeps every row of `prog` (the earlier stages' fixed
    objectives too): the vertex itself when whole, else the best whole plan that keeps its whole
    variables (`whole_near`). This spares an interior-point solve of the whole program; only
    when neither is found is the program solved again (`solve_whole`, with `branch`)."""
    if integral(vertex, prog.integer):
        return vertex
    near = whole_near(prog, vertex, deadline)
    return near if near is not None else solve_whole(prog, deadline, branch=branch)[0]


def highs(deadline: float, lp: bool = False) -> Any:
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


def warm_lexicographic(
    prog: Program,
    first: list[tuple[int, float]],
    second: list[tuple[int, float]],
    deadline: float,
    known: tuple[int, int] | None = None,
) -> tuple[int, int] | None:
    """The most of `first` in whole numbers, then the most of `second` while `first` stays at
    that, in one solver: the linear relaxation (interior point, crossover to a vertex), then the
    second objective by the simplex method from that vertex (a few pivots, not a new solve).
    A fractional vertex is made whole as `solve_whole` does, by the best whole-number plan that
    keeps its whole variables, accepted only when it reaches the bound rounded down. None when
    either stage is not proven so (the caller then solves each stage on its own).

    `known`: `first` and `second` of a whole plan of this program, when one is known (a remedy
    measured against the plan it changes: the plan's own). Where the relaxation's best, rounded
    down, is no more than its `first`, that plan is the best whole one and no other is looked for;
    its `second` is then the least the second stage can reach."""
    solver = highs(deadline, lp=True)
    solver.passModel(prog.lp(maximize=True, relax=True))
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = solver.getSolution()
    values = np.asarray(solution.col_value)
    staged = Program(
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
    if known is not None and math.floor(bound + 1e-6) <= known[0]:
        best, least = known
    else:
        if not integral(values, prog.integer):
            near = whole_near(prog, values, deadline)
            if near is None or objective(prog, near) < math.floor(bound + 1e-6) - 1e-6:
                return None
            whole = near
        best = round(sum(whole[col] * w for col, w in first))
        # A whole plan of the best weight: its heads are the least the second stage can reach.
        least = round(sum(whole[col] * w for col, w in second))
    face = abs(bound - best) < 1e-6
    if face:
        _hold_optimal_face(solver, solution, prog, staged)
    else:
        index = np.array([col for col, _ in first], dtype=np.int32)
        weights = np.array([w for _, w in first], dtype=np.float64)
        solver.addRow(best - 0.5, highspy.kHighsInf, len(index), index, weights)
        staged.row(first, best - 0.5, math.inf)
    return _second_stage(solver, prog, staged, second, (best, least), face, deadline)


def _hold_optimal_face(solver: Any, solution: Any, prog: Program, staged: Program) -> None:
    """Hold the solver (and `staged`, its copy of the program) to the optimal face of the
    relaxation it solved: a whole plan reaches the relaxation's optimum, so the plans of that
    value are that face, every column of nonzero reduced cost held at its bound and every
    inequality of nonzero dual held tight. The solver's vertex is on it."""
    values = np.asarray(solution.col_value)
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


def _second_stage(
    solver: Any,
    prog: Program,
    staged: Program,
    second: list[tuple[int, float]],
    first_stage: tuple[int, int],
    face: bool,
    deadline: float,
) -> tuple[int, int] | None:
    """The most of `second` by the solver that holds the first stage's best (`first_stage`:
    that best, and the `second` of its whole plan, the least the second stage can reach), made
    whole as `solve_whole` does; None when not proven so."""
    best, least = first_stage
    count = len(prog.cost)
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
    if not integral(values, prog.integer):
        bound = float(solver.getInfo().objective_function_value)
        if least >= math.floor(bound + 1e-6):
            # The relaxation's bound, rounded down, is reached by the first stage's whole plan
            # (which keeps every bound the second stage holds: on the optimal face, or at the
            # best weight): no other whole plan has more heads.
            return best, least
        near = whole_near(staged, values, deadline)
        if near is None or objective(staged, near) < math.floor(bound + 1e-6) - 1e-6:
            return None
        values = near
    return best, round(sum(values[col] * w for col, w in second))
