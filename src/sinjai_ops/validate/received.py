"""Received units and joint forces beyond their shape: a unit's window against itself and the
operation, unique unit ids over operation.yaml and adjustments.yaml, a commander who is not a
roster officer, and the shifts a post's `support:` names."""

from __future__ import annotations

from datetime import datetime, timedelta

from sinjai_ops.i18n import t
from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.received import ReceivedUnit
from sinjai_ops.models.roster import RosterFile

Placed = tuple[Document, Path, ReceivedUnit]
"""A received unit with the file and path it is written at."""


def placed_units(
    op: OperationFile, odoc: Document, units: list[ReceivedUnit], adoc: Document | None
) -> list[Placed]:
    """The received units of operation.yaml, then those of adjustments.yaml, each placed."""
    out: list[Placed] = [(odoc, ("received_units", i), u) for i, u in enumerate(op.received_units)]
    if adoc is not None:
        out += [(adoc, ("received_units", i), u) for i, u in enumerate(units)]
    return out


def check_received(
    units: list[Placed], op: OperationFile, roster: RosterFile | None
) -> list[Problem]:
    """Every received unit: `to` after `from`, its window inside the operation (a warning),
    its id used once, its commander not a roster officer (a warning)."""
    out: list[Problem] = []
    seen: dict[str, Placed] = {}
    people = {p.nrp: p for p in roster.personnel} if roster is not None else {}
    info = op.operation
    first = datetime.combine(info.start, datetime.min.time())
    last = datetime.combine(info.end + timedelta(days=1), datetime.min.time())
    for doc, path, unit in units:
        if unit.id in seen:
            other = seen[unit.id]
            where = other[0].loc((*other[1], "id"))
            out.append(
                problem_at(
                    doc,
                    (*path, "id"),
                    t(
                        "received unit id '{id}' is used twice (first at {file}:{line}); each "
                        "unit must have its own id",
                        id=unit.id,
                        file=where.file,
                        line=where.line,
                    ),
                )
            )
        seen.setdefault(unit.id, (doc, path, unit))
        if unit.end <= unit.start:
            out.append(
                problem_at(
                    doc,
                    (*path, "to"),
                    t(
                        "'to' {end} is not after 'from' {start}",
                        end=format(unit.end, "%Y-%m-%d %H:%M"),
                        start=format(unit.start, "%Y-%m-%d %H:%M"),
                    ),
                )
            )
        elif unit.start < first or unit.end > last:
            out.append(
                problem_at(
                    doc,
                    (*path, "from" if unit.start < first else "to"),
                    t(
                        "unit '{id}' is here from {start} to {end}, partly outside the operation "
                        "({first} to {last}); its members fill heads only within both",
                        id=unit.id,
                        start=format(unit.start, "%Y-%m-%d %H:%M"),
                        end=format(unit.end, "%Y-%m-%d %H:%M"),
                        first=info.start,
                        last=info.end,
                    ),
                    warning=True,
                )
            )
        person = people.get(unit.commander.nrp)
        if person is not None:
            out.append(
                problem_at(
                    doc,
                    (*path, "commander", "nrp"),
                    t(
                        "the commander of unit '{id}' has the NRP of {rank} {name} of the "
                        "roster; a received unit's commander comes with it and is not a roster "
                        "officer: check the NRP",
                        id=unit.id,
                        rank=person.rank,
                        name=person.name,
                    ),
                    warning=True,
                )
            )
    return out


def check_support(op: OperationFile, doc: Document) -> list[Problem]:
    """The shifts a post's `support:` names are shifts of the operation."""
    out: list[Problem] = []
    shift_ids = [s.id for s in op.shifts]
    for i, site in enumerate(op.sites):
        for j, post in enumerate(site.posts):
            if post.support is None:
                continue
            for shift in post.support.shifts:
                if shift not in shift_ids:
                    out.append(
                        problem_at(
                            doc,
                            ("sites", i, "posts", j, "support", "shifts", shift),
                            t(
                                "unknown shift '{shift}'{hint}",
                                shift=shift,
                                hint=suggest(shift, shift_ids),
                            ),
                            key=True,
                        )
                    )
    return out
