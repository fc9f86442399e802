"""The plan indexed for the checklist: who owns an item, when it falls due, who calls its owner
in, and the notes an item carries (a post short of heads, an owner off duty, a late team).

Owners are resolved through the plan to named officers where it has them (the shift's site
commander, the post's commander, the escort's leader), through the roster for a unit head, and
fall back to the unit otherwise. An owner whom the plan has off duty when an item falls due is
called in by the post's (or site's) commander on duty, or else by the operation's commander,
whichever is not junior to them; nobody junior ever calls in a senior.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sinjai_ops.i18n import LANGS, N_, say
from sinjai_ops.models.arrivals import Candidate, Visit
from sinjai_ops.models.checklist import Doers, ItemOwner, OwnerRole, Template
from sinjai_ops.models.drills import DrillPlan
from sinjai_ops.models.plan import COMMAND, RESERVE_POST, Assignment, Demand, Plan, Slot
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.names import names_for_people

_SHORT = N_(" WARNING: {where} is short of {missing} ({skills}); see the BKO request.")
_CALLED_IN = N_(" At {time} {owner} is off duty in the plan; {caller} calls them in.")
_COMES_IN = N_(
    " At {time} {owner} is off duty in the plan and nobody on duty then is of their rank or"
    " above: they come in for it."
)
_LATE = N_(
    " LATE: the plan has {doers} on duty here only from {time}, not before {event} at"
    " {event_time}; plot them in an earlier shift."
)
_NOBODY = N_(
    " WARNING: the plan does not put {doers} at {site} on {date}; plot them there or ask for BKO."
)
_TEAM = N_("the officers of {posts}")
_ON_DUTY_ROLES = ("site-commander", "post-commander", "escort-leader")
"""Owners whom the plan names for a shift: their items fall due in that shift."""
_RESERVE = N_("the reserve at {site} ({filled} officers) is ready to move")
_RESERVE_SHORT = N_(
    "the reserve at {site} holds only {filled} of {needed}: not fully ready, see the BKO"
)


def both(text: str, **values: object) -> dict[str, str]:
    """A text of a checklist item in every language (the views choose one)."""
    return {lang: say(lang, text, **values) for lang in LANGS}


@dataclass(frozen=True)
class Occasion:
    """One moment a template applies to, with what its text and owner need to know."""

    due: datetime
    """When the template wants it; the item may fall due later (see `Context.place`)."""
    site: str | None
    source: dict[str, str]
    facts: dict[str, str | dict[str, str]]
    slot: Slot | None = None
    post: str | None = None
    visit: tuple[Candidate, Visit] | None = None
    before: tuple[datetime, dict[str, str]] | None = None
    """The moment the item is meant to precede, and what happens then, by language."""


class Context:
    def __init__(
        self,
        scenario: Scenario,
        demand: Demand,
        plan: Plan,
        muster: timedelta = timedelta(0),
        drills: DrillPlan | None = None,
    ) -> None:
        self.scenario = scenario
        self.drills = drills
        """The drill schedule, where the operation has a `drill_schedule:`."""
        self.muster = muster
        """How long before its shift an officer reports for the roll call (apel): on duty from
        then."""
        self.demand = demand
        self.plan = plan
        self.zone = ZoneInfo(scenario.operation.operation.timezone)
        self.people = {p.nrp: p for p in scenario.roster.personnel}
        self.ranks = scenario.policy.ranks
        self.names = names_for_people(scenario)
        self.site_names = self.names.sites
        self.karendal = self.people.get(scenario.operation.operation.commander)
        self.slots = {(s.date, s.shift): s for s in demand.slots}
        self.days = sorted({s.date for s in demand.slots})
        # Indexes, so that an owner is found without scanning the plan for every item.
        self.units: dict[str, list[str]] = defaultdict(list)
        for p in scenario.roster.personnel:
            self.units[p.unit].append(p.nrp)
        self.leaders: dict[tuple[date, str, str | None], list[str]] = defaultdict(list)
        for c in plan.commanders:
            self.leaders[(c.date, c.shift, c.site)].append(c.nrp)
        self.at_post: dict[tuple[date, str, str | None], list[Assignment]] = defaultdict(list)
        self.on_visit: dict[str, list[Assignment]] = defaultdict(list)
        self.in_slot: dict[tuple[date, str], list[Assignment]] = defaultdict(list)
        self.duty: dict[str, list[Slot]] = defaultdict(list)
        for a in plan.assignments:
            self.at_post[(a.date, a.shift, a.post)].append(a)
            self.in_slot[(a.date, a.shift)].append(a)
            self.duty[a.nrp].append(self.slots[(a.date, a.shift)])
            if a.post.startswith("visit:"):
                self.on_visit[a.post].append(a)

    def at(self, day: date, clock: time | None) -> datetime:
        return datetime.combine(day, clock or time(0), tzinfo=self.zone)

    def senior(self, nrps: list[str]) -> Person | None:
        people = [self.people[n] for n in nrps if n in self.people]
        if not people:
            return None
        return min(people, key=lambda p: (-self.ranks.index(p.rank), p.nrp))

    def owner(self, template: Template, occasion: Occasion) -> ItemOwner:
        role, unit = template.owner.role, template.owner.unit
        person: Person | None = None
        if role == "operation-commander":
            person = self.people.get(self.scenario.operation.operation.commander)
        elif role == "unit-head" and unit is not None:
            person = self.senior(self.units.get(unit, []))
        elif role in ("operation-role", "task-force-head") and unit is not None:
            structure = self.scenario.operation.structure
            if structure is not None and role == "operation-role":
                holder = next((r.nrp for r in structure.roles if r.role == unit), None)
                person = self.people.get(holder or "")
            elif structure is not None:
                force = next((f for f in structure.task_forces if f.id == unit), None)
                person = self.people.get(force.head or "") if force else None
        elif role == "site-commander" and occasion.slot is not None:
            slot = occasion.slot
            person = self.senior(self.leaders.get((slot.date, slot.shift, occasion.site), []))
        elif role == "post-commander" and occasion.slot is not None:
            here = self.at_post.get((occasion.slot.date, occasion.slot.shift, occasion.post), [])
            commanders = [a.nrp for a in here if a.skill == COMMAND]
            person = self.senior(commanders or [a.nrp for a in here])
        elif role == "escort-leader" and occasion.visit is not None:
            candidate, visit = occasion.visit
            skill = self.scenario.policy.visits.escort.skill
            escort = [
                a
                for a in self.on_visit.get(f"visit:{candidate.id}", [])
                if a.skill == skill and a.date in (visit.date, visit.date - timedelta(days=1))
            ]
            # The leader is the senior of the escort on duty when the item falls due, if any.
            then = self.slot_at(occasion.due)
            now = [a.nrp for a in escort if then and (a.date, a.shift) == (then.date, then.shift)]
            person = self.senior(now or [a.nrp for a in escort])
        if person is None:
            return ItemOwner(role=role, unit=unit)
        return ItemOwner(
            role=role, name=person.name, nrp=person.nrp, rank=person.rank, unit=person.unit
        )

    def post_name(self, post: str) -> str:
        return self.names.posts.get(post, post)

    def candidate_name(self, candidate: str) -> str:
        return self.names.candidates.get(candidate, candidate)

    def on_duty(self, nrp: str, moment: datetime) -> bool:
        return any(s.start - self.muster <= moment < s.end for s in self.duty.get(nrp, []))

    def team(self, by: Doers, site: str | None) -> list[Slot]:
        """The shifts in which the plan has the officers of `by` at the site."""
        return [
            slot
            for slot in self.demand.slots
            if any(
                (site is None or a.site == site)
                and (by.skill is None or a.skill == by.skill)
                and (by.post is None or a.post == by.post)
                for a in self.in_slot.get((slot.date, slot.shift), [])
            )
        ]

    def team_label(self, by: Doers, site: str | None, day: date) -> dict[str, str]:
        """The team as people call it: the posts they stand at (that day, else any day)."""
        posts = [
            p
            for s in self.scenario.operation.sites
            if site is None or s.id == site
            for p in s.posts
            if (by.post is None or p.id == by.post) and (by.skill is None or by.skill in p.need)
        ]
        plotted = sorted(
            {
                a.post
                for (d, _), there in self.in_slot.items()
                if d == day
                for a in there
                if (site is None or a.site == site)
                and (by.skill is None or a.skill == by.skill)
                and (by.post is None or a.post == by.post)
            }
        )
        names = [self.post_name(p) for p in plotted] or [p.name or p.id for p in posts]
        if not names:
            names = [by.post or by.skill or "-"]
        return both(_TEAM, posts=", ".join(names))

    def place(
        self, template: Template, occasion: Occasion, owner: ItemOwner
    ) -> tuple[datetime, dict[str, str] | None]:
        """When the item falls due: the first moment from the wanted one at which the plan has
        those who do it on duty (within a day), and the warning when that is too late or never.
        """
        wanted = occasion.due
        # The team does the work when a template names one (its owner, if off duty, is called
        # in); else the owner whom the plan names for a shift.
        if template.by is not None:
            duty = self.team(template.by, occasion.site)
        elif owner.nrp and owner.role in _ON_DUTY_ROLES and owner.nrp in self.duty:
            duty = self.duty[owner.nrp]
        else:
            return wanted, None
        due = _first_on_duty(duty, wanted, self.muster)
        if template.by is not None:
            doers = self.team_label(template.by, occasion.site, wanted.date())
        else:
            doers = {lang: f"{owner.rank} {owner.name} ({owner.nrp})" for lang in LANGS}
        if due is None:
            site = self.site_names.get(occasion.site or "", occasion.site or "-")
            warning = {
                lang: say(lang, _NOBODY, doers=doers[lang], site=site, date=wanted.date())
                for lang in LANGS
            }
            return wanted, warning
        if due == wanted or occasion.before is None or due < occasion.before[0]:
            return due, None
        moment, event = occasion.before
        warning = {
            lang: say(
                lang,
                _LATE,
                doers=doers[lang],
                time=f"{due:%H:%M}",
                event=event[lang],
                event_time=f"{moment:%H:%M}",
            )
            for lang in LANGS
        }
        return due, warning

    def caller(self, occasion: Occasion, owner: ItemOwner, due: datetime) -> ItemOwner | None:
        """Who calls in an owner whom the plan has off duty at `due`: the commander on duty at
        the post (or the site's roll-call leader), else the operation's commander, whichever is
        not junior to the owner."""
        then = self.slot_at(due)
        found: list[tuple[Person | None, OwnerRole]] = []
        if then is not None and occasion.post is not None:
            here = self.at_post.get((then.date, then.shift, occasion.post), [])
            commander = self.senior([a.nrp for a in here if a.skill == COMMAND])
            found.append((commander, "post-commander"))
        if then is not None and occasion.site is not None:
            leader = self.senior(self.leaders.get((then.date, then.shift, occasion.site), []))
            found.append((leader, "site-commander"))
        found.append((self.karendal, "operation-commander"))
        rank = self.ranks.index(owner.rank) if owner.rank in self.ranks else len(self.ranks)
        return next(
            (
                ItemOwner(role=role, name=p.name, nrp=p.nrp, rank=p.rank, unit=p.unit)
                for p, role in found
                if p is not None and p.nrp != owner.nrp and self.ranks.index(p.rank) >= rank
            ),
            None,
        )

    def slot_at(self, moment: datetime) -> Slot | None:
        """The shift in progress at a moment, if the operation has one then."""
        for slot in self.demand.slots:
            if slot.start <= moment < slot.end:
                return slot
        return None

    def reserve_state(self, visit: Visit) -> dict[str, str]:
        """How the reserve stands in the shift of a visit's arrival: ready, or short."""
        reserve = self.scenario.policy.reserve
        slot = self.slot_at(datetime.combine(visit.date, visit.arrive, tzinfo=self.zone))
        key = (slot.date, slot.shift) if slot else None
        filled = sum(
            1 for a in self.plan.assignments if (a.date, a.shift) == key and a.post == RESERVE_POST
        )
        missing = sum(
            s.missing
            for s in self.plan.shortfalls
            if (s.date, s.shift) == key and s.post == RESERVE_POST
        )
        site = self.site_names.get(reserve.site, reserve.site)
        table = _RESERVE_SHORT if missing or not filled else _RESERVE
        return both(table, site=site, filled=filled, needed=filled + missing)

    def short_note(self, occasion: Occasion) -> dict[str, str]:
        """A warning for an item about a post, a visit or a shift that misses heads."""
        slot = occasion.slot
        if occasion.visit is not None:
            _, visit = occasion.visit
            slot = self.slot_at(datetime.combine(visit.date, visit.arrive, tzinfo=self.zone))
        if slot is None or occasion.site is None:
            return {}
        short = [
            s
            for s in self.plan.shortfalls
            if (s.date, s.shift, s.site) == (slot.date, slot.shift, occasion.site)
            and (occasion.post is None or s.post == occasion.post)
        ]
        if not short:
            return {}
        where = (
            self.post_name(occasion.post)
            if occasion.post
            else f"{self.site_names.get(occasion.site, occasion.site)} ({slot.shift})"
        )
        skills = ", ".join(sorted({s.skill for s in short}))
        missing = sum(s.missing for s in short)
        return both(_SHORT, where=where, missing=missing, skills=skills)

    def call_note(
        self, occasion: Occasion, owner: ItemOwner, due: datetime
    ) -> tuple[dict[str, str], ItemOwner | None]:
        """For an owner the plan has on some shift but off duty when the item falls due (inside
        the operation): who calls them in, or that they come in by themselves."""
        if owner.nrp is None or owner.nrp not in self.duty or self.on_duty(owner.nrp, due):
            return {}, None
        if self.slot_at(due) is None:
            return {}, None  # before or after the plan: everyone is at their usual duty
        caller = self.caller(occasion, owner, due)
        who = f"{owner.rank} {owner.name} ({owner.nrp})"
        if caller is None:
            return both(_COMES_IN, time=f"{due:%H:%M}", owner=who), None
        calls = f"{caller.rank} {caller.name} ({caller.nrp})"
        return both(_CALLED_IN, time=f"{due:%H:%M}", owner=who, caller=calls), caller

    def stale_drills(self, day: date) -> list[str]:
        policy = self.scenario.policy
        skill = policy.visits.crowd.skill
        max_age = policy.drills.max_age_days.get(skill)
        return [
            f"{p.rank} {p.name} ({p.nrp})"
            for p in self.scenario.roster.personnel
            if p.assignable and skill in p.skills and not p.qualified(skill, day, max_age)
        ]


def _first_on_duty(duty: list[Slot], wanted: datetime, muster: timedelta) -> datetime | None:
    """The first moment from `wanted`, within a day, at which those of one of the shifts of
    `duty` are on duty (from their roll call, `muster` before the shift, to its end)."""
    horizon = wanted + timedelta(days=1)
    spans = [(s.start - muster, s.end) for s in duty]
    moments = sorted({wanted} | {start for start, _ in spans if wanted <= start < horizon})
    return next((m for m in moments if any(a <= m < b for a, b in spans)), None)
