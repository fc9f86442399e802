"""The roster as a workbook for the personnel office: NRPs as text (leading zeros kept), drill
dates as real dates, the header frozen and filtered; the same roster gives the same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from sinjai_ops.models.roster import RosterFile

_FIXED = datetime(2024, 1, 1)
"""The workbook's own timestamps: fixed, so that two exports compare byte for byte."""


def export_roster(roster: RosterFile) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Personel"
    header = ["NRP", "NAMA", "PANGKAT", "SATUAN", "FUNGSI", "LATIHAN DALMAS", "DAPAT DIPLOT"]
    sheet.append(header)
    for p in roster.personnel:
        drill = p.drills.get("dalmas")
        sheet.append(
            [
                p.nrp,
                p.name,
                p.rank,
                p.unit,
                ", ".join(p.skills),
                drill,
                "ya" if p.assignable else "tidak",
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = "@"  # text: Excel keeps the leading zero
        row[5].number_format = "yyyy-mm-dd"
    widths = [12, 32, 10, 18, 28, 16, 14]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.created = _FIXED
    book.properties.modified = _FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue())


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
