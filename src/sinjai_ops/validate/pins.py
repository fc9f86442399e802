"""The pins of adjustments.yaml one by one, each against the scenario (its posts, the heads the
demand stage derives, every rule of `rules`) and the pins before it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.adjustments import Absence, Pin
from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.common import suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.plan import RESERVE_POST, Demand, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import Person
from sinjai_ops.rules import Code, Reason, Role, role_of, words
from sinjai_ops.rules.eligibility import why_not
from sinjai_ops.rules.reasons import reason
from sinjai_ops.rules.schedule import Schedule, every_reason


def _pin_post(pin: Pin, op: OperationFile, arrivals: ArrivalsFile, policy: Policy) -> Msg | None:
    """Why a pin's post has no heads on its day and shift whatever the demand (a post that is
    not there, not manned then, a candidate who does not visit), or None."""
    site = next((s for s in op.sites if s.id == pin.site), None)
    if site is None:
        return None  # reported by the reference checks
    if pin.post == RESERVE_POST:
        if pin.site != policy.reserve.site:
            return t(
                "the reserve stands at '{reserve}', not at '{site}'",
                reserve=policy.reserve.site,
                site=pin.site,
            )
        return None
    if pin.post.startswith("visit:"):
        cid = pin.post.removeprefix("visit:")
        candidate = next((c for c in arrivals.candidates if c.id == cid), None)
        if candidate is None:
            ids = [c.id for c in arrivals.candidates]
            return t("no candidate '{cid}'{hint}", cid=cid, hint=suggest(cid, ids))
        if not any(v.site == pin.site and v.date == pin.date for v in candidate.visits):
            return t("{cid} does not visit {site} on {day}", cid=cid, site=pin.site, day=pin.date)
        return None
    post = next((p for p in site.posts if p.id == pin.post), None)
    if post is None:
        names = [p.id for p in site.posts]
        return t(
            "no post '{post}' at {site}{hint}",
            post=pin.post,
            site=pin.site,
            hint=suggest(pin.post, names),
        )
    if not post.active(pin.date, pin.shift):
        return t(
            "post {post} is not manned on {day} {shift}",
            post=post.id,
            day=pin.date,
            shift=pin.shift,
        )
    return None


PostKey = tuple[date, str, str, str]
"""(date, shift, site, post)."""
HeadKey = tuple[date, str, str, str, str]
"""(date, shift, site, post, skill)."""
Heads = dict[PostKey, dict[str, tuple[Role, int]]]
"""The heads of every post in every shift, by skill: the role and how many."""


def heads_of(demand: Demand) -> Heads:
    """The heads the plan will count, by post and shift (from the demand stage's answer, which
    the pipeline derives: validate asks no stage of its own)."""
    out: Heads = defaultdict(dict)
    for n in demand.needs:
        heads = out[(n.date, n.shift, n.site, n.post)]
        role, count = heads.get(n.skill, (role_of(n), 0))
        heads[n.skill] = (role, count + n.heads)
    return dict(out)


class PinCheck:
    """The pins one by one, each against the scenario and the pins before it."""

    def __init__(
        self,
        op: OperationFile,
        arrivals: ArrivalsFile,
        policy: Policy,
        doc: Document,
        absences: list[tuple[int, Absence]],
        demand: Demand | None,
    ) -> None:
        self.op, self.arrivals, self.policy, self.doc = op, arrivals, policy, doc
        self.absences = absences
        self.heads = heads_of(demand) if demand is not None else None
        self.slots = {(s.date, s.shift): s for s in demand.slots} if demand is not None else {}
        self.rules = Schedule.of(policy, op)
        self.taken: dict[HeadKey, list[int]] = defaultdict(list)
        self.placed: dict[tuple[str, date, str], int] = {}
        self.worked: dict[str, list[tuple[int, Slot]]] = defaultdict(list)

    def at(self, i: int, field: str, message: Msg) -> Problem:
        return problem_at(self.doc, ("pins", i, field), message)

    def broken(self, i: int, message: Msg) -> Problem:
        return self.at(i, "nrp", t("pin breaks a rule: {why}", why=message))

    def pin(self, i: int, pin: Pin, person: Person | None) -> list[Problem]:
        out = []
        if person is None:
            out.append(self.at(i, "nrp", t("NRP {nrp} is not in the roster", nrp=pin.nrp)))
        wrong = self.reference(i, pin)
        if wrong is not None:
            return [*out, wrong]
        if person is None or self.heads is None:
            return out
        role = self.role(i, pin, person)
        if isinstance(role, Problem):
            return [*out, role]
        found = why_not(person, role, pin.date, self.policy)
        if found is not None:
            return [*out, self.broken(i, words(found))]
        return out + self.room(i, pin, role) + self.schedule(i, pin)

    def reference(self, i: int, pin: Pin) -> Problem | None:
        """The pin's day, shift, site and post exist, and the post is manned then."""
        info = self.op.operation
        shifts = [s.id for s in self.op.shifts]
        sites = [s.id for s in self.op.sites]
        if not info.start <= pin.date <= info.end:
            return self.at(
                i,
                "date",
                t(
                    "day {day} is outside the operation ({start} to {end})",
                    day=pin.date,
                    start=info.start,
                    end=info.end,
                ),
            )
        if pin.shift not in shifts:
            hint = suggest(pin.shift, shifts)
            return self.at(
                i, "shift", t("unknown shift '{shift}'{hint}", shift=pin.shift, hint=hint)
            )
        if pin.site not in sites:
            hint = suggest(pin.site, sites)
            return self.at(i, "site", t("unknown site '{site}'{hint}", site=pin.site, hint=hint))
        absent = _pin_post(pin, self.op, self.arrivals, self.policy)
        return None if absent is None else self.at(i, "post", absent)

    def role(self, i: int, pin: Pin, person: Person) -> Role | Problem:
        """The head the pin holds: its skill's, else the one head the officer fits there (or,
        when none, the one they would most plausibly take, to say why not)."""
        assert self.heads is not None
        heads = {k: role for k, (role, _) in self.heads.get(_post_key(pin), {}).items()}
        if not heads:
            # A visit whose window does not reach this shift, a reserve of no heads.
            return self.at(
                i,
                "post",
                t(
                    "{post} has no {skill} head on {day} {shift}; pin the officer to a "
                    "shift in which it has one",
                    post=pin.post,
                    skill=pin.skill,
                    day=pin.date,
                    shift=pin.shift,
                )
                if pin.skill is not None
                else t(
                    "{post} has no heads on {day} {shift}; pin the officer to a shift in "
                    "which it has some",
                    post=pin.post,
                    day=pin.date,
                    shift=pin.shift,
                ),
            )
        if pin.skill is not None:
            if pin.skill in heads:
                return heads[pin.skill]
            return self.at(
                i,
                "skill",
                t(
                    "{post} has no {skill} head on {day} {shift}; its heads are: {heads}",
                    post=pin.post,
                    skill=pin.skill,
                    day=pin.date,
                    shift=pin.shift,
                    heads=", ".join(heads),
                ),
            )
        fitting = [r for r in heads.values() if r.fits(person, pin.date, self.policy)]
        if len(fitting) > 1:
            what = ", ".join(r.skill for r in fitting)
            return self.at(
                i,
                "nrp",
                t(
                    "say which head: give 'skill:' (the officer fits {what} at {post})",
                    what=what,
                    post=pin.post,
                ),
            )
        held = [r for r in heads.values() if r.skill in person.skills and not r.leads]
        leads = [r for r in heads.values() if r.leads]
        return (fitting or held or leads or list(heads.values()))[0]

    def room(self, i: int, pin: Pin, role: Role) -> list[Problem]:
        """No more pins on a head than it has heads."""
        assert self.heads is not None
        room = self.heads.get(_post_key(pin), {})[role.skill][1]
        head = (pin.date, pin.shift, pin.site, pin.post, role.skill)
        if (pin.nrp, pin.date, pin.shift) in self.placed:
            return []  # the same officer twice in one shift: told by `schedule`
        if len(self.taken[head]) < room:
            self.taken[head].append(i)
            return []
        lines = ", ".join(str(self.doc.loc(("pins", j)).line) for j in self.taken[head])
        return [
            self.at(
                i,
                "nrp",
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
        ]

    def schedule(self, i: int, pin: Pin) -> list[Problem]:
        """The officer is not absent then, and the pins of one officer keep the schedule
        rules among them (each named with the line of the other pin)."""
        slot = self.slots[(pin.date, pin.shift)]
        zone = slot.start.tzinfo
        out = [
            self.broken(i, words(_absence_reason(a)))
            for _, a in self.absences
            if a.nrp == pin.nrp
            and a.start.replace(tzinfo=zone) < slot.end
            and slot.start < a.end.replace(tzinfo=zone)
        ]
        key = (pin.nrp, pin.date, pin.shift)
        if key in self.placed:
            line = self.doc.loc(("pins", self.placed[key])).line
            message = t(
                "pin breaks a rule: the officer is already pinned in this shift (line {line})",
                line=line,
            )
            return [*out, self.at(i, "nrp", message)]
        self.placed[key] = i
        mine = self.worked[pin.nrp]
        for found in every_reason(self.rules, [s for _, s in mine], slot):
            out.append(self.broken(i, _with_line(found, mine, self.doc)))
        mine.append((i, slot))
        return out


def _post_key(pin: Pin) -> PostKey:
    return (pin.date, pin.shift, pin.site, pin.post)


def _absence_reason(absence: Absence) -> Reason:
    return reason(Code.ABSENT, why=absence.reason, until=absence.end)


def _with_line(found: Reason, mine: list[tuple[int, Slot]], doc: Document) -> Msg:
    """The reason in words, with the line of the pin it names, if it names one."""
    other = found.facts.get("other")
    lines = [doc.loc(("pins", j)).line for j, s in mine if s == other]
    if not lines:
        return words(found)
    return t("{why} (the pin of line {line})", why=words(found), line=lines[0])
