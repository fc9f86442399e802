"""Names for the voting day: the officers the program put on the TPS duty and the Padal's, sent
to their kecamatan and TPS groups, and what the plan says of it (formats.md, "Voting day").

The program fixed how many officers of each class go on the duty, how many heads are filled
in each kecamatan and category, and how many of each class go to a kecamatan of their own
area (`voting_homes`). Here, within those numbers: a Bhabinkamtibmas of the class is sent
before his fellows (officers of one class are interchangeable for every rule, so they may
trade their whole schedules), and in his kecamatan he goes to a group of his own desa.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from sinjai_ops.models.plan import Assignment, Plan
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import (
    CATEGORIES,
    PadalDuty,
    TpsGroup,
    TpsGroupNeed,
    TpsShortfall,
)
from sinjai_ops.rules import Role, role_of
from sinjai_ops.solve.voting import ISLAND_SHIFT, Widened
from sinjai_ops.solve.voting_homes import Homes
from sinjai_ops.solve.voting_plan import finish_plan
from sinjai_ops.validate.tps import same_name


def duty_names(
    scenario: Scenario,
    homes: Homes,
    names: dict[int, list[str]],
    solved: bool,
    kept: list[Assignment] | None = None,
) -> dict[int, list[str]]:
    """The officers of each duty need (of the widened demand), as the program's numbers say
    where `solved` (not so after a greedy fill or in a re-plan: then as `names` has them, each
    officer of `kept`, a baseline's duty, back on his need where its heads of that weight
    allow). Officers of one class may trade their whole schedules in `names` on the way
    (`_bhabins_first`): call this before the plan of the shifts is put together."""
    wide = homes.wide
    people = {p.nrp: p for p in scenario.roster.personnel}
    filled, sent = homes.read(homes.outcome) if solved and homes.outcome else ({}, {})
    if filled:
        return _by_home(wide, homes, names, filled, sent, people)
    at = {n: sorted(names.get(n, [])) for n in range(wide.base, len(wide.demand.needs))}
    return _back_in_place(wide, at, kept or [])


def _back_in_place(
    wide: Widened, at: dict[int, list[str]], kept: list[Assignment]
) -> dict[int, list[str]]:
    """Officers moved between duty needs of one slot, role and weight (so that the heads
    filled of each weight stay as the solve counted them), each back on the need `kept` had
    him on where it has a head left, the others where heads are left, in need order."""
    demand = wide.demand
    index = {(n.date, n.shift, n.site, n.post, n.skill): k for k, n in enumerate(demand.needs)}
    before = {a.nrp: index.get((a.date, a.shift, a.site, a.post, a.skill)) for a in kept}
    pools: dict[tuple[str, Role, int], list[int]] = defaultdict(list)
    for n in range(wide.base, len(demand.needs)):
        need = demand.needs[n]
        pools[(need.shift, role_of(need), need.weight)].append(n)
    out: dict[int, list[str]] = {}
    for needs in pools.values():
        crew = sorted(nrp for n in needs for nrp in at.get(n, []))
        placed: dict[int, list[str]] = {n: [] for n in needs}
        rest = []
        for nrp in crew:
            home = before.get(nrp)
            if home in placed and len(placed[home]) < demand.needs[home].heads:
                placed[home].append(nrp)
            else:
                rest.append(nrp)
        for n in needs:
            while rest and len(placed[n]) < demand.needs[n].heads:
                placed[n].append(rest.pop(0))
        out.update({n: sorted(v) for n, v in placed.items()})
    return out


def with_voting(
    plan: Plan,
    scenario: Scenario,
    wide: Widened,
    at: dict[int, list[str]],
    held: dict[str, tuple[str, str, str]] | None = None,
) -> Plan:
    """`plan` (of the operation's shifts) with the TPS groups, the Padal, the Linmas and the
    missing TPS officers, from the officers of each duty need (`duty_names`). `held`: where a
    baseline had each officer (kecamatan, desa, first TPS): kept there where he stays."""
    people = {p.nrp: p for p in scenario.roster.personnel}
    where = {(g.kecamatan, g.desa, g.tps[0]): i for i, g in enumerate(wide.voting.groups)}
    before = {nrp: where[k] for nrp, k in (held or {}).items() if k in where}
    groups = _groups(wide, at, bhabin_homes(wide, people), before)
    padal = [
        PadalDuty(
            kecamatan=wide.duties[n - wide.base].kecamatan, nrp=next(iter(at.get(n, [])), None)
        )
        for n in range(wide.base, len(wide.demand.needs))
        if wide.duties[n - wide.base].category is None
    ]
    padal.sort(key=lambda p: p.kecamatan)
    return finish_plan(plan, scenario, wide, groups, padal, _shortfalls(wide, groups, padal))


def bhabin_homes(wide: Widened, people: dict[str, Person]) -> dict[str, tuple[str, str]]:
    """Each Bhabinkamtibmas's (kecamatan, desa): his `desa`, matched within the kecamatan his
    unit covers (formats.md), where it has TPS."""
    out = {}
    for person in people.values():
        if person.desa is None or person.nrp not in wide.homes:
            continue
        area = wide.homes[person.nrp].split("\t")
        found = [p for p in wide.desa_kecamatan.get(same_name(person.desa), ()) if p[0] in area]
        if found:
            out[person.nrp] = found[0]
    return out


def _by_home(
    wide: Widened,
    homes: Homes,
    names: dict[int, list[str]],
    filled: dict[int, int],
    sent: dict[tuple[int, int, Role], dict[str, int]],
    people: dict[str, Person],
) -> dict[int, list[str]]:
    """Officers by duty need, as the program's numbers say: each class's officers at home
    first (its Bhabinkamtibmas of those kecamatan before the others), then the rest where
    heads are left."""
    demand = wide.demand
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    class_of = {nrp: c for c, cls in enumerate(homes.classes) for nrp in cls.members}
    duty = range(wide.base, len(demand.needs))
    held: dict[str, list[int]] = defaultdict(list)
    for n, nrps in names.items():
        for nrp in nrps:
            held[nrp].append(n)
    on_duty = {nrp for n in duty for nrp in names.get(n, [])}
    home_of = bhabin_homes(wide, people)
    pools: dict[tuple[int, Role], list[int]] = defaultdict(list)
    for n in duty:
        need = demand.needs[n]
        pools[(slot_index[(need.date, need.shift)], role_of(need))].append(n)
    at: dict[int, list[str]] = defaultdict(list)
    for (slot, role), needs in sorted(pools.items(), key=lambda kv: kv[1][0]):
        room = _Room(wide, needs, filled, at)
        by_class: dict[int, list[str]] = defaultdict(list)
        for nrp in sorted({nrp for n in needs for nrp in names.get(n, [])}):
            by_class[class_of[nrp]].append(nrp)
        rest: list[str] = []
        for c, mine in sorted(by_class.items()):
            quota = sent.get((c, slot, role), {})
            trade = _Trade(names, held, on_duty)
            mine = _bhabins_first(homes.classes[c].members, mine, quota, home_of, trade)
            for kecamatan, count in sorted(quota.items()):
                home = [nrp for nrp in mine if home_of.get(nrp, ("",))[0] == kecamatan]
                chosen = (home + [nrp for nrp in mine if nrp not in home])[:count]
                for nrp in chosen:
                    room.place(nrp, kecamatan)
                mine = [nrp for nrp in mine if nrp not in chosen]
            rest += mine
        for nrp in sorted(rest):
            room.place(nrp, None)
    return at


class _Room:
    """The heads left in the needs of one duty pool, by kecamatan and in all, in need order
    (a need once full stays full, so each queue is walked once)."""

    def __init__(
        self, wide: Widened, needs: list[int], filled: dict[int, int], at: dict[int, list[str]]
    ) -> None:
        self.at = at
        self.left = {n: filled.get(n, 0) for n in needs}
        self.queues: dict[str | None, deque[int]] = defaultdict(deque)
        for n in needs:
            self.queues[wide.duties[n - wide.base].kecamatan].append(n)
            self.queues[None].append(n)

    def place(self, nrp: str, kecamatan: str | None) -> None:
        """The officer on the first need with a head left (in `kecamatan`, when given)."""
        queue = self.queues[kecamatan]
        while queue and self.left[queue[0]] == 0:
            queue.popleft()
        if not queue:
            raise AssertionError(f"no head left for {nrp} in {kecamatan}")
        self.left[queue[0]] -= 1
        self.at[queue[0]].append(nrp)


@dataclass
class _Trade:
    """Whole schedules traded between officers of one class (`names` kept by need)."""

    names: dict[int, list[str]]
    held: dict[str, list[int]]
    """NRP to the needs they hold."""
    on_duty: set[str]

    def __call__(self, a: str, b: str) -> None:
        """Officers `a` and `b` swap every head they hold."""
        swap = {a: b, b: a}
        for n in set(self.held[a]) | set(self.held[b]):
            self.names[n] = sorted(swap.get(nrp, nrp) for nrp in self.names[n])
        self.held[a], self.held[b] = self.held[b], self.held[a]
        for nrp in (a, b):
            if nrp in self.on_duty:
                self.on_duty.discard(nrp)
            else:
                self.on_duty.add(nrp)


def _bhabins_first(
    members: tuple[str, ...],
    mine: list[str],
    quota: dict[str, int],
    home_of: dict[str, tuple[str, str]],
    trade: _Trade,
) -> list[str]:
    """The officers of one class on this duty (`mine`), after trading whole schedules so that
    the class's Bhabinkamtibmas of a kecamatan it sends officers to are among them where they
    can be (in place of officers who are no Bhabinkamtibmas there)."""
    wanted = [
        nrp for nrp in members if nrp not in trade.on_duty and home_of.get(nrp, ("",))[0] in quota
    ]
    out = list(mine)
    others = [nrp for nrp in out if home_of.get(nrp, ("",))[0] not in quota]
    for bhabin, other in zip(wanted, reversed(others), strict=False):
        trade(bhabin, other)
        out[out.index(other)] = bhabin
    return sorted(out)


def _groups(
    wide: Widened,
    at: dict[int, list[str]],
    home_of: dict[str, tuple[str, str]],
    before: dict[str, int],
) -> list[TpsGroup]:
    """Every TPS group with its officers: in each kecamatan and category, the groups that a
    baseline's officers held (`before`: NRP to group) and then those of the desa of its
    Bhabinkamtibmas filled first; each officer back in his group, a Bhabinkamtibmas at his own
    desa, where he can be."""
    by_need: dict[tuple[bool, str, str], list[TpsGroupNeed]] = defaultdict(list)
    for group in wide.voting.groups:
        by_need[(group.island, group.kecamatan, group.category)].append(group)
    officers: dict[int, list[str]] = defaultdict(list)
    index = {id(g): i for i, g in enumerate(wide.voting.groups)}
    for n in range(wide.base, len(wide.demand.needs)):
        duty = wide.duties[n - wide.base]
        if duty.category is None:
            continue
        crew = at.get(n, [])
        key = (duty.shift == ISLAND_SHIFT, duty.kecamatan, duty.category)
        desa = {nrp: home_of[nrp][1] for nrp in crew if home_of.get(nrp, ("",))[0] == key[1]}
        kept = {before[nrp] for nrp in crew if nrp in before}
        order = sorted(
            by_need[key], key=lambda g: (index[id(g)] not in kept, g.desa not in desa.values())
        )
        heads = [index[id(g)] for g in order for _ in range(g.officers)][: len(crew)]
        left = sorted(crew)
        for nrp in sorted(crew):
            if before.get(nrp, -1) in heads:
                heads.remove(before[nrp])
                officers[before[nrp]].append(nrp)
                left.remove(nrp)
        for nrp in sorted(n for n in desa if n in left):
            own = next((i for i in heads if wide.voting.groups[i].desa == desa[nrp]), None)
            if own is not None:
                heads.remove(own)
                officers[own].append(nrp)
                left.remove(nrp)
        for nrp, i in zip(left, heads, strict=True):
            officers[i].append(nrp)
    return [
        TpsGroup(
            kecamatan=g.kecamatan,
            desa=g.desa,
            category=g.category,
            tps=list(g.tps),
            officers=sorted(officers[i]),
            missing=g.officers - len(officers[i]),
        )
        for i, g in enumerate(wide.voting.groups)
    ]


def _shortfalls(
    wide: Widened, groups: list[TpsGroup], padal: list[PadalDuty]
) -> list[TpsShortfall]:
    """The TPS officers missing per kecamatan and category, and each missing Padal."""
    voting = wide.voting
    start = voting.start.strftime("%Y-%m-%dT%H:%M")
    until = voting.end.strftime("%Y-%m-%dT%H:%M")
    weight: dict[str, int] = {g.category: g.weight for g in voting.groups}
    missing: dict[tuple[str, str | None], int] = defaultdict(int)
    for group in groups:
        missing[(group.kecamatan, group.category)] += group.missing
    for duty in padal:
        if duty.nrp is None:
            missing[(duty.kecamatan, None)] += 1
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    return [
        TpsShortfall.model_validate(
            {
                "date": voting.date,
                "kecamatan": kecamatan,
                "category": category,
                "missing": count,
                "from": start,
                "until": until,
                "weight": voting.padal_weight if category is None else weight[category],
            }
        )
        for (kecamatan, category), count in sorted(
            missing.items(), key=lambda kv: (kv[0][0], -1 if kv[0][1] is None else rank[kv[0][1]])
        )
        if count
    ]
