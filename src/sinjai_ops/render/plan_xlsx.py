"""The plan as a workbook for the staff (XlsxWriter): an overview, a sheet per day in the shape
of the Sprin's annex, each officer's schedule, the BKO request with its causes and remedies, and
the rival conflicts. NRPs are text, dates and times real Excel values; headers frozen, columns
sized, autofilter on, printed on A4 with the header row on every page; labels in the chosen
language; the same plan gives the same bytes. (The workbook's writer is `xlsx_book`, the annex's
sheet `annex_xlsx`.)"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.checklist import Checklist
from sinjai_ops.models.plan import Plan
from sinjai_ops.render.annex_xlsx import annex_sheet
from sinjai_ops.render.labels import skill_label, word
from sinjai_ops.render.plan_rows import (
    causes_text,
    conflict_lines,
    overview,
    post_name,
    remedy_lines,
    site_name,
)
from sinjai_ops.render.received import (
    members_on_duty,
    received_word,
    support_table,
    unit_table,
)
from sinjai_ops.render.sprin import annex, day_figures, form, plotted, sprin_word
from sinjai_ops.render.view import View
from sinjai_ops.render.voting_xlsx import schedule_rows, voting_bko_sheet, voting_sheets
from sinjai_ops.render.xlsx_book import Book

_NO_CONFLICT = N_("none: no rival candidates meet at one site on one day")


def _summary_sheet(out: Book, plan: Plan, lang: str) -> None:
    """The Kapolres' page first: per day the officers on duty (people) and the shift-posts
    needed, filled and asked of the BKO, as numbers and dates; the operation's totals outside
    the filter."""
    days = [d for d in day_figures(plan) if d.heads]
    out.sheet(
        word(lang, "summary"),
        [sprin_word(lang, k) for k in ("day", "officers", "heads", "filled", "bko")],
        [[d.date, d.officers, d.heads, d.filled, d.bko] for d in days],
        [14, 16, 16, 16, 18],
        wrap=(),
        totals=[
            [
                word(lang, "total"),
                len(plotted(plan)) + members_on_duty(plan),
                sum(d.heads for d in days),
                sum(d.filled for d in days),
                sum(d.bko for d in days),
            ]
        ],
        notes=[[sprin_word(lang, "heads_note")]],
    )


def as_xlsx(plan: Plan, view: View) -> bytes:
    lang = view.lang
    out = Book(lang, plan.operation)
    _summary_sheet(out, plan, lang)
    _overview_sheet(out, plan, lang)
    sheet_form = form(plan.names.document, lang)
    groups = annex(plan, lang)
    for day in sorted({s.date for s in plan.slots}):
        annex_sheet(out, day, lang, sheet_form, [g for g in groups if g.date == day])
    voting_sheets(out, plan, lang, sheet_form)
    _schedule_sheet(out, plan, lang)
    _bko_sheet(out, plan, lang)
    voting_bko_sheet(out, plan, lang)
    _joint_sheets(out, plan, lang)
    _conflict_sheet(out, plan, lang)
    return out.bytes()


def _conflict_sheet(out: Book, plan: Plan, lang: str) -> None:
    """The rival conflicts; `none` where the candidates meet nowhere; no sheet where the plan
    has no candidates (a voting day)."""
    if not plan.conflicts and not plan.names.candidates:
        return
    rows: list[list[Any]] = [
        [c.date, site_name(plan, c.site), line]
        for c, line in zip(plan.conflicts, conflict_lines(plan, lang), strict=True)
    ] or [[None, "", say(lang, _NO_CONFLICT)]]
    out.sheet(
        word(lang, "conflicts"),
        [word(lang, "date"), word(lang, "site"), word(lang, "item")],
        rows,
        [12, 26, 100],
        wrap=(1, 2),
    )


def _joint_sheets(out: Book, plan: Plan, lang: str) -> None:
    """The units received with their commanders, and the joint forces beside the posts (only
    when the operation has them)."""
    if plan.names.received:
        headers, units = unit_table(plan, lang)
        widths = [40, 34, 17, 17, 14]
        out.sheet(received_word(lang, "sheet_units"), headers, units, widths, wrap=(0, 1))
    if plan.names.support:
        headers, rows = support_table(plan, lang)
        out.sheet(received_word(lang, "sheet_support"), headers, rows, [50, 60], wrap=(0, 1))


def _schedule_sheet(out: Book, plan: Plan, lang: str) -> None:
    """Each officer's shifts, by NRP and time: where, at which post, with which skill."""
    people = {p.nrp: p for p in plan.people}
    slots = {(s.date, s.shift): s for s in plan.slots}
    schedule = [
        [
            a.nrp,
            people[a.nrp].name,
            people[a.nrp].rank,
            people[a.nrp].unit,
            a.date,
            a.shift,
            slots[(a.date, a.shift)].start.time(),
            slots[(a.date, a.shift)].end.time(),
            site_name(plan, a.site),
            post_name(plan, a.post, lang),
            skill_label(lang, a.skill),
        ]
        for a in sorted(
            plan.assignments, key=lambda a: (a.nrp, a.date, slots[(a.date, a.shift)].order)
        )
    ]
    # The voting day's TPS and Padal duty, by NRP after the shifts.
    schedule += sorted(schedule_rows(plan, lang), key=lambda row: str(row[0]))
    keys = ("nrp", "name", "rank", "unit", "date", "shift", "start", "end", "site", "post", "skill")
    out.sheet(
        word(lang, "schedule"),
        [word(lang, k) for k in keys],
        schedule,
        [10, 22, 8, 14, 11, 7, 7, 7, 20, 30, 11],
        wrap=(1, 3, 8, 9),
    )


def _bko_sheet(out: Book, plan: Plan, lang: str) -> None:
    """The BKO request line by line with its causes, then the remedies."""
    bko: list[list[Any]] = [
        [
            r.date,
            r.shift,
            site_name(plan, r.site),
            post_name(plan, r.post, lang),
            skill_label(lang, r.skill),
            r.missing,
            causes_text(r, lang),
        ]
        for r in plan.reinforcements
    ]
    bko += [
        ["", "", "", "", "", None, f"{word(lang, 'remedies')}: {line}"]
        for line in remedy_lines(plan, lang)
    ]
    out.sheet(
        "BKO",
        [word(lang, k) for k in ("date", "shift", "site", "post", "skill", "missing", "cause")],
        bko,
        [12, 8, 26, 30, 14, 9, 75],
        wrap=(2, 3, 6),
    )


def _overview_sheet(out: Book, plan: Plan, lang: str) -> None:
    """Heads filled, needed and missing per shift and site as numbers, the day a real date and
    the shift's hours real times: the rows can be sorted, filtered and summed. The totals
    stand under the rows, outside the filter; the structure and the blanks of the form under
    them."""
    view = overview(plan, lang)
    counts: dict[tuple[date, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for a in plan.assignments:
        counts[(a.date, a.shift, a.site)][0] += 1
    for x in plan.shortfalls:
        counts[(x.date, x.shift, x.site)][1] += x.missing
    present = {k[2] for k in counts}
    ids = [s for s in plan.names.sites if s in present]
    ids += sorted(present - set(ids))
    rows: list[list[Any]] = []
    totals = [0] * (3 * len(ids))
    for slot in plan.slots:
        cells = [counts.get((slot.date, slot.shift, site), [0, 0]) for site in ids]
        if not any(f or m for f, m in cells):
            continue
        figures = [n for f, m in cells for n in (f, f + m, m)]
        totals = [t + n for t, n in zip(totals, figures, strict=True)]
        rows.append([slot.date, slot.shift, slot.start.time(), slot.end.time(), *figures])
    header = [word(lang, k) for k in ("date", "shift", "start", "end")]
    for site in view.sites:
        header += [f"{site}: {word(lang, k)}" for k in ("filled", "needed", "missing")]
    notes: list[list[Any]] = [
        [word(lang, "structure"), "", "", "", line] for line in plan.names.structure
    ]
    blanks = form(plan.names.document, lang).blanks
    if blanks:
        notes.append([sprin_word(lang, "before_signing"), "", "", "", sprin_word(lang, "blanks")])
        notes += [["", "", "", "", line] for line in blanks]
    out.sheet(
        word(lang, "overview"),
        header,
        rows,
        [11, 8, 7, 7, *([12] * len(totals))],
        totals=[[word(lang, "total"), "", "", "", *totals]],
        notes=notes,
    )


def checklist_xlsx(checklist: Checklist, view: View) -> bytes:
    """The checklist as a workbook: due as a real date and time, the site by its name, owner,
    item (wrapped in its column), a box to tick; printed on A4 as wide as the page."""
    lang = view.lang
    out = Book(lang, checklist.operation)
    rows = [
        [
            i.due.date(),
            i.due.time(),
            i.site_name or i.site or "",
            " ".join(x for x in (i.owner.rank, i.owner.name) if x),
            i.owner.nrp or "",
            i.owner.unit or "",
            i.text[lang],
            "\u2610",
        ]
        for i in checklist.items
    ]
    out.sheet(
        word(lang, "checklist"),
        [
            word(lang, "date"),
            word(lang, "due"),
            word(lang, "site"),
            word(lang, "owner"),
            word(lang, "nrp"),
            word(lang, "unit"),
            word(lang, "item"),
            word(lang, "done"),
        ],
        rows,
        [11, 6, 14, 18, 10, 12, 50, 6],
        wrap=(2, 3, 5, 6),
    )
    return out.bytes()
