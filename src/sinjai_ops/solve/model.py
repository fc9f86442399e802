"""The assignment as a mixed-integer program over classes of officers, solved by HiGHS.

Hard rules, each built by one function below:
    one_shift_one_head              # hard: an officer who works a slot fills exactly one head
    rest_and_daily_hours            # hard: every schedule is a path of the schedule network
    skill_drill_rank_and_leave      # hard: a class is offered only the heads it may fill
    no_more_heads_than_needed       # hard
Objectives, in this order (lexicographic, by scaling):
    cover_heads_by_priority         # soft: most weighted heads filled
    spread_the_load                 # soft: least average load of the busiest class
Keeping an officer at one site and units together is decided when names are given out
(`decompose.py`), among officers the model has made interchangeable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import highspy
import numpy as np

from sinjai_ops.models.plan import Demand
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
class Outcome:
    status: Literal["optimal", "feasible"]
    arc_flow: tuple[tuple[int, ...], ...]
    """Officers of each class along each arc of its network."""
    filled: dict[tuple[int, int], int]
    """(class, need) to heads of that need filled by that class."""
    weighted_filled: int
    weighted_bound: int
    load_lower_bound: int


@dataclass
class _Vars:
    arcs: list[list[int]] = field(default_factory=list)
    heads: dict[tuple[int, int], int] = field(default_factory=dict)
    load: int = -1


def one_shift_one_head(
    prog: _Program, v: _Vars, c: int, net: Network, heads_at: dict[int, list[int]]
) -> None:
    worked: dict[int, list[int]] = {}
    for k, arc in enumerate(net.arcs):
        if arc.slot is not None:
            worked.setdefault(arc.slot, []).append(v.arcs[c][k])
    for slot, cols in sorted(worked.items()):
        terms = [(col, 1.0) for col in cols]
        terms += [(v.heads[(c, n)], -1.0) for n in heads_at.get(slot, [])]
        prog.row(terms, 0.0, 0.0)


def rest_and_daily_hours(prog: _Program, v: _Vars, c: int, net: Network, size: int) -> None:
    balance: list[list[tuple[int, float]]] = [[] for _ in range(net.node_count)]
    for k, arc in enumerate(net.arcs):
        balance[arc.tail].append((v.arcs[c][k], -1.0))
        balance[arc.head].append((v.arcs[c][k], 1.0))
    for node, terms in enumerate(balance):
        supply = -size if node == net.source else size if node == net.sink else 0
        prog.row(terms, supply, supply)


def no_more_heads_than_needed(prog: _Program, v: _Vars, demand: Demand) -> None:
    by_need: dict[int, list[int]] = {}
    for (_, n), col in v.heads.items():
        by_need.setdefault(n, []).append(col)
    for n, cols in sorted(by_need.items()):
        prog.row([(col, 1.0) for col in cols], 0.0, demand.needs[n].heads)


def spread_the_load(prog: _Program, v: _Vars, c: int, net: Network, size: int) -> None:
    terms = [(v.arcs[c][k], 1.0) for k, arc in enumerate(net.arcs) if arc.slot is not None]
    prog.row([*terms, (v.load, -float(size))], -math.inf, 0.0)


def solve_classes(
    classes: list[OfficerClass],
    networks: list[Network],
    demand: Demand,
    eligible: list[dict[int, list[int]]],
    time_limit: float,
) -> Outcome:
    """`eligible[c][slot]`: the needs of that slot that class c may fill."""
    slots = len(demand.slots)
    # Scaling makes the objective lexicographic: one more weighted head is worth more than any
    # change of the load term, which lies between 0 and the number of slots.
    scale = slots + 1
    prog = _Program()
    v = _Vars()
    v.load = prog.column(-1.0, 0.0, float(slots))
    for c, (cls, net) in enumerate(zip(classes, networks, strict=True)):
        size = len(cls.members)
        v.arcs.append([prog.column(0.0, 0.0, float(size)) for _ in net.arcs])
        for slot in sorted(eligible[c]):
            for n in eligible[c][slot]:
                need = demand.needs[n]
                # cover_heads_by_priority
                v.heads[(c, n)] = prog.column(
                    scale * need.weight, 0.0, float(min(need.heads, size)), integer=True
                )
    for c, (cls, net) in enumerate(zip(classes, networks, strict=True)):
        size = len(cls.members)
        rest_and_daily_hours(prog, v, c, net, size)
        one_shift_one_head(prog, v, c, net, eligible[c])
        spread_the_load(prog, v, c, net, size)
    no_more_heads_than_needed(prog, v, demand)

    solver = _highs(time_limit)
    solver.passModel(prog.lp(maximize=True, relax=False))
    solver.run()
    status = solver.getModelStatus()
    values = np.asarray(solver.getSolution().col_value)
    info = solver.getInfo()
    if status == highspy.HighsModelStatus.kOptimal:
        state: Literal["optimal", "feasible"] = "optimal"
    elif info.primal_solution_status == 2:  # a feasible point, stopped by the time limit
        state = "feasible"
    else:
        raise RuntimeError(f"HiGHS found no plan: {solver.modelStatusToString(status)}")

    filled = {key: round(values[col]) for key, col in v.heads.items()}
    filled = {key: n for key, n in filled.items() if n}
    weighted = sum(demand.needs[n].weight * k for (_, n), k in filled.items())
    if state == "optimal":
        bound = weighted
    else:
        bound = max(weighted, math.floor((info.mip_dual_bound + slots) / scale + 1e-9))
    flows = tuple(tuple(round(values[col]) for col in cols) for cols in v.arcs)
    return Outcome(
        status=state,
        arc_flow=flows,
        filled=filled,
        weighted_filled=weighted,
        weighted_bound=bound,
        load_lower_bound=_load_lower_bound(prog, v, weighted, demand, time_limit),
    )


def _load_lower_bound(
    prog: _Program, v: _Vars, weighted: int, demand: Demand, time_limit: float
) -> int:
    """No plan filling `weighted` can give its busiest officer fewer shifts than this.

    The least average load of the busiest class, in the linear relaxation, rounded up: a
    valid bound, since an officer's load is a whole number no lower than its class average.
    """
    cover = [(col, float(demand.needs[n].weight)) for (_, n), col in v.heads.items()]
    relaxed = _Program(
        cost=[0.0] * len(prog.cost),
        lower=prog.lower,
        upper=prog.upper,
        integer=prog.integer,
        row_lower=[*prog.row_lower],
        row_upper=[*prog.row_upper],
        starts=[*prog.starts],
        index=[*prog.index],
        value=[*prog.value],
    )
    relaxed.cost[v.load] = 1.0
    relaxed.row(cover, weighted - 0.5, math.inf)
    solver = _highs(time_limit)
    solver.passModel(relaxed.lp(maximize=False, relax=True))
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return 0
    return max(0, math.ceil(solver.getInfo().objective_function_value - 1e-6))


def _highs(time_limit: float) -> highspy.Highs:
    # The core class, exported by highspy: the Python wrapper prints a banner on standard
    # output when it is built, before logging can be switched off, which would corrupt JSON.
    solver = highspy._Highs()
    solver.setOptionValue("output_flag", False)
    # One thread and a fixed seed: the same model gives the same plan on any machine and load.
    solver.setOptionValue("threads", 1)
    solver.setOptionValue("random_seed", 0)
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.setOptionValue("mip_abs_gap", 0.5)
    solver.setOptionValue("time_limit", float(time_limit))
    return solver
