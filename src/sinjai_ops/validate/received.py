"""Received units and joint forces beyond their shape: a unit's window against itself and the
operation, unique unit ids over operation.yaml and adjustments.yaml, a commander who is not a
roster officer, and the shifts a post's `support:` names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import TypeAdapter, ValidationError

from sinjai_ops.i18n import t
from sinjai_ops.models.common import Ident, Nrp, Path, suggest
from sinjai_ops.models.document import Document, format_path, problem_at
from sinjai_ops.models.moment import EndMoment, Moment
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.validate.cross import OperationFacts


@dataclass(frozen=True)
class Written:
    """What the checks across received units read of one: each field that can be read on its
    own (None where it cannot: the file's own check tells why), so that a unit with one bad or
    missing field is still held against the others and the roster in the same run."""

    doc: Document
    path: Path
    id: str | None
    start: datetime | None
    end: datetime | None
    commander: str | None
    """The commander's NRP."""

    @property
    def shown(self) -> str:
        """The unit as a message names it: its id, else its place in the file."""
        return self.id or format_path(self.path)


_FIELDS: dict[str, Any] = {
    "id": TypeAdapter(Ident),
    "from": TypeAdapter(Moment),
    "to": TypeAdapter(EndMoment),
}
_NRP = TypeAdapter(Nrp)


def _field(entry: dict[str, Any], key: str, context: dict[str, Any]) -> Any:
    try:
        return _FIELDS[key].validate_python(entry[key], context=context) if key in entry else None
    except ValidationError:
        return None


def _commander(entry: dict[str, Any]) -> str | None:
    commander = entry.get("commander")
    if not isinstance(commander, dict) or "nrp" not in commander:
        return None
    try:
        return str(_NRP.validate_python(commander["nrp"]))
    except ValidationError:
        return None


def placed_units(docs: dict[str, Document], zone: str | None) -> list[Written]:
    """The received units of operation.yaml, then those of adjustments.yaml, each as far as
    its fields can be read one by one."""
    context: dict[str, Any] = {} if zone is None else {"timezone": zone}
    out: list[Written] = []
    for kind in ("operation", "adjustments"):
        doc = docs.get(kind)
        if doc is None or not isinstance(doc.data, dict):
            continue
        entries = doc.data.get("received_units")
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict):
                out.append(
                    Written(
                        doc,
                        ("received_units", i),
                        id=_field(entry, "id", context),
                        start=_field(entry, "from", context),
                        end=_field(entry, "to", context),
                        commander=_commander(entry),
                    )
                )
    return out


def roster_names(roster: RosterFile | None, doc: Document | None) -> dict[str, tuple[str, str]]:
    """(rank, name) by NRP: of the roster's model, else of every entry of roster.yaml that
    gives an NRP (its other problems keep the model from being built)."""
    if roster is not None:
        return {p.nrp: (p.rank, p.name) for p in roster.personnel}
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    people = data.get("personnel")
    return {
        str(p["nrp"]): (str(p.get("rank", "")), str(p.get("name", "")))
        for p in (people if isinstance(people, list) else [])
        if isinstance(p, dict) and isinstance(p.get("nrp"), str | int)
    }


def check_received(
    units: list[Written], facts: OperationFacts, people: dict[str, tuple[str, str]]
) -> list[Problem]:
    """Every received unit: `to` after `from`, its window inside the operation (a warning),
    its id used once, its commander not a roster officer (`people`: name by NRP; a warning)."""
    out: list[Problem] = []
    seen: dict[str, Written] = {}
    for unit in units:
        if unit.id is not None and unit.id in seen:
            out.append(_twice(unit, seen[unit.id]))
        if unit.id is not None:
            seen.setdefault(unit.id, unit)
        if unit.start is None or unit.end is None:
            pass
        elif unit.end <= unit.start:
            out.append(
                problem_at(
                    unit.doc,
                    (*unit.path, "to"),
                    t(
                        "'to' {end} is not after 'from' {start}",
                        end=format(unit.end, "%Y-%m-%d %H:%M"),
                        start=format(unit.start, "%Y-%m-%d %H:%M"),
                    ),
                )
            )
        elif facts.start is not None and facts.end is not None:
            out += _outside(unit, unit.start, unit.end, facts.start, facts.end)
        person = people.get(unit.commander) if unit.commander is not None else None
        if person is not None:
            out.append(
                problem_at(
                    unit.doc,
                    (*unit.path, "commander", "nrp"),
                    t(
                        "the commander of unit '{id}' has the NRP of {rank} {name} of the "
                        "roster; a received unit's commander comes with it and is not a roster "
                        "officer: check the NRP",
                        id=unit.shown,
                        rank=person[0],
                        name=person[1],
                    ),
                    warning=True,
                )
            )
    return out


def _twice(unit: Written, first: Written) -> Problem:
    where = first.doc.loc((*first.path, "id"))
    return problem_at(
        unit.doc,
        (*unit.path, "id"),
        t(
            "received unit id '{id}' is used twice (first at {file}:{line}); each unit must "
            "have its own id",
            id=unit.id,
            file=where.file,
            line=where.line,
        ),
    )


def _outside(
    unit: Written, since: datetime, until: datetime, start: date, end: date
) -> list[Problem]:
    """A warning when the unit's window reaches outside the operation's days."""
    first = datetime.combine(start, datetime.min.time())
    last = datetime.combine(end + timedelta(days=1), datetime.min.time())
    if first <= since and until <= last:
        return []
    return [
        problem_at(
            unit.doc,
            (*unit.path, "from" if since < first else "to"),
            t(
                "unit '{id}' is here from {start} to {end}, partly outside the operation "
                "({first} to {last}); its members fill heads only within both",
                id=unit.shown,
                start=format(since, "%Y-%m-%d %H:%M"),
                end=format(until, "%Y-%m-%d %H:%M"),
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
            runs = post.get("shifts")
            for shift in shifts if isinstance(shifts, dict) else {}:
                path = ("sites", i, "posts", j, "support", "shifts", shift)
                if shift not in shift_ids:
                    message = t(
                        "unknown shift '{shift}'{hint}",
                        shift=shift,
                        hint=suggest(shift, shift_ids),
                    )
                    out.append(problem_at(doc, path, message, key=True))
                elif isinstance(runs, list) and shift not in runs:
                    out.append(_never_runs(doc, path, post, shift, runs))
    return out


def _never_runs(
    doc: Document, path: Path, post: dict[str, Any], shift: str, runs: list[Any]
) -> Problem:
    """A warning: support for a shift the post does not run (its `shifts:`) is never there."""
    return problem_at(
        doc,
        path,
        t(
            "post '{post}' runs only in {shifts}, never in '{shift}': this support is not "
            "shown; remove it, or add '{shift}' to the post's shifts",
            post=str(post.get("id", "")),
            shifts=", ".join(map(str, runs)),
            shift=shift,
        ),
        key=True,
        warning=True,
    )


def _items(value: Any, keep_index: bool = False) -> list[dict[str, Any]]:
    """The mappings of a list (with `keep_index`, anything else as an empty mapping, so that
    indexes stay those of the file)."""
    items = value if isinstance(value, list) else []
    if keep_index:
        return [item if isinstance(item, dict) else {} for item in items]
    return [item for item in items if isinstance(item, dict)]
