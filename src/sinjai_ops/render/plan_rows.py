"""The plan laid out in rows, shared by the tables for people (terminal, Markdown, CSV). The
names of sites, posts and heads come from `plan_names` (and are re-exported here)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sinjai_ops.models.common import end_clock
from sinjai_ops.models.plan import COMMAND, Plan, Reinforcement
from sinjai_ops.render.labels import long_date, short_date, skill_label, word
from sinjai_ops.render.plan_changes import kept_figures
from sinjai_ops.render.plan_names import head_label as head_label
from sinjai_ops.render.plan_names import platoon
from sinjai_ops.render.plan_names import post_label as post_label
from sinjai_ops.render.plan_names import post_name as post_name
from sinjai_ops.render.plan_names import site_label as site_label
from sinjai_ops.render.plan_names import site_name as site_name
from sinjai_ops.render.plan_names import task_force as task_force
from sinjai_ops.render.plan_names import visit_or_post as visit_or_post
from sinjai_ops.render.received import joint_lines, site_unit_leaders, unit_heads_at, unit_row
from sinjai_ops.render.voting_days import tps_officers
from sinjai_ops.render.voting_rows import TPS_SHIFT, tps_duties, voting_day


@dataclass(frozen=True)
class Row:
    site: str
    post: str
    skill: str
    rank: str
    name: str
    nrp: str
    missing: int = 0


@dataclass(frozen=True)
class SlotRows:
    """The heads of one site in one shift."""

    date: date
    shift: str
    site: str
    """The site's id."""
    title: str
    leader: str | None
    """`rank name (NRP)` of who leads the site's roll call."""
    rows: list[Row]


def _person_label(plan: Plan, nrp: str) -> str:
    person = next((p for p in plan.people if p.nrp == nrp), None)
    return f"{person.rank} {person.name} ({nrp})" if person else nrp


def by_slot(plan: Plan, lang: str) -> list[SlotRows]:
    """Rows per shift, in the order of the ids (stable), shown with names."""
    people = {p.nrp: p for p in plan.people}
    keyed: dict[tuple[date, str], list[tuple[tuple[object, ...], Row]]] = defaultdict(list)

    def row(day: date, site: str, post: str, skill: str, *rest: object) -> Row:
        return Row(
            site_name(plan, site),
            post_name(plan, post, lang),
            head_label(lang, post, skill, platoon(plan, day, site, post)),
            *rest,  # type: ignore[arg-type]
        )

    for a in plan.assignments:
        p = people[a.nrp]
        order = (a.site, a.post, a.skill != COMMAND, a.skill, False, a.nrp)
        keyed[(a.date, a.shift)].append(
            (order, row(a.date, a.site, a.post, a.skill, p.rank, p.name, a.nrp))
        )
    for (day, shift, site, post, skill), units in unit_heads_at(plan).items():
        for unit, n in sorted(units.items()):
            name, remark = unit_row(plan, unit, n, lang)
            order = (site, post, skill != COMMAND, skill, False, "~" + unit)
            keyed[(day, shift)].append(
                (order, row(day, site, post, skill, "", f"{name}, {remark}", ""))
            )
    for s in plan.shortfalls:
        order = (s.site, s.post, s.skill != COMMAND, s.skill, True, "")
        keyed[(s.date, s.shift)].append(
            (order, row(s.date, s.site, s.post, s.skill, "", "", "", s.missing))
        )
    leads: dict[tuple[date, str], dict[str, str]] = defaultdict(dict)
    for c in plan.commanders:
        leads[(c.date, c.shift)][c.site] = _person_label(plan, c.nrp)
    for (day, shift, site), who in site_unit_leaders(plan).items():
        leads[(day, shift)][site] = who
    out = []
    for slot in plan.slots:
        key = (slot.date, slot.shift)
        if key not in keyed:
            continue
        ordered = sorted(keyed[key], key=lambda kv: kv[0])
        hours = f"{slot.start:%H:%M}-{end_clock(slot.end)}"
        when = f"{long_date(lang, slot.date)} - {slot.shift} ({hours})"
        sites = list(dict.fromkeys(str(order[0]) for order, _ in ordered))
        for site in sites:
            rows = [r for order, r in ordered if order[0] == site]
            title = f"{when} - {site_name(plan, site)}"
            lead = leads[key].get(site)
            out.append(SlotRows(slot.date, slot.shift, site, title, lead, rows))
    return out


@dataclass(frozen=True)
class Overview:
    """The briefing screen: heads needed, filled and missing per shift and site."""

    sites: list[str]
    """Site names, the columns."""
    rows: list[tuple[str, str, list[tuple[int, int]]]]
    """(date, shift, [(filled, missing) per site]) for every shift that needs anyone."""
    totals: list[tuple[int, int]]
    used: int
    plottable: int


def overview(plan: Plan, lang: str) -> Overview:
    counts: dict[tuple[date, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for a in plan.assignments:
        counts[(a.date, a.shift, a.site)][0] += 1
    for h in plan.unit_heads:
        counts[(h.date, h.shift, h.site)][0] += 1
    for s in plan.shortfalls:
        counts[(s.date, s.shift, s.site)][1] += s.missing
    present = {k[2] for k in counts}
    ids = [s for s in plan.names.sites if s in present]
    ids += sorted(present - set(ids))
    rows = []
    totals = [[0, 0] for _ in ids]
    for slot in plan.slots:
        cells = [tuple(counts.get((slot.date, slot.shift, site), [0, 0])) for site in ids]
        if not any(f or m for f, m in cells):
            continue
        for total, (f, m) in zip(totals, cells, strict=True):
            total[0] += f
            total[1] += m
        rows.append(
            (
                short_date(lang, slot.date),
                f"{slot.shift} {slot.start:%H:%M}-{end_clock(slot.end)}",
                [(f, m) for f, m in cells],
            )
        )
    used = len({a.nrp for a in plan.assignments} | tps_officers(plan))
    return Overview(
        [site_name(plan, s) for s in ids],
        rows,
        [(f, m) for f, m in totals],
        used,
        len(plan.plottable),
    )


def cell(filled: int, missing: int) -> str:
    """`20/20`, or `44/53 -9` where heads are missing, `-` where none are needed."""
    needed = filled + missing
    if not needed:
        return "-"  # nobody is needed at that site in that shift
    return f"{filled}/{needed}" + (f" -{missing}" if missing else "")


def key_lines(plan: Plan, lang: str) -> list[str]:
    """Officers used and idle, the BKO total, perwira as a last resort: under the overview."""
    view = overview(plan, lang)
    lines = [
        word(
            lang,
            "officers_line",
            used=view.used,
            plottable=view.plottable,
            idle=max(0, view.plottable - view.used),
        )
    ]
    missing = sum(r.missing for r in plan.reinforcements)
    if missing:
        per_skill: dict[str, int] = defaultdict(int)
        for r in plan.reinforcements:
            per_skill[r.skill] += r.missing
        skills = ", ".join(f"{skill_label(lang, k)} {v}" for k, v in sorted(per_skill.items()))
        lines.append(
            word(
                lang,
                "bko_total",
                missing=missing,
                lines=len(plan.reinforcements),
                skills=skills,
            )
        )
    else:
        lines.append(word(lang, "bko_none"))
    if plan.perwira_as_members:
        lines.append(word(lang, "perwira_line", n=len(plan.perwira_as_members)))
    return lines + joint_lines(plan, lang)


def causes_text(line: Reinforcement, lang: str) -> str:
    c = line.causes
    if c is None:
        return ""
    reasons = [
        word(lang, f"reason_{key}", n=getattr(c, key))
        for key in ("leave", "drill", "rank", "busy", "tps", "rest", "not_assignable")
        if getattr(c, key)
    ]
    if not reasons:
        return word(lang, "causes_none", holders=c.holders)
    return word(lang, "causes_value", holders=c.holders, reasons=", ".join(reasons))


def cause_short(line: Reinforcement) -> tuple[str, int, int] | None:
    """The reason that kept most of the skill's holders from a BKO line (the first of
    `REASONS` on a tie), with how many it kept and how many hold the skill; None without
    causes or when nothing kept them."""
    c = line.causes
    if c is None:
        return None
    keys = ("not_assignable", "leave", "drill", "rank", "busy", "tps", "rest")
    top = max(keys, key=lambda k: (getattr(c, k) or 0, -keys.index(k)))
    return (top, getattr(c, top), c.holders) if getattr(c, top) else None


def cause_line(line: Reinforcement, lang: str) -> str:
    """The cause of a BKO line in one short line, for the terminal: `30/69 elsewhere` (the
    full causes are in the JSON, the Markdown and the report)."""
    top = cause_short(line)
    if top is None:
        c = line.causes
        return "" if c is None else word(lang, "causes_none", holders=c.holders)
    key, n, holders = top
    return word(lang, f"short_{key}", n=f"{n}/{holders}")


def bko_rows(plan: Plan, lang: str) -> list[list[str]]:
    """(date, shift, site, post, skill, missing, why) of every BKO line."""
    return [
        [
            long_date(lang, r.date),
            r.shift,
            site_name(plan, r.site),
            post_name(plan, r.post, lang),
            skill_label(lang, r.skill),
            str(r.missing),
            causes_text(r, lang),
        ]
        for r in plan.reinforcements
    ]


def remedy_lines(plan: Plan, lang: str) -> list[str]:
    out = []
    for r in plan.remedies:
        out.append(
            word(
                lang,
                f"remedy_{r.kind}",
                skill=skill_label(lang, r.skill or ""),
                by=long_date(lang, r.by) if r.by else "",
                count=len(r.officers),
                officers=", ".join(plan.names.officers.get(n, n) for n in r.officers),
                recovered=r.recovered,
                missing=r.missing,
            )
        )
    return out


@dataclass(frozen=True)
class PersonRows:
    nrp: str
    rank: str
    name: str
    unit: str
    duties: list[tuple[str, str, str, str, str]]
    """(date, shift, site, post, skill)"""


def by_person(plan: Plan, lang: str) -> list[PersonRows]:
    duties: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for a in plan.assignments:
        duties[a.nrp].append(
            (
                a.date.isoformat(),
                a.shift,
                site_name(plan, a.site),
                post_name(plan, a.post, lang),
                skill_label(lang, a.skill),
            )
        )
    # The voting day's TPS or Padal duty, after the shifts (shift `TPS`, the kecamatan as site).
    day = voting_day(plan)
    for d in tps_duties(plan, lang):
        when = day.isoformat() if day else ""
        duties[d.nrp].append((when, TPS_SHIFT, d.kecamatan, d.place, d.role))
    return [
        PersonRows(p.nrp, p.rank, p.name, p.unit, duties[p.nrp])
        for p in sorted(plan.people, key=lambda p: (p.unit, p.name, p.nrp))
        if duties[p.nrp]
    ]


def conflict_lines(plan: Plan, lang: str) -> list[str]:
    lines = []
    for c in plan.conflicts:
        how = word(lang, "overlap") if c.gap_minutes < 0 else word(lang, "apart", gap=c.gap_minutes)
        a, b = (plan.names.candidates.get(x, x) for x in c.candidates)
        lines.append(
            word(
                lang,
                "conflict",
                a=a,
                b=b,
                site=site_name(plan, c.site),
                day=long_date(lang, c.date),
                how=how,
            )
        )
    return lines


def summary_lines(plan: Plan, lang: str) -> list[tuple[str, str]]:
    q = plan.quality
    kept = (
        [(word(lang, "kept"), word(lang, "kept_value", **kept_figures(plan)))]
        if q.kept is not None
        else []
    )
    status = word(lang, q.status, gap=q.heads_gap)
    which = "load_value" if q.load.max_lower_bound is not None else "load_value_unproven"
    if q.replanned_from is not None:
        which = "load_value_from"
    elif plan.names.received:
        which = "load_value_units"  # the solver's bound is over the members too
    load = word(
        lang,
        which,
        moment=f"{q.replanned_from:%Y-%m-%d %H:%M}" if q.replanned_from else "",
        min=q.load.min,
        median=q.load.median,
        max=q.load.max,
        bound=q.load.max_lower_bound,
    )
    part = word(lang, "scope_part") if plan.scope != (None, None) else ""
    ties = (
        [
            (
                word(lang, "neutrality"),
                word(
                    lang,
                    "neutrality_value",
                    n=plan.neutrality.tied_officers,
                    cost=plan.neutrality.heads_cost,
                ),
            )
        ]
        if plan.neutrality is not None
        else []
    )
    return [
        (word(lang, "needed") + part, str(q.heads_needed)),
        (word(lang, "filled") + part, str(q.heads_filled)),
        (word(lang, "status"), status),
        (word(lang, "load"), load),
        (word(lang, "site_changes"), str(q.site_changes)),
        *ties,
        *kept,
    ]
