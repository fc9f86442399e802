"""The anchors of the voting day's checklist items, on the times of the `voting:` section: once
for the day (`voting`: the Serpas roll call on H-1) and once per kecamatan (`voting-kecamatan`:
officers at their TPS, the reports at closing and at the end of counting, the escort of the
boxes, the PPK guard rota). A scenario without a `voting:` section has none of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sinjai_ops.checklist_context import Context, Occasion, both
from sinjai_ops.i18n import LANGS, N_, say
from sinjai_ops.models.checklist import Anchor
from sinjai_ops.models.operation import Post, Site
from sinjai_ops.models.plan import Slot
from sinjai_ops.models.voting import VotingSection
from sinjai_ops.render.voting_rows import category_label

_SOURCE_DAY = N_("the voting day, {date}")
_SOURCE_KECAMATAN = N_("the voting day, {date}, in Kecamatan {kecamatan}")
_NO_PADAL = N_("none (asked of the BKO)")
_POST_HEADS = N_("{post} ({site}, {shift} shift): {filled}/{needed} filled")
_POST_NAMES = N_("{heads}: {names}")
_POST_BKO = N_("{heads}, {missing} asked of the BKO")
_NO_ESCORT = N_("no post of the plan at the kecamatan's PPK that night: set one up")
_TPS_BKO_LINE = N_("{date} TPS of Kecamatan {kecamatan}, {category}: {missing}")


@dataclass(frozen=True)
class TpsBkoLine:
    """A line of the BKO request for the voting day: TPS officers of one kecamatan and
    category, or its Padal."""

    date: date
    missing: int
    text: dict[str, str]


def tps_bko_lines(ctx: Context) -> list[TpsBkoLine]:
    """The plan's missing TPS officers and Padal, one line per kecamatan and category."""
    return [
        TpsBkoLine(
            x.date,
            x.missing,
            {
                lang: say(
                    lang,
                    _TPS_BKO_LINE,
                    date=x.date,
                    kecamatan=x.kecamatan,
                    category=category_label(lang, x.category),
                    missing=x.missing,
                )
                for lang in LANGS
            },
        )
        for x in ctx.plan.tps_shortfalls
    ]


def _moment(ctx: Context, voting: VotingSection, anchor: Anchor) -> datetime:
    """The anchor's moment: `minutes` before one of the voting day's times, or `days` before
    the voting day `at` a time."""
    if anchor.moment is None:
        return ctx.at(voting.date - timedelta(days=anchor.days), anchor.at)
    clock = getattr(voting, anchor.moment)
    moment = ctx.at(voting.date, clock)
    if anchor.moment == "counting_until" and clock <= voting.report:
        moment += timedelta(days=1)  # 24:00, or counting past midnight
    return moment - timedelta(minutes=anchor.minutes)


def _kecamatan(ctx: Context, voting: VotingSection) -> list[str]:
    """Every kecamatan of the voting day: of the plan, the TPS list and the voting section."""
    plan = ctx.plan
    found = {g.kecamatan for g in plan.tps_groups} | {p.kecamatan for p in plan.padal}
    found |= {t.kecamatan for t in ctx.scenario.tps}
    return sorted(found | {k for area in voting.areas for k in area.kecamatan})


def _tps(ctx: Context, kecamatan: str | None = None) -> int:
    """The TPS of the list (of the plan's groups where the list is not at hand)."""
    listed = [t for t in ctx.scenario.tps if kecamatan in (None, t.kecamatan)]
    if listed:
        return len(listed)
    return sum(len(g.tps) for g in ctx.plan.tps_groups if kecamatan in (None, g.kecamatan))


def _islands(ctx: Context, kecamatan: str) -> str:
    """`Pulau Padaelo TPS 001, 002; ...`: the kecamatan's TPS reached by boat, by desa."""
    desa: dict[str, list[str]] = {}
    for t in ctx.scenario.tps:
        if t.island and t.kecamatan == kecamatan:
            desa.setdefault(t.desa, []).append(t.tps)
    return "; ".join(f"{d} TPS {', '.join(sorted(n))}" for d, n in sorted(desa.items())) or "-"


def voting_once(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """Once for the voting day: its TPS, officers and kecamatan."""
    voting = ctx.scenario.operation.voting
    if voting is None:
        return
    plan = ctx.plan
    due = _moment(ctx, voting, anchor)
    officers = sum(len(g.officers) for g in plan.tps_groups) + sum(1 for p in plan.padal if p.nrp)
    yield Occasion(
        due,
        None,
        both(_SOURCE_DAY, date=voting.date),
        {
            "date": voting.date.isoformat(),
            "time": f"{due:%H:%M}",
            "tps": str(_tps(ctx)),
            "officers": str(officers),
            "kecamatan": str(len(_kecamatan(ctx, voting))),
            "missing": str(sum(x.missing for x in plan.tps_shortfalls)),
        },
    )


def _plain(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def _ppk_sites(ctx: Context, kecamatan: str) -> list[Site]:
    """The sites whose id or name says PPK and the kecamatan."""
    name = _plain(kecamatan)
    return [
        site
        for site in ctx.scenario.operation.sites
        if any("ppk" in _plain(x).split() and name in _plain(x) for x in (site.id, site.name))
    ]


def guarded_until(ctx: Context, kecamatan: str) -> str:
    """The last day the operation guards the kecamatan's PPK: of the site whose id or name says
    PPK and the kecamatan (the recap's end), else the operation's last day."""
    days = [
        slot.date
        for slot in ctx.demand.slots
        for site in _ppk_sites(ctx, kecamatan)
        for post in site.posts
        if post.active(slot.date, slot.shift)
    ]
    return max(days, default=ctx.scenario.operation.operation.end).isoformat()


def _post_heads(ctx: Context, slot: Slot, site: Site, post: Post, lang: str) -> str:
    """`Pengawalan ... (Gudang PPK X, shift malam): 1/2 terisi: Bripda A (nrp), 1 diminta BKO`."""
    key = (slot.date, slot.shift, site.id, post.id)
    nrps = [a.nrp for a in ctx.plan.assignments if (a.date, a.shift, a.site, a.post) == key]
    units = sum(1 for h in ctx.plan.unit_heads if (h.date, h.shift, h.site, h.post) == key)
    missing = sum(
        x.missing for x in ctx.plan.shortfalls if (x.date, x.shift, x.site, x.post) == key
    )
    filled = len(nrps) + units
    heads = say(
        lang,
        _POST_HEADS,
        post=ctx.post_name(post.id),
        site=site.name,
        shift=slot.shift,
        filled=filled,
        needed=filled + missing,
    )
    names = [f"{p.rank} {p.name} ({p.nrp})" for n in nrps if (p := ctx.people.get(n)) is not None]
    if names:
        heads = say(lang, _POST_NAMES, heads=heads, names=", ".join(names))
    return say(lang, _POST_BKO, heads=heads, missing=missing) if missing else heads


def escort_posts(ctx: Context, kecamatan: str, due: datetime) -> dict[str, str]:
    """The posts of the kecamatan's PPK sites in the shift under way at `due` (the night the
    boxes come in), each with its heads filled, named, and missing."""
    slots = [s for s in ctx.demand.slots if s.start <= due < s.end]
    found = [
        (slot, site, post)
        for slot in slots
        for site in _ppk_sites(ctx, kecamatan)
        for post in site.posts
        if post.active(slot.date, slot.shift)
    ]
    return {
        lang: "; ".join(_post_heads(ctx, *x, lang) for x in found) or say(lang, _NO_ESCORT)
        for lang in LANGS
    }


def voting_per_kecamatan(ctx: Context, anchor: Anchor) -> Iterator[Occasion]:
    """Once per kecamatan: its Padal, Polsek, TPS, officers and missing heads."""
    voting = ctx.scenario.operation.voting
    if voting is None:
        return
    plan = ctx.plan
    due = _moment(ctx, voting, anchor)
    units = {k: area.unit for area in voting.areas for k in area.kecamatan}
    padal = {p.kecamatan: p.nrp for p in plan.padal}
    for kecamatan in _kecamatan(ctx, voting):
        groups = [g for g in plan.tps_groups if g.kecamatan == kecamatan]
        nrp = padal.get(kecamatan)
        person = ctx.people.get(nrp or "")
        who = both(_NO_PADAL)
        if person is not None:
            who = {lang: f"{person.rank} {person.name} ({person.nrp})" for lang in LANGS}
        yield Occasion(
            due,
            None,
            both(_SOURCE_KECAMATAN, date=voting.date, kecamatan=kecamatan),
            {
                "date": voting.date.isoformat(),
                "time": f"{due:%H:%M}",
                "kecamatan": kecamatan,
                "polsek": units.get(kecamatan, "-"),
                "padal": who,
                "tps": str(_tps(ctx, kecamatan)),
                "officers": str(sum(len(g.officers) for g in groups)),
                "missing": str(sum(g.missing for g in groups)),
                "tps_empty": str(sum(len(g.tps) for g in groups if not g.officers)),
                "until": guarded_until(ctx, kecamatan),
                "island_tps": _islands(ctx, kecamatan),
                "escort": escort_posts(ctx, kecamatan, due),
            },
        )
