"""The plan as a workbook for the staff (XlsxWriter): an overview, a sheet per day in the shape
of the Sprin's annex, each officer's schedule, the BKO request with its causes and remedies, and
the rival conflicts. NRPs are text, dates and times real Excel values; headers frozen, columns
sized, autofilter on, printed on A4 with the header row on every page; labels in the chosen
language; the same plan gives the same bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

import xlsxwriter

from sinjai_ops.models.checklist import Checklist
from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import skill_label, word
from sinjai_ops.render.plan_rows import (
    causes_text,
    cell,
    conflict_lines,
    overview,
    post_name,
    remedy_lines,
    site_name,
)
from sinjai_ops.render.sprin import (
    AnnexGroup,
    Form,
    annex,
    columns,
    day_title,
    form,
    sprin_word,
)
from sinjai_ops.render.view import View

_FIXED = datetime(2024, 1, 1)
"""The workbook's own timestamps: fixed, so that two runs give the same bytes."""


class _Book:
    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        self.book.set_properties({"created": _FIXED})
        self.bold = self.book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        self.day = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.clock = self.book.add_format({"num_format": "hh:mm"})
        self.text = self.book.add_format({"num_format": "@"})
        self.red = self.book.add_format({"font_color": "#C00000", "bold": True})

    def sheet(
        self, name: str, header: list[str], rows: Sequence[Sequence[Any]], widths: list[int]
    ) -> None:
        ws = self.book.add_worksheet(name[:31])
        ws.write_row(0, 0, header, self.bold)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, date) and not isinstance(value, datetime):
                    ws.write_datetime(r, c, datetime.combine(value, time()), self.day)
                elif isinstance(value, time):
                    ws.write_datetime(r, c, datetime.combine(date(1899, 12, 31), value), self.clock)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value)
                elif value is None:
                    ws.write_blank(r, c, None)
                elif isinstance(value, str) and value.startswith("!"):
                    ws.write_string(r, c, value[1:], self.red)
                else:
                    ws.write_string(r, c, str(value), self.text)
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        ws.freeze_panes(1, 0)
        if rows:
            ws.autofilter(0, 0, len(rows), len(header) - 1)
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.repeat_rows(0)
        ws.fit_to_pages(1, 0)

    def annex_sheet(self, day: date, lang: str, sheet: Form, groups: list[AnnexGroup]) -> None:
        """The Sprin's annex of one day, printed on A4 portrait: the classification, kop and
        Lampiran header and the columns' header on every page, the posts of each site and
        shift with every head (a missing one a red `KURANG` row), the signature block."""
        book = self.book
        fmt = book.add_format
        plain = {"font_name": "Arial", "font_size": 10, "valign": "top"}
        centre = fmt({**plain, "bold": True, "align": "center"})
        kop_last = fmt({**plain, "bold": True, "align": "center", "bottom": 1})
        left = fmt(plain)
        header = fmt({**plain, "bold": True, "align": "center", "border": 1, "text_wrap": True})
        site = fmt({**plain, "bold": True, "border": 1, "bg_color": "#D9E1F2"})
        post = fmt({**plain, "bold": True, "italic": True, "border": 1})
        cell = fmt({**plain, "border": 1, "text_wrap": True, "num_format": "@"})
        number = fmt({**plain, "border": 1, "align": "right"})
        short = fmt(
            {**plain, "border": 1, "text_wrap": True, "bold": True, "font_color": "#C00000"}
        )
        name = fmt({**plain, "bold": True, "underline": 1})
        ws = book.add_worksheet(day.isoformat())
        for c, width in enumerate((5, 34, 20, 26, 30)):
            ws.set_column(c, c, width)
        ws.merge_range(0, 0, 0, 4, sheet.classification, centre)
        lampiran = [sheet.lampiran, *(f"{k} : {v}" for k, v in sheet.header_lines(lang))]
        top = max(len(sheet.kop), len(lampiran))
        for i in range(top):
            r = 1 + i
            if i < len(sheet.kop):
                last = i == len(sheet.kop) - 1
                ws.merge_range(r, 0, r, 1, sheet.kop[i], kop_last if last else centre)
            if i < len(lampiran):
                ws.merge_range(r, 3, r, 4, lampiran[i], left)
        r = top + 2
        ws.merge_range(r, 0, r, 4, day_title(lang, day), centre)
        r += 2
        ws.write_row(r, 0, columns(lang), header)
        ws.repeat_rows(0, r)
        ws.freeze_panes(r + 1, 0)
        where = None
        for group in groups:
            if group.site != where:
                r += 1
                ws.merge_range(r, 0, r, 4, group.site_title, site)
                where = group.site
            r += 1
            ws.merge_range(r, 0, r, 4, group.title, post)
            for k, row in enumerate(group.rows, start=1):
                r += 1
                ws.write_number(r, 0, k, number)
                style = short if row.short else cell
                for c, value in enumerate((row.name, row.rank_nrp, row.job, row.remark), 1):
                    ws.write_string(r, c, value, style)
        r += 2
        for label, value in sheet.signature_lines(lang):
            ws.write_string(r, 3, label, left)
            ws.write_string(r, 4, f": {value}", left)
            r += 1
        ws.merge_range(r, 3, r, 4, sheet.title, fmt({**plain, "bold": True, "top": 1}))
        r += 5
        ws.merge_range(r, 3, r, 4, sheet.name, name)
        ws.merge_range(r + 1, 3, r + 1, 4, sheet.rank_nrp, left)
        ws.merge_range(r + 3, 0, r + 3, 4, sheet.classification, centre)
        ws.set_paper(9)  # A4
        ws.set_portrait()
        ws.set_margins(left=0.6, right=0.5, top=0.6, bottom=0.7)
        ws.set_footer(
            f"&L&8{day_title(lang, day)}&R&8" + sprin_word(lang, "page", page="&P", pages="&N")
        )
        ws.fit_to_pages(1, 0)
        ws.print_area(0, 0, r + 3, 4)

    def bytes(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def as_xlsx(plan: Plan, view: View) -> bytes:
    lang = view.lang
    out = _Book()
    people = {p.nrp: p for p in plan.people}
    slots = {(s.date, s.shift): s for s in plan.slots}

    view_rows = overview(plan, lang)
    rows: list[list[Any]] = [
        [day, shift, *(cell(f, m) for f, m in cells)] for day, shift, cells in view_rows.rows
    ]
    rows.append([word(lang, "total"), "", *(cell(f, m) for f, m in view_rows.totals)])
    if plan.names.structure:
        rows.append(["", ""])
        rows += [[word(lang, "structure"), line] for line in plan.names.structure]
    blanks = form(plan.names.document, lang).blanks
    if blanks:
        rows.append(["", ""])
        rows.append([sprin_word(lang, "before_signing"), sprin_word(lang, "blanks")])
        rows += [["", line] for line in blanks]
    out.sheet(
        word(lang, "overview"),
        [word(lang, "date"), word(lang, "shift"), *view_rows.sites],
        rows,
        [14, 20, *([30] * len(view_rows.sites))],
    )

    sheet_form = form(plan.names.document, lang)
    groups = annex(plan, lang)
    for day in sorted({s.date for s in plan.slots}):
        out.annex_sheet(day, lang, sheet_form, [g for g in groups if g.date == day])

    schedule = [
        [
            a.nrp,
            people[a.nrp].name,
            people[a.nrp].rank,
            people[a.nrp].unit,
            a.date,
            a.shift,
            site_name(plan, a.site),
            post_name(plan, a.post, lang),
            skill_label(lang, a.skill),
        ]
        for a in sorted(
            plan.assignments, key=lambda a: (a.nrp, a.date, slots[(a.date, a.shift)].order)
        )
    ]
    out.sheet(
        word(lang, "schedule"),
        [
            word(lang, k)
            for k in ("nrp", "name", "rank", "unit", "date", "shift", "site", "post", "skill")
        ],
        schedule,
        [11, 26, 9, 16, 12, 8, 26, 34, 14],
    )

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
        [12, 8, 26, 34, 14, 9, 90],
    )
    out.sheet(
        word(lang, "conflicts"),
        [word(lang, "date"), word(lang, "site"), word(lang, "item")],
        [
            [c.date, site_name(plan, c.site), line]
            for c, line in zip(plan.conflicts, conflict_lines(plan, lang), strict=True)
        ],
        [12, 26, 110],
    )
    return out.bytes()


def checklist_xlsx(checklist: Checklist, view: View) -> bytes:
    """The checklist as a workbook: due as a real date and time, owner, item, a box to tick."""
    lang = view.lang
    out = _Book()
    rows = [
        [
            i.due.date(),
            i.due.time(),
            i.site or "",
            " ".join(x for x in (i.owner.rank, i.owner.name) if x),
            i.owner.nrp or "",
            i.owner.unit or "",
            i.text[lang],
            "",
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
        [12, 8, 12, 26, 11, 16, 90, 8],
    )
    return out.bytes()
