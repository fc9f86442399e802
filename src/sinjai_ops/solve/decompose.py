"""Names for the numbers: officers of each class walk their network along the solved flow.

At each node the flow says how many of the officers standing there work the slot; the ones with
the fewest shifts so far go (fairness), and each is given the head at the site where they stood
last, or beside officers of their own unit (continuity). Any choice that follows the flow keeps
every rule, so these preferences never cost a head.
"""

from __future__ import annotations

import functools
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sinjai_ops.models.plan import Demand
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.rules import Role, role_of
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.model import Outcome
from sinjai_ops.solve.network import Network


def name_officers(
    scenario: Scenario,
    demand: Demand,
    classes: list[OfficerClass],
    networks: list[Network],
    outcome: Outcome,
    before: dict[str, dict[int, tuple[str, Role]]] | None = None,
    after: list[int] | None = None,
    pins: dict[tuple[str, int], int] | None = None,
) -> dict[int, list[str]]:
    """Need index to the NRPs that fill it; with a baseline, officers keep their shifts,
    roles and posts where the numbers allow.

    `after[slot]`: the first slot one may work after working `slot` (rest).
    """
    before = before or {}
    cap = outcome.load_cap

    def had(nrp: str, slot: int | None) -> bool:
        return slot is not None and slot in before.get(nrp, {})

    def would_drop(nrp: str, slot: int | None) -> bool:
        # Working this slot would make the officer miss a later baseline shift (rest).
        if slot is None or after is None:
            return False
        return any(slot < u < after[slot] for u in before.get(nrp, {}))

    unit = {p.nrp: p.unit for p in scenario.roster.personnel}
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    needs_at, roles_of, sites_of = _heads_per_class(demand, outcome, slot_index)
    # Officers of each class walk their network in time order, all classes together, so that
    # each choice knows where everyone stood last.
    walk = _Walk.start(classes, networks, outcome)
    last_site: dict[str, str] = {}
    names: dict[int, list[str]] = {}
    for slot in range(len(demand.slots)):
        working: dict[int, list[str]] = {}
        for c, net in enumerate(networks):
            wanted = sites_of.get((c, slot), set())

            def order(
                nrp: str, slot: int | None, wanted: set[str] = wanted
            ) -> tuple[bool, bool, bool, int, int, str]:
                last = last_site.get(nrp)
                here = 0 if last in wanted else 1 if last is None else 2
                # With a baseline, an officer at the load cap works only when nobody else can.
                full = slot is not None and cap is not None and walk.load[nrp] >= cap
                return (full, not had(nrp, slot), would_drop(nrp, slot), walk.load[nrp], here, nrp)

            walk.step(c, net, slot, outcome.arc_flow[c], order, working)
        _name_slot(
            slot,
            working,
            outcome,
            roles_of,
            needs_at,
            demand,
            before,
            last_site,
            unit,
            names,
            pins or {},
        )
    # Without a baseline, every class is evened out to its average; with one, only an officer
    # above the cap is traded down to it, so that the fewest kept assignments move.
    if not before or cap is not None:
        _even_out_classes(demand, classes, networks, walk.visits, names, slot_index, before, cap)
    return names


def _heads_per_class(
    demand: Demand, outcome: Outcome, slot_index: dict[tuple[date, str], int]
) -> tuple[
    dict[tuple[int, Role], list[int]],
    dict[tuple[int, int], list[Role]],
    dict[tuple[int, int], set[str]],
]:
    """The needs of each slot and role; the roles each class works in each slot; and the
    sites of those roles' heads (where an officer of the class may keep standing)."""
    needs_at: dict[tuple[int, Role], list[int]] = defaultdict(list)
    for n, need in enumerate(demand.needs):
        needs_at[(slot_index[(need.date, need.shift)], role_of(need))].append(n)
    roles_of: dict[tuple[int, int], list[Role]] = defaultdict(list)  # (class, slot) -> roles
    for c, slot, role in outcome.working:
        roles_of[(c, slot)].append(role)
    sites_of = {
        key: {demand.needs[n].site for role in roles for n in needs_at[(key[1], role)]}
        for key, roles in roles_of.items()
    }
    return needs_at, roles_of, sites_of


@dataclass
class _Walk:
    """The officers of every class on their walk along the solved flow: the arcs with flow
    leaving each node, who stands at each node, the nodes of each slot, the nodes each officer
    passed through, and each officer's shifts so far (with those before a re-planned part)."""

    leaving: list[dict[int, list[int]]]
    standing: list[dict[int, list[str]]]
    nodes_at: list[dict[int, list[int]]]
    visits: dict[str, list[int]]
    load: dict[str, int]

    @classmethod
    def start(cls, classes: list[OfficerClass], networks: list[Network], outcome: Outcome) -> _Walk:
        """Every officer at the source of their class's network."""
        walk = cls([], [], [], defaultdict(list), defaultdict(int))
        for c, (officers, net) in enumerate(zip(classes, networks, strict=True)):
            out: dict[int, list[int]] = defaultdict(list)
            for k, arc in enumerate(net.arcs):
                if outcome.arc_flow[c][k]:
                    out[arc.tail].append(k)
            walk.leaving.append(out)
            walk.standing.append(defaultdict(list, {net.source: list(officers.members)}))
            by_slot: dict[int, list[int]] = defaultdict(list)
            for node, slot in enumerate(net.node_slot):
                by_slot[slot].append(node)
            walk.nodes_at.append(by_slot)
        for officers in classes:
            for nrp in officers.members:
                walk.load[nrp] = officers.past
        return walk

    def step(
        self,
        c: int,
        net: Network,
        slot: int,
        flow: tuple[int, ...],
        order: Callable[..., tuple[bool, bool, bool, int, int, str]],
        working: dict[int, list[str]],
    ) -> None:
        """The officers of class c standing at the nodes of `slot` go on along the flow, the
        first in `order` first; those who work the slot join `working`."""
        for node in self.nodes_at[c].get(slot, []):
            here = self.standing[c].pop(node, [])
            for nrp in here:
                self.visits[nrp].append(node)
            for k in sorted(self.leaving[c][node], key=lambda k: net.arcs[k].slot is None):
                arc = net.arcs[k]
                here.sort(key=functools.partial(order, slot=arc.slot))
                going, here = here[: flow[k]], here[flow[k] :]
                if arc.slot is not None:
                    working.setdefault(c, []).extend(going)
                    for nrp in going:
                        self.load[nrp] += 1
                self.standing[c][arc.head].extend(going)
            assert not here, "flow does not balance"


def _even_out_classes(
    demand: Demand,
    classes: list[OfficerClass],
    networks: list[Network],
    visits: dict[str, list[int]],
    names: dict[int, list[str]],
    slot_index: dict[tuple[date, str], int],
    before: dict[str, dict[int, tuple[str, Role]]],
    cap: int | None,
) -> None:
    """Every class evened out: to its average without a baseline, else down to the cap."""
    duties: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (slot, need) per officer
    for n, nrps in names.items():
        need = demand.needs[n]
        for nrp in nrps:
            duties[nrp].append((slot_index[(need.date, need.shift)], n))
    for cls, net in zip(classes, networks, strict=True):
        floor = None if not before or cap is None else cap - cls.past
        _even_out(cls.members, net, visits, duties, names, floor)


def _even_out(
    members: tuple[str, ...],
    net: Network,
    visits: dict[str, list[int]],
    duties: dict[str, list[tuple[int, int]]],
    names: dict[int, list[str]],
    floor: int | None = None,
) -> None:
    """Lower the busiest officer's load by trading futures with a less busy one of the class,
    down to the class average (or to `floor`, where one is given).

    Two officers who stood at the same node (free before the same shift, with the same hours
    that day) may swap everything after it: both schedules still keep every rule, and their
    loads change. The walk gave shifts to the least busy so far; this looks ahead.
    """
    if len(members) < 2:
        return
    target = -(-sum(len(duties[m]) for m in members) // len(members))  # the class average, up
    if floor is not None:
        target = max(target, floor)
    if max(len(duties[m]) for m in members) <= target:
        return
    passers: dict[int, set[str]] = defaultdict(set)
    for nrp in members:
        for node in visits[nrp]:
            passers[node].add(nrp)
    for _ in range(4 * len(members)):
        busiest = max(members, key=lambda nrp: (len(duties[nrp]), nrp))
        high = len(duties[busiest])
        if high <= target:
            return
        swap = _best_swap(busiest, net, visits, passers, duties, high)
        if swap is None:
            return
        other, node = swap
        for nrp in (busiest, other):
            for seen in visits[nrp]:
                passers[seen].discard(nrp)
        _trade(busiest, other, net.node_slot[node], node, visits, duties, names)
        for nrp in (busiest, other):
            for seen in visits[nrp]:
                passers[seen].add(nrp)


def _best_swap(
    busiest: str,
    net: Network,
    visits: dict[str, list[int]],
    passers: dict[int, set[str]],
    duties: dict[str, list[tuple[int, int]]],
    high: int,
) -> tuple[str, int] | None:
    best: tuple[int, str, int] | None = None
    for node in visits[busiest]:
        start = net.node_slot[node]
        mine_before = sum(1 for slot, _ in duties[busiest] if slot < start)
        mine_after = len(duties[busiest]) - mine_before
        for other in passers[node] - {busiest}:
            theirs_before = sum(1 for slot, _ in duties[other] if slot < start)
            theirs_after = len(duties[other]) - theirs_before
            peak = max(mine_before + theirs_after, theirs_before + mine_after)
            if peak < high and (best is None or (peak, other, node) < best):
                best = (peak, other, node)
    return None if best is None else (best[1], best[2])


def _trade(
    a: str,
    b: str,
    start: int,
    node: int,
    visits: dict[str, list[int]],
    duties: dict[str, list[tuple[int, int]]],
    names: dict[int, list[str]],
) -> None:
    """`a` and `b` swap every duty from slot `start` on, and their paths from `node` on."""
    later_a = [d for d in duties[a] if d[0] >= start]
    later_b = [d for d in duties[b] if d[0] >= start]
    for nrp, gone, came in ((a, later_a, later_b), (b, later_b, later_a)):
        duties[nrp] = [d for d in duties[nrp] if d[0] < start] + came
        for _, n in gone:
            names[n].remove(nrp)
    for nrp, came in ((a, later_b), (b, later_a)):
        for _, n in came:
            names[n].append(nrp)
    for _, n in later_a + later_b:
        names[n].sort()
    i, j = visits[a].index(node), visits[b].index(node)
    visits[a], visits[b] = visits[a][:i] + visits[b][j:], visits[b][:j] + visits[a][i:]


def _name_slot(
    slot: int,
    working: dict[int, list[str]],
    outcome: Outcome,
    roles_of: dict[tuple[int, int], list[Role]],
    needs_at: dict[tuple[int, Role], list[int]],
    demand: Demand,
    before: dict[str, dict[int, tuple[str, Role]]],
    last_site: dict[str, str],
    unit: dict[str, str],
    names: dict[int, list[str]],
    pins: dict[tuple[str, int], int],
) -> None:
    """Give the heads of one slot to the officers working it: role by role, pins first, then
    the baseline post, then the site where each stood last, beside their own unit."""
    pools: dict[Role, list[str]] = defaultdict(list)
    for c, nrps in sorted(working.items()):
        rest = list(nrps)
        for role in sorted(roles_of[(c, slot)]):
            count = outcome.working[(c, slot, role)]
            rest.sort(key=lambda nrp: before.get(nrp, {}).get(slot, ("", None))[1] != role)
            pools[role].extend(rest[:count])
            rest = rest[count:]
    for role, pool in sorted(pools.items()):
        # Heaviest heads first: that is how the model counted the weight it filled.
        order = sorted(needs_at[(slot, role)], key=lambda n: (-demand.needs[n].weight, n))
        # Pinned officers take their heads first; the rest fill the heaviest heads first.
        pinned: dict[int, int] = defaultdict(int)
        for nrp in pool:
            if (nrp, slot) in pins:
                pinned[pins[(nrp, slot)]] += 1
        room: dict[int, int] = {}
        left = len(pool) - sum(pinned.values())
        for n in order:
            more = min(demand.needs[n].heads - pinned[n], left)
            room[n] = pinned[n] + more
            left -= more
        chosen: dict[int, list[str]] = {n: [] for n in order}
        taken: set[str] = set()
        for nrp in sorted(pool):
            at = pins.get((nrp, slot))
            if at is not None and at in chosen and len(chosen[at]) < room[at]:
                chosen[at].append(nrp)
                taken.add(nrp)
        # Officers first go back to the post they held in the baseline, then the rest.
        if before:
            held: dict[str, deque[str]] = defaultdict(deque)
            for nrp in sorted(pool):
                if nrp in taken:
                    continue
                post = before.get(nrp, {}).get(slot)
                if post is not None:
                    held[post[0]].append(nrp)
            for n in order:
                queue = held.get(demand.needs[n].post)
                while queue and len(chosen[n]) < room[n]:
                    nrp = queue.popleft()
                    chosen[n].append(nrp)
                    taken.add(nrp)
        free = _Free([nrp for nrp in pool if nrp not in taken], last_site, unit)
        for n in order:
            need = demand.needs[n]
            while len(chosen[n]) < room[n]:
                nrp = free.pick(need.site, {unit[m] for m in chosen[n]})
                chosen[n].append(nrp)
        for n in order:
            for nrp in chosen[n]:
                last_site[nrp] = demand.needs[n].site
            if chosen[n]:
                names[n] = sorted(chosen[n])


class _Free:
    """The officers of one role in one slot still without a head, to pick from in the order
    (came from this site, had no shift yet, came from elsewhere), then beside an officer of
    the same unit already chosen for the head, then by NRP: the same choice as a `min` over
    the pool with that key, without scanning the pool for every head."""

    def __init__(self, pool: list[str], last_site: dict[str, str], unit: dict[str, str]) -> None:
        self.gone: set[str] = set()
        self.all: dict[str | None, deque[str]] = defaultdict(deque)
        self.units: dict[tuple[str | None, str], deque[str]] = defaultdict(deque)
        # Those who came from some site, whichever: the "elsewhere" group, in one queue.
        self.placed: deque[str] = deque()
        self.placed_units: dict[str, deque[str]] = defaultdict(deque)
        for nrp in sorted(pool):
            site = last_site.get(nrp)
            self.all[site].append(nrp)
            self.units[(site, unit[nrp])].append(nrp)
            if site is not None:
                self.placed.append(nrp)
                self.placed_units[unit[nrp]].append(nrp)

    def _head(self, queue: deque[str] | None) -> str | None:
        while queue and queue[0] in self.gone:
            queue.popleft()
        return queue[0] if queue else None

    def pick(self, site: str, units: set[str]) -> str:
        groups = (
            ({u: self.units.get((site, u)) for u in units}, self.all.get(site)),
            ({u: self.units.get((None, u)) for u in units}, self.all.get(None)),
            # Reached only when nobody free came from `site` (the first group would have had
            # them), so all who came from a site came from elsewhere: one queue, not one a site.
            ({u: self.placed_units.get(u) for u in units}, self.placed),
        )
        for by_unit, everyone in groups:
            heads = [h for h in map(self._head, by_unit.values()) if h is not None]
            best = min(heads) if heads else self._head(everyone)
            if best is not None:
                self.gone.add(best)
                return best
        raise AssertionError("more heads than officers to name")
