"""What an earlier plan (the baseline) brings to the solve stage: the frozen past of a re-plan,
the roles and schedules worth keeping, and the list of what changed against it."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sinjai_ops.demand_voting import derive_voting
from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.plan import Assignment, Change, Demand, Duty, Person, Plan, Slot
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import PadalDuty, TpsGroup
from sinjai_ops.rules import Role, role_of
from sinjai_ops.rules.schedule import Schedule, Start, resume
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.model import Kept
from sinjai_ops.solve.network import Network
from sinjai_ops.solve.voting import TPS_SHIFT, duty_posts, duty_slots


def freeze(
    scenario: Scenario,
    demand: Demand,
    baseline: list[Assignment],
    first: int,
    after: list[int],
) -> tuple[dict[int, list[str]], dict[str, tuple[Start, int]]]:
    """The baseline's assignments of the shifts before slot `first`, less the officers absent
    then, by need; and for every officer where they stand from `first` on (`rules.schedule.
    resume`), and the shifts they worked before it."""
    slots = demand.slots
    slot_at = {(s.date, s.shift): t for t, s in enumerate(slots)}
    need_at = {(n.date, n.shift, n.site, n.post, n.skill): k for k, n in enumerate(demand.needs)}
    frozen: dict[int, list[str]] = defaultdict(list)
    worked: dict[str, list[int]] = defaultdict(list)
    for a in baseline:
        t = slot_at.get((a.date, a.shift))
        n = need_at.get((a.date, a.shift, a.site, a.post, a.skill))
        if t is None or n is None or t >= first:
            continue
        if scenario.adjustments.absence_during(a.nrp, slots[t].start, slots[t].end):
            continue
        if len(frozen[n]) < demand.needs[n].heads:
            frozen[n].append(a.nrp)
            worked[a.nrp].append(t)
    rules = Schedule.of(scenario.policy, scenario.operation)
    starts: dict[str, tuple[Start, int]] = {}
    for person in scenario.roster.personnel:
        mine = sorted(worked.get(person.nrp, []))
        starts[person.nrp] = (resume(rules, slots, mine, first, after), len(mine))
    return {n: sorted(v) for n, v in frozen.items()}, starts


def baseline_roles(
    demand: Demand, baseline: list[Assignment]
) -> dict[str, dict[int, tuple[str, Role]]]:
    """NRP to slot to (post, role) in the baseline, for the heads that still exist."""
    slot_index = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    roles = {(n.date, n.shift, n.site, n.post, n.skill): role_of(n) for n in demand.needs}
    out: dict[str, dict[int, tuple[str, Role]]] = defaultdict(dict)
    for a in baseline:
        role = roles.get((a.date, a.shift, a.site, a.post, a.skill))
        if role is not None:
            out[a.nrp][slot_index[(a.date, a.shift)]] = (a.post, role)
    return dict(out)


def kept_per_class(
    classes: list[OfficerClass],
    networks: list[Network],
    roles_at: list[dict[int, list[Role]]],
    before: dict[str, dict[int, tuple[str, Role]]],
    busiest: int,
) -> Kept:
    """How many members of each class the baseline has in each slot and role, and along each
    work arc of the class's network, for the model's kept-as-before objective."""
    roles: Counter[tuple[int, int, Role]] = Counter()
    arcs: Counter[tuple[int, int]] = Counter()
    for c, (cls, net) in enumerate(zip(classes, networks, strict=True)):
        leaving: dict[int, list[int]] = defaultdict(list)
        for k, arc in enumerate(net.arcs):
            leaving[arc.tail].append(k)
        for nrp in cls.members:
            had = before.get(nrp, {})
            for slot, (_, role) in had.items():
                if role in roles_at[c].get(slot, []):
                    roles[(c, slot, role)] += 1
            # The member's baseline schedule as a path: work where it worked and may still.
            node = net.source
            while node != net.sink and had:
                slot = net.node_slot[node]
                work = [k for k in leaving[node] if net.arcs[k].slot is not None]
                if work and slot in had:
                    arcs[(c, work[0])] += 1
                    node = net.arcs[work[0]].head
                else:
                    node = next(net.arcs[k].head for k in leaving[node] if net.arcs[k].slot is None)
    return Kept(dict(roles), dict(arcs), busiest)


def compare(
    plan: Plan,
    baseline: list[Assignment],
    scenario: Scenario,
    duty_before: tuple[list[TpsGroup], list[PadalDuty]] | None = None,
) -> Plan:
    """The plan with the changes against the baseline, how many duties it kept and moved, and
    every officer the changes name among its people. A voting day's TPS and Padal duty (the
    baseline's: `duty_before`) is compared as a shift `TPS` (`voting.duty_posts`)."""

    def duties(items: list[Assignment]) -> dict[tuple[str, date, str], Duty]:
        return {
            (a.nrp, a.date, a.shift): Duty(site=a.site, post=a.post, skill=a.skill) for a in items
        }

    old = duties([*baseline, *duty_posts(scenario, *(duty_before or ([], [])))])
    new = duties([*plan.assignments, *duty_posts(scenario, plan.tps_groups, plan.padal)])
    shift_order = {s.shift: s.order for s in plan.slots}
    slots: dict[tuple[date, str], Slot] = {(s.date, s.shift): s for s in plan.slots}
    voting = derive_voting(scenario) if plan.tps_groups or plan.padal else None
    if voting is not None:
        slots[(voting.date, TPS_SHIFT)] = duty_slots(scenario, voting)[0]

    def why(nrp: str, day: date, shift: str) -> Msg | None:
        slot = slots.get((day, shift))
        absence = scenario.adjustments.absence_during(nrp, slot.start, slot.end) if slot else None
        if absence is not None:
            return t("absent: {reason}", reason=absence.reason) if absence.reason else t("absent")
        return None

    changes = [
        Change(
            nrp=nrp,
            date=day,
            shift=shift,
            before=old.get(key),
            after=new.get(key),
            reason=str(said) if said else None,
            msg=said,
        )
        for key in sorted(
            set(old) | set(new), key=lambda k: (k[1], shift_order.get(k[2], -1), k[2], k[0])
        )
        for nrp, day, shift in [key]
        if old.get(key) != new.get(key)
        for said in [why(nrp, day, shift)]
    ]
    kept = sum(1 for key, duty in old.items() if new.get(key) == duty)
    quality = plan.quality.model_copy(update={"kept": kept, "moved": len(old) - kept})
    # The changes name everyone they move, the officer who no longer has any duty too.
    named = {p.nrp for p in plan.people}
    members = {p.nrp: p for p in scenario.roster.personnel}
    released = [
        Person(nrp=n, name=members[n].name, rank=members[n].rank, unit=members[n].unit)
        for n in sorted({c.nrp for c in changes} - named)
        if n in members
    ]
    people = sorted([*plan.people, *released], key=lambda p: p.nrp)
    return plan.model_copy(update={"changes": changes, "quality": quality, "people": people})
