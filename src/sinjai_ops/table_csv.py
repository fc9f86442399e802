"""A CSV export's bytes to its cells: UTF-8, else Windows-1252 when every byte decodes so; a
byte that is neither is reported at its row and column."""

from __future__ import annotations

import codecs
import csv
import io
import re
from typing import Any

from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.problem import Problem
from sinjai_ops.table_cells import MAX_ROWS, Cell, Table
from sinjai_ops.table_cells import file_problem as _at

_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def read_csv(raw: bytes, name: str) -> tuple[Table | None, list[Problem]]:
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
