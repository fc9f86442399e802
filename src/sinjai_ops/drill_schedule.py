"""`sinjai-ops drills`: the drill sessions before the operation that make the plan fill as many
heads as drills can (`solve/drill_model.py`), who leads each, and the plan measured again with
every attendee's drill recorded on the day of his session."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sinjai_ops.demand import derive_demand
from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.drills import DEFAULT_DAYS, DrillPlan, DrillSchedule, DrillSession
from sinjai_ops.models.plan import Demand, Plan, Remedy
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.rules import role_of
from sinjai_ops.rules.schedule import absent
from sinjai_ops.solve.classes import eligible_roles, officer_classes
from sinjai_ops.solve.drill_model import Group, Window, schedule_drills
from sinjai_ops.solve.plan import make_plan
from sinjai_ops.validate.drills import minutes


def section_of(scenario: Scenario) -> DrillSchedule:
    """The operation's `drill_schedule:`, else its defaults held at headquarters (the
    reserve's site, when the operation has it; else its first site)."""
    op = scenario.operation
    if op.drill_schedule is not None:
        return op.drill_schedule
    sites = [s.id for s in op.sites]
    home = scenario.policy.reserve.site
    return DrillSchedule(site=home if home in sites else sites[0])


def skills_of(scenario: Scenario, section: DrillSchedule) -> list[str]:
    limits = scenario.policy.drills.max_age_days
    return sorted(section.skills if section.skills is not None else limits)


def windows_of(scenario: Scenario, section: DrillSchedule) -> list[Window]:
    """Every session the section allows, in order of time: each day and each `length_hours`
    of its hours, for each skill, ending before the operation's first shift (and `lead_days`
    before its first day), never during the joint exercise."""
    op = scenario.operation
    zone = ZoneInfo(op.operation.timezone)
    first = min(s.start for s in op.slots())
    start = op.operation.start
    days = section.days or [start - timedelta(days=k) for k in range(DEFAULT_DAYS, 0, -1)]
    length = timedelta(hours=section.length_hours)
    begin, end = minutes(section.hours.start), minutes(section.hours.end, end=True)
    joint = section.joint_exercise
    out = []
    for day in sorted(set(days)):
        if section.lead_days and day > start - timedelta(days=section.lead_days):
            continue
        at = datetime.combine(day, datetime.min.time(), tzinfo=zone)
        moment = at + timedelta(minutes=begin)
        while moment + length <= at + timedelta(minutes=end) and moment + length <= first:
            busy = joint is not None and (
                joint.date == day
                and minutes(joint.start) * 60 < (moment + length - at).total_seconds()
                and (moment - at).total_seconds() < minutes(joint.end, end=True) * 60
            )
            if not busy:
                out += [
                    Window(skill, day, moment, moment + length)
                    for skill in skills_of(scenario, section)
                ]
            moment += length
    return sorted(out, key=lambda w: (w.start, w.skill))


def free(scenario: Scenario, person: Person, window: Window) -> bool:
    """Neither on leave that day nor absent (adjustments.yaml) during the session."""
    if person.on_leave(window.day):
        return False
    return scenario.adjustments.absence_during(person.nrp, window.start, window.end) is None


def drill_groups(scenario: Scenario, demand: Demand, windows: list[Window]) -> list[Group]:
    """The officers whom a drill in some window they are free for would let fill a role they
    cannot fill as they stand, grouped when interchangeable (pinned officers stay as pinned)."""
    policy = scenario.policy
    days = sorted({s.date for s in demand.slots})
    roles = sorted({role_of(n) for n in demand.needs})
    classes = officer_classes(scenario, demand)
    home = {nrp: c for c, cls in enumerate(classes) for nrp in cls.members}
    pinned = {p.nrp for p in scenario.adjustments.pins}
    absent_ones = {a.nrp for a in scenario.adjustments.absences}
    found: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for person in scenario.roster.personnel:
        if not person.assignable or person.nrp in pinned:
            continue
        now = tuple(eligible_roles(person, day, roles, policy) for day in days)
        options = []
        for w, window in enumerate(windows):
            if window.skill not in person.skills or not free(scenario, person, window):
                continue
            fresh = person.model_copy(
                update={"drills": {**person.drills, window.skill: window.day}}
            )
            sig = tuple(eligible_roles(fresh, day, roles, policy) for day in days)
            if sig != now:
                options.append((w, sig))
        if not options:
            continue
        blocked: frozenset[int] = frozenset()
        if person.nrp in absent_ones:
            blocked = frozenset(
                k
                for k, slot in enumerate(demand.slots)
                if absent(scenario.adjustments, person.nrp, slot) is not None
            )
        key = (home.get(person.nrp), tuple(options), policy.perwira(person.rank), blocked)
        found[key].append(person.nrp)
    groups = [
        Group(tuple(sorted(nrps)), key[0], key[1], key[2], key[3])  # type: ignore[arg-type]
        for key, nrps in found.items()
    ]
    return sorted(groups, key=lambda g: g.members[0])


def instructor(
    scenario: Scenario, section: DrillSchedule, window: Window, drilling: set[str]
) -> tuple[str | None, Msg | None]:
    """A roster officer current in the skill on the session's day, of at least the least rank,
    free then and drilling in no session: the lowest such rank first (a senior bintara leads
    the drill, not the Kapolres), then the freshest drill, then NRP; or None and why."""
    policy = scenario.policy
    # The default Aipda may not be a rank of an operation's own policy: then any rank leads.
    ranks = policy.ranks
    given = section.instructor_least_rank
    least = ranks.index(given) if given in ranks else 0
    limit = policy.drills.max_age_days.get(window.skill)
    fit = [
        p
        for p in scenario.roster.personnel
        if p.nrp not in drilling
        and policy.ranks.index(p.rank) >= least
        and p.qualified(window.skill, window.day, limit)
        and free(scenario, p, window)
    ]
    if not fit:
        return None, t(
            "nobody of at least {rank} is current in {skill} on {day}, free then and not "
            "drilling; name one by hand",
            rank=section.instructor_least_rank,
            skill=window.skill,
            day=window.day.isoformat(),
        )
    best = min(
        fit,
        key=lambda p: (policy.ranks.index(p.rank), -p.drills[window.skill].toordinal(), p.nrp),
    )
    return best.nrp, None


def with_drills(scenario: Scenario, sessions: list[DrillSession]) -> Scenario:
    """The scenario with each attendee's drill recorded on the day of his session."""
    dated: dict[str, dict[str, date]] = defaultdict(dict)
    for s in sessions:
        for nrp in s.attendees:
            dated[nrp][s.skill] = s.date
    people = [
        p.model_copy(update={"drills": {**p.drills, **dated[p.nrp]}}) if p.nrp in dated else p
        for p in scenario.roster.personnel
    ]
    roster = scenario.roster.model_copy(update={"personnel": people})
    return scenario.model_copy(update={"roster": roster})


def planned_after(scenario: Scenario, sessions: list[DrillSession], time_limit: float) -> Plan:
    """The plan made again with the drills recorded."""
    changed = with_drills(scenario, sessions)
    return make_plan(changed, derive_demand(changed), time_limit)


def make_drill_plan(scenario: Scenario, demand: Demand, plan: Plan, time_limit: float) -> DrillPlan:
    """The schedule, its instructors, and the heads before and after."""
    section = section_of(scenario)
    windows = windows_of(scenario, section)
    groups = drill_groups(scenario, demand, windows)
    classes = officer_classes(scenario, demand)
    outcome = schedule_drills(
        scenario, demand, classes, groups, windows, section.capacity, time_limit
    )
    sessions = _sessions(scenario, section, windows, groups, outcome.seats)
    again = planned_after(scenario, sessions, time_limit).quality
    after = again.heads_filled
    skills = skills_of(scenario, section)
    remedy = [r for r in plan.remedies if r.kind == "drill" and r.skill in skills]
    recovered = sum(r.recovered for r in remedy) if plan.shortfalls else 0
    people = {p.nrp: p for p in scenario.roster.personnel}
    named = {n for s in sessions for n in [*s.attendees, s.instructor] if n is not None}
    info = scenario.operation.operation
    joint = section.joint_exercise
    site_name = {s.id: s.name for s in scenario.operation.sites}
    restricted = _restricted(scenario, skills)
    short = _short(scenario, remedy, windows, after - plan.quality.heads_filled)
    return DrillPlan(
        operation=info.name,
        timezone=info.timezone,
        sessions=sessions,
        heads_filled_before=plan.quality.heads_filled,
        heads_filled_after=after,
        heads_needed=plan.quality.heads_needed,
        weighted_before=plan.quality.weighted_filled,
        weighted_after=again.weighted_filled,
        status=outcome.status,
        restricted_to=str(restricted) if restricted else None,
        restricted_msg=restricted,
        remedy_recovered=recovered,
        short_of_remedy=[str(m) for m in short],
        short_msgs=short,
        names={n: f"{people[n].rank} {people[n].name}" for n in sorted(named)},
        joint_exercise=joint,
        joint_site_name=site_name.get(joint.site) if joint is not None else None,
        defaulted=scenario.operation.drill_schedule is None,
        home_site=section.site,
        home_site_name=site_name.get(section.site),
    )


def _sessions(
    scenario: Scenario,
    section: DrillSchedule,
    windows: list[Window],
    groups: list[Group],
    seats: dict[tuple[int, int], int],
) -> list[DrillSession]:
    """The seats given names: each group's officers, by NRP, to its sessions in time order."""
    taken: dict[int, list[str]] = defaultdict(list)
    left = {g: list(group.members) for g, group in enumerate(groups)}
    for (g, w), count in sorted(seats.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        taken[w] += left[g][:count]
        left[g] = left[g][count:]
    drilling = {n for names in taken.values() for n in names}
    site = next(s for s in scenario.operation.sites if s.id == section.site)
    out = []
    for w in sorted(taken):
        window = windows[w]
        lead, why = instructor(scenario, section, window, drilling)
        out.append(
            DrillSession(
                id=f"{window.skill}-{window.day.isoformat()}-{window.start:%H%M}",
                skill=window.skill,
                date=window.day,
                start=window.start,
                end=window.end,
                site=section.site,
                site_name=site.name,
                site_address=site.address,
                instructor=lead,
                instructor_reason=str(why) if why else None,
                reason_msg=why,
                attendees=sorted(taken[w]),
            )
        )
    return out


def _restricted(scenario: Scenario, skills: list[str]) -> Msg | None:
    """The schedules the proof covers, where not all: an officer who could drill in two skills
    drills in one of them only; an officer pinned in adjustments.yaml does not drill."""
    limits = scenario.policy.drills.max_age_days
    days = scenario.operation.days()
    pinned = {p.nrp for p in scenario.adjustments.pins}
    several = [p.nrp for p in scenario.roster.personnel if len(set(p.skills) & set(skills)) > 1]
    held = [
        p.nrp
        for p in scenario.roster.personnel
        if p.nrp in pinned
        and any(
            k in p.skills and not p.qualified(k, d, limits.get(k)) for k in skills for d in days
        )
    ]
    parts = []
    if several:
        parts.append(
            t(
                "schedules in which each officer drills in one skill at most ({n} officers hold "
                "more than one of the skills drilled)",
                n=len(several),
            )
        )
    if held:
        parts.append(
            t(
                "schedules in which the officers pinned in adjustments.yaml do not drill ({nrps})",
                nrps=", ".join(sorted(held)),
            )
        )
    if not parts:
        return None
    return (
        parts[0] if len(parts) == 1 else t("{first}; and {second}", first=parts[0], second=parts[1])
    )


def _short(
    scenario: Scenario, remedy: list[Remedy], windows: list[Window], gained: int
) -> list[Msg]:
    """Why the schedule fills fewer heads than the drill remedy says, where it does."""
    recovered = sum(r.recovered for r in remedy)
    if gained >= recovered:
        return []
    people = {p.nrp: p for p in scenario.roster.personnel}
    out = []
    for r in remedy:
        away = [
            n
            for n in r.officers
            if not any(w.skill == r.skill and free(scenario, people[n], w) for w in windows)
        ]
        if away:
            out.append(
                t(
                    "{n} of the officers the remedy drills are away on every session a "
                    "{skill} drill may be held: {nrps}",
                    n=len(away),
                    skill=r.skill,
                    nrps=", ".join(away),
                )
            )
        last = max((w.day for w in windows if w.skill == r.skill), default=None)
        if r.by is not None and (last is None or last < r.by):
            out.append(
                t(
                    "the remedy dates the {skill} drill on {by}, after the last day a session "
                    "may be held ({last})",
                    skill=r.skill,
                    by=r.by.isoformat(),
                    last=last.isoformat() if last else "-",
                )
            )
    return out or [t("the sessions allowed hold too few officers")]
