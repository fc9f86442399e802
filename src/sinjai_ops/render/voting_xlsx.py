"""The voting day in the plan's workbook: the figures per kecamatan as numbers, the TPS
plotting of each Polsek as a sheet in the shape of the Sprin's annex, the BKO request for the
TPS officers, and each officer's TPS duty in the schedule."""

from __future__ import annotations

from datetime import date
from typing import Any

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.annex_xlsx import titled_annex_sheet
from sinjai_ops.render.sprin import Form
from sinjai_ops.render.voting_annex import voting_annex
from sinjai_ops.render.voting_rows import (
    TPS_SHIFT,
    category_label,
    duty_span,
    figures_total,
    has_voting,
    kecamatan_figures,
    officer_label,
    tps_duties,
    vote_word,
)
from sinjai_ops.render.xlsx_book import Book

_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
"""Characters a sheet's name cannot hold."""


def voting_sheets(out: Book, plan: Plan, lang: str, form: Form) -> None:
    """The figures per kecamatan, then a sheet per Polsek (`TPS <unit>`)."""
    if not has_voting(plan):
        return
    figures = kecamatan_figures(plan)
    keys = ("kecamatan", "polsek", "tps", "groups", "needed", "filled", "missing", "linmas")
    rows: list[list[Any]] = [
        [
            r.kecamatan,
            r.polsek,
            r.tps,
            r.groups,
            r.needed,
            r.filled,
            r.missing,
            r.linmas,
            officer_label(plan, r.padal) if r.padal else "!" + vote_word(lang, "no_padal"),
        ]
        for r in figures
    ]
    t = figures_total(figures)
    totals = [vote_word(lang, "total"), "", t.tps, t.groups, t.needed, t.filled, t.missing]
    out.sheet(
        vote_word(lang, "tps") + " - " + vote_word(lang, "kecamatan"),
        [*(vote_word(lang, k) for k in keys), vote_word(lang, "padal")],
        rows,
        [18, 22, 7, 9, 11, 11, 9, 9, 32],
        wrap=(0, 1, 8),
        totals=[[*totals, t.linmas, ""]],
    )
    used: set[str] = set()
    for unit in voting_annex(plan, lang):
        name = f"TPS {unit.unit}".translate(_FORBIDDEN)[:31]
        while name.casefold() in used:  # two units alike in their first 31 characters
            name = name[:28] + f" {len(used)}"
        used.add(name.casefold())
        titled_annex_sheet(out, name, unit.title, lang, form, unit.groups)


def voting_bko_sheet(out: Book, plan: Plan, lang: str) -> None:
    """The BKO request for the TPS officers (and Padal) per kecamatan and category."""
    if not has_voting(plan):
        return
    keys = ("kecamatan", "category", "missing", "from", "until", "weight")
    rows: list[list[Any]] = [
        [
            x.kecamatan,
            category_label(lang, x.category),
            x.missing,
            x.start.replace("T", " "),
            x.until.replace("T", " "),
            x.weight,
        ]
        for x in plan.tps_shortfalls
    ]
    out.sheet(
        "BKO " + vote_word(lang, "tps"),
        [vote_word(lang, k) for k in keys],
        rows,
        [20, 22, 9, 17, 17, 9],
        wrap=(0, 1),
        notes=[] if rows else [[vote_word(lang, "bko_none")]],
    )


def schedule_rows(plan: Plan, lang: str) -> list[list[Any]]:
    """Each officer's TPS or Padal duty in the columns of the schedule sheet: NRP, name, rank,
    unit, date, shift, start, end, kecamatan, place, role."""
    span = duty_span(plan)
    if span is None:
        return []
    start, end = span
    people = {p.nrp: p for p in plan.people}
    day: date = start.date()
    rows = []
    for d in tps_duties(plan, lang):
        p = people.get(d.nrp)
        name, rank, unit = (p.name, p.rank, p.unit) if p else (officer_label(plan, d.nrp), "", "")
        when = [day, TPS_SHIFT, start.time(), end.time()]
        rows.append([d.nrp, name, rank, unit, *when, d.kecamatan, d.place, d.role])
    return rows
