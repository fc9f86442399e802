"""units.yaml beyond its shape: unit ids used twice, and the travel the allocation will count
as none."""

from __future__ import annotations

from collections.abc import Sequence

from sinjai_ops.i18n import N_, t
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.units import UnitsFile
from sinjai_ops.validate.identities import _dupes, _raw_values


def check_unit_ids(doc: Document) -> list[Problem]:
    """Unit ids used twice, read from the plain data (reported even when the model is not)."""
    found = _raw_values(doc.data, ("units", "*", "id"))
    return _dupes(doc, [v for _, v in found], lambda i: found[i][0], N_("unit id"))


def missing_travel(
    units: UnitsFile, doc: Document, pairs: Sequence[tuple[str, str]]
) -> list[Problem]:
    """A warning for each base and Polres that a unit of that base could be sent to, with no
    `travel_hours` between them (counted as 0 hours): at the base's travel entry if it has
    one, else at the first unit of that base."""
    out: list[Problem] = []
    for base, polres in sorted(set(pairs)):
        if units.travel(base, polres) is not None:
            continue
        if base in units.travel_hours:
            where: tuple[str | int, ...] = ("travel_hours", base)
        else:
            first = next(i for i, u in enumerate(units.units) if u.base == base)
            where = ("units", first, "base")
        out.append(
            problem_at(
                doc,
                where,
                t(
                    "no travel_hours from {base} to {polres}: counted as 0 hours; add "
                    "'{polres}: HOURS' under travel_hours: {base}:",
                    base=base,
                    polres=polres,
                ),
                warning=True,
            )
        )
    return out
