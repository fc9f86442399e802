"""The Sprin's annex of one day as a sheet of the plan's workbook, printed on A4 portrait: the
classification, kop and Lampiran header and the columns' header on every page, the posts of each
site and shift with every head (a missing one a red `KURANG` row), the signature block."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sinjai_ops.render.sprin import AnnexGroup, Form, columns, day_title, sprin_word
from sinjai_ops.render.xlsx_book import LINE, Book, text_lines

ANNEX_WIDTHS = (4, 30, 18, 22, 26)
"""No, Nama, Pangkat/NRP, Jabatan, Ket: as wide as an A4 page in portrait at full size."""
_PLAIN = {"font_name": "Arial", "font_size": 10, "valign": "top"}


@dataclass(frozen=True)
class _Formats:
    """The formats of the annex's cells."""

    centre: Any
    kop_last: Any
    left: Any
    wrap: Any
    header: Any
    site: Any
    post: Any
    cell: Any
    number: Any
    short: Any
    name: Any
    signed: Any


def _formats(book: Any) -> _Formats:
    fmt = book.add_format
    plain = _PLAIN
    return _Formats(
        centre=fmt({**plain, "bold": True, "align": "center"}),
        kop_last=fmt({**plain, "bold": True, "align": "center", "bottom": 1}),
        left=fmt(plain),
        wrap=fmt({**plain, "text_wrap": True}),
        header=fmt({**plain, "bold": True, "align": "center", "border": 1, "text_wrap": True}),
        site=fmt({**plain, "bold": True, "border": 1, "bg_color": "#D9E1F2"}),
        post=fmt({**plain, "bold": True, "italic": True, "border": 1, "text_wrap": True}),
        cell=fmt({**plain, "border": 1, "text_wrap": True, "num_format": "@"}),
        number=fmt({**plain, "border": 1, "align": "right"}),
        short=fmt({**plain, "border": 1, "text_wrap": True, "bold": True, "font_color": "#C00000"}),
        name=fmt({**plain, "bold": True, "underline": 1}),
        signed=fmt({**plain, "bold": True, "top": 1}),
    )


def annex_sheet(out: Book, day: date, lang: str, sheet: Form, groups: list[AnnexGroup]) -> None:
    """The annex of `day` as a new sheet of the workbook."""
    titled_annex_sheet(out, day.isoformat(), day_title(lang, day), lang, sheet, groups)


def titled_annex_sheet(
    out: Book, name: str, title: str, lang: str, sheet: Form, groups: list[AnnexGroup]
) -> None:
    """An annex as a new sheet `name`, under `title` (a day's plotting, or a Polsek's TPS)."""
    f = _formats(out.book)
    ws = out.book.add_worksheet(name[:31])
    for c, width in enumerate(ANNEX_WIDTHS):
        ws.set_column(c, c, width)
    r = _heading(ws, f, title, lang, sheet)
    r = _groups(ws, f, groups, r)
    r = _signature(ws, f, lang, sheet, r + 2)
    ws.set_paper(9)  # A4
    ws.set_portrait()
    ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.7)
    page = sprin_word(lang, "page", page="&P", pages="&N")
    ws.set_footer(f"&L&9{title.replace('&', '&&')}&R&9{page}")
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, r, 4)


def _heading(ws: Any, f: _Formats, title: str, lang: str, sheet: Form) -> int:
    """The classification, the kop beside the Lampiran lines, the day's title and the
    columns' header (repeated on every page); the row of that header."""
    ws.merge_range(0, 0, 0, 4, sheet.classification, f.centre)
    lampiran = [sheet.lampiran, *(f"{k} : {v}" for k, v in sheet.header_lines(lang))]
    top = max(len(sheet.kop), len(lampiran))
    for i in range(top):
        r = 1 + i
        if i < len(sheet.kop):
            last = i == len(sheet.kop) - 1
            ws.merge_range(r, 0, r, 2, sheet.kop[i], f.kop_last if last else f.centre)
        if i < len(lampiran):
            # A merged cell neither wraps nor grows: a long line (the English Lampiran) gets
            # its lines here, instead of running off the printed page.
            lines = text_lines(lampiran[i], sum(ANNEX_WIDTHS[3:]) * 0.8)  # capitals: wide
            ws.merge_range(r, 3, r, 4, lampiran[i], f.wrap if lines > 1 else f.left)
            if lines > 1:
                ws.set_row(r, LINE * lines)
    r = top + 2
    ws.merge_range(r, 0, r, 4, title, f.centre)
    r += 2
    ws.write_row(r, 0, columns(lang), f.header)
    ws.repeat_rows(0, r)
    ws.freeze_panes(r + 1, 0)
    return r


def _groups(ws: Any, f: _Formats, groups: list[AnnexGroup], r: int) -> int:
    """Each site's title, then each post's with its heads, after row `r`; the last row."""
    where = None
    for group in groups:
        if group.site != where:
            r += 1
            ws.merge_range(r, 0, r, 4, group.site_title, f.site)
            where = group.site
        r += 1
        ws.merge_range(r, 0, r, 4, group.title, f.post)
        # A merged cell does not grow with its text: a long title gets its lines here.
        lines = text_lines(group.title, sum(ANNEX_WIDTHS) * 0.9)  # bold
        if lines > 1:
            ws.set_row(r, LINE * lines)
        for k, row in enumerate(group.rows, start=1):
            r += 1
            ws.write_number(r, 0, k, f.number)
            style = f.short if row.short else f.cell
            values = (row.name, row.rank_nrp, row.job, row.remark)
            lines = max(text_lines(v, w) for v, w in zip(values, ANNEX_WIDTHS[1:], strict=True))
            if lines > 1:
                ws.set_row(r, LINE * lines)
            for c, value in enumerate(values, 1):
                ws.write_string(r, c, value, style)
    return r


def _signature(ws: Any, f: _Formats, lang: str, sheet: Form, r: int) -> int:
    """The signature block from row `r`, and the classification under it; its last row."""
    for label, value in sheet.signature_lines(lang):
        ws.write_string(r, 3, label, f.left)
        ws.write_string(r, 4, f": {value}", f.left)
        r += 1
    ws.merge_range(r, 3, r, 4, sheet.title, f.signed)
    r += 5
    ws.merge_range(r, 3, r, 4, sheet.name, f.name)
    ws.merge_range(r + 1, 3, r + 1, 4, sheet.rank_nrp, f.left)
    ws.merge_range(r + 3, 0, r + 3, 4, sheet.classification, f.centre)
    return r + 3
