"""Received units and joint forces beyond their shape: a unit's window against itself and the
operation, unique unit ids over operation.yaml and adjustments.yaml, a commander who is not a
roster officer, and the shifts a post's `support:` names."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from sinjai_ops.i18n import t
from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.received import ReceivedUnit
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.validate.cross import OperationFacts

Placed = tuple[Document, Path, ReceivedUnit]
"""A received unit with the file and path it is written at."""


def placed_units(docs: dict[str, Document], policy: Policy, zone: str | None) -> list[Placed]:
    """The received units of operation.yaml, then those of adjustments.yaml, each placed: every
    entry that is valid on its own, so that a bad field of one unit (told by its file's check)
    does not hide what is wrong with the others."""
    context: dict[str, Any] = {"skills": policy.skills, "ranks": policy.ranks}
    if zone is not None:
        context["timezone"] = zone
    out: list[Placed] = []
    for kind in ("operation", "adjustments"):
        doc = docs.get(kind)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        entries = data.get("received_units")
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            try:
                unit = ReceivedUnit.model_validate(entry, context=context)
            except ValidationError:
                continue  # told by the file's own check
            assert doc is not None
            out.append((doc, ("received_units", i), unit))
    return out


def check_received(
    units: list[Placed], facts: OperationFacts, roster: RosterFile | None
) -> list[Problem]:
    """Every received unit: `to` after `from`, its window inside the operation (a warning),
    its id used once, its commander not a roster officer (a warning)."""
    out: list[Problem] = []
    seen: dict[str, Placed] = {}
    people = {p.nrp: p for p in roster.personnel} if roster is not None else {}
    for doc, path, unit in units:
        if unit.id in seen:
            out.append(_twice(doc, path, unit, seen[unit.id]))
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
        elif facts.start is not None and facts.end is not None:
            out += _outside(doc, path, unit, facts.start, facts.end)
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


def _twice(doc: Document, path: Path, unit: ReceivedUnit, first: Placed) -> Problem:
    where = first[0].loc((*first[1], "id"))
    return problem_at(
        doc,
        (*path, "id"),
        t(
            "received unit id '{id}' is used twice (first at {file}:{line}); each unit must "
            "have its own id",
            id=unit.id,
            file=where.file,
            line=where.line,
        ),
    )


def _outside(
    doc: Document, path: Path, unit: ReceivedUnit, start: date, end: date
) -> list[Problem]:
    """A warning when the unit's window reaches outside the operation's days."""
    first = datetime.combine(start, datetime.min.time())
    last = datetime.combine(end + timedelta(days=1), datetime.min.time())
    if first <= unit.start and unit.end <= last:
        return []
    return [
        problem_at(
            doc,
            (*path, "from" if unit.start < first else "to"),
            t(
                "unit '{id}' is here from {start} to {end}, partly outside the operation "
                "({first} to {last}); its members fill heads only within both",
                id=unit.id,
                start=format(unit.start, "%Y-%m-%d %H:%M"),
                end=format(unit.end, "%Y-%m-%d %H:%M"),
                first=start,
                last=end,
            ),
            warning=True,
        )
    ]


def check_support(doc: Document) -> list[Problem]:
    """The shifts a post's `support:` names are shifts of the operation (read from the file
    as far as it can be, so that this is told with the file's other problems)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    shift_ids = [str(s["id"]) for s in _items(data.get("shifts")) if isinstance(s.get("id"), str)]
    out: list[Problem] = []
    for i, site in enumerate(_items(data.get("sites"), keep_index=True)):
        for j, post in enumerate(_items(site.get("posts"), keep_index=True)):
            support = post.get("support")
            shifts = support.get("shifts") if isinstance(support, dict) else None
            for shift in shifts if isinstance(shifts, dict) else {}:
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


def _items(value: Any, keep_index: bool = False) -> list[dict[str, Any]]:
    """The mappings of a list (with `keep_index`, anything else as an empty mapping, so that
    indexes stay those of the file)."""
    items = value if isinstance(value, list) else []
    if keep_index:
        return [item if isinstance(item, dict) else {} for item in items]
    return [item for item in items if isinstance(item, dict)]
