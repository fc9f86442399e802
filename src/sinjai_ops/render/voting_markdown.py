"""The voting day in Markdown: the figures per kecamatan under the summary, the BKO request for
the TPS officers, and per kecamatan its Padal and groups with their officers by name."""

from __future__ import annotations

from tabulate import tabulate

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import long_date
from sinjai_ops.render.voting_rows import (
    bko_rows,
    category_label,
    duty_line,
    figures_total,
    group_units,
    groups_of,
    has_voting,
    kecamatan_figures,
    officer_label,
    officers_cell,
    padal_text,
    tps_text,
    vote_word,
    voting_day,
)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    return [tabulate(rows, headers=headers, tablefmt="pipe", disable_numparse=True), ""]


def voting_overview_md(plan: Plan, lang: str) -> list[str]:
    if not has_voting(plan):
        return []
    day = voting_day(plan)
    out = [f"## {vote_word(lang, 'overview', day=long_date(lang, day) if day else '')}", ""]
    line = duty_line(plan, lang)
    if line:
        out += [line, ""]
    keys = ("kecamatan", "polsek", "tps", "groups", "officers", "linmas", "padal")
    figures = kecamatan_figures(plan)
    rows = [
        [
            r.kecamatan,
            r.polsek,
            str(r.tps),
            str(r.groups),
            officers_cell(r.filled, r.needed),
            str(r.linmas),
            padal_text(plan, lang, r.padal) if r.padal else f"**{padal_text(plan, lang, None)}**",
        ]
        for r in figures
    ]
    t = figures_total(figures)
    rows.append(
        [
            f"**{vote_word(lang, 'total')}**",
            "",
            str(t.tps),
            str(t.groups),
            officers_cell(t.filled, t.needed),
            str(t.linmas),
            "",
        ]
    )
    out += _table([vote_word(lang, k) for k in keys], rows)
    return out


def voting_bko_md(plan: Plan, lang: str) -> list[str]:
    if not has_voting(plan):
        return []
    if not plan.tps_shortfalls:
        return [vote_word(lang, "bko_none"), ""]
    keys = ("kecamatan", "category", "missing", "from", "until", "weight")
    out = [f"## {vote_word(lang, 'bko')}", ""]
    return out + _table([vote_word(lang, k) for k in keys], bko_rows(plan, lang))


def voting_detail_md(plan: Plan, lang: str) -> list[str]:
    out: list[str] = []
    keys = ("desa", "category", "tps", "officers", "missing")
    for r in kecamatan_figures(plan):
        title = vote_word(lang, "kecamatan_page", kecamatan=r.kecamatan)
        out += [f"### {title}" + (f" ({r.polsek})" if r.polsek else ""), ""]
        out += [f"{vote_word(lang, 'padal_role')}: {padal_text(plan, lang, r.padal)}", ""]
        rows = [
            [
                g.desa,
                category_label(lang, g.category),
                tps_text(g),
                "; ".join(
                    [officer_label(plan, n) for n in g.officers]
                    + [name for name, _ in group_units(plan, g, lang)]
                ),
                f"**{g.missing}**" if g.missing else "",
            ]
            for g in groups_of(plan, r.kecamatan)
        ]
        out += _table([vote_word(lang, k) for k in keys], rows)
    return out
