"""The best coverage any plan can reach, from the coverage model alone: the first objective of
the plan's program (`program_rows.cover_heads_by_priority`), then the most heads at that
weight. The remedies and the price of neutrality are measured by it (`pipeline.measure`)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from sinjai_ops.models.plan import Demand
from sinjai_ops.rules import Role
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.network import Network
from sinjai_ops.solve.program import NoPlanInTime, solve_whole, warm_lexicographic
from sinjai_ops.solve.program_rows import Reached, build_program


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
    reached: Reached | None = None,
) -> Coverage | None:
    """The first objective of `solve_classes`, then, at that weight, the most heads (a plan
    may reach one weight with different head counts; the most is the one count that does not
    depend on the later stages). None when either is not proven in the time. `reached`: what a
    whole plan of a program that this one relaxes reaches (a remedy's scenario against the
    plan's); used where the tiers are the same, as the whole plan each stage must beat."""
    prog, v, pinned_weight = build_program(classes, networks, demand, roles_at, pins)
    deadline = time.monotonic() + time_limit
    cover = [(col, float(key[2])) for key, col in v.tiers.items()]
    heads = [(col, 1.0) for col in v.tiers.values()]
    known = None
    if reached is not None and reached.tiers == v.heads:
        known = (reached.weighted, reached.heads)
    found = warm_lexicographic(prog, cover, heads, deadline, known)
    if found is None:
        # A fractional vertex on the way: each stage as `solve_classes` solves its stages.
        try:
            values, state, _ = solve_whole(prog, deadline)
            shared = round(sum(values[col] * w for col, w in cover))
            if state != "optimal":
                return None
            prog.row(cover, shared - 0.5, math.inf)
            prog.cost = [0.0] * len(prog.cost)
            for col, _ in heads:
                prog.cost[col] = 1.0
            values, state, _ = solve_whole(prog, deadline)
        except NoPlanInTime:
            return None
        if state != "optimal":
            return None
        found = shared, round(sum(values[col] for col, _ in heads))
    pinned = len(pins or [])
    return Coverage(weighted=found[0] + pinned_weight, heads=found[1] + pinned)
