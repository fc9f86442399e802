"""The voting day in the shift engine: the TPS duty and the Padal's as slots of their own.

The duty (from `report` to `counting_until`) becomes one more slot of the schedule network,
`TPS`, of no hours (exempt from `max_hours_per_day`) but with the rest before and after it
like any shift, so that every schedule rule of `rules.schedule` holds around it and an
officer on it works no shift that overlaps it. The TPS heads (any skill, below perwira) and
the Padal heads (a perwira of at least `padal.least_rank`) are needs of that slot, one per
kecamatan and category, weighed like any other head: one joint program fills the TPS, the
Padal and the shifts by priority.

An island TPS (reached by boat) is a second slot, `TPS pulau`, ending with the duty but
starting `min_rest_hours` after the midnight that begins the day before: a shift that
overlaps that day then breaks the rest before it or overlaps it, and one that ends by that
midnight keeps the rest (unless the rest is longer than the time to the report: then the slot
starts at the report, and the rest alone keeps the shifts away). So an island TPS's officers
have no other duty the day before, through the same rules.

Officers are told apart by the kecamatan their unit covers (`voting.areas`), so that the
program can prefer them there (`Homes`, the second objective).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sinjai_ops.demand_voting import derive_voting, eve_window
from sinjai_ops.models.plan import COMMAND, Assignment, Demand, Need, Slot
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import ANY_SKILL, PadalDuty, TpsGroup, VotingDemand
from sinjai_ops.validate.tps import same_name

TPS_SHIFT = "TPS"
ISLAND_SHIFT = "TPS pulau"
TPS_SITE = "@tps"
PADAL_SITE = "@padal"


@dataclass(frozen=True)
class DutyNeed:
    """What a need of the widened demand stands for on the voting day."""

    shift: str
    """`TPS_SHIFT` or `ISLAND_SHIFT`."""
    kecamatan: str
    category: str | None
    """None for the Padal."""


@dataclass(frozen=True)
class Widened:
    """The demand with the voting day's duty in it."""

    demand: Demand
    base: int
    """The needs before this index are the operation's; from it on, `duties` (in order)."""
    duties: tuple[DutyNeed, ...]
    voting: VotingDemand
    homes: dict[str, str]
    """NRP to the kecamatan their unit covers (joined by a tab; absent: none)."""
    desa_kecamatan: dict[str, tuple[tuple[str, str], ...]]
    """A desa's name as places are compared (`same_name`) to the (kecamatan, desa) of the
    groups of that name."""


def duty_slots(scenario: Scenario, voting: VotingDemand) -> list[Slot]:
    """The TPS duty's slot and, where some TPS is an island, the island's."""
    rest = scenario.policy.rest.min_rest_hours
    hours = timedelta(hours=rest)
    out = [_slot(voting, TPS_SHIFT, voting.start, voting.end)]
    if any(g.island for g in voting.groups):
        section = scenario.operation.voting
        assert section is not None
        eve, _ = eve_window(section, voting.start.tzinfo)  # type: ignore[arg-type]
        start = min(eve + hours, voting.start)
        out.append(_slot(voting, ISLAND_SHIFT, start, voting.end))
    return out


def _slot(voting: VotingDemand, shift: str, start: datetime, end: datetime) -> Slot:
    return Slot(date=voting.date, shift=shift, order=-1, start=start, end=end, hours=0.0)


def widen(scenario: Scenario, demand: Demand, voting: VotingDemand) -> Widened:
    """`demand` with the duty slots among its slots (in order of start) and a need for every
    kecamatan and category of TPS group in each, and for every kecamatan's Padal."""
    policy = scenario.policy
    slots = list(demand.slots)
    for slot in duty_slots(scenario, voting):
        at = next((i for i, s in enumerate(slots) if s.start > slot.start), len(slots))
        slots.insert(at, slot)
    below = policy.ranks[policy.ranks.index(policy.rank_roles.perwira_from) - 1]
    heads: dict[tuple[str, str, str], tuple[int, int]] = {}
    for group in voting.groups:
        key = (ISLAND_SHIFT if group.island else TPS_SHIFT, group.kecamatan, group.category)
        count, _ = heads.get(key, (0, group.weight))
        heads[key] = (count + group.officers, group.weight)
    needs, duties = list(demand.needs), []
    for (shift, kecamatan, category), (count, weight) in sorted(heads.items()):
        needs.append(
            Need(
                date=voting.date,
                shift=shift,
                site=TPS_SITE,
                post=f"{kecamatan}\t{category}",
                skill=ANY_SKILL,
                heads=count,
                rank_to=below,
                kind="post",
                weight=weight,
                source="tps",
            )
        )
        duties.append(DutyNeed(shift, kecamatan, category))
    for kecamatan in voting.padal:
        needs.append(
            Need(
                date=voting.date,
                shift=TPS_SHIFT,
                site=PADAL_SITE,
                post=kecamatan,
                skill=COMMAND,
                heads=1,
                min_rank=voting.padal_rank,
                kind="commander",
                weight=voting.padal_weight,
                source="padal",
            )
        )
        duties.append(DutyNeed(TPS_SHIFT, kecamatan, None))
    wide = Demand(slots=slots, needs=needs)
    places: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for group in voting.groups:
        places[same_name(group.desa)].add((group.kecamatan, group.desa))
    desa_kecamatan = {desa: tuple(sorted(k)) for desa, k in places.items()}
    home = homes(scenario, voting)
    return Widened(wide, len(demand.needs), tuple(duties), voting, home, desa_kecamatan)


def homes(scenario: Scenario, voting: VotingDemand) -> dict[str, str]:
    """Each officer's area: the kecamatan his unit covers, where it covers some with TPS."""
    wanted = {g.kecamatan for g in voting.groups} | set(voting.padal)
    out = {}
    for person in scenario.roster.personnel:
        area = sorted(set(voting.areas.get(person.unit, ())) & wanted)
        if area:
            out[person.nrp] = "\t".join(area)
    return out


def on_duty_slot(slot: Slot) -> bool:
    """The slot of the voting day's TPS or Padal duty (not a shift of operation.yaml)."""
    return slot.shift in (TPS_SHIFT, ISLAND_SHIFT)


def place(kecamatan: str, desa: str, tps: str) -> tuple[str, str, str]:
    """A TPS as places are compared (any case, single spaces)."""
    return same_name(kecamatan), same_name(desa), tps


def islands(scenario: Scenario) -> set[tuple[str, str, str]]:
    """The TPS of the list reached by boat (`place`)."""
    return {place(s.kecamatan, s.desa, s.tps) for s in scenario.tps if s.island}


def duty_of(
    scenario: Scenario, groups: list[TpsGroup], padal: list[PadalDuty]
) -> list[tuple[str, Slot]]:
    """Each officer of a plan's TPS groups and Padal with the slot of his duty (an island
    TPS's: the island slot), for the callers that ask the schedule rules of one officer."""
    voting = derive_voting(scenario)
    if voting is None:
        return []
    slots = {s.shift: s for s in duty_slots(scenario, voting)}
    island = islands(scenario)
    out = [(p.nrp, slots[TPS_SHIFT]) for p in padal if p.nrp is not None]
    for group in groups:
        far = any(place(group.kecamatan, group.desa, n) in island for n in group.tps)
        slot = slots[ISLAND_SHIFT] if far else slots[TPS_SHIFT]
        out += [(nrp, slot) for nrp in group.standing()]
    return out


def duty_assignments(
    scenario: Scenario, wide: Widened, groups: list[TpsGroup], padal: list[PadalDuty]
) -> list[Assignment]:
    """An earlier plan's TPS groups and Padal as heads of the duty needs of `wide`, so that a
    re-plan keeps them (and their past, from a moment after them) as it keeps shifts."""
    island = islands(scenario)
    day = wide.voting.date
    out = [
        Assignment(
            date=day, shift=TPS_SHIFT, site=PADAL_SITE, post=p.kecamatan, skill=COMMAND, nrp=p.nrp
        )
        for p in padal
        if p.nrp is not None
    ]
    for group in groups:
        far = any(place(group.kecamatan, group.desa, n) in island for n in group.tps)
        post = f"{group.kecamatan}\t{group.category}"
        shift = ISLAND_SHIFT if far else TPS_SHIFT
        out += [
            Assignment(date=day, shift=shift, site=TPS_SITE, post=post, skill=ANY_SKILL, nrp=nrp)
            for nrp in group.standing()
        ]
    return out


def duty_posts(
    scenario: Scenario, groups: list[TpsGroup], padal: list[PadalDuty]
) -> list[Assignment]:
    """A plan's TPS groups and Padal as heads of shift `TPS` on the voting day, for the list of
    changes against a baseline: a group's at its kecamatan, post `tps:<desa>:<first TPS>`;
    a Padal's at its kecamatan, post `padal`."""
    voting = scenario.operation.voting
    if voting is None:
        return []
    day = voting.date
    out = [
        Assignment(
            date=day, shift=TPS_SHIFT, site=p.kecamatan, post="padal", skill=COMMAND, nrp=p.nrp
        )
        for p in padal
        if p.nrp is not None
    ]
    for g in groups:
        post = f"tps:{g.desa}:{g.tps[0]}"
        out += [
            Assignment(
                date=day, shift=TPS_SHIFT, site=g.kecamatan, post=post, skill=ANY_SKILL, nrp=n
            )
            for n in g.standing()
        ]
    return out
