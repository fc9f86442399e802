"""The anchors of checklist templates: for each kind of anchor, the moments a template applies
to (its occasions), with what its text needs to know.

`ANCHORS` maps every `AnchorKind` to the one function that lists its occasions; it is the only
place a kind is registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from sinjai_ops.checklist_context import Context, Occasion, both
from sinjai_ops.checklist_voting import (
    TpsBkoLine,
    tps_bko_lines,
    voting_once,
    voting_per_kecamatan,
)
from sinjai_ops.i18n import LANGS, N_, say
from sinjai_ops.models.arrivals import Candidate, Visit
from sinjai_ops.models.checklist import Anchor, AnchorKind, Template
from sinjai_ops.models.common import end_clock
from sinjai_ops.models.drills import said
from sinjai_ops.models.operation import Post
from sinjai_ops.models.voting import ANY_SKILL
from sinjai_ops.render.labels import skill_label
from sinjai_ops.render.plan_names import head_label, platoon, post_name

_NONE = N_("none")
_NO_TIES = N_("none declared yet")
_NO_ARRIVALS = N_("no candidate arrives")
_EVENT_OPENS = N_("{post} opens")
_EVENT_SHIFT = N_("the {shift} shift starts")
_EVENT_ARRIVES = N_("{candidate} arrives")
_SOURCE_OPERATION = N_("the operation starts on {date}")
_SOURCE_FIRST = N_("the first {purpose} visit, on {date}")
_SOURCE_FIRST_ANY = N_("the first visit, on {date}")
_SOURCE_DAY = N_("day {date}")
_SOURCE_SHIFT = N_("{shift} shift of {date} at {site}")
_SOURCE_POST = N_("{post} opens on {date}, {shift} shift")
_SOURCE_VISIT = N_("{purpose} visit of {candidate} to {site} on {date} at {time}")
_SOURCE_CONFLICT = N_("rivals {candidates} at {site} on {date}")
_SOURCE_BKO = N_("BKO request: {n} lines from {date}")
_BKO_LINE = N_("{date} {shift} shift at {site}, {post}: {skill} {missing}")
_SOURCE_SESSION = N_("drill session {session} on {date} at {time}")
_SOURCE_JOINT = N_("joint exercise {exercise} on {date} at {time}")
_NO_INSTRUCTOR = N_("nobody yet: {reason}")
_PURPOSE = {"skck": N_("SKCK"), "registration": N_("registration"), "other": N_("visit")}
_RISK = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}


def _visit_facts(
    ctx: Context, candidate: Candidate, visit: Visit
) -> dict[str, str | dict[str, str]]:
    return {
        "reserve": ctx.reserve_state(visit),
        "candidate": ctx.candidate_name(candidate.id),
        "site": visit.site,
        "site_name": ctx.site_names.get(visit.site, visit.site),
        "purpose": both(_PURPOSE[visit.purpose]),
        "time": f"{visit.arrive:%H:%M}",
        "date": visit.date.isoformat(),
        "supporters": str(visit.supporters),
        "vehicles": str(visit.vehicles),
        "risk": both(_RISK[candidate.risk]),
    }


def _operation(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """Once, `days` before the operation starts: the ties officers declared to candidates."""
    op = ctx.scenario.operation.operation
    ties = [
        f"{p.rank} {p.name} ({p.nrp}): {', '.join(ctx.candidate_name(c) for c in p.ties)}"
        for p in ctx.scenario.roster.personnel
        if p.ties
    ]
    yield Occasion(
        ctx.at(op.start - timedelta(days=anchor.days), anchor.at),
        None,
        both(_SOURCE_OPERATION, date=op.start),
        {"ties": "; ".join(ties) if ties else both(_NO_TIES)},
    )


def _first_visit(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """Once, `days` before the first visit of `purpose` (if any): whose drills are stale then."""
    visits = [
        v
        for c in ctx.scenario.arrivals.candidates
        for v in c.visits
        if anchor.purpose is None or v.purpose in anchor.purpose
    ]
    if not visits:
        return
    first = min(v.date for v in visits)
    officers = ctx.stale_drills(first)
    if anchor.purpose is None:
        source = both(_SOURCE_FIRST_ANY, date=first)
    else:
        purposes = anchor.purpose
        source = {
            lang: say(
                lang,
                _SOURCE_FIRST,
                date=first,
                purpose="/".join(say(lang, _PURPOSE[p]) for p in purposes),
            )
            for lang in LANGS
        }
    yield Occasion(
        ctx.at(first - timedelta(days=anchor.days), anchor.at),
        None,
        source,
        {"officers": "; ".join(officers) if officers else both(_NONE)},
    )


def _day(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """Every day of the operation, `at` a time."""
    for day in ctx.days:
        yield Occasion(
            ctx.at(day, anchor.at),
            None,
            both(_SOURCE_DAY, date=day),
            {"date": day.isoformat()},
        )


def _shift(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """Every shift at every site with a commander, `minutes` before it starts: who arrives."""
    for c in ctx.plan.commanders:
        slot = ctx.slots[(c.date, c.shift)]
        arriving = [
            f"{ctx.candidate_name(cand.id)} {visit.arrive:%H:%M}"
            for cand in ctx.scenario.arrivals.candidates
            for visit in cand.visits
            if visit.site == c.site
            and slot.start <= datetime.combine(visit.date, visit.arrive, tzinfo=ctx.zone) < slot.end
        ]
        site_name = ctx.site_names.get(c.site, c.site)
        yield Occasion(
            slot.start - timedelta(minutes=anchor.minutes),
            c.site,
            both(_SOURCE_SHIFT, shift=c.shift, date=c.date, site=site_name),
            {
                "shift": c.shift,
                "site": c.site,
                "site_name": site_name,
                "date": c.date.isoformat(),
                "arrivals": "; ".join(arriving) if arriving else both(_NO_ARRIVALS),
            },
            slot=slot,
            before=(slot.start, both(_EVENT_SHIFT, shift=c.shift)),
        )


def _post_opens(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """Every day, `minutes` before the first shift of each post of `ring` (or `post`)."""
    for site in ctx.scenario.operation.sites:
        for post in site.posts:
            if anchor.post is not None and post.id != anchor.post:
                continue
            if anchor.ring is not None and post.ring != anchor.ring:
                continue
            for day in ctx.days:
                opening = next(
                    (s for s in ctx.demand.slots if s.date == day and post.active(day, s.shift)),
                    None,
                )
                if opening is None:
                    continue
                name = ctx.post_name(post.id)
                yield Occasion(
                    opening.start - timedelta(minutes=anchor.minutes),
                    site.id,
                    both(_SOURCE_POST, post=name, date=day, shift=opening.shift),
                    {
                        "post": name,
                        "site": site.id,
                        "site_name": site.name,
                        "date": day.isoformat(),
                        "shift": opening.shift,
                        "support": _support(post, opening.shift),
                    },
                    slot=opening,
                    post=post.id,
                    before=(opening.start, both(_EVENT_OPENS, post=name)),
                )


def _visit(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """`minutes` before each visit of `purpose` arrives."""
    for candidate in ctx.scenario.arrivals.candidates:
        for visit in candidate.visits:
            if anchor.purpose is not None and visit.purpose not in anchor.purpose:
                continue
            arrive = datetime.combine(visit.date, visit.arrive, tzinfo=ctx.zone)
            who = ctx.candidate_name(candidate.id)
            source = {
                lang: say(
                    lang,
                    _SOURCE_VISIT,
                    purpose=say(lang, _PURPOSE[visit.purpose]),
                    candidate=who,
                    site=ctx.site_names.get(visit.site, visit.site),
                    date=visit.date,
                    time=f"{visit.arrive:%H:%M}",
                )
                for lang in LANGS
            }
            yield Occasion(
                arrive - timedelta(minutes=anchor.minutes),
                visit.site,
                source,
                _visit_facts(ctx, candidate, visit),
                visit=(candidate, visit),
                before=(arrive, both(_EVENT_ARRIVES, candidate=who)),
            )


def _conflict(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """`days` before each rival conflict the plan found, `at` a time."""
    for conflict in ctx.plan.conflicts:
        pair = " & ".join(ctx.candidate_name(c) for c in conflict.candidates)
        site_name = ctx.site_names.get(conflict.site, conflict.site)
        yield Occasion(
            ctx.at(conflict.date - timedelta(days=anchor.days), anchor.at),
            conflict.site,
            both(_SOURCE_CONFLICT, candidates=pair, site=site_name, date=conflict.date),
            {
                "candidates": pair,
                "site": conflict.site,
                "site_name": site_name,
                "date": conflict.date.isoformat(),
            },
        )


def _shortfall(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """Once for the whole BKO request (if any), its lead time before the first short shift:
    the posts' lines, then the voting day's TPS officers and Padal per kecamatan."""
    lines = ctx.plan.reinforcements
    tps = tps_bko_lines(ctx)
    if not lines and not tps:
        return
    first = min([r.date for r in lines] + [x.date for x in tps])
    lead = max(anchor.days, ctx.scenario.policy.bko.lead_days)
    texts = {
        lang: "; ".join(
            [
                say(
                    lang,
                    _BKO_LINE,
                    date=r.date,
                    shift=r.shift,
                    site=ctx.site_names.get(r.site, r.site),
                    post=post_name(ctx.plan, r.post, lang),
                    skill=head_label(
                        lang, r.post, r.skill, platoon(ctx.plan, r.date, r.site, r.post)
                    ),
                    missing=r.missing,
                )
                for r in lines
            ]
            + [x.text[lang] for x in tps]
        )
        for lang in LANGS
    }
    skills = {
        lang: ", ".join(sorted({skill_label(lang, r.skill) for r in lines} | _any(lang, tps)))
        for lang in LANGS
    }
    yield Occasion(
        ctx.at(first - timedelta(days=lead), anchor.at),
        None,
        both(_SOURCE_BKO, n=len(lines) + len(tps), date=first),
        {
            "date": first.isoformat(),
            "lines": texts,
            "skill": skills,
            "missing": str(sum(r.missing for r in lines) + sum(x.missing for x in tps)),
        },
    )


def _any(lang: str, tps: list[TpsBkoLine]) -> set[str]:
    """A TPS head or a Padal takes an officer of any skill."""
    return {skill_label(lang, ANY_SKILL)} if tps else set()


def _support(post: Post, shift: str) -> str:
    """The other agencies beside the post in its first shift of the day, for the coordination
    item: `TNI (2), Satpol PP (2)`; `-` without any."""
    return (post.support.at(shift).text(brackets=True) if post.support else "") or "-"


def _drill_session(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """`minutes` before each session of the drill schedule: who drills, led by whom."""
    schedule = ctx.drills
    for s in schedule.sessions if schedule is not None else []:
        assert schedule is not None
        when = f"{s.start:%H:%M}"
        if s.instructor is not None:
            lead: str | dict[str, str] = f"{schedule.names[s.instructor]} ({s.instructor})"
        else:
            lead = {
                lang: say(
                    lang, _NO_INSTRUCTOR, reason=said(s.reason_msg, s.instructor_reason, lang)
                )
                for lang in LANGS
            }
        yield Occasion(
            s.start - timedelta(minutes=anchor.minutes),
            s.site,
            both(_SOURCE_SESSION, session=s.id, date=s.date, time=when),
            {
                "session": s.id,
                "date": s.date.isoformat(),
                "time": f"{when}-{end_clock(s.end)}",
                "site": s.site,
                "site_name": s.site_name,
                "skill": s.skill,
                "instructor": lead,
                "officers": "; ".join(f"{schedule.names[n]} ({n})" for n in s.attendees),
            },
        )


def _joint_exercise(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """`days` before the joint exercise (Sispamkota), `at` a time (else when it starts)."""
    section = ctx.scenario.operation.drill_schedule
    joint = section.joint_exercise if section is not None else None
    if joint is None:
        return
    when = f"{joint.start:%H:%M}"
    yield Occasion(
        ctx.at(joint.date - timedelta(days=anchor.days), anchor.at or joint.start),
        joint.site,
        both(_SOURCE_JOINT, exercise=joint.name, date=joint.date, time=when),
        {
            "exercise": joint.name,
            "date": joint.date.isoformat(),
            "time": f"{when}-{end_clock(joint.end)}",
            "site": joint.site,
            "site_name": ctx.site_names.get(joint.site, joint.site),
            "units": joint.units.text() or "-",
        },
    )


ANCHORS: dict[AnchorKind, Callable[[Context, Anchor], Iterator[Occasion]]] = {
    "operation": _operation,
    "first-visit": _first_visit,
    "day": _day,
    "shift": _shift,
    "post-opens": _post_opens,
    "visit": _visit,
    "conflict": _conflict,
    "shortfall": _shortfall,
    "drill-session": _drill_session,
    "joint-exercise": _joint_exercise,
    "voting": voting_once,
    "voting-kecamatan": voting_per_kecamatan,
}
"""Each kind of anchor and the function that lists its occasions."""


def occasions(ctx: Context, template: Template) -> Iterator[Occasion]:
    """The moments a template applies to, by its anchor's kind."""
    return ANCHORS[template.anchor.kind](ctx, template.anchor)
