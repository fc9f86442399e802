"""The program of the model (`model.py`): a column per class's schedule arc and role worked and
per tier of heads, and the rows of the hard rules, each built by one function here:

    one_shift_one_head              # an officer who works a slot fills exactly one head
    rest_and_daily_hours            # every schedule is a path of the schedule network
    no_more_heads_than_needed       # a tier of heads is filled at most to its heads
    pinned_by_hand                  # a pinned officer's class works that slot and role
    spread_the_load                 # the busiest class's average load, bounded by a column
    cover_heads_by_priority         # the first objective: most weighted heads filled
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from sinjai_ops.models.plan import Demand
from sinjai_ops.rules import Role, role_of
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.network import Network
from sinjai_ops.solve.program import Program


@dataclass(frozen=True)
class Reached:
    """What a whole plan of a program reaches: its tiers (slot, role, weight: heads, after the
    pins), and the weighted heads and heads it fills of them. A program of the same tiers whose
    every plan is also a plan of this one's changed scenario (a remedy only adds what officers
    may do) reaches at least as much (`program.warm_lexicographic`'s `known`)."""

    tiers: dict[tuple[int, Role, int], int]
    weighted: int
    heads: int


@dataclass
class Vars:
    """The program's columns: per class, one per arc of its network; per (class, slot, role)
    worked; per tier (slot, role, weight) of heads; and the busiest class's average load."""

    arcs: list[list[int]] = field(default_factory=list)
    working: dict[tuple[int, int, Role], int] = field(default_factory=dict)
    tiers: dict[tuple[int, Role, int], int] = field(default_factory=dict)
    load: int = -1
    heads: dict[tuple[int, Role, int], int] = field(default_factory=dict)
    """The heads of each tier (slot, role, weight), after the pins."""


def one_shift_one_head(
    prog: Program, v: Vars, c: int, net: Network, roles_at: dict[int, list[Role]]
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


def rest_and_daily_hours(prog: Program, v: Vars, c: int, net: Network, size: int) -> None:
    balance: list[list[tuple[int, float]]] = [[] for _ in range(net.node_count)]
    for k, arc in enumerate(net.arcs):
        balance[arc.tail].append((v.arcs[c][k], -1.0))
        balance[arc.head].append((v.arcs[c][k], 1.0))
    for node, terms in enumerate(balance):
        supply = -size if node == net.source else size if node == net.sink else 0
        prog.row(terms, supply, supply)


def no_more_heads_than_needed(prog: Program, v: Vars, pinned: dict[tuple[int, Role], int]) -> None:
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


def spread_the_load(prog: Program, v: Vars, c: int, net: Network, size: int, past: int = 0) -> None:
    """The class's average load, with the shifts its members already worked (`past`, when
    re-planning from a moment), is at most `v.load`."""
    terms = [(v.arcs[c][k], 1.0) for k, arc in enumerate(net.arcs) if arc.slot is not None]
    prog.row([*terms, (v.load, -float(size))], -math.inf, -float(size * past))


def pinned_by_hand(
    heads: dict[tuple[int, Role, int], int], pins: list[tuple[int, int, Role, int]]
) -> tuple[dict[tuple[int, int, Role], int], dict[tuple[int, Role], int], int]:
    """A pinned head is filled before the model shares out the rest: taken out of `heads`
    (slot, role, weight), its class made to work it. The least each class works of each slot
    and role, the pinned officers per slot and role, and the weight of the pinned heads."""
    least: dict[tuple[int, int, Role], int] = defaultdict(int)
    pinned: dict[tuple[int, Role], int] = defaultdict(int)
    pinned_weight = 0
    for c, slot, role, weight in pins:
        least[(c, slot, role)] += 1
        pinned[(slot, role)] += 1
        heads[(slot, role, weight)] -= 1
        pinned_weight += weight
    return least, pinned, pinned_weight


def cover_heads_by_priority(
    prog: Program, v: Vars, heads: dict[tuple[int, Role, int], int]
) -> None:
    """One tier per slot, role and weight, worth its weight per head filled, up to its heads."""
    for key in sorted(heads, key=lambda k: (k[0], k[1], -k[2])):
        v.tiers[key] = prog.column(float(key[2]), 0.0, float(heads[key]))


def build_program(
    classes: list[OfficerClass],
    networks: list[Network],
    demand: Demand,
    roles_at: list[dict[int, list[Role]]],
    pins: list[tuple[int, int, Role, int]] | None,
) -> tuple[Program, Vars, int]:
    """The program of the hard rules and of `cover_heads_by_priority` (the tiers' costs), its
    variables, and the weight of the heads pinned by hand (outside the tiers). The rows of
    `spread_the_load` bind nothing until the load is capped, yet a program that only covers
    (`best_coverage`) keeps them: without them HiGHS solved the remedies' programs up to four
    times slower at 500 x 28, and no faster at 500 x 60."""
    slots = len(demand.slots)
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    heads: dict[tuple[int, Role, int], int] = {}
    for need in demand.needs:
        key = (slot_index[(need.date, need.shift)], role_of(need), need.weight)
        heads[key] = heads.get(key, 0) + need.heads
    least, pinned, pinned_weight = pinned_by_hand(heads, pins or [])
    role_heads: dict[tuple[int, Role], int] = {}
    for (slot, role, _), count in heads.items():
        role_heads[(slot, role)] = role_heads.get((slot, role), 0) + count

    prog = Program()
    v = Vars()
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
    cover_heads_by_priority(prog, v, heads)
    v.heads = heads
    for c, (cls, net) in enumerate(zip(classes, networks, strict=True)):
        size = len(cls.members)
        rest_and_daily_hours(prog, v, c, net, size)
        one_shift_one_head(prog, v, c, net, roles_at[c])
        spread_the_load(prog, v, c, net, size, cls.past)
    no_more_heads_than_needed(prog, v, pinned)
    return prog, v, pinned_weight
