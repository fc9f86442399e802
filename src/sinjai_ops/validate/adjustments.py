"""adjustments.yaml: every reference exists, and a pin breaks no rule (named, with the
other pin's line)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from sinjai_ops.i18n import Msg, t
from sinjai_ops.models.adjustments import Absence, AdjustmentsFile, Pin
from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.common import Path
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.plan import Demand, Plan
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import Person, RosterFile
from sinjai_ops.validate.pins import PinCheck

Items = tuple[list[tuple[int, Pin]], list[tuple[int, Absence]]]
"""The pins and absences of adjustments.yaml that can be read, each with its index."""


def readable_items(doc: Document, policy: Policy, model: AdjustmentsFile | None) -> Items:
    """The pins and absences to check against the scenario: all of them when the file is
    valid, else each entry that is valid on its own, so that a bad date in one entry does not
    hide what is wrong with the others (its own problem is told by the file's check)."""
    if model is not None:
        return list(enumerate(model.pins)), list(enumerate(model.absences))
    data = doc.data if isinstance(doc.data, dict) else {}
    context = {"skills": policy.skills, "ranks": policy.ranks}

    def each(key: str, kind: type[Pin] | type[Absence]) -> list[tuple[int, Any]]:
        entries = data.get(key)
        out: list[tuple[int, Any]] = []
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            try:
                out.append((i, kind.model_validate(entry, context=context)))
            except ValidationError:
                continue  # told by the file's own check
        return out

    return each("pins", Pin), each("absences", Absence)


def check_adjustments(
    items: Items,
    op: OperationFile,
    roster: RosterFile,
    arrivals: ArrivalsFile,
    policy: Policy,
    doc: Document,
    demand: Demand | None = None,
) -> list[Problem]:
    """Pins and absences against the scenario: every reference exists, and a pin breaks no rule
    (every rule of `rules`, and no more pins than heads). `demand`: the heads derived from the
    scenario (None when they cannot be: then only the references are checked)."""
    pins, absences = items
    people = {p.nrp: p for p in roster.personnel}
    out = _absence_problems(absences, people, doc)
    check = PinCheck(op, arrivals, policy, doc, absences, demand)
    for i, pin in pins:
        out += check.pin(i, pin, people.get(pin.nrp))
    return out


def _absence_problems(
    absences: list[tuple[int, Absence]], people: dict[str, Person], doc: Document
) -> list[Problem]:
    out = []
    for i, a in absences:
        if a.nrp not in people:
            out.append(
                problem_at(
                    doc, ("absences", i, "nrp"), t("NRP {nrp} is not in the roster", nrp=a.nrp)
                )
            )
        if a.end <= a.start:
            out.append(
                problem_at(
                    doc,
                    ("absences", i, "to"),
                    t(
                        "'to' {end} is not after 'from' {start}",
                        end=format(a.end, "%Y-%m-%d %H:%M"),
                        start=format(a.start, "%Y-%m-%d %H:%M"),
                    ),
                )
            )
    return out


def unkept_pins(
    adj: AdjustmentsFile,
    made: Plan,
    start: datetime | None,
    place: Callable[[Path, Msg, bool], Problem],
) -> list[Problem]:
    """Every pin of adjustments.yaml that the plan does not hold, placed at its line: a
    warning for a pin in a shift before `--from` (the published plan stands there), else an
    error (validate lets through only pins the plan can keep, so this is a fault of the tool:
    it is said rather than a plan printed without the pin)."""
    held: dict[tuple[str, date, str, str, str], set[str]] = {}
    for a in made.assignments:
        held.setdefault((a.nrp, a.date, a.shift, a.site, a.post), set()).add(a.skill)
    slots = {(s.date, s.shift): s for s in made.slots}
    out = []
    for i, pin in enumerate(adj.pins):
        skills = held.get((pin.nrp, pin.date, pin.shift, pin.site, pin.post), set())
        if skills and (pin.skill is None or pin.skill in skills):
            continue
        slot = slots.get((pin.date, pin.shift))
        before = start is not None and slot is not None and slot.start.replace(tzinfo=None) < start
        if before:
            message = t(
                "the pin of {nrp} at {post} on {day} {shift} is not kept: that shift starts "
                "before --from {moment}, where the published plan stands; re-plan from an "
                "earlier moment to keep it",
                nrp=pin.nrp,
                post=pin.post,
                day=pin.date,
                shift=pin.shift,
                moment=format(start, "%Y-%m-%dT%H:%M"),
            )
        else:
            message = t(
                "the plan could not keep the pin of {nrp} at {post} on {day} {shift}; no plan "
                "is given without it (please report this with the files)",
                nrp=pin.nrp,
                post=pin.post,
                day=pin.date,
                shift=pin.shift,
            )
        out.append(place(("pins", i, "nrp"), message, before))
    return out
