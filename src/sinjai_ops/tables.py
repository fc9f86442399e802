"""A spreadsheet's bytes to its cells, each with its place: a pure function of the bytes.

What the bytes are decides how they are read, whatever the file is named: a zip archive is an
Excel workbook (.xlsx, .xlsm), an OLE2 container is an old Excel file or a password-protected
workbook, anything else is CSV text. A workbook is checked before openpyxl opens it (a zip that
unpacks to far more than a personnel sheet holds is refused unread); a CSV file is UTF-8, else
Windows-1252 when every byte decodes so, and a byte that is neither is reported at its row and
column. Nothing read here ends in a traceback: every way a file can be wrong is a `Problem`.
Here the bytes are told apart; `table_xlsx` reads a workbook, `table_csv` a CSV export.
"""

from __future__ import annotations

from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.problem import Problem
from sinjai_ops.table_cells import (
    MAX_COLUMNS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_UNPACKED,
    Cell,
    Table,
)
from sinjai_ops.table_cells import file_problem as _at
from sinjai_ops.table_csv import read_csv
from sinjai_ops.table_xlsx import read_workbook

__all__ = [
    "MAX_COLUMNS",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_UNPACKED",
    "Cell",
    "Table",
    "read_table",
]

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".xlsb")


def read_table(
    raw: bytes, name: str, suffix: str = "", sheet: str | None = None
) -> tuple[Table | None, list[Problem]]:
    """The cells of a workbook's sheet (the one named, else the active visible one) or of a CSV
    export, or the problems that prevent reading them."""
    suffix = suffix.lower()
    if raw.startswith(_OLE2):
        return None, [_at(name, _ole2(raw, suffix))]
    if raw.startswith(b"PK"):
        return read_workbook(raw, name, sheet)
    if suffix in _WORKBOOKS:
        if raw.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html", b"<table")):
            why = t(
                "this is a web page (HTML) named {suffix}, not a workbook; open it in Excel and "
                "save it as .xlsx (File > Save As > Excel Workbook)",
                suffix=suffix,
            )
        else:
            why = t(
                "this file is named {suffix} but is not an Excel workbook; save the sheet again "
                "as .xlsx or as CSV",
                suffix=suffix,
            )
        return None, [_at(name, why)]
    return read_csv(raw, name)


def _ole2(raw: bytes, suffix: str) -> Msg:
    """An OLE2 (compound file) container: an Excel 97-2003 workbook, or an encrypted one."""
    streams = {n: n.encode("utf-16-le") in raw for n in ("EncryptionInfo", "Workbook", "Book")}
    if streams["EncryptionInfo"] or (suffix in (".xlsx", ".xlsm") and not streams["Workbook"]):
        return t(
            "the workbook is password-protected: remove the password (File > Info > Protect "
            "Workbook > Encrypt with Password, empty) and save it again"
        )
    return t(
        "old Excel format (.xls, Excel 97-2003): save it as .xlsx (File > Save As > Excel "
        "Workbook) and import that"
    )
