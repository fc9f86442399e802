"""How the views show received units (counted, under their own commander) and the joint forces
beside the posts (`support:`), in the chosen language."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.plan import Plan
from sinjai_ops.models.received import Support, SupportCounts
from sinjai_ops.render.plan_names import post_label, site_label

_WORDS: dict[str, str] = {
    "received": N_("Units received (BKO)"),
    "unit_line": N_(
        "{name} ({kind}, {strength} members{base}) under the command of {leader}, from {start} "
        "to {end}: {heads} shift-posts filled"
    ),
    "from_base": N_(", from {base}"),
    "unit_row": N_("{name}: {n} member(s)"),
    "under": N_("under the command of {leader}"),
    "support": N_("Joint forces (not Polri, not counted in the heads)"),
    "support_title": N_("support: {counts}"),
    "in_shift": N_("{shift}: {counts}"),
    "sheet_units": N_("Units received"),
    "sheet_support": N_("Joint forces"),
    "col_unit": N_("Unit"),
    "col_commander": N_("Commander"),
    "col_from": N_("At the Polres from"),
    "col_until": N_("At the Polres until"),
    "col_heads": N_("Shift-posts filled"),
    "col_post": N_("Post"),
    "col_support": N_("Joint forces per shift"),
    "no_calendars": N_(
        "Members of received units have no calendars (they have no NRP): their commander "
        "briefs them."
    ),
}

KIND_NAMES = {"ssk": "SSK", "sst": "SST", "peleton": "Peleton", "regu": "Regu"}

HeadKey = tuple[date, str, str, str, str]
"""Date, shift, site, post and skill of a head."""


def received_word(lang: str, key: str, **values: object) -> str:
    return say(lang, _WORDS[key], **values)


def counts_text(counts: SupportCounts) -> str:
    """`TNI 2, Satpol PP 2`."""
    return counts.text()


def support_text(support: Support, lang: str) -> str:
    """The counts of every shift, and those of the shifts that differ: `TNI 2, Linmas 4;
    malam: TNI 4`."""
    parts = [counts_text(support)] if support.counts() else []
    parts += [
        received_word(lang, "in_shift", shift=shift, counts=counts_text(counts) or "-")
        for shift, counts in sorted(support.shifts.items())
    ]
    return "; ".join(parts)


def support_at(plan: Plan, post: str, shift: str) -> str:
    """The joint forces at a post in a shift (empty without any)."""
    support = plan.names.support.get(post)
    return counts_text(support.at(shift)) if support is not None else ""


def support_lines(plan: Plan, lang: str) -> list[str]:
    """`Site / Post: TNI 2, Satpol PP 2` for every post with `support:`."""
    out = []
    site_of = {post: site for site, posts in _posts(plan).items() for post in posts}
    for post, support in plan.names.support.items():
        site = site_label(plan.names, site_of.get(post, ""))
        where = f"{site} / {post_label(plan.names, post, lang)}" if site else post
        out.append(f"{where}: {support_text(support, lang)}")
    return out


def _posts(plan: Plan) -> dict[str, list[str]]:
    """Site id to its posts with support, from the heads, shortfalls and names of the plan."""
    out: dict[str, list[str]] = defaultdict(list)
    places = [
        *((a.site, a.post) for a in plan.assignments),
        *((h.site, h.post) for h in plan.unit_heads),
        *((s.site, s.post) for s in plan.shortfalls),
    ]
    for site, post in places:
        if post in plan.names.support and post not in out[site]:
            out[site].append(post)
    return out


def heads_by_unit(plan: Plan) -> Counter[str]:
    """Heads each received unit's members fill: shift-posts, and TPS heads (one for the whole
    duty, as every view counts it)."""
    heads = Counter(h.unit for h in plan.unit_heads)
    heads.update(m.unit for g in plan.tps_groups for m in g.members)
    return heads


def unit_lines(plan: Plan, lang: str) -> list[str]:
    """One line per received unit: what it is, its commander, its window, its heads."""
    heads = heads_by_unit(plan)
    return [
        received_word(
            lang,
            "unit_line",
            name=u.name,
            kind=KIND_NAMES[u.kind],
            strength=u.strength,
            base=received_word(lang, "from_base", base=u.base),
            leader=u.leader(),
            start=f"{u.start:%Y-%m-%d %H:%M}",
            end=f"{u.end:%Y-%m-%d %H:%M}",
            heads=heads.get(u.id, 0),
        )
        for u in plan.names.received
    ]


def unit_heads_at(plan: Plan) -> dict[HeadKey, Counter[str]]:
    """Members of each received unit on each head (date, shift, site, post, skill)."""
    out: dict[HeadKey, Counter[str]] = defaultdict(Counter)
    for h in plan.unit_heads:
        out[(h.date, h.shift, h.site, h.post, h.skill)][h.unit] += 1
    return out


def unit_row(plan: Plan, unit: str, n: int, lang: str) -> tuple[str, str]:
    """(name, remark) of the row of `n` members of a unit on one head: `SSK ...: 12
    member(s)`, `under the command of AKP Andi Basri (80010001)`."""
    found = plan.names.received_unit(unit)
    name = found.name if found is not None else unit
    remark = received_word(lang, "under", leader=found.leader()) if found is not None else ""
    return received_word(lang, "unit_row", name=name, n=n), remark


def site_unit_leaders(plan: Plan) -> dict[tuple[date, str, str], str]:
    """Who leads a site in a shift where only received units' members stand: their commander
    (`AKP Andi Basri (80010001)`, the units' in order when there are more)."""
    led = {(c.date, c.shift, c.site) for c in plan.commanders}
    units: dict[tuple[date, str, str], list[str]] = defaultdict(list)
    for h in plan.unit_heads:
        key = (h.date, h.shift, h.site)
        if key not in led and h.unit not in units[key]:
            units[key].append(h.unit)
    out = {}
    for key, ids in units.items():
        found = [u for u in (plan.names.received_unit(i) for i in ids) if u is not None]
        out[key] = ", ".join(u.leader() for u in found)
    return out


def members_on_duty(plan: Plan) -> int:
    """Distinct members of received units with a head in the plan."""
    members = {(h.unit, h.member) for h in plan.unit_heads}
    members |= {(m.unit, m.member) for g in plan.tps_groups for m in g.members}
    return len(members)


def unit_table(plan: Plan, lang: str) -> tuple[list[str], list[list[object]]]:
    """Headers and rows of the units received: unit, commander, from and until (local
    moments, for a workbook's date cells), heads filled (a number)."""
    heads = heads_by_unit(plan)
    rows: list[list[object]] = [
        [
            f"{u.name} ({KIND_NAMES[u.kind]}, {u.strength})",
            u.leader(),
            u.start,
            u.end,
            heads.get(u.id, 0),
        ]
        for u in plan.names.received
    ]
    keys = ("col_unit", "col_commander", "col_from", "col_until", "col_heads")
    return [received_word(lang, k) for k in keys], rows


def support_table(plan: Plan, lang: str) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the joint forces: post, counts per shift."""
    rows = [_split(line) for line in support_lines(plan, lang)]
    return [received_word(lang, "col_post"), received_word(lang, "col_support")], rows


def _split(line: str) -> list[str]:
    where, _, counts = line.partition(": ")
    return [where, counts]


def joint_lines(plan: Plan, lang: str) -> list[str]:
    """The units received, each with its commander, and the joint forces beside the posts."""
    lines = [f"{received_word(lang, 'received')}: {u}" for u in unit_lines(plan, lang)]
    support = support_lines(plan, lang)
    if support:
        lines.append(f"{received_word(lang, 'support')}: " + "; ".join(support))
    return lines
