"""Plan and templates to the checklist: what must be done, by whom, by when.

Owners are resolved through the plan to named officers where it has them (the shift's site
commander, the post's commander, the escort's leader), through the roster for a unit head, and
fall back to the unit otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sinjai_ops.i18n import LANGS, N_, say
from sinjai_ops.models.arrivals import Candidate, Visit
from sinjai_ops.models.checklist import (
    PLACEHOLDERS,
    Checklist,
    Item,
    ItemOwner,
    Template,
)
from sinjai_ops.models.plan import COMMAND, RESERVE_POST, Assignment, Demand, Plan, Slot
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario

_NONE = N_("none")
_NO_TIES = N_("none declared yet")
_NO_ARRIVALS = N_("no candidate arrives")
_SHORT = N_(" WARNING: {where} is short of {missing} ({skills}); see the BKO request.")
_OFF_DUTY = N_(" At {time} {owner} is off duty ({shift} shift); called in by {caller}.")
_OFF_DUTY_NOBODY = N_(" At {time} {owner} is off duty ({shift} shift); call them in early.")
_RESERVE = N_("the reserve at {site} ({filled} officers) is ready to move")
_RESERVE_SHORT = N_(
    "the reserve at {site} holds only {filled} of {needed}: not fully ready, see the BKO"
)
_PURPOSE = {"skck": N_("SKCK"), "registration": N_("registration"), "other": N_("visit")}
_RISK = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}


def _both(text: str, **values: object) -> dict[str, str]:
    """A text of a checklist item in every language (the views choose one)."""
    return {lang: say(lang, text, **values) for lang in LANGS}


@dataclass(frozen=True)
class _Occasion:
    """One moment a template applies to, with what its text and owner need to know."""

    due: datetime
    site: str | None
    source: str
    facts: dict[str, str | dict[str, str]]
    slot: Slot | None = None
    post: str | None = None
    visit: tuple[Candidate, Visit] | None = None


class _Context:
    def __init__(self, scenario: Scenario, demand: Demand, plan: Plan) -> None:
        self.scenario = scenario
        self.demand = demand
        self.plan = plan
        self.zone = ZoneInfo(scenario.operation.operation.timezone)
        self.people = {p.nrp: p for p in scenario.roster.personnel}
        self.ranks = scenario.policy.ranks
        self.site_names = {s.id: s.name for s in scenario.operation.sites}
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
        self.at_site: dict[tuple[date, str, str], list[str]] = defaultdict(list)
        for a in plan.assignments:
            self.at_post[(a.date, a.shift, a.post)].append(a)
            self.at_site[(a.date, a.shift, a.site)].append(a.nrp)
            if a.post.startswith("visit:"):
                self.on_visit[a.post].append(a)

    def at(self, day: date, clock: time | None) -> datetime:
        return datetime.combine(day, clock or time(0), tzinfo=self.zone)

    def senior(self, nrps: list[str]) -> Person | None:
        people = [self.people[n] for n in nrps if n in self.people]
        if not people:
            return None
        return min(people, key=lambda p: (-self.ranks.index(p.rank), p.nrp))

    def owner(self, template: Template, occasion: _Occasion) -> ItemOwner:
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
            person = self.senior(
                [
                    a.nrp
                    for a in self.on_visit.get(f"visit:{candidate.id}", [])
                    if a.skill == skill and a.date in (visit.date, visit.date - timedelta(days=1))
                ]
            )
        if person is None:
            return ItemOwner(role=role, unit=unit)
        return ItemOwner(
            role=role, name=person.name, nrp=person.nrp, rank=person.rank, unit=person.unit
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
        return _both(table, site=site, filled=filled, needed=filled + missing)

    def short_note(self, occasion: _Occasion) -> dict[str, str]:
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
            occasion.post
            if occasion.post
            else f"{self.site_names.get(occasion.site, occasion.site)} ({slot.shift})"
        )
        skills = ", ".join(sorted({s.skill for s in short}))
        missing = sum(s.missing for s in short)
        return _both(_SHORT, where=where, missing=missing, skills=skills)

    def on_duty_note(self, occasion: _Occasion, owner: ItemOwner) -> dict[str, str]:
        """An item a shift's officer owns but that falls due outside that shift: who on duty
        then calls them in (the senior officer at the site), or that they must come early."""
        slot = occasion.slot
        if slot is None or owner.nrp is None or slot.start <= occasion.due < slot.end:
            return {}
        if occasion.post is None:
            return {}  # a roll call before a shift is how that shift's duty begins
        then = self.slot_at(occasion.due)
        caller = None
        if then is not None and occasion.site is not None:
            caller = self.senior(self.at_site.get((then.date, then.shift, occasion.site), []))
        who = f"{owner.rank} {owner.name} ({owner.nrp})"
        time_text = f"{occasion.due:%H:%M}"
        if caller is None:
            return _both(_OFF_DUTY_NOBODY, time=time_text, owner=who, shift=slot.shift)
        calls = f"{caller.rank} {caller.name} ({caller.nrp})"
        return _both(_OFF_DUTY, time=time_text, owner=who, shift=slot.shift, caller=calls)

    def stale_drills(self, day: date) -> list[str]:
        policy = self.scenario.policy
        skill = policy.visits.crowd.skill
        max_age = policy.drills.max_age_days.get(skill)
        return [
            f"{p.rank} {p.name} ({p.nrp})"
            for p in self.scenario.roster.personnel
            if p.assignable and skill in p.skills and not p.qualified(skill, day, max_age)
        ]


def _candidate_label(candidate: Candidate) -> str:
    who = " - ".join(candidate.names)
    return f"Paslon {candidate.number} ({who})" if candidate.number is not None else who


def _visit_facts(
    ctx: _Context, candidate: Candidate, visit: Visit
) -> dict[str, str | dict[str, str]]:
    label = _candidate_label(candidate)
    return {
        "reserve": ctx.reserve_state(visit),
        "candidate": label,
        "site": visit.site,
        "site_name": ctx.site_names.get(visit.site, visit.site),
        "purpose": _both(_PURPOSE[visit.purpose]),
        "time": f"{visit.arrive:%H:%M}",
        "date": visit.date.isoformat(),
        "supporters": str(visit.supporters),
        "vehicles": str(visit.vehicles),
        "risk": _both(_RISK[candidate.risk]),
    }


def _occasions(ctx: _Context, template: Template) -> Iterator[_Occasion]:
    anchor = template.anchor
    op = ctx.scenario.operation
    if anchor.kind == "operation":
        ties = [
            f"{p.rank} {p.name} ({p.nrp}): {', '.join(p.ties)}"
            for p in ctx.scenario.roster.personnel
            if p.ties
        ]
        yield _Occasion(
            ctx.at(op.operation.start - timedelta(days=anchor.days), anchor.at),
            None,
            f"operation starts {op.operation.start}",
            {"ties": "; ".join(ties) if ties else _both(_NO_TIES)},
        )
    elif anchor.kind == "first-visit":
        visits = [
            v
            for c in ctx.scenario.arrivals.candidates
            for v in c.visits
            if anchor.purpose is None or v.purpose in anchor.purpose
        ]
        if visits:
            first = min(v.date for v in visits)
            officers = ctx.stale_drills(first)
            yield _Occasion(
                ctx.at(first - timedelta(days=anchor.days), anchor.at),
                None,
                f"first {'/'.join(anchor.purpose or ['any'])} visit {first}",
                {"officers": "; ".join(officers) if officers else _both(_NONE)},
            )
    elif anchor.kind == "day":
        for day in ctx.days:
            yield _Occasion(ctx.at(day, anchor.at), None, f"day {day}", {"date": day.isoformat()})
    elif anchor.kind == "shift":
        for c in ctx.plan.commanders:
            slot = ctx.slots[(c.date, c.shift)]
            arriving = [
                f"{_candidate_label(cand)} {visit.arrive:%H:%M}"
                for cand in ctx.scenario.arrivals.candidates
                for visit in cand.visits
                if visit.site == c.site
                and slot.start
                <= datetime.combine(visit.date, visit.arrive, tzinfo=ctx.zone)
                < slot.end
            ]
            yield _Occasion(
                slot.start - timedelta(minutes=anchor.minutes),
                c.site,
                f"shift {c.date} {c.shift} at {c.site}",
                {
                    "shift": c.shift,
                    "site": c.site,
                    "site_name": ctx.site_names.get(c.site, c.site),
                    "date": c.date.isoformat(),
                    "arrivals": "; ".join(arriving) if arriving else _both(_NO_ARRIVALS),
                },
                slot=slot,
            )
    elif anchor.kind == "post-opens":
        for site in op.sites:
            for post in site.posts:
                if anchor.post is not None and post.id != anchor.post:
                    continue
                if anchor.ring is not None and post.ring != anchor.ring:
                    continue
                for day in ctx.days:
                    opening = next(
                        (
                            s
                            for s in ctx.demand.slots
                            if s.date == day and post.active(day, s.shift)
                        ),
                        None,
                    )
                    if opening is None:
                        continue
                    yield _Occasion(
                        opening.start - timedelta(minutes=anchor.minutes),
                        site.id,
                        f"post {post.id} opens {day} {opening.shift}",
                        {
                            "post": post.id,
                            "site": site.id,
                            "site_name": site.name,
                            "date": day.isoformat(),
                            "shift": opening.shift,
                        },
                        slot=opening,
                        post=post.id,
                    )
    elif anchor.kind == "visit":
        for candidate in ctx.scenario.arrivals.candidates:
            for visit in candidate.visits:
                if anchor.purpose is not None and visit.purpose not in anchor.purpose:
                    continue
                arrive = datetime.combine(visit.date, visit.arrive, tzinfo=ctx.zone)
                yield _Occasion(
                    arrive - timedelta(minutes=anchor.minutes),
                    visit.site,
                    f"visit {candidate.id} {visit.purpose} {visit.site} {visit.date} "
                    f"{visit.arrive:%H:%M}",
                    _visit_facts(ctx, candidate, visit),
                    visit=(candidate, visit),
                )
    elif anchor.kind == "conflict":
        for conflict in ctx.plan.conflicts:
            yield _Occasion(
                ctx.at(conflict.date - timedelta(days=anchor.days), anchor.at),
                conflict.site,
                f"rival conflict {' x '.join(conflict.candidates)} {conflict.site} {conflict.date}",
                {
                    "candidates": " & ".join(conflict.candidates),
                    "site": conflict.site,
                    "site_name": ctx.site_names.get(conflict.site, conflict.site),
                    "date": conflict.date.isoformat(),
                },
            )
    elif anchor.kind == "shortfall":
        lines = ctx.plan.reinforcements
        if lines:
            first = min(r.date for r in lines)
            lead = max(anchor.days, ctx.scenario.policy.bko.lead_days)
            texts = {
                lang: "; ".join(
                    f"{r.date.isoformat()} {r.shift} {ctx.site_names.get(r.site, r.site)} "
                    f"{r.skill} {r.missing}"
                    for r in lines
                )
                for lang in LANGS
            }
            skills = sorted({r.skill for r in lines})
            yield _Occasion(
                ctx.at(first - timedelta(days=lead), anchor.at),
                None,
                f"BKO request: {len(lines)} lines from {first}",
                {
                    "date": first.isoformat(),
                    "lines": texts,
                    "skill": ", ".join(skills),
                    "missing": str(sum(r.missing for r in lines)),
                },
            )


def _holds(ctx: _Context, template: Template, occasion: _Occasion) -> bool:
    when = template.when
    if occasion.visit is not None:
        candidate, visit = occasion.visit
        if when.risk is not None and candidate.risk not in when.risk:
            return False
        if when.min_supporters is not None and visit.supporters < when.min_supporters:
            return False
        if when.min_vehicles is not None and visit.vehicles < when.min_vehicles:
            return False
        if when.rival_conflict is not None:
            meets = any(
                candidate.id in c.candidates and c.site == visit.site and c.date == visit.date
                for c in ctx.plan.conflicts
            )
            if meets != when.rival_conflict:
                return False
    if when.shortfall is not None:
        day = occasion.due.date()
        short = any(
            s.date == day and (occasion.site is None or s.site == occasion.site)
            for s in ctx.plan.shortfalls
        )
        if short != when.shortfall:
            return False
    return True


def _texts(template: Template, facts: dict[str, str | dict[str, str]]) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        values = {k: (v[lang] if isinstance(v, dict) else v) for k, v in facts.items()}
        values = {name: values.get(name, "-") for name in PLACEHOLDERS} | values
        out[lang] = getattr(template.text, lang).format(**values)
    return out


def make_checklist(
    scenario: Scenario, demand: Demand, plan: Plan, templates: list[Template]
) -> Checklist:
    ctx = _Context(scenario, demand, plan)
    keyed = []
    for order, template in enumerate(templates):
        for occasion in _occasions(ctx, template):
            if not _holds(ctx, template, occasion):
                continue
            owner = ctx.owner(template, occasion)
            text = _texts(template, occasion.facts)
            notes = [ctx.short_note(occasion), ctx.on_duty_note(occasion, owner)]
            text = {
                lang: body + "".join(n.get(lang, "") for n in notes) for lang, body in text.items()
            }
            item = Item(
                due=occasion.due,
                template=template.id,
                site=occasion.site,
                owner=owner,
                text=text,
                source=occasion.source,
            )
            keyed.append(((item.due.timestamp(), order, item.site or "", item.source), item))
    keyed.sort(key=lambda pair: pair[0])
    return Checklist(
        operation=scenario.operation.operation.name,
        language=scenario.operation.operation.language,
        items=[item for _, item in keyed],
    )
