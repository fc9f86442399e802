"""An Excel workbook's bytes to the cells of one of its sheets.

The archive is checked before openpyxl opens it: another format in a zip (.xlsb, .ods) is named,
and a zip that unpacks to far more than a personnel sheet holds is refused unread. A formula
whose value the workbook did not save is kept with its cell, and the merged ranges are read from
the sheet's XML.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from typing import Any

from sinjai_ops.i18n import NOTHING, Msg, t
from sinjai_ops.models.problem import Problem
from sinjai_ops.table_cells import MAX_COLUMNS, MAX_RATIO, MAX_ROWS, MAX_UNPACKED, Cell, Table
from sinjai_ops.table_cells import file_problem as _at

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})\"")


def read_workbook(raw: bytes, name: str, sheet: str | None) -> tuple[Table | None, list[Problem]]:
    """The cells of a workbook's sheet (the one named, else the active visible one), or the
    problems that prevent reading them."""
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
    refused = _not_a_workbook(parts) or _too_large(parts, len(raw))
    if refused is not None:
        return None, [_at(name, refused)]
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


def _not_a_workbook(parts: list[zipfile.ZipInfo]) -> Msg | None:
    """What a zip archive is when it is not an Excel workbook (.xlsb, .ods, another zip)."""
    found = {p.filename for p in parts}
    if "xl/workbook.bin" in found:
        return t(
            "binary Excel format (.xlsb): save it as .xlsx (File > Save As > Excel "
            "Workbook) and import that"
        )
    if "content.xml" in found and "mimetype" in found:
        return t(
            "an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV (File > Save "
            "As) and import that"
        )
    if "xl/workbook.xml" not in found:
        return t("this zip archive is not an Excel workbook; save the sheet as .xlsx")
    return None


def _too_large(parts: list[zipfile.ZipInfo], size: int) -> Msg | None:
    """The refusal of a workbook that would unpack to far more than a personnel sheet (a
    decompression bomb), before anything is unpacked."""
    unpacked = sum(p.file_size for p in parts)
    swollen = [
        p
        for p in parts
        if p.file_size > 2**20 and p.file_size > MAX_RATIO * max(p.compress_size, 1)
    ]
    if unpacked <= MAX_UNPACKED and not swollen:
        return None
    return t(
        "the workbook would unpack to {size} MB ({ratio} times its size): refused "
        "unread, as a decompression bomb; a personnel sheet is far smaller, so save "
        "the sheet again from Excel or export it as CSV",
        size=round(unpacked / 2**20),
        ratio=round(unpacked / max(size, 1)),
    )


def _sheet(
    raw: bytes, archive: zipfile.ZipFile, name: str, sheet: str | None
) -> tuple[Table | None, list[Problem]]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes on extensions it does not read
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    ws, problems = _chosen_sheet(book, name, sheet)
    if ws is None:
        return None, problems
    xml = _xml(archive, ws)
    rows = _rows(ws, name, _formulas(raw, xml, ws), problems)
    book.close()
    if rows is None or any(p.severity == "error" for p in problems):
        return None, problems
    return Table(rows, _merged(xml)), problems


def _chosen_sheet(book: Any, name: str, sheet: str | None) -> tuple[Any, list[Problem]]:
    """The sheet named, else the active visible one (with a warning naming the sheets not
    read); None and the problem when there is no such sheet."""
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
        return book[sheet], []
    visible = [s for s in sheets if s.sheet_state == "visible"]
    active = book.active
    if active in visible:
        ws = active
    elif visible or sheets:
        ws = (visible or sheets)[0]
    else:
        return None, [_at(name, t("the workbook has no sheet of cells"))]
    others = [n for n in book.sheetnames if n != ws.title]
    if not others:
        return ws, []
    hidden = [n for n in others if book[n].sheet_state != "visible"]
    shown = ", ".join(f"'{n}'" for n in others if n not in hidden) or "-"
    return ws, [
        Problem.at(
            name,
            1,
            1,
            t(
                "read the sheet '{sheet}'; not read: {others}{hidden}; choose another with --sheet",
                sheet=ws.title,
                others=shown,
                hidden=t(" (hidden: {names})", names=", ".join(f"'{n}'" for n in hidden))
                if hidden
                else NOTHING,
            ),
            warning=True,
            place=f"{ws.title}!A1",
        )
    ]


def _rows(
    ws: Any, name: str, formulas: dict[tuple[int, int], str], problems: list[Problem]
) -> list[list[Cell]] | None:
    """The non-empty rows of the sheet (adding a problem for a value beyond the columns read);
    None, with only that problem in `problems`, for a sheet of more rows than a personnel
    sheet."""
    from openpyxl.utils import get_column_letter

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
                    name,
                    r,
                    beyond,
                    t(
                        "a value beyond column {last} ({limit} columns), which is not read; "
                        "move it into the sheet's columns or delete it",
                        last=get_column_letter(MAX_COLUMNS),
                        limit=MAX_COLUMNS,
                    ),
                    place=f"{ws.title}!{get_column_letter(beyond)}{r}",
                )
            )
        if values.count(None) + values.count("") == len(values) and (r, 0) not in formulas:
            continue
        if len(rows) >= MAX_ROWS:
            problems[:] = [
                Problem.at(
                    name,
                    r,
                    1,
                    t("more than {n} rows; is this the personnel sheet?", n=f"{MAX_ROWS:,}"),
                    place=f"{ws.title}!A{r}",
                )
            ]
            return None
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
    return rows


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
