"""adjustments.yaml: every reference exists, and a pin breaks no rule (named, with the
other pin's line)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from sinjai_ops.demand import derive_demand, leader_rank, member_band, visit_heads
from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.adjustments import Absence, AdjustmentsFile, Pin
from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationFile, known_timezone
from sinjai_ops.models.plan import COMMAND, RESERVE_POST, Plan, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import Person, RosterFile
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.solve.classes import Role
from sinjai_ops.solve.rules import enough_rest, within_daily_hours


def _pin_heads(
    pin: Pin, op: OperationFile, arrivals: ArrivalsFile, policy: Policy, led: bool = False
) -> tuple[dict[str, Role], Msg | None]:
    """The heads a pin's post has on its day and shift, by skill, with the band of ranks each
    takes (as demand derives them); or why the post has none then. `led`: the team is large
    enough for a leader head then (`policy.teams`)."""
    site = next((s for s in op.sites if s.id == pin.site), None)
    if site is None:
        return {}, None  # reported by the reference checks
    leader = leader_rank(None, policy)
    rank_and_file = member_band(None, policy, leader if led else None)
    lead = {COMMAND: Role(COMMAND, leader, "", "")} if led else {}
    if pin.post == RESERVE_POST:
        if pin.site != policy.reserve.site:
            return {}, t(
                "the reserve stands at '{reserve}', not at '{site}'",
                reserve=policy.reserve.site,
                site=pin.site,
            )
        return {
            policy.reserve.skill: Role(policy.reserve.skill, "", *_band(rank_and_file)),
            **lead,
        }, None
    if pin.post.startswith("visit:"):
        cid = pin.post.removeprefix("visit:")
        candidate = next((c for c in arrivals.candidates if c.id == cid), None)
        if candidate is None:
            ids = [c.id for c in arrivals.candidates]
            return {}, t("no candidate '{cid}'{hint}", cid=cid, hint=suggest(cid, ids))
        if not any(v.site == pin.site and v.date == pin.date for v in candidate.visits):
            return {}, t(
                "{cid} does not visit {site} on {day}", cid=cid, site=pin.site, day=pin.date
            )
        visit = next(v for v in candidate.visits if v.site == pin.site and v.date == pin.date)
        return {
            **{
                skill: Role(skill, "", *_band(rank_and_file))
                for skill, _, _ in visit_heads(visit, candidate, policy)
            },
            **lead,
        }, None
    post = next((p for p in site.posts if p.id == pin.post), None)
    if post is None:
        names = [p.id for p in site.posts]
        return {}, t(
            "no post '{post}' at {site}{hint}",
            post=pin.post,
            site=pin.site,
            hint=suggest(pin.post, names),
        )
    if not post.active(pin.date, pin.shift):
        return {}, t(
            "post {post} is not manned on {day} {shift}",
            post=post.id,
            day=pin.date,
            shift=pin.shift,
        )
    led = led and post.commander is None
    band = _band(member_band(post, policy, leader_rank(post, policy) if led else None))
    heads = {skill: Role(skill, "", *band) for skill, n in post.need.items() if n}
    if post.commander is not None:
        heads[COMMAND] = Role(COMMAND, post.commander, "", "")
    elif led:
        heads[COMMAND] = Role(COMMAND, leader_rank(post, policy), "", "")
    return heads, None


def _band(band: tuple[str | None, str | None]) -> tuple[str, str]:
    return band[0] or "", band[1] or ""


def _why_not(person: Person, role: Role, day: date, policy: Policy) -> Msg:
    """The rule that keeps a person from a head, in words."""
    if not person.assignable:
        return t("the officer is not plotted (assignable: false)")
    for leave in person.unavailable:
        if leave.start <= day <= leave.end:
            return t("the officer is on leave ({start} to {end})", start=leave.start, end=leave.end)
    ranks = policy.ranks
    rank, skill = person.rank, role.skill
    if role.leads:
        return t(
            "rank {rank} is below the commander head's {least}", rank=rank, least=role.min_rank
        )
    if skill not in person.skills:
        return t("the officer does not hold {skill}", skill=skill)
    limit = policy.drills.max_age_days.get(skill)
    if not person.qualified(skill, day, limit):
        drilled = person.drills.get(skill)
        return (
            t("the {skill} drill is missing", skill=skill)
            if drilled is None
            else t(
                "the {skill} drill of {drilled} does not count on {day}",
                skill=skill,
                drilled=drilled,
                day=day,
            )
        )
    if role.rank_from and ranks.index(rank) < ranks.index(role.rank_from):
        return t("the post asks for perwira; {rank} is not", rank=rank)
    if role.rank_to and ranks.index(rank) > ranks.index(role.rank_to):
        if policy.perwira(rank) and not policy.perwira(role.rank_to):
            return t(
                "{rank} is perwira: perwira fill rank-and-file heads only when policy "
                "rank_roles.perwira_on_rank_and_file is true",
                rank=rank,
            )
        return t(
            "{rank} would outrank the post's commander ({most} at most)",
            rank=rank,
            most=role.rank_to,
        )
    return t("the officer may not fill it")


HeadKey = tuple[date, str, str, str, str]
"""(date, shift, site, post, skill) of the heads that demand derives."""


def _head_counts(
    op: OperationFile, roster: RosterFile, arrivals: ArrivalsFile, policy: Policy
) -> dict[HeadKey, int]:
    """How many heads of each post and skill every shift has, as the plan will count them
    (posts, commanders, visits whose window reaches the shift, the reserve)."""
    scenario = Scenario(
        operation=op, roster=roster, arrivals=arrivals, policy=policy, checklists=[], inputs={}
    )
    counts: dict[HeadKey, int] = defaultdict(int)
    for n in derive_demand(scenario).needs:
        counts[(n.date, n.shift, n.site, n.post, n.skill)] += n.heads
    return counts


Items = tuple[list[tuple[int, Pin]], list[tuple[int, Absence]]]
"""The pins and absences of adjustments.yaml that can be read, each with its index."""


def readable_items(doc: Document, policy: Policy, model: AdjustmentsFile | None) -> Items:
    """The pins and absences to check against the scenario: all of them when the file is
    valid, else each entry that is valid on its own, so that a bad date in one entry does not
    hide what is wrong with the others (its own problem is told by the file's check)."""
    if model is not None:
        return list(enumerate(model.pins)), list(enumerate(model.absences))
    data = doc.data if isinstance(doc.data, dict) else {}
    context = {"skills": policy.skills, "ranks": policy.ranks}

    def each(key: str, kind: type[Pin] | type[Absence]) -> list[tuple[int, Any]]:
        entries = data.get(key)
        out: list[tuple[int, Any]] = []
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            try:
                out.append((i, kind.model_validate(entry, context=context)))
            except ValidationError:
                continue  # told by the file's own check
        return out

    return each("pins", Pin), each("absences", Absence)


def check_adjustments(
    items: Items,
    op: OperationFile,
    roster: RosterFile,
    arrivals: ArrivalsFile,
    policy: Policy,
    doc: Document,
) -> list[Problem]:
    """Pins and absences against the scenario: every reference exists, and a pin breaks no rule
    (skill, rank, leave, absence, neutrality, two in one shift, more pins than heads, rest,
    hours of the day)."""
    pins, absences = items
    out: list[Problem] = []
    info = op.operation
    people = {p.nrp: p for p in roster.personnel}
    shifts = [s.id for s in op.shifts]
    sites = [s.id for s in op.sites]
    slots = {(s.date, s.shift): s for s in op.slots()} if known_timezone(info.timezone) else {}
    zone = ZoneInfo(info.timezone) if slots else None
    counts = _head_counts(op, roster, arrivals, policy) if slots else None
    taken: dict[HeadKey, list[int]] = defaultdict(list)

    def where(kind: str, i: int, field: str) -> Path:
        return (kind, i, field)

    for i, a in absences:
        if a.nrp not in people:
            out.append(
                problem_at(
                    doc, where("absences", i, "nrp"), t("NRP {nrp} is not in the roster", nrp=a.nrp)
                )
            )
        if a.end <= a.start:
            out.append(
                problem_at(
                    doc,
                    where("absences", i, "to"),
                    t(
                        "'to' {end} is not after 'from' {start}",
                        end=format(a.end, "%Y-%m-%d %H:%M"),
                        start=format(a.start, "%Y-%m-%d %H:%M"),
                    ),
                )
            )
    placed: dict[tuple[str, date, str], int] = {}
    worked: dict[str, list[tuple[int, Slot]]] = defaultdict(list)
    for i, pin in pins:
        person = people.get(pin.nrp)
        if person is None:
            out.append(
                problem_at(
                    doc, where("pins", i, "nrp"), t("NRP {nrp} is not in the roster", nrp=pin.nrp)
                )
            )
        if not info.start <= pin.date <= info.end:
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "date"),
                    t(
                        "day {day} is outside the operation ({start} to {end})",
                        day=pin.date,
                        start=info.start,
                        end=info.end,
                    ),
                )
            )
            continue
        if pin.shift not in shifts:
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "shift"),
                    t(
                        "unknown shift '{shift}'{hint}",
                        shift=pin.shift,
                        hint=suggest(pin.shift, shifts),
                    ),
                )
            )
            continue
        if pin.site not in sites:
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "site"),
                    t("unknown site '{site}'{hint}", site=pin.site, hint=suggest(pin.site, sites)),
                )
            )
            continue
        led = (
            counts is not None
            and counts.get((pin.date, pin.shift, pin.site, pin.post, COMMAND), 0) > 0
        )
        heads, absent = _pin_heads(pin, op, arrivals, policy, led)
        if absent is not None:
            out.append(problem_at(doc, where("pins", i, "post"), absent))
            continue
        if person is None:
            continue
        if pin.skill is not None:
            role = heads.get(pin.skill)
            if role is None:
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "skill"),
                        t(
                            "{post} has no {skill} head on {day} {shift}; its heads are: {heads}",
                            post=pin.post,
                            skill=pin.skill,
                            day=pin.date,
                            shift=pin.shift,
                            heads=", ".join(heads) or t("none"),
                        ),
                    )
                )
                continue
        else:
            fitting = [r for r in heads.values() if r.fits(person, pin.date, policy)]
            if len(fitting) > 1:
                what = ", ".join(r.skill for r in fitting)
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "nrp"),
                        t(
                            "say which head: give 'skill:' (the officer fits {what} at {post})",
                            what=what,
                            post=pin.post,
                        ),
                    )
                )
                continue
            if not fitting:
                # The head the officer would most plausibly take: one of their skills, else
                # the commander head.
                held = [r for r in heads.values() if r.skill in person.skills and not r.leads]
                leads = [r for r in heads.values() if r.leads]
                role = (held or leads or list(heads.values()))[0]
            else:
                role = fitting[0]
        if not role.fits(person, pin.date, policy):
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "nrp"),
                    t("pin breaks a rule: {why}", why=_why_not(person, role, pin.date, policy)),
                )
            )
            continue
        slot = slots.get((pin.date, pin.shift))
        if slot is None or zone is None or counts is None:
            continue
        head = (pin.date, pin.shift, pin.site, pin.post, role.skill)
        room = counts.get(head, 0)
        if room == 0:
            # A visit whose window does not reach this shift, a reserve of no heads.
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "post"),
                    t(
                        "{post} has no {skill} head on {day} {shift}; pin the officer to a "
                        "shift in which it has one",
                        post=pin.post,
                        skill=role.skill,
                        day=pin.date,
                        shift=pin.shift,
                    ),
                )
            )
            continue
        if (pin.nrp, pin.date, pin.shift) in placed:
            pass  # the same officer twice in one shift: told below
        elif len(taken[head]) >= room:
            lines = ", ".join(str(doc.loc(("pins", j)).line) for j in taken[head])
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "nrp"),
                    t(
                        "too many pins: {post} has {n} {skill} head(s) on {day} {shift}, "
                        "already pinned at line {lines}; remove a pin or pin this officer to "
                        "another head",
                        post=pin.post,
                        n=room,
                        skill=role.skill,
                        day=pin.date,
                        shift=pin.shift,
                        lines=lines,
                    ),
                )
            )
        else:
            taken[head].append(i)
        for _, a in absences:
            start, end = a.start.replace(tzinfo=zone), a.end.replace(tzinfo=zone)
            if a.nrp == pin.nrp and start < slot.end and slot.start < end:
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "nrp"),
                        t(
                            "pin breaks a rule: the officer is absent from {start} to {end} "
                            "({reason})",
                            start=format(a.start, "%Y-%m-%d %H:%M"),
                            end=format(a.end, "%Y-%m-%d %H:%M"),
                            reason=a.reason or t("no reason given"),
                        ),
                    )
                )
        for cid in person.ties:
            if pin.post == f"visit:{cid}" or any(
                v.site == pin.site
                and v.window(policy.visits, zone)[0] < slot.end
                and slot.start < v.window(policy.visits, zone)[1]
                for c in arrivals.candidates
                if c.id == cid
                for v in c.visits
            ):
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "nrp"),
                        t(
                            "pin breaks a rule: the officer is tied to {cid}, who is at {site} "
                            "then (neutrality)",
                            cid=cid,
                            site=pin.site,
                        ),
                    )
                )
        key = (pin.nrp, pin.date, pin.shift)
        if key in placed:
            line = doc.loc(("pins", placed[key])).line
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "nrp"),
                    t(
                        "pin breaks a rule: the officer is already pinned in this shift "
                        "(line {line})",
                        line=line,
                    ),
                )
            )
            continue
        placed[key] = i
        for j, other in worked[pin.nrp]:
            broken = [
                *(
                    []
                    if enough_rest(other, slot, policy.rest)
                    or enough_rest(slot, other, policy.rest)
                    else ["rest"]
                ),
            ]
            if broken:
                line = doc.loc(("pins", j)).line
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "nrp"),
                        t(
                            "pin breaks a rule: less than {hours} h of rest from the pin of line "
                            "{line} ({day} {shift})",
                            hours=format(policy.rest.min_rest_hours, "g"),
                            line=line,
                            day=other.date,
                            shift=other.shift,
                        ),
                    )
                )
        day_hours = sum(s.hours for _, s in worked[pin.nrp] if s.date == slot.date) + slot.hours
        if not within_daily_hours(day_hours, policy.rest):
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "nrp"),
                    t(
                        "pin breaks a rule: {hours} h on {day}, more than max_hours_per_day "
                        "({most})",
                        hours=format(day_hours, "g"),
                        day=slot.date,
                        most=format(policy.rest.max_hours_per_day, "g"),
                    ),
                )
            )
        worked[pin.nrp].append((i, slot))
    return out


def unkept_pins(
    adj: AdjustmentsFile,
    made: Plan,
    start: datetime | None,
    place: Callable[[Path, Msg, bool], Problem],
) -> list[Problem]:
    """Every pin of adjustments.yaml that the plan does not hold, placed at its line: a
    warning for a pin in a shift before `--from` (the published plan stands there), else an
    error (validate lets through only pins the plan can keep, so this is a fault of the tool:
    it is said rather than a plan printed without the pin)."""
    held: dict[tuple[str, date, str, str, str], set[str]] = {}
    for a in made.assignments:
        held.setdefault((a.nrp, a.date, a.shift, a.site, a.post), set()).add(a.skill)
    slots = {(s.date, s.shift): s for s in made.slots}
    out = []
    for i, pin in enumerate(adj.pins):
        skills = held.get((pin.nrp, pin.date, pin.shift, pin.site, pin.post), set())
        if skills and (pin.skill is None or pin.skill in skills):
            continue
        slot = slots.get((pin.date, pin.shift))
        before = start is not None and slot is not None and slot.start.replace(tzinfo=None) < start
        if before:
            message = t(
                "the pin of {nrp} at {post} on {day} {shift} is not kept: that shift starts "
                "before --from {moment}, where the published plan stands; re-plan from an "
                "earlier moment to keep it",
                nrp=pin.nrp,
                post=pin.post,
                day=pin.date,
                shift=pin.shift,
                moment=format(start, "%Y-%m-%dT%H:%M"),
            )
        else:
            message = t(
                "the plan could not keep the pin of {nrp} at {post} on {day} {shift}; no plan "
                "is given without it (please report this with the files)",
                nrp=pin.nrp,
                post=pin.post,
                day=pin.date,
                shift=pin.shift,
            )
        out.append(place(("pins", i, "nrp"), message, before))
    return out
