"""Plan and templates to the checklist: what must be done, by whom, by when.

Owners are resolved through the plan to named officers where it has them (the shift's site
commander, the post's commander, the escort's leader), through the roster for a unit head, and
fall back to the unit otherwise.

The checklist never contradicts the plan and never changes it. An item falls due in a shift in
which those who do it stand (the owner a shift of the plan names, the team a template names in
`by`); when that is after the moment it was meant to precede, or the plan has nobody for it, the
item says so (`warning`). An owner whom the plan has off duty when an item falls due is called
in by the post's (or site's) commander on duty, or else by the operation's commander, whichever
is not junior to them; nobody junior ever calls in a senior.
"""

from __future__ import annotations

from sinjai_ops.checklist_anchors import occasions
from sinjai_ops.checklist_context import Context, Occasion
from sinjai_ops.i18n import LANGS
from sinjai_ops.models.checklist import (
    PLACEHOLDERS,
    Checklist,
    Item,
    Template,
    roll_call_lead,
)
from sinjai_ops.models.drills import DrillPlan
from sinjai_ops.models.plan import Demand, Plan
from sinjai_ops.models.scenario import Scenario


def _holds(ctx: Context, template: Template, occasion: Occasion) -> bool:
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
    if when.support is not None:
        helped = occasion.post is not None and occasion.post in ctx.plan.names.support
        if helped != when.support:
            return False

    scheduled = ctx.scenario.operation.drill_schedule is not None
    if when.drill_schedule is not None and when.drill_schedule != scheduled:
        return False
    if when.visits is not None:
        visits = any(c.visits for c in ctx.scenario.arrivals.candidates)
        if visits != when.visits:
            return False
    if when.island_tps is not None and _has_island(ctx, occasion) != when.island_tps:
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


def _has_island(ctx: Context, occasion: Occasion) -> bool:
    """A TPS of the list is reached by boat: in the occasion's kecamatan, if it has one."""
    kecamatan = occasion.facts.get("kecamatan")
    return any(t.island and kecamatan in (None, t.kecamatan) for t in ctx.scenario.tps)


def _texts(template: Template, facts: dict[str, str | dict[str, str]]) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        values = {k: (v[lang] if isinstance(v, dict) else v) for k, v in facts.items()}
        values = {name: values.get(name, "-") for name in PLACEHOLDERS} | values
        out[lang] = getattr(template.text, lang).format(**values)
    return out


def make_checklist(
    scenario: Scenario,
    demand: Demand,
    plan: Plan,
    templates: list[Template],
    drills: DrillPlan | None = None,
) -> Checklist:
    """`drills`: the drill schedule, where the operation has a `drill_schedule:`."""
    ctx = Context(scenario, demand, plan, roll_call_lead(templates), drills)
    keyed = []
    for order, template in enumerate(templates):
        for occasion in occasions(ctx, template):
            if not _holds(ctx, template, occasion):
                continue
            owner = ctx.owner(template, occasion)
            due, warning = ctx.place(template, occasion, owner)
            called, caller = ctx.call_note(occasion, owner, due)
            notes = [ctx.short_note(occasion), called, warning or {}]
            text = {
                lang: body + "".join(n.get(lang, "") for n in notes)
                for lang, body in _texts(template, occasion.facts).items()
            }
            item = Item(
                due=due,
                template=template.id,
                site=occasion.site,
                site_name=ctx.site_names.get(occasion.site) if occasion.site else None,
                owner=owner,
                called_by=caller,
                text=text,
                source=occasion.source,
                warning={lang: w.strip() for lang, w in warning.items()} if warning else None,
            )
            keyed.append(((item.due.timestamp(), order, item.site or "", item.source["en"]), item))
    keyed.sort(key=lambda pair: pair[0])
    return Checklist(
        operation=scenario.operation.operation.name,
        language=scenario.operation.operation.language,
        items=[item for _, item in keyed],
    )
