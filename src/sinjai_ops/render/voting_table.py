"""The voting day at the terminal: the figures per kecamatan (TPS, groups, officers filled of
needed, Linmas, the Padal) under the summary, the groups with their officers in the detail, the
BKO request for the TPS officers beside the other one. Made to be read at 80 columns."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import short_date
from sinjai_ops.render.voting_rows import (
    bko_rows,
    category_label,
    figures_total,
    groups_of,
    has_voting,
    kecamatan_figures,
    officer_label,
    officers_cell,
    tps_text,
    vote_word,
    voting_day,
)


def _padal_short(plan: Plan, lang: str, nrp: str | None) -> Text:
    """The Padal's rank and name (his NRP is in the detail), red when there is none."""
    if nrp is None:
        return Text(vote_word(lang, "no_padal"), style="bold red")
    rank_name = next((f"{p.rank} {p.name}" for p in plan.people if p.nrp == nrp), None)
    return Text(rank_name or officer_label(plan, nrp))


def voting_overview(plan: Plan, lang: str) -> list[RenderableType]:
    """Per kecamatan: TPS, groups, officers filled of needed, Linmas, Padal; the totals; the
    TPS officers asked of the BKO. Nothing for a plan without a voting day."""
    if not has_voting(plan):
        return []
    day = voting_day(plan)
    table = Table(
        title=vote_word(lang, "overview", day=short_date(lang, day) if day else ""),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        # One blank between columns: at 80 columns the Padal's rank and name stay on one line.
        collapse_padding=True,
    )
    table.add_column(vote_word(lang, "kecamatan"), no_wrap=True)
    for key in ("tps", "groups", "officers", "linmas"):
        table.add_column(vote_word(lang, key), justify="right", no_wrap=True)
    table.add_column(vote_word(lang, "padal"), overflow="fold")
    rows = kecamatan_figures(plan)
    for r in rows:
        table.add_row(
            r.kecamatan,
            str(r.tps),
            str(r.groups),
            Text(officers_cell(r.filled, r.needed), style="bold red" if r.missing else ""),
            str(r.linmas),
            _padal_short(plan, lang, r.padal),
        )
    if len(rows) > 1:
        t = figures_total(rows)
        table.add_row(
            vote_word(lang, "total"),
            str(t.tps),
            str(t.groups),
            officers_cell(t.filled, t.needed),
            str(t.linmas),
            "",
            style="bold",
        )
    return [table, _bko_line(plan, lang)]


def _bko_line(plan: Plan, lang: str) -> Text:
    missing = sum(x.missing for x in plan.tps_shortfalls)
    if not missing:
        return Text(vote_word(lang, "bko_none"), style="green")
    lines = len(plan.tps_shortfalls)
    return Text(vote_word(lang, "bko_line", missing=missing, lines=lines), style="bold red")


def voting_bko(plan: Plan, lang: str) -> list[RenderableType]:
    """The BKO request for the TPS officers (and Padal) per kecamatan and category."""
    if not has_voting(plan) or not plan.tps_shortfalls:
        return []
    table = Table(title=vote_word(lang, "bko"), title_justify="left", border_style="red")
    for key in ("kecamatan", "category", "missing", "from", "until", "weight"):
        table.add_column(vote_word(lang, key), no_wrap=key != "category")
    for row in bko_rows(plan, lang):
        # The day is the voting day: the times say enough.
        table.add_row(*row[:3], row[3][-5:], row[4][-5:], row[5])
    return [table]


def voting_detail(plan: Plan, lang: str) -> list[RenderableType]:
    """Per kecamatan its Padal, then its groups: desa, category, TPS, the officers by name."""
    parts: list[RenderableType] = []
    for r in kecamatan_figures(plan):
        title = vote_word(lang, "kecamatan_page", kecamatan=r.kecamatan)
        if r.polsek:
            title += f" ({r.polsek})"
        table = Table(title=title, title_justify="left")
        for key in ("desa", "category", "tps", "officers"):
            table.add_column(vote_word(lang, key), overflow="fold")
        padal = r.padal
        table.add_row(
            vote_word(lang, "padal"),
            "",
            "",
            officer_label(plan, padal) if padal else Text(vote_word(lang, "no_padal"), "bold red"),
        )
        for g in groups_of(plan, r.kecamatan):
            who = Text("\n".join(officer_label(plan, n) for n in g.officers))
            if g.missing:
                short = vote_word(lang, "short", n=g.missing)
                who.append(("\n" if g.officers else "") + short, "bold red")
            table.add_row(g.desa, category_label(lang, g.category), tps_text(g), who)
        parts.append(table)
    return parts
