"""The roster as a workbook for the personnel office, laid out as the office lays out its own
(a two-row header, groups merged over their columns), holding every field of the roster so that
`roster import` gives the same roster back: NRPs as text (leading zeros kept), drill dates per
skill and periods away as real dates, the header frozen and filtered; the same roster gives the
same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sinjai_ops.models.roster import RosterFile
from sinjai_ops.roster_import import NO_SKILL, unwritable_character

_FIXED = datetime(2024, 1, 1)
"""The workbook's own timestamps: fixed, so that two exports compare byte for byte."""
_SINGLE = [
    ("NRP", 12),
    ("NAMA", 32),
    ("PANGKAT", 10),
    ("SATUAN", 18),
    ("FUNGSI", 28),
    ("DAPAT DIPLOT", 13),
    ("TERKAIT CALON", 18),
]
_DESA = ("DESA BINAAN", 18)
_AWAY = [("DARI", 12), ("SAMPAI", 12), ("ALASAN", 18)]


def unwritable(roster: RosterFile) -> list[tuple[tuple[str | int, ...], str]]:
    """The texts of the roster that a workbook cannot hold (a control character, a line break),
    by their path in roster.yaml, with the first such character."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, p in enumerate(roster.personnel):
        texts: list[tuple[tuple[str | int, ...], str]] = [
            (("personnel", i, "name"), p.name),
            (("personnel", i, "unit"), p.unit),
        ]
        if p.desa is not None:
            texts.append((("personnel", i, "desa"), p.desa))
        texts += [
            (("personnel", i, "unavailable", k, "reason"), leave.reason)
            for k, leave in enumerate(p.unavailable)
            if leave.reason is not None
        ]
        for path, text in texts:
            if (ch := unwritable_character(text)) is not None:
                found.append((path, ch))
    return found


def export_roster(roster: RosterFile) -> bytes:
    """The workbook's bytes; the roster must hold no `unwritable` text."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Personel"
    drilled = sorted({s for p in roster.personnel for s in p.drills} | {"dalmas"})
    periods = max([1, *(len(p.unavailable) for p in roster.personnel)])
    # DESA BINAAN (a Bhabinkamtibmas' desa, for the voting day) only when someone has one.
    desa = any(p.desa is not None for p in roster.personnel)
    last = _header(sheet, drilled, periods, desa)
    for r, p in enumerate(roster.personnel, start=3):
        values: list[Any] = [
            p.nrp,
            p.name,
            p.rank,
            p.unit,
            ", ".join(p.skills) or NO_SKILL,
            "ya" if p.assignable else "tidak",
            ", ".join(p.ties) or None,
            *([p.desa] if desa else []),
            *(p.drills.get(skill) for skill in drilled),
        ]
        for leave in p.unavailable:
            values += [leave.start, leave.end, leave.reason]
        _write_row(sheet, r, values)
    sheet.freeze_panes = "C3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(last)}{max(2, len(roster.personnel) + 2)}"
    book.properties.created = _FIXED
    book.properties.modified = _FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue())


def _header(sheet: Any, drilled: list[str], periods: int, desa: bool) -> int:
    """The two-row header: the single columns merged down, LATIHAN over a column per drilled
    skill, TIDAK TERSEDIA n over each period's DARI, SAMPAI, ALASAN; its last column."""
    bold = Font(bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def head(row: int, column: int, text: str, width: float | None = None) -> None:
        cell = sheet.cell(row, column, text)
        cell.font, cell.alignment = bold, centred
        if width is not None:
            sheet.column_dimensions[get_column_letter(column)].width = width

    column = 1
    for title, width in [*_SINGLE, *([_DESA] if desa else [])]:
        head(1, column, title, width)
        sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
        column += 1
    first_drill = column
    head(1, column, "LATIHAN")
    for skill in drilled:
        head(2, column, skill.upper(), 12)
        column += 1
    sheet.merge_cells(start_row=1, start_column=first_drill, end_row=1, end_column=column - 1)
    for n in range(1, periods + 1):
        head(1, column, f"TIDAK TERSEDIA {n}")
        for title, width in _AWAY:
            head(2, column, title, width)
            column += 1
        sheet.merge_cells(start_row=1, start_column=column - 3, end_row=1, end_column=column - 1)
    return column - 1


def _write_row(sheet: Any, r: int, values: list[Any]) -> None:
    """An officer's values in row `r`: text as text (never a formula), dates as dates."""
    for c, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = sheet.cell(r, c)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # text as typed, even "=1+1": never a formula
            cell.number_format = "@"  # and Excel keeps an NRP's leading zero
        elif isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated alike: a workbook's bytes then depend on its
    content only."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving, whatever the properties say.
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>2024-01-01T00:00:00Z\g<2>",
                    body,
                )
            target.writestr(entry, body)
    return out.getvalue()
