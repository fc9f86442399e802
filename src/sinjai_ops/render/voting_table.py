"""The voting day at the terminal: the figures per kecamatan (TPS, groups, officers filled of
needed, Linmas, the Padal) under the summary, the groups with their officers in the detail, the
BKO request for the TPS officers beside the other one. Made to be read at 80 columns."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import short_date, word
from sinjai_ops.render.voting_rows import (
    bko_rows,
    category_label,
    figures_total,
    group_units,
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


def _rank_name(plan: Plan, nrp: str) -> str:
    return next(
        (f"{p.rank} {p.name}" for p in plan.people if p.nrp == nrp), officer_label(plan, nrp)
    )


def voting_detail(plan: Plan, lang: str) -> list[RenderableType]:
    """Per kecamatan its Padal, then its groups: the desa with the category under it, the TPS,
    and an officer a row (rank and name, NRP; a missing head in red), as the detail of the
    shifts lists heads. At 80 columns a name stays on one line."""
    parts: list[RenderableType] = []
    for r in kecamatan_figures(plan):
        title = vote_word(lang, "kecamatan_page", kecamatan=r.kecamatan)
        if r.polsek:
            title += f" ({r.polsek})"
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
        table.add_column(vote_word(lang, "desa"), overflow="fold", max_width=18)
        table.add_column(vote_word(lang, "tps"), overflow="fold", max_width=20)
        table.add_column(vote_word(lang, "officers"), overflow="fold")
        table.add_column(word(lang, "nrp"), no_wrap=True)
        if r.padal:
            table.add_row(vote_word(lang, "padal"), "", _rank_name(plan, r.padal), r.padal)
        else:
            no_padal = vote_word(lang, "no_padal")
            table.add_row(vote_word(lang, "padal"), "", no_padal, "", style="bold red")
        for g in groups_of(plan, r.kecamatan):
            heads: list[tuple[RenderableType, str]] = [
                (_rank_name(plan, nrp), nrp) for nrp in g.officers
            ]
            heads += [(name, "") for name, _ in group_units(plan, g, lang)]
            if g.missing:
                heads.append((Text(vote_word(lang, "short", n=g.missing), "bold red"), ""))
            heads += [("", "")] * (2 - len(heads))  # room for the category under the desa
            where: list[RenderableType] = [g.desa, Text(category_label(lang, g.category), "dim")]
            for k, (who, nrp) in enumerate(heads):
                table.add_row(where[k] if k < 2 else "", tps_text(g) if k == 0 else "", who, nrp)
        parts.append(table)
    return parts
