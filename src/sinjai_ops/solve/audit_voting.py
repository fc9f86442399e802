"""The voting day's part of the audit, from the scenario and the plan alone (formats.md, "Voting
day"): nothing here comes from the demand or the model that made the plan; the duty's moments,
the groups' rules and the rest are worked out again from the files' own words.

    groups_as_the_pattern   # every TPS in one group of one desa and category, within the
                            #   pattern; officers and missing add up to the pattern
    one_place               # one group per officer; not also Padal; one Padal a kecamatan
    ranks                   # no perwira in a TPS group; a Padal a perwira of the least rank
    present                 # nobody on leave, absent or not assignable on the duty
    rest_around_the_duty    # no shift overlaps the duty; min_rest_hours before and after
    island_eve_free         # an island TPS's officers have no duty the day before
    missing_as_told         # the shortfalls say what the groups miss
    nobody_idle             # no free officer beside a TPS head left open
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sinjai_ops.models.plan import Plan, Slot
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import VotingSection
from sinjai_ops.validate.tps import same_name


def duty_moments(voting: VotingSection, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Report time to the end of counting (the next day when at or before the report)."""
    start = datetime.combine(voting.date, voting.report, tzinfo=zone)
    end = datetime.combine(voting.date, voting.counting_until, tzinfo=zone)
    if end <= start:
        end += timedelta(days=1)
    return start, end


def on_duty(plan: Plan) -> dict[str, str]:
    """NRP to where the officer stands on the voting day (a group or a Padal's kecamatan)."""
    out = {}
    for g in plan.tps_groups:
        for nrp in g.standing():
            out[nrp] = f"TPS {g.desa} {g.tps[0]}"
    for p in plan.padal:
        if p.nrp is not None:
            out[p.nrp] = f"Padal {p.kecamatan}"
    return out


def _place(kecamatan: str, desa: str, tps: str) -> tuple[str, str, str]:
    """A TPS as validate compares places: any case, single spaces."""
    return same_name(kecamatan), same_name(desa), tps


def duty_slots(scenario: Scenario, plan: Plan) -> dict[str, list[Slot]]:
    """What keeps each duty officer busy besides his shifts, as slots of no hours: the duty,
    and for an island TPS's officers the whole day before too."""
    voting = scenario.operation.voting
    if voting is None:
        return {}
    zone = ZoneInfo(scenario.operation.operation.timezone)
    start, end = duty_moments(voting, zone)
    eve = datetime.combine(voting.date - timedelta(days=1), time(0), tzinfo=zone)
    island = {_place(s.kecamatan, s.desa, s.tps) for s in scenario.tps if s.island}
    duty = Slot(date=voting.date, shift="@duty", order=-1, start=start, end=end, hours=0.0)
    span = Slot(date=voting.date, shift="@duty", order=-1, start=eve, end=end, hours=0.0)
    out: dict[str, list[Slot]] = {nrp: [duty] for nrp in on_duty(plan)}
    for g in plan.tps_groups:
        if any(_place(g.kecamatan, g.desa, n) in island for n in g.tps):
            for nrp in g.standing():
                out[nrp] = [span]
    return out


def voting_violations(scenario: Scenario, plan: Plan) -> list[str]:
    """Every broken rule of the voting day; empty when it keeps them all (or has none)."""
    voting = scenario.operation.voting
    if voting is None:
        return []
    return (
        groups_as_the_pattern(scenario, plan)
        + one_place(plan)
        + ranks(scenario, plan)
        + present(scenario, plan)
        + rest_around_the_duty(scenario, plan)
        + island_eve_free(scenario, plan)
        + missing_as_told(plan)
        + nobody_idle(scenario, plan)
    )


def groups_as_the_pattern(scenario: Scenario, plan: Plan) -> list[str]:
    tps = scenario.policy.tps
    if tps is None:
        return ["a voting day without TPS patterns in the policy"]
    out = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for g in plan.tps_groups:
        pattern = tps.pattern[g.category]
        for number in g.tps:
            seen[_place(g.kecamatan, g.desa, number)] += 1
        if not 1 <= len(g.tps) <= pattern.tps:
            out.append(f"group {g.desa} {g.tps}: {len(g.tps)} TPS, at most {pattern.tps}")
        if g.heads() + g.missing != pattern.officers or g.missing < 0:
            out.append(
                f"group {g.desa} {g.tps}: {g.heads()} officers and {g.missing} missing, "
                f"the pattern asks {pattern.officers}"
            )
    listed: Counter[tuple[str, str, str]] = Counter()
    category_of = {
        _place(g.kecamatan, g.desa, n): g.category for g in plan.tps_groups for n in g.tps
    }
    for s in scenario.tps:
        listed[_place(s.kecamatan, s.desa, s.tps)] += 1
        category = category_of.get(_place(s.kecamatan, s.desa, s.tps))
        if category is not None and category != s.category:
            out.append(f"TPS {s.desa} {s.tps} ({s.category}) in a {category} group")
    if seen != listed:
        out.append("the groups do not hold every TPS of the list exactly once")
    return out


def one_place(plan: Plan) -> list[str]:
    out = []
    places: dict[str, list[str]] = defaultdict(list)
    for g in plan.tps_groups:
        for nrp in g.standing():
            places[nrp].append(f"TPS {g.desa} {g.tps[0]}")
    padal: Counter[str] = Counter()
    for p in plan.padal:
        padal[p.kecamatan] += 1
        if p.nrp is not None:
            places[p.nrp].append(f"Padal {p.kecamatan}")
    for nrp, where in sorted(places.items()):
        if len(where) > 1:
            out.append(f"{nrp} stands in two places on the voting day: {', '.join(where)}")
    kecamatan = {g.kecamatan for g in plan.tps_groups}
    for k in sorted(kecamatan | set(padal)):
        if padal[k] != 1:
            out.append(f"kecamatan {k} has {padal[k]} Padal entries, 1 expected")
    return out


def ranks(scenario: Scenario, plan: Plan) -> list[str]:
    policy = scenario.policy
    voting = scenario.operation.voting
    assert voting is not None
    people = {p.nrp: p for p in scenario.roster.personnel}
    out = []
    for g in plan.tps_groups:
        for nrp in g.standing():
            if nrp in people and policy.perwira(people[nrp].rank):
                out.append(f"perwira {nrp} in the TPS group {g.desa} {g.tps[0]}")
    least = policy.ranks.index(voting.padal.least_rank)
    for p in plan.padal:
        if p.nrp is None or p.nrp not in people:
            continue
        rank = people[p.nrp].rank
        if not policy.perwira(rank) or policy.ranks.index(rank) < least:
            out.append(f"Padal {p.nrp} of {p.kecamatan} is a {rank}")
    return out


def present(scenario: Scenario, plan: Plan) -> list[str]:
    voting = scenario.operation.voting
    assert voting is not None
    start, end = duty_moments(voting, ZoneInfo(scenario.operation.operation.timezone))
    people = {p.nrp: p for p in scenario.roster.personnel}
    out = []
    for nrp, where in sorted(on_duty(plan).items()):
        person = people.get(nrp)
        if person is None:
            out.append(f"{nrp} ({where}) is not an officer of the roster")
        elif not person.assignable:
            out.append(f"{nrp} ({where}) is not assignable")
        elif person.on_leave(voting.date):
            out.append(f"{nrp} ({where}) is on leave on the voting day")
        elif scenario.adjustments.absence_during(nrp, start, end) is not None:
            out.append(f"{nrp} ({where}) is absent during the duty")
    return out


def rest_around_the_duty(scenario: Scenario, plan: Plan) -> list[str]:
    """No shift of a duty officer overlaps the duty, and between either there is the rest."""
    voting = scenario.operation.voting
    assert voting is not None
    start, end = duty_moments(voting, ZoneInfo(scenario.operation.operation.timezone))
    rest = timedelta(hours=scenario.policy.rest.min_rest_hours)
    duty = on_duty(plan)
    slots = {(s.date, s.shift): s for s in plan.slots}
    out = []
    for a in plan.assignments:
        if a.nrp not in duty:
            continue
        slot = slots[(a.date, a.shift)]
        if not (slot.end + rest <= start or end + rest <= slot.start):
            out.append(
                f"{a.nrp} ({duty[a.nrp]}) works {a.date} {a.shift}: within the duty or its "
                f"{scenario.policy.rest.min_rest_hours:g} h of rest"
            )
    return out


def island_eve_free(scenario: Scenario, plan: Plan) -> list[str]:
    voting = scenario.operation.voting
    assert voting is not None
    zone = ZoneInfo(scenario.operation.operation.timezone)
    eve = datetime.combine(voting.date - timedelta(days=1), time(0), tzinfo=zone)
    midnight = datetime.combine(voting.date, time(0), tzinfo=zone)
    island = {_place(s.kecamatan, s.desa, s.tps) for s in scenario.tps if s.island}
    crews = {
        nrp: f"TPS {g.desa} {g.tps[0]}"
        for g in plan.tps_groups
        if any(_place(g.kecamatan, g.desa, n) in island for n in g.tps)
        for nrp in g.standing()
    }
    slots = {(s.date, s.shift): s for s in plan.slots}
    out = []
    for a in plan.assignments:
        slot = slots[(a.date, a.shift)]
        if a.nrp in crews and slot.start < midnight and eve < slot.end:
            out.append(f"{a.nrp} (island {crews[a.nrp]}) works {a.date} {a.shift}, the day before")
    return out


def missing_as_told(plan: Plan) -> list[str]:
    told: Counter[tuple[str, str | None]] = Counter()
    for s in plan.tps_shortfalls:
        told[(s.kecamatan, s.category)] += s.missing
    found: Counter[tuple[str, str | None]] = Counter()
    for g in plan.tps_groups:
        found[(g.kecamatan, g.category)] += g.missing
    for p in plan.padal:
        if p.nrp is None:
            found[(p.kecamatan, None)] += 1
    if +told != +found:
        return [f"the TPS shortfalls say {dict(+told)}, the groups miss {dict(+found)}"]
    return []


def nobody_idle(scenario: Scenario, plan: Plan) -> list[str]:
    """A TPS head left open while an officer who could fill it has nothing to do that day."""
    if not any(g.missing for g in plan.tps_groups):
        return []
    voting = scenario.operation.voting
    assert voting is not None
    zone = ZoneInfo(scenario.operation.operation.timezone)
    start, end = duty_moments(voting, zone)
    rest = timedelta(hours=scenario.policy.rest.min_rest_hours)
    eve = datetime.combine(voting.date - timedelta(days=1), time(0), tzinfo=zone)
    busy = set(on_duty(plan))
    slots = {(s.date, s.shift): s for s in plan.slots}
    near: dict[str, list[Slot]] = defaultdict(list)
    for a in plan.assignments:
        near[a.nrp].append(slots[(a.date, a.shift)])
    island = {_place(s.kecamatan, s.desa, s.tps) for s in scenario.tps if s.island}
    open_groups = {
        any(_place(g.kecamatan, g.desa, n) in island for n in g.tps): g
        for g in reversed(plan.tps_groups)
        if g.missing
    }
    midnight = eve + timedelta(days=1)
    for person in scenario.roster.personnel:
        if person.nrp in busy or not _may_stand(scenario, person, start, end):
            continue
        mine = near[person.nrp]
        if not all(s.end + rest <= start or end + rest <= s.start for s in mine):
            continue
        free_eve = all(not (s.start < midnight and eve < s.end) for s in mine)
        for far, g in sorted(open_groups.items()):
            if free_eve or not far:
                return [f"{person.nrp} is free and could stand at TPS {g.desa} {g.tps[0]}"]
    return []


def _may_stand(scenario: Scenario, person: Person, start: datetime, end: datetime) -> bool:
    voting = scenario.operation.voting
    assert voting is not None
    return (
        person.assignable
        and not scenario.policy.perwira(person.rank)
        and not person.on_leave(voting.date)
        and scenario.adjustments.absence_during(person.nrp, start, end) is None
    )
