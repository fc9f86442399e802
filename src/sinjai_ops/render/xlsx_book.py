"""A workbook written with XlsxWriter for the staff: Arial 10 throughout, lists with their
header frozen, filtered and repeated on every printed page, printed on A4 as wide as the page;
the same content gives the same bytes."""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

import xlsxwriter

from sinjai_ops.render.sprin import sprin_word

_FIXED = datetime(2024, 1, 1)
"""The workbook's own timestamps: fixed, so that two runs give the same bytes."""


_BODY = {"font_name": "Arial", "font_size": 10, "valign": "top"}
"""The type of every cell written: 10 pt, printed at no less than 8 pt (see `_print`)."""
MARGIN = 0.4
"""Left and right margins of a list sheet, in inches."""
SMALLEST = 0.8
"""The least a list is scaled to fit the page's width: its 10 pt print at 8 pt or more."""


class Book:
    """A workbook being written, with the formats its cells share."""

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
        self.moment = fmt({**_BODY, "num_format": "yyyy-mm-dd hh:mm"})
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
        elif isinstance(value, datetime):
            ws.write_datetime(r, c, value, self.moment)
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
        ws.set_row(0, LINE * max(text_lines(h, w) for h, w in zip(header, widths, strict=False)))
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                self._value(ws, r, c, value, c in wrap)
            # A spreadsheet does not grow a row for its wrapped text when it opens the file:
            # each row is given the height of its longest wrapped cell.
            lines = max(
                (text_lines(str(row[c]), widths[c]) for c in wrap if c < len(row)), default=1
            )
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

    def bytes(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


LINE = 13.0
"""Points a line of 10 pt text takes in a row."""


def column_points(width: float) -> float:
    """Points a column `width` characters wide takes on paper (8 pixels a character and 5 of
    padding, at 96 pixels an inch: LibreOffice measures Arial 10 so, Excel a pixel less)."""
    return (8 * width + 5) * 0.75


def text_lines(text: str, width: float) -> int:
    """Lines a text wraps to in a column `width` characters wide (Arial 10 is narrower than the
    width's unit, the digit of the default font; a word longer than a line breaks)."""
    per_line = max(1, int(width * 1.15) - 1)
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))


def _escape(text: str) -> str:
    """Text in a page header: `&` is a control code there."""
    return text.replace("&", "&&")
