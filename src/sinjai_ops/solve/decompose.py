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
from sinjai_ops.solve.classes import OfficerClass, Role, role_of
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
                    working[arc.slot].setdefault(c, []).extend(going)
                    for nrp in going:
                        load[nrp] += 1
                standing[arc.head].extend(going)
            assert not here or node == net.sink, "flow does not balance"

    needs_at: dict[tuple[int, Role], list[int]] = defaultdict(list)
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    for n, need in enumerate(demand.needs):
        needs_at[(slot_index[(need.date, need.shift)], role_of(need))].append(n)

    last_site: dict[str, str] = {}
    names: dict[int, list[str]] = {}
    for slot in sorted(working):
        pools: dict[Role, list[str]] = defaultdict(list)
        for c, nrps in sorted(working[slot].items()):
            rest = list(nrps)
            for role in sorted(
                (r for (cc, t, r) in outcome.working if cc == c and t == slot),
                key=lambda r: (r[0], r[1] or ""),
            ):
                count = outcome.working[(c, slot, role)]
                pools[role].extend(rest[:count])
                rest = rest[count:]
        for role, pool in sorted(pools.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            # Heaviest heads first: that is how the model counted the weight it filled.
            for n in sorted(needs_at[(slot, role)], key=lambda n: (-demand.needs[n].weight, n)):
                need = demand.needs[n]
                chosen: list[str] = []
                while pool and len(chosen) < need.heads:
                    nrp = _pick(pool, need.site, chosen, last_site, unit)
                    pool.remove(nrp)
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
