"""The plan as a workbook for the staff (XlsxWriter): an overview, a sheet per day in the shape
of the Sprin's annex, each officer's schedule, the BKO request with its causes and remedies, and
the rival conflicts. NRPs are text, dates and times real Excel values; headers frozen, columns
sized, autofilter on, printed on A4 with the header row on every page; labels in the chosen
language; the same plan gives the same bytes."""

from __future__ import annotations

import io
import math
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

import xlsxwriter

from sinjai_ops.models.checklist import Checklist
from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import skill_label, word
from sinjai_ops.render.plan_rows import (
    causes_text,
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
    day_figures,
    day_title,
    form,
    sprin_word,
)
from sinjai_ops.render.view import View

_FIXED = datetime(2024, 1, 1)
"""The workbook's own timestamps: fixed, so that two runs give the same bytes."""


_BODY = {"font_name": "Arial", "font_size": 10, "valign": "top"}
"""The type of every cell written: 10 pt, printed at no less than 8 pt (see `_print`)."""
MARGIN = 0.4
"""Left and right margins of a list sheet, in inches."""
SMALLEST = 0.8
"""The least a list is scaled to fit the page's width: its 10 pt print at 8 pt or more."""
ANNEX_WIDTHS = (4, 30, 18, 22, 26)
"""No, Nama, Pangkat/NRP, Jabatan, Ket: as wide as an A4 page in portrait at full size."""


class _Book:
    def __init__(self, lang: str = "en", title: str = "") -> None:
        self.lang = lang
        self.title = title
        """What the header of every printed page of a list says (the operation)."""
        self.buffer = io.BytesIO()
        # Arial 10 as the workbook's own font: a column's width is counted in its digits, and
        # every office suite has Arial or a font of its metrics (LibreOffice's Liberation
        # Sans), so that the page is as wide everywhere as it is in Excel.
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {
                "in_memory": True,
                "default_format_properties": {"font_name": "Arial", "font_size": 10},
            },
        )
        self.book.set_properties({"created": _FIXED})
        fmt = self.book.add_format
        self.bold = fmt({**_BODY, "bold": True, "bg_color": "#D9E1F2", "border": 1})
        self.bold_wrap = fmt(
            {**_BODY, "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        )
        self.day = fmt({**_BODY, "num_format": "yyyy-mm-dd"})
        self.clock = fmt({**_BODY, "num_format": "hh:mm"})
        self.text = fmt({**_BODY, "num_format": "@"})
        self.wrap = fmt({**_BODY, "num_format": "@", "text_wrap": True})
        self.number = fmt(_BODY)
        self.red = fmt({**_BODY, "font_color": "#C00000", "bold": True})
        self.total = fmt({**_BODY, "bold": True, "top": 1})
        self.total_day = fmt({**_BODY, "bold": True, "top": 1, "num_format": "yyyy-mm-dd"})

    def _value(self, ws: Any, r: int, c: int, value: Any, wrap: bool, bold: bool = False) -> None:
        if isinstance(value, date) and not isinstance(value, datetime):
            day = self.total_day if bold else self.day
            ws.write_datetime(r, c, datetime.combine(value, time()), day)
        elif isinstance(value, time):
            ws.write_datetime(r, c, datetime.combine(date(1899, 12, 31), value), self.clock)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, self.total if bold else self.number)
        elif value is None:
            ws.write_blank(r, c, None, self.number)
        elif isinstance(value, str) and value.startswith("!"):
            ws.write_string(r, c, value[1:], self.red)
        elif bold:
            ws.write_string(r, c, str(value), self.total)
        else:
            ws.write_string(r, c, str(value), self.wrap if wrap else self.text)

    def sheet(
        self,
        name: str,
        header: list[str],
        rows: Sequence[Sequence[Any]],
        widths: list[int],
        wrap: Sequence[int] = (),
        totals: Sequence[Sequence[Any]] = (),
        notes: Sequence[Sequence[Any]] = (),
    ) -> None:
        """A list: its header frozen and repeated on every printed page, the autofilter over
        the header and the rows only; then, outside it, `totals` (bold) and `notes` after a
        blank row. The columns of `wrap` wrap their text within their width."""
        ws = self.book.add_worksheet(name[:31])
        ws.write_row(0, 0, header, self.bold_wrap)
        ws.set_row(0, LINE * max(_lines(h, w) for h, w in zip(header, widths, strict=False)))
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                self._value(ws, r, c, value, c in wrap)
            # A spreadsheet does not grow a row for its wrapped text when it opens the file:
            # each row is given the height of its longest wrapped cell.
            lines = max((_lines(str(row[c]), widths[c]) for c in wrap if c < len(row)), default=1)
            if lines > 1:
                ws.set_row(r, LINE * lines)
        r = len(rows) + 1
        for row in totals:
            for c, value in enumerate(row):
                self._value(ws, r, c, value, c in wrap, bold=True)
            r += 1
        if notes:
            r += 1
            for row in notes:
                for c, value in enumerate(row):
                    self._value(ws, r, c, value, False)
                r += 1
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        ws.freeze_panes(1, 0)
        if rows:
            ws.autofilter(0, 0, len(rows), len(header) - 1)
        ws.repeat_rows(0)
        self._print(ws, name, widths)

    def _print(self, ws: Any, name: str, widths: Sequence[float]) -> None:
        """A4 landscape, as wide as the page and as many pages long as it takes (fit to
        width, never to one page: the type stays readable); a sheet too wide for one page at
        `SMALLEST` of its size (an overview of many sites) goes across more pages. The
        operation and the sheet in the header, the page of pages in the footer."""
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.set_margins(left=MARGIN, right=MARGIN, top=0.6, bottom=0.6)
        printable = 11.69 * 72 - 2 * MARGIN * 72
        wide = sum(column_points(w) for w in widths)
        ws.fit_to_pages(max(1, math.ceil(wide * SMALLEST / printable)), 0)
        ws.set_header(f"&L&9{_escape(self.title)}&R&9{_escape(name)}")
        page = sprin_word(self.lang, "page", page="&P", pages="&N")
        ws.set_footer(f"&L&9{_escape(name)}&R&9{page}")

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
        post = fmt({**plain, "bold": True, "italic": True, "border": 1, "text_wrap": True})
        cell = fmt({**plain, "border": 1, "text_wrap": True, "num_format": "@"})
        number = fmt({**plain, "border": 1, "align": "right"})
        short = fmt(
            {**plain, "border": 1, "text_wrap": True, "bold": True, "font_color": "#C00000"}
        )
        name = fmt({**plain, "bold": True, "underline": 1})
        ws = book.add_worksheet(day.isoformat())
        for c, width in enumerate(ANNEX_WIDTHS):
            ws.set_column(c, c, width)
        ws.merge_range(0, 0, 0, 4, sheet.classification, centre)
        lampiran = [sheet.lampiran, *(f"{k} : {v}" for k, v in sheet.header_lines(lang))]
        top = max(len(sheet.kop), len(lampiran))
        for i in range(top):
            r = 1 + i
            if i < len(sheet.kop):
                last = i == len(sheet.kop) - 1
                ws.merge_range(r, 0, r, 2, sheet.kop[i], kop_last if last else centre)
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
            # A merged cell does not grow with its text: a long title gets its lines here.
            lines = _lines(group.title, sum(ANNEX_WIDTHS) * 0.9)  # bold
            if lines > 1:
                ws.set_row(r, LINE * lines)
            for k, row in enumerate(group.rows, start=1):
                r += 1
                ws.write_number(r, 0, k, number)
                style = short if row.short else cell
                values = (row.name, row.rank_nrp, row.job, row.remark)
                lines = max(_lines(v, w) for v, w in zip(values, ANNEX_WIDTHS[1:], strict=True))
                if lines > 1:
                    ws.set_row(r, LINE * lines)
                for c, value in enumerate(values, 1):
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
        ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.7)
        ws.set_footer(
            f"&L&9{day_title(lang, day)}&R&9" + sprin_word(lang, "page", page="&P", pages="&N")
        )
        ws.fit_to_pages(1, 0)
        ws.print_area(0, 0, r + 3, 4)

    def bytes(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


LINE = 13.0
"""Points a line of 10 pt text takes in a row."""


def column_points(width: float) -> float:
    """Points a column `width` characters wide takes on paper (8 pixels a character and 5 of
    padding, at 96 pixels an inch: LibreOffice measures Arial 10 so, Excel a pixel less)."""
    return (8 * width + 5) * 0.75


def _lines(text: str, width: float) -> int:
    """Lines a text wraps to in a column `width` characters wide (Arial 10 is narrower than the
    width's unit, the digit of the default font; a word longer than a line breaks)."""
    per_line = max(1, int(width * 1.15) - 1)
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))


def _escape(text: str) -> str:
    """Text in a page header: `&` is a control code there."""
    return text.replace("&", "&&")


def _summary_sheet(out: _Book, plan: Plan, lang: str) -> None:
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
                len({a.nrp for a in plan.assignments}),
                sum(d.heads for d in days),
                sum(d.filled for d in days),
                sum(d.bko for d in days),
            ]
        ],
        notes=[[sprin_word(lang, "heads_note")]],
    )


def as_xlsx(plan: Plan, view: View) -> bytes:
    lang = view.lang
    out = _Book(lang, plan.operation)
    people = {p.nrp: p for p in plan.people}
    slots = {(s.date, s.shift): s for s in plan.slots}

    _summary_sheet(out, plan, lang)
    _overview_sheet(out, plan, lang)

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
    out.sheet(
        word(lang, "schedule"),
        [
            word(lang, k)
            for k in (
                "nrp",
                "name",
                "rank",
                "unit",
                "date",
                "shift",
                "start",
                "end",
                "site",
                "post",
                "skill",
            )
        ],
        schedule,
        [10, 22, 8, 14, 11, 7, 7, 7, 20, 30, 11],
        wrap=(1, 3, 8, 9),
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
        [12, 8, 26, 30, 14, 9, 75],
        wrap=(2, 3, 6),
    )
    out.sheet(
        word(lang, "conflicts"),
        [word(lang, "date"), word(lang, "site"), word(lang, "item")],
        [
            [c.date, site_name(plan, c.site), line]
            for c, line in zip(plan.conflicts, conflict_lines(plan, lang), strict=True)
        ],
        [12, 26, 100],
        wrap=(1, 2),
    )
    return out.bytes()


def _overview_sheet(out: _Book, plan: Plan, lang: str) -> None:
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
    out = _Book(lang, checklist.operation)
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
