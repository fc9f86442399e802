"""A kecamatan or desa written once over its rows: a sheet whose kecamatan (or desa) cells are
merged, saved as CSV or unmerged, keeps the name on the first row of the group only. A TPS row
whose kecamatan (or desa, within the same kecamatan) is empty under a filled one is read with
the name above, and one warning per column says so, naming the rows and the names taken: the
value is never changed unsaid."""

from __future__ import annotations

import re
from dataclasses import replace

from sinjai_ops.i18n import t
from sinjai_ops.models.problem import Problem
from sinjai_ops.tps_header import LABELS
from sinjai_ops.tps_rows import TpsRow

_FILLED = ("kecamatan", "desa")


def _same(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def fill_down(rows: list[TpsRow]) -> tuple[list[TpsRow], list[Problem]]:
    """The rows with each empty kecamatan and desa under a filled one read as the one above,
    and a warning per column filled."""
    out: list[TpsRow] = []
    taken: dict[str, list[tuple[str, TpsRow]]] = {field: [] for field in _FILLED}
    above: dict[str, str] = {}
    for row in rows:
        values = dict(row.values)
        if values.get("tps") and above:
            for field in _FILLED:
                same_kecamatan = _same(values["kecamatan"]) == _same(above["kecamatan"])
                if field == "desa" and not same_kecamatan:
                    continue
                if not values[field] and above[field] and field not in row.told:
                    values[field] = above[field]
                    taken[field].append((above[field], row))
        out.append(replace(row, values=values) if values != row.values else row)
        above = {field: values.get(field, "") for field in _FILLED}
    problems = [_warning(field, taken[field]) for field in _FILLED if taken[field]]
    return out, problems


def _warning(field: str, taken: list[tuple[str, TpsRow]]) -> Problem:
    lines: dict[str, list[int]] = {}
    for value, row in taken:
        lines.setdefault(value, []).append(row.spots[field].line)
    values = "; ".join(f"'{value}' {_ranges(rows)}" for value, rows in lines.items())
    return (
        taken[0][1]
        .spots[field]
        .problem(
            t(
                "{field} left empty under a filled cell in {n} rows, as a sheet with merged cells "
                "is saved; read as the value above, by rows: {values}; write it in every row to be "
                "sure",
                field=t(LABELS[field]),
                n=len(taken),
                values=values,
            ),
            warning=True,
        )
    )


def _ranges(lines: list[int]) -> str:
    """`3-49, 51`: the lines, runs of consecutive ones as a range."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
