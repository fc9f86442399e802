"""The schedule network of one class of officers: its paths are the schedules that keep the rules.

A node is "free before slot t, having worked h hours on the day of slot t". From it an officer
either lets slot t pass, or works it and is next free at the first slot that starts at least
`min_rest_hours` after it ends (`rules.schedule.rested`). Working is only offered while the
day's hours stay within `max_hours_per_day` (`rules.schedule.day_within`). Every source-to-sink path
is therefore a schedule with no overlap, enough rest and no long day, and the network grows
linearly with the number of slots.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sinjai_ops.models.plan import Slot
from sinjai_ops.rules.schedule import Schedule, day_within, free_again, rested


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


def schedule_network(
    slots: list[Slot],
    workable: frozenset[int],
    after: list[int],
    rules: Schedule,
    start: tuple[int, float] = (0, 0.0),
) -> Network:
    """`start`: the first slot its officers may work and the hours they have already worked on
    its day (a re-plan from a moment: what the frozen past left them)."""
    end = len(slots)
    index: dict[tuple[int, float], int] = {}
    arcs: list[Arc] = []
    todo: list[tuple[int, float]] = []

    def node(t: int, hours: float) -> int:
        key = (end, 0.0) if t >= end else (t, round(hours, 6))
        if key not in index:
            index[key] = len(index)
            todo.append(key)
        return index[key]

    source = node(*start)
    sink = node(end, 0.0)
    while todo:
        t, hours = todo.pop()
        if t == end:
            continue
        here = index[(t, hours)]
        same_day = t + 1 < end and slots[t + 1].date == slots[t].date
        arcs.append(Arc(here, node(t + 1, hours if same_day else 0.0), None))
        worked = hours + slots[t].hours
        if t in workable and day_within(worked, rules.rest):
            u = after[t]
            carried = worked if u < end and slots[u].date == slots[t].date else 0.0
            arcs.append(Arc(here, node(u, carried), t))
    # Arcs in a stable order, whatever order the search found them in.
    keys = sorted(index, key=lambda k: (k[0], k[1]))
    renumber = {index[k]: i for i, k in enumerate(keys)}
    ordered = sorted(
        (Arc(renumber[a.tail], renumber[a.head], a.slot) for a in arcs),
        key=lambda a: (a.tail, a.head, -1 if a.slot is None else a.slot),
    )
    return Network(
        tuple(ordered), len(keys), renumber[source], renumber[sink], tuple(k[0] for k in keys)
    )
