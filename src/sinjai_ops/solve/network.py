"""The schedule network of one class of officers: its paths are the schedules that keep the rules.

A node is "free before slot t, standing in `rules.schedule.State`" (the hours worked on the day
of slot t, and whatever else a schedule rule needs to remember). From it an officer either lets
slot t pass (`let_pass`), or works it and is next free at the first slot that starts at least
`min_rest_hours` after it ends (`rules.schedule.rested`); working is offered only where the
rules allow it (`rules.schedule.work`). Every source-to-sink path is therefore a schedule that
keeps every schedule rule, and the network grows linearly with the number of slots.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass

from sinjai_ops.models.plan import Slot
from sinjai_ops.rules.schedule import (
    FRESH,
    Schedule,
    Start,
    State,
    free_again,
    let_pass,
    rested,
    work,
)


@dataclass(frozen=True)
class Arc:
    tail: int
    head: int
    slot: int | None
    """The slot worked along this arc; None for letting a slot pass."""


@dataclass(frozen=True)
class Network:
    arcs: tuple[Arc, ...]
    node_count: int
    source: int
    sink: int
    node_slot: tuple[int, ...]
    """The slot each node stands before (the number of slots for the sink); nodes are numbered
    in time order."""


def next_free(slots: list[Slot], rules: Schedule) -> list[int]:
    """For each slot, the first slot one may work after it (`rules.schedule.rested`); len(slots)
    when there is none. Slots are in order of start, so the first is found by bisection and
    checked against the rule itself."""
    rest = rules.rest
    starts = [s.start.timestamp() for s in slots]
    out = []
    for s in slots:
        u = bisect.bisect_left(starts, free_again(s, rest) - 1.0)
        while u < len(slots) and not rested(s, slots[u], rest):
            u += 1
        out.append(u)
    return out


Built = dict[tuple[frozenset[int], Start], Network]
_kept: list[tuple[list[Slot], list[int], Schedule, Built]] = []
_kept_lock = threading.Lock()
_KEEP = 4
"""Slots (with their rules) whose networks are kept: the plan's and the remedies'."""


def schedule_network(
    slots: list[Slot],
    workable: frozenset[int],
    after: list[int],
    rules: Schedule,
    start: Start = FRESH,
) -> Network:
    """`start`: the first slot its officers may work and where they stand before it (a
    re-plan from a moment: what the frozen past left them).

    The networks of the last few slots, rules and `after` asked about are kept: the remedies
    build the model again and again for the same slots, mostly with the same classes'
    networks, and a network is made of nothing but these arguments. Safe across threads: the
    dictionary is taken under a lock, and a network two threads both build is the same."""
    with _kept_lock:
        known = next(
            (k[3] for k in _kept if k[0] == slots and k[1] == after and k[2] == rules), None
        )
        if known is None:
            known = {}
            _kept[:] = [(list(slots), list(after), rules, known), *_kept[: _KEEP - 1]]
    if (workable, start) not in known:
        known[(workable, start)] = _network(slots, workable, after, rules, start)
    return known[(workable, start)]


def _network(
    slots: list[Slot], workable: frozenset[int], after: list[int], rules: Schedule, start: Start
) -> Network:
    end = len(slots)
    index: dict[Start, int] = {}
    arcs: list[Arc] = []
    todo: list[Start] = []

    def node(t: int, state: State) -> int:
        key = (end, State()) if t >= end else (t, state)
        if key not in index:
            index[key] = len(index)
            todo.append(key)
        return index[key]

    source = node(*start)
    sink = node(end, State())
    while todo:
        t, state = todo.pop()
        if t == end:
            continue
        here = index[(t, state)]
        arcs.append(Arc(here, node(t + 1, let_pass(rules, slots, t, state)), None))
        worked = work(rules, slots, t, state, after) if t in workable else None
        if worked is not None:
            arcs.append(Arc(here, node(*worked), t))
    # Arcs in a stable order, whatever order the search found them in.
    keys = sorted(index)
    renumber = {index[k]: i for i, k in enumerate(keys)}
    ordered = sorted(
        (Arc(renumber[a.tail], renumber[a.head], a.slot) for a in arcs),
        key=lambda a: (a.tail, a.head, -1 if a.slot is None else a.slot),
    )
    return Network(
        tuple(ordered), len(keys), renumber[source], renumber[sink], tuple(k[0] for k in keys)
    )
