"""The attendance of `anev` against the scenario and the published plan."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from sinjai_ops.i18n import t
from sinjai_ops.models.attendance import Mark
from sinjai_ops.models.common import suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationInfo
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.scenario import Scenario


def readable_marks(data: Any) -> list[tuple[int, Mark]]:
    """The marks of an attendance file that is not valid as a whole, each valid on its own."""
    entries = data.get("attendance") if isinstance(data, dict) else None
    out = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        try:
            out.append((i, Mark.model_validate(entry)))
        except ValidationError:
            continue  # told by the file's own check
    return out


def check_marks(
    doc: Document,
    marks: list[tuple[int, Mark]],
    planned: set[tuple[str, date, str]] | None,
    scenario: Scenario | None,
    sessions: dict[str, list[str]] | None = None,
) -> list[Problem]:
    """Each mark held against the scenario (an NRP of the roster, a shift and a day of the
    operation) and the plan (the officer was plotted then), or for a drill session against the
    drill schedule (`sessions`: each session's attendees, when given), and no officer-shift
    or officer-session marked twice."""
    problems = []
    first: dict[tuple[str, date, str], int] = {}
    drilled: dict[tuple[str, str], int] = {}
    people = {p.nrp for p in scenario.roster.personnel} if scenario else None
    shifts = [s.id for s in scenario.operation.shifts] if scenario else None
    info = scenario.operation.operation if scenario else None
    for i, mark in marks:
        if mark.session is not None:
            problem = _off_schedule(doc, i, mark, mark.session, sessions, drilled)
            if problem is not None:
                problems.append(problem)
            drilled.setdefault((mark.nrp, mark.session), i)
            continue
        assert mark.date is not None and mark.shift is not None
        key = (mark.nrp, mark.date, mark.shift)
        problem = _off_scenario(doc, i, mark, people, shifts, info) or _off_plan(
            doc, i, mark, planned, first
        )
        if problem is not None:
            problems.append(problem)
        first.setdefault(key, i)
    return problems


def _off_schedule(
    doc: Document,
    i: int,
    mark: Mark,
    session: str,
    sessions: dict[str, list[str]] | None,
    first: dict[tuple[str, str], int],
) -> Problem | None:
    """A session's mark without the schedule, of an unknown session, for an officer who was
    not to attend it, or a second one."""
    place = ("attendance", i, "session")
    if sessions is None:
        message = t(
            "a drill session's mark needs the drill schedule: give --drills DRILLS.json "
            "(sinjai-ops drills --format json)"
        )
        return problem_at(doc, place, message)
    if session not in sessions:
        message = t(
            "unknown drill session '{session}'{hint} (the schedule's: {ids})",
            session=session,
            hint=suggest(session, sorted(sessions)),
            ids=", ".join(sorted(sessions)) or "-",
        )
        return problem_at(doc, place, message)
    if mark.nrp not in sessions[session]:
        message = t(
            "{nrp} is not to attend drill session {session}; the attendance lists only its "
            "attendees (check the NRP and the session)",
            nrp=mark.nrp,
            session=session,
        )
        return problem_at(doc, ("attendance", i, "nrp"), message)
    if (mark.nrp, session) in first:
        message = t(
            "{nrp} in drill session {session} is marked twice (first at line {line}); keep one",
            nrp=mark.nrp,
            session=session,
            line=doc.loc(("attendance", first[(mark.nrp, session)])).line,
        )
        return problem_at(doc, ("attendance", i), message)
    return None


def _off_scenario(
    doc: Document,
    i: int,
    mark: Mark,
    people: set[str] | None,
    shifts: list[str] | None,
    info: OperationInfo | None,
) -> Problem | None:
    """The first of: an NRP not in the roster, an unknown shift, a day outside the operation."""
    if people is not None and mark.nrp not in people:
        return problem_at(
            doc, ("attendance", i, "nrp"), t("NRP {nrp} is not in the roster", nrp=mark.nrp)
        )
    if shifts is not None and mark.shift not in shifts:
        return problem_at(
            doc,
            ("attendance", i, "shift"),
            t(
                "unknown shift '{shift}'{hint}",
                shift=mark.shift,
                hint=suggest(mark.shift, shifts),
            ),
        )
    if info is not None and mark.date is not None and not info.start <= mark.date <= info.end:
        return problem_at(
            doc,
            ("attendance", i, "date"),
            t(
                "day {day} is outside the operation ({start} to {end})",
                day=mark.date,
                start=info.start,
                end=info.end,
            ),
        )
    return None


def _off_plan(
    doc: Document,
    i: int,
    mark: Mark,
    planned: set[tuple[str, date, str]] | None,
    first: dict[tuple[str, date, str], int],
) -> Problem | None:
    """A mark for an officer not plotted then, or a second mark for one officer-shift."""
    assert mark.date is not None and mark.shift is not None
    key = (mark.nrp, mark.date, mark.shift)
    if planned is not None and key not in planned:
        return problem_at(
            doc,
            ("attendance", i, "nrp"),
            t(
                "{nrp} is not plotted on {day} {shift} in the plan; the attendance lists "
                "only planned officers (check the NRP, date and shift)",
                nrp=mark.nrp,
                day=mark.date,
                shift=mark.shift,
            ),
        )
    if key in first:
        return problem_at(
            doc,
            ("attendance", i),
            t(
                "{nrp} on {day} {shift} is marked twice (first at line {line}); keep one",
                nrp=mark.nrp,
                day=mark.date,
                shift=mark.shift,
                line=doc.loc(("attendance", first[key])).line,
            ),
        )
    return None
