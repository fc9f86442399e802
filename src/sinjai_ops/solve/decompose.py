"""Names for the numbers: officers of each class walk their network along the solved flow.

At each node the flow says how many of the officers standing there work the slot; the ones with
the fewest shifts so far go (fairness), and each is given the head at the site where they stood
last, or beside officers of their own unit (continuity). Any choice that follows the flow keeps
every rule, so these preferences never cost a head.
"""

from __future__ import annotations

from collections import defaultdict

from sinjai_ops.models.plan import Demand
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.model import Outcome
from sinjai_ops.solve.network import Network


def name_officers(
    scenario: Scenario,
    demand: Demand,
    classes: list[OfficerClass],
    networks: list[Network],
    outcome: Outcome,
) -> dict[int, list[str]]:
    """Need index to the NRPs that fill it."""
    unit = {p.nrp: p.unit for p in scenario.roster.personnel}
    working: dict[int, dict[int, list[str]]] = defaultdict(dict)  # slot -> class -> nrps
    load: dict[str, int] = defaultdict(int)
    for c, (cls, net) in enumerate(zip(classes, networks, strict=True)):
        flow = outcome.arc_flow[c]
        leaving: dict[int, list[int]] = defaultdict(list)
        for k, arc in enumerate(net.arcs):
            if flow[k]:
                leaving[arc.tail].append(k)
        standing: dict[int, list[str]] = defaultdict(list)
        standing[net.source] = list(cls.members)
        # Nodes are numbered in time order, so every officer arrives before leaving.
        for node in range(net.node_count):
            here = sorted(standing.pop(node, []), key=lambda nrp: (load[nrp], nrp))
            for k in sorted(leaving[node], key=lambda k: net.arcs[k].slot is None):
                arc = net.arcs[k]
                going, here = here[: flow[k]], here[flow[k] :]
                if arc.slot is not None:
                    working[arc.slot][c] = going
                    for nrp in going:
                        load[nrp] += 1
                standing[arc.head].extend(going)
            assert not here or node == net.sink, "flow does not balance"

    by_slot: dict[int, list[int]] = defaultdict(list)
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    for n, need in enumerate(demand.needs):
        by_slot[slot_index[(need.date, need.shift)]].append(n)
    filled_by: dict[int, list[tuple[int, int]]] = defaultdict(list)  # need -> (class, heads)
    for (c, n), heads in sorted(outcome.filled.items()):
        filled_by[n].append((c, heads))

    last_site: dict[str, str] = {}
    names: dict[int, list[str]] = {}
    for slot in sorted(working):
        pool = {c: list(nrps) for c, nrps in working[slot].items()}
        for n in by_slot[slot]:
            need = demand.needs[n]
            chosen: list[str] = []
            for c, heads in filled_by.get(n, []):
                for _ in range(heads):
                    nrp = _pick(pool[c], need.site, chosen, last_site, unit)
                    pool[c].remove(nrp)
                    chosen.append(nrp)
                    last_site[nrp] = need.site
            if chosen:
                names[n] = sorted(chosen)
    return names


def _pick(
    pool: list[str], site: str, beside: list[str], last_site: dict[str, str], unit: dict[str, str]
) -> str:
    units = {unit[n] for n in beside}
    return min(
        pool,
        key=lambda nrp: (last_site.get(nrp, site) != site, unit[nrp] not in units, nrp),
    )
