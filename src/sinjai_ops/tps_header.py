"""The header of a TPS list's sheet: which row it is, which column holds which field, and what
is wrong with it (a required column missing, with the nearest unknown header as the likely
misspelling; the columns not read, named once)."""

from __future__ import annotations

import difflib

from sinjai_ops.i18n import N_, t
from sinjai_ops.models.problem import Problem
from sinjai_ops.roster_cells import cell_name, cell_problem, cell_text, key
from sinjai_ops.roster_header import HEADER_ROWS
from sinjai_ops.table_cells import Cell

REQUIRED = ("kecamatan", "desa", "tps", "voters", "category")
HEADERS: dict[str, tuple[str, ...]] = {
    "kecamatan": ("KECAMATAN", "KEC", "NAMA KECAMATAN"),
    "desa": (
        "DESA/KELURAHAN",
        "KELURAHAN/DESA",
        "DESA/KEL",
        "DESA",
        "KELURAHAN",
        "NAMA DESA",
        "NAMA DESA/KELURAHAN",
    ),
    "tps": ("TPS", "NO TPS", "NOMOR TPS", "NO URUT TPS"),
    "voters": (
        "DPT",
        "PEMILIH",
        "VOTERS",
        "JUMLAH DPT",
        "JUMLAH PEMILIH",
        "JML DPT",
        "JML PEMILIH",
    ),
    "category": ("KATEGORI", "CATEGORY", "KERAWANAN", "KATEGORI KERAWANAN"),
    "island": ("PULAU", "ISLAND", "KEPULAUAN"),
}
"""Header names by field (compared in upper case, without dots, `/` without spaces around it);
the field's own name is accepted too."""
LABELS = {
    "kecamatan": N_("kecamatan"),
    "desa": N_("desa"),
    "tps": N_("TPS number"),
    "voters": N_("DPT"),
    "category": N_("category"),
}
"""A field as the officer's sheet calls it, in the reader's language."""
_IGNORED = {"NO", "NOMOR", "NO URUT"}
"""Columns a list numbers its rows with: known, not read, not warned of."""
_NEAR = 0.75
"""How like a known header an unknown one must be to be taken for its misspelling."""


def header_key(title: object) -> str:
    return key(title).replace(" / ", "/").replace("/ ", "/").replace(" /", "/")


_BY_HEADER = {header_key(h): f for f, names in HEADERS.items() for h in (*names, f)}


def header_row(body: list[list[Cell]]) -> int | None:
    """The row among the first that names the most known columns (None when none does)."""

    def score(row: list[Cell]) -> int:
        return sum(header_key(c.value) in _BY_HEADER for c in row if cell_text(c.value))

    scores = [score(row) for row in body[:HEADER_ROWS]]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return None if scores[best] == 0 else best


def columns(name: str, header: list[Cell]) -> tuple[dict[str, int], list[Problem]]:
    """The column of each field, and the problems of the header: a required column missing
    (an error at the unknown header most like it, else at the header row), the other columns
    not read (one warning)."""
    found: dict[str, int] = {}
    unread: list[Cell] = []
    for cell in header:
        title = header_key(cell.value)
        field = _BY_HEADER.get(title)
        if field is not None and field not in found:
            found[field] = cell.column - 1
        elif cell_text(cell.value) and title not in _IGNORED:
            unread.append(cell)
    problems: list[Problem] = []
    for field in REQUIRED:
        if field not in found:
            problems.append(_missing(name, field, header[0], unread))
    if unread:
        listed = ", ".join(f"'{cell_text(c.value)}' ({cell_name(c)})" for c in unread)
        problems.append(
            cell_problem(
                name, unread[0], t("columns not read: {columns}", columns=listed), warning=True
            )
        )
    return found, problems


def _missing(name: str, field: str, first: Cell, unread: list[Cell]) -> Problem:
    """The error of a required column missing, at the unknown header most like one of its
    names when there is one (then taken out of `unread`: told here, not again)."""
    known = ", ".join(HEADERS[field])
    label = t(LABELS[field])
    names = [header_key(h) for h in HEADERS[field]]
    best: tuple[float, Cell, str] | None = None
    for cell in unread:
        for option, shown in zip(names, HEADERS[field], strict=True):
            title = header_key(cell.value)
            ratio = difflib.SequenceMatcher(None, title, option).ratio()
            if sorted(title) == sorted(option):
                ratio = max(ratio, _NEAR)  # two letters swapped: DTP for DPT
            if ratio >= _NEAR and (best is None or ratio > best[0]):
                best = (ratio, cell, shown)
    if best is None:
        return cell_problem(
            name, first, t("no column for {field}; name one of: {known}", field=label, known=known)
        )
    _, cell, meant = best
    unread.remove(cell)
    return cell_problem(
        name,
        cell,
        t(
            "no column for {field}: header '{text}' is not known; did you mean '{meant}'? "
            "(the names read: {known})",
            field=label,
            text=cell_text(cell.value),
            meant=meant,
            known=known,
        ),
    )
