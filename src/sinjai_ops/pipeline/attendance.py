"""Reading what the roll calls found: an attendance file in YAML or CSV, every mark placed
and held against the scenario and the published plan.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sinjai_ops import validate as v
from sinjai_ops.i18n import t
from sinjai_ops.load import byte_place, decode, load_yaml
from sinjai_ops.models.document import Document, Loc
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.pipeline.inputs import _read, display

if TYPE_CHECKING:
    # Named in annotations only; imported where a command needs them, so that `validate`
    # does not build the models of plans, checklists, reports and roll calls.
    from sinjai_ops.models.attendance import AttendanceFile


def _csv_document(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    """A CSV export (`,` or `;`, a header row) as the document of a YAML list of mappings under
    `key`, each cell placed at its row and column, so that problems point at the cell."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return None, [Problem.at(name, 1, 1, t("the file is empty"))]
    header = [h.strip().casefold() for h in rows[0]]
    values: dict[tuple[str | int, ...], Loc] = {(): Loc(name, 1, 1)}
    keys: dict[tuple[str | int, ...], Loc] = {}
    items: list[dict[str, str]] = []
    values[("attendance",)] = Loc(name, 2 if len(rows) > 1 else 1, 1)
    for r, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        k = len(items)
        item: dict[str, str] = {}
        values[("attendance", k)] = Loc(name, r, 1)
        for c, (field_name, cell) in enumerate(zip(header, row, strict=False), start=1):
            if cell.strip():
                item[field_name] = cell.strip()
                values[("attendance", k, field_name)] = Loc(name, r, c)
                keys[("attendance", k, field_name)] = Loc(name, 1, c)
        items.append(item)
    return Document(name, {"attendance": items}, values, keys), []


def load_attendance(
    path: Path,
    planned: set[tuple[str, date, str]] | None = None,
    scenario: Scenario | None = None,
    sessions: dict[str, list[str]] | None = None,
) -> tuple[AttendanceFile | None, list[Problem]]:
    """What the roll calls found: YAML (`attendance:`) or CSV with a header row (UTF-8, or
    Windows-1252 as Excel writes it). Every problem at once: each mark that can be read is
    held against the scenario (an NRP of the roster, a shift and a day of the operation), and
    with the planned (NRP, date, shift) of the published plan, a mark for an officer who was
    not plotted then is an error (a typo in an NRP or a shift would otherwise go unnoticed);
    so is a second mark for one officer-shift. A drill session's mark is held against
    `sessions` (each session's attendees, from the drill schedule)."""
    from sinjai_ops.models.attendance import AttendanceFile
    from sinjai_ops.validate.attendance import check_marks, readable_marks

    name = display(path)
    csv_file = path.suffix.lower() == ".csv"
    raw = _read(path)
    text, problems = decode(raw, name)
    if text is None and csv_file and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, problems = _windows_text(raw, name)
    if text is None:
        return None, problems
    if csv_file:
        doc, problems = _csv_document(text, name)
    else:
        doc, problems = load_yaml(text, name)
    if doc is None or problems:
        return None, problems
    model, problems = v.parse_model(doc, AttendanceFile)
    marks = list(enumerate(model.attendance)) if model is not None else readable_marks(doc.data)
    problems += check_marks(doc, marks, planned, scenario, sessions)
    return (None if problems else model), problems


def _windows_text(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """A CSV that is not UTF-8, read as Windows-1252 (Excel's CSV on Windows); a byte that is
    neither is placed."""
    try:
        return raw.decode("cp1252"), []
    except UnicodeDecodeError as exc:
        line, column = byte_place(raw, exc.start)
        message = t(
            "byte 0x{byte} is neither UTF-8 nor Windows-1252; save the file as UTF-8 (CSV UTF-8 "
            "in Excel's 'Save as')",
            byte=format(raw[exc.start], "02X"),
        )
        return None, [Problem.at(name, line, column, message)]
