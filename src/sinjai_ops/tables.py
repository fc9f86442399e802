"""A spreadsheet's bytes to its cells, each with its place: a pure function of the bytes.

What the bytes are decides how they are read, whatever the file is named: a zip archive is an
Excel workbook (.xlsx, .xlsm), an OLE2 container is an old Excel file or a password-protected
workbook, anything else is CSV text. A workbook is checked before openpyxl opens it (a zip that
unpacks to far more than a personnel sheet holds is refused unread); a CSV file is UTF-8, else
Windows-1252 when every byte decodes so, and a byte that is neither is reported at its row and
column. Nothing read here ends in a traceback: every way a file can be wrong is a `Problem`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

from sinjai_ops.i18n import NOTHING, Msg, t
from sinjai_ops.models.problem import Problem

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".xlsb")
MAX_UNPACKED = 100 * 2**20
"""The most a workbook may unpack to (all its parts): a 50,000-officer sheet is about 30 MB."""
MAX_RATIO = 100
"""The most a part of more than 1 MiB may unpack to, as a multiple of its packed size; sheets
written by Excel, LibreOffice or openpyxl stay below 20."""
MAX_COLUMNS = 256
"""Columns read from a sheet (a personnel sheet has a dozen or two)."""
MAX_ROWS = 200_000
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})\"")
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True)
class Cell:
    value: Any
    line: int
    column: int
    place: str
    """`Sheet1!B3` in a workbook, `3:2` in a CSV file."""
    formula: str | None = None
    """A formula whose value the workbook did not save (its value is then None)."""

    @property
    def sheet(self) -> bool:
        return "!" in self.place


@dataclass(frozen=True)
class Table:
    rows: list[list[Cell]]
    """The non-empty rows, each cell with its place."""
    merged: tuple[tuple[int, int, int, int], ...] = ()
    """A workbook's merged ranges: first row, first column, last row, last column."""


def read_table(
    raw: bytes, name: str, suffix: str = "", sheet: str | None = None
) -> tuple[Table | None, list[Problem]]:
    """The cells of a workbook's sheet (the one named, else the active visible one) or of a CSV
    export, or the problems that prevent reading them."""
    suffix = suffix.lower()
    if raw.startswith(_OLE2):
        return None, [_at(name, _ole2(raw, suffix))]
    if raw.startswith(b"PK"):
        return _workbook(raw, name, sheet)
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
    return _csv(raw, name)


def _at(name: str, message: Msg, line: int = 1, column: int = 1) -> Problem:
    return Problem.at(name, line, column, message)


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


def _workbook(raw: bytes, name: str, sheet: str | None) -> tuple[Table | None, list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
    except Exception:  # BadZipFile, EOFError, NotImplementedError (zip version 6.4) ...
        return None, [
            _at(
                name,
                t(
                    "the workbook is damaged (not a complete .xlsx zip archive); save it again "
                    "from Excel, or export the sheet as CSV"
                ),
            )
        ]
    found = {p.filename for p in parts}
    if "xl/workbook.bin" in found:
        return None, [
            _at(
                name,
                t(
                    "binary Excel format (.xlsb): save it as .xlsx (File > Save As > Excel "
                    "Workbook) and import that"
                ),
            )
        ]
    if "content.xml" in found and "mimetype" in found:
        return None, [
            _at(
                name,
                t(
                    "an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV (File > Save "
                    "As) and import that"
                ),
            )
        ]
    if "xl/workbook.xml" not in found:
        return None, [
            _at(name, t("this zip archive is not an Excel workbook; save the sheet as .xlsx"))
        ]
    unpacked = sum(p.file_size for p in parts)
    swollen = [
        p
        for p in parts
        if p.file_size > 2**20 and p.file_size > MAX_RATIO * max(p.compress_size, 1)
    ]
    if unpacked > MAX_UNPACKED or swollen:
        return None, [
            _at(
                name,
                t(
                    "the workbook would unpack to {size} MB ({ratio} times its size): refused "
                    "unread, as a decompression bomb; a personnel sheet is far smaller, so save "
                    "the sheet again from Excel or export it as CSV",
                    size=round(unpacked / 2**20),
                    ratio=round(unpacked / max(len(raw), 1)),
                ),
            )
        ]
    try:
        return _sheet(raw, archive, name, sheet)
    except Exception as exc:  # openpyxl on a damaged part: the user's file to fix, not a bug
        why = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return None, [
            _at(
                name,
                t(
                    "cannot read the workbook ({why}); save it again from Excel, or export the "
                    "sheet as CSV",
                    why=why,
                ),
            )
        ]


def _sheet(
    raw: bytes, archive: zipfile.ZipFile, name: str, sheet: str | None
) -> tuple[Table | None, list[Problem]]:
    import openpyxl
    from openpyxl.utils import get_column_letter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes on extensions it does not read
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    problems: list[Problem] = []
    sheets = book.worksheets
    if sheet is not None:
        if sheet not in book.sheetnames or book[sheet] not in sheets:
            return None, [
                _at(
                    name,
                    t(
                        "there is no sheet '{sheet}'; its sheets: {sheets}",
                        sheet=sheet,
                        sheets=", ".join(book.sheetnames),
                    ),
                )
            ]
        ws: Any = book[sheet]
    else:
        visible = [s for s in sheets if s.sheet_state == "visible"]
        active = book.active
        if active in visible:
            ws = active
        elif visible or sheets:
            ws = (visible or sheets)[0]
        else:
            return None, [_at(name, t("the workbook has no sheet of cells"))]
    others = [n for n in book.sheetnames if n != ws.title]
    hidden = [n for n in others if book[n].sheet_state != "visible"]
    if others and sheet is None:
        shown = ", ".join(f"'{n}'" for n in others if n not in hidden) or "-"
        problems.append(
            Problem.at(
                f"{name}:{ws.title}!A1",
                1,
                1,
                t(
                    "read the sheet '{sheet}'; not read: {others}{hidden}; choose another with "
                    "--sheet",
                    sheet=ws.title,
                    others=shown,
                    hidden=t(" (hidden: {names})", names=", ".join(f"'{n}'" for n in hidden))
                    if hidden
                    else NOTHING,
                ),
                warning=True,
            )
        )
    xml = _xml(archive, ws)
    formulas = _formulas(raw, xml, ws)
    rows: list[list[Cell]] = []
    ws.reset_dimensions()  # a dimension claiming a million rows is not padded out
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        values = row[:MAX_COLUMNS]
        beyond = next(
            (c for c, v in enumerate(row[MAX_COLUMNS:], MAX_COLUMNS + 1) if v not in (None, "")), 0
        )
        if beyond and len(problems) < 10:  # said for the first few rows only: one fix for all
            problems.append(
                Problem.at(
                    f"{name}:{ws.title}!{get_column_letter(beyond)}{r}",
                    r,
                    beyond,
                    t(
                        "a value beyond column {last} ({limit} columns), which is not read; "
                        "move it into the sheet's columns or delete it",
                        last=get_column_letter(MAX_COLUMNS),
                        limit=MAX_COLUMNS,
                    ),
                )
            )
        if values.count(None) + values.count("") == len(values) and (r, 0) not in formulas:
            continue
        if len(rows) >= MAX_ROWS:
            return None, [
                Problem.at(
                    f"{name}:{ws.title}!A{r}",
                    r,
                    1,
                    t("more than {n} rows; is this the personnel sheet?", n=f"{MAX_ROWS:,}"),
                )
            ]
        rows.append(
            [
                Cell(
                    v,
                    r,
                    c,
                    f"{ws.title}!{get_column_letter(c)}{r}",
                    formulas.get((r, c)) if v is None else None,
                )
                for c, v in enumerate(_trimmed(values), start=1)
            ]
        )
    book.close()
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Table(rows, _merged(xml)), problems


def _trimmed(values: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(values)
    while end and (values[end - 1] is None or values[end - 1] == ""):
        end -= 1
    return values[:end]


def _xml(archive: zipfile.ZipFile, ws: Any) -> bytes | None:
    """The sheet's XML, None when it cannot be told which part it is."""
    part = getattr(ws, "_worksheet_path", None)
    return None if part is None else archive.read(part)


def _merged(xml: bytes | None) -> tuple[tuple[int, int, int, int], ...]:
    """The merged ranges of the sheet (first row, first column, last row, last column), which
    openpyxl's streaming reader does not give."""
    from openpyxl.utils.cell import range_boundaries

    found = []
    for ref in _MERGE.findall(xml or b""):
        c1, r1, c2, r2 = range_boundaries(ref.decode("ascii"))
        if c1 and r1 and c2 and r2:
            found.append((r1, c1, r2, c2))
    return tuple(found)


def _formulas(raw: bytes, xml: bytes | None, ws: Any) -> dict[tuple[int, int], str]:
    """The formulas of the sheet (by row and column), read only when its XML holds any: a
    formula never calculated has no saved value, which the values alone cannot tell from an
    empty cell. (Row, 0) marks a row that holds one."""
    import openpyxl

    if xml is not None and not _FORMULA.search(xml):
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    sheet = book[ws.title]
    sheet.reset_dimensions()
    found: dict[tuple[int, int], str] = {}
    for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        for c, v in enumerate(values[:MAX_COLUMNS], start=1):
            text = getattr(v, "text", v)  # an array formula keeps its text apart
            if isinstance(text, str) and text.startswith("="):
                found[(r, c)] = text
                found[(r, 0)] = text
    book.close()
    return found


def _csv(raw: bytes, name: str) -> tuple[Table | None, list[Problem]]:
    text, problem_of = _decode(raw)
    if text is None:
        return None, [_at(name, t("the file is UTF-16 but damaged; save it again as CSV UTF-8"))]
    if len(_BINARY.findall(raw[:4096])) > 8:
        return None, [
            _at(
                name,
                t(
                    "this is neither a CSV text file nor an Excel workbook; export the personnel "
                    "sheet as .xlsx or CSV"
                ),
            )
        ]
    lines = text.splitlines()[:10]
    delimiter = max((";", ",", "\t"), key=lambda d: sum(line.count(d) for line in lines))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    problems: list[Problem] = []
    r = 0
    while True:
        r += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(
                _at(name, t("cannot read this row of the CSV file: {why}", why=str(exc)), r, 1)
            )
            break
        if len(rows) >= MAX_ROWS:
            problems.append(
                _at(name, t("more than {n} rows; is this the personnel sheet?", n=f"{MAX_ROWS:,}"))
            )
            break
        for c, value in enumerate(row, start=1):
            bad = next((ch for ch in value if 0xDC80 <= ord(ch) <= 0xDCFF), None)
            if bad is not None and problem_of is not None:
                problems.append(_at(name, problem_of(ord(bad) - 0xDC00), r, c))
        if any(value.strip() for value in row):
            rows.append([Cell(v, r, c, f"{r}:{c}") for c, v in enumerate(row, start=1)])
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Table(rows), problems


def _decode(raw: bytes) -> tuple[str | None, Any]:
    """The text, and (when some bytes are not text) what to say of such a byte: UTF-8, else
    Windows-1252 (Excel's CSV on Windows); an undecodable byte stays in the text as a lone
    surrogate, to be reported at its cell."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    loose = raw.decode("utf-8", "surrogateescape")
    if any(ord(ch) > 0x7F and not 0xDC80 <= ord(ch) <= 0xDCFF for ch in loose):
        # Some UTF-8 letters and some bytes that are not: read as Windows-1252, the letters
        # would silently turn into others (é into Ã©).
        def mixed(byte: int) -> Msg:
            return t(
                "byte 0x{byte} is not UTF-8, while the rest of the file is; save the file as "
                "CSV UTF-8 (Excel: File > Save As > CSV UTF-8)",
                byte=format(byte, "02X"),
            )

        return loose, mixed

    def undefined(byte: int) -> Msg:
        return t(
            "byte 0x{byte} is neither UTF-8 nor Windows-1252 text; save the file as CSV UTF-8 "
            "(Excel: File > Save As > CSV UTF-8)",
            byte=format(byte, "02X"),
        )

    return raw.decode("cp1252", "surrogateescape"), undefined
