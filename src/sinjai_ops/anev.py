"""The daily evaluation (anev): the plan against what the roll calls found.

A pure function of the scenario, the plan that was published and the attendance: planned and
present per site, shift and skill; absences with their reasons; late arrivals; the heads that
stood empty and for how long; and the absences as an adjustments.yaml fragment for the next
re-plan.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import yaml

from sinjai_ops.i18n import say
from sinjai_ops.models.attendance import (
    AttendanceFile,
    Away,
    Empty,
    Evaluation,
    Line,
    Mark,
    SessionTally,
    Totals,
)
from sinjai_ops.models.drills import PublishedDrills
from sinjai_ops.models.plan import Assignment, Shortfall, Slot
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.names import names_for_people

_Key = tuple[date, str, str, str]
"""Date, shift, site and skill: a line of the evaluation."""


@dataclass
class _Found:
    """What the roll calls found of the planned officers."""

    planned: Counter[_Key] = field(default_factory=Counter)
    present: Counter[_Key] = field(default_factory=Counter)
    absences: list[Away] = field(default_factory=list)
    late: list[Away] = field(default_factory=list)
    empty: list[Empty] = field(default_factory=list)


def evaluate(
    scenario: Scenario,
    slots: list[Slot],
    assignments: list[Assignment],
    shortfalls: list[Shortfall],
    attendance: AttendanceFile,
    days: list[date] | None = None,
) -> Evaluation:
    slot_of = {(s.date, s.shift): s for s in slots}
    # The days asked for, else those the roll calls speak of, else every day of the operation.
    marked = [m.date for m in attendance.attendance if m.date is not None]
    chosen = sorted(set(days or marked or [s.date for s in slots]))
    assignments = [a for a in assignments if (a.date, a.shift) in slot_of]
    shortfalls = [s for s in shortfalls if (s.date, s.shift) in slot_of and s.date in chosen]
    order = {(s.date, s.shift): i for i, s in enumerate(slots)}
    names = {p.nrp: p.name for p in scenario.roster.personnel}
    marks = {
        (m.nrp, m.date, m.shift): m
        for m in attendance.attendance
        if m.date is not None and m.shift is not None and m.date in chosen
    }
    planned = [a for a in assignments if a.date in chosen]
    found = _roll_calls(planned, marks, slot_of, names)
    empty = found.empty + _unfilled(shortfalls, slot_of)

    def when(x: Away | Empty | Line) -> tuple[object, ...]:
        return (order[(x.date, x.shift)], x.site)

    lines = [
        Line(
            date=d,
            shift=sh,
            site=site,
            skill=skill,
            planned=n,
            present=found.present[(d, sh, site, skill)],
        )
        for (d, sh, site, skill), n in found.planned.items()
    ]
    return Evaluation(
        operation=scenario.operation.operation.name,
        days=chosen,
        totals=Totals(
            planned=len(planned),
            present=len(planned) - len(found.absences),
            absent=len(found.absences),
            late=len(found.late),
        ),
        lines=sorted(lines, key=lambda x: (*when(x), x.skill)),
        absences=sorted(found.absences, key=lambda x: (*when(x), x.nrp)),
        late=sorted(found.late, key=lambda x: (*when(x), x.nrp)),
        empty=sorted(empty, key=lambda x: (*when(x), x.post, x.skill, x.why)),
        bko_requested=sum(s.missing for s in shortfalls),
        names=names_for_people(scenario),
    )


def drill_sessions(
    scenario: Scenario, schedule: PublishedDrills, attendance: AttendanceFile
) -> list[SessionTally]:
    """Each session of the drill schedule as its attendance found it: every attendee not
    marked was present; present and late ones have drilled (their drill is dated that day)."""
    names = {p.nrp: p.name for p in scenario.roster.personnel}
    marks = {(m.nrp, m.session): m for m in attendance.attendance if m.session is not None}
    out = []
    for s in schedule.sessions:
        away: list[Away] = []
        late: list[Away] = []
        for nrp in s.attendees:
            mark = marks.get((nrp, s.id))
            if mark is None or mark.status == "present":
                continue
            seen = Away(
                nrp=nrp,
                name=names.get(nrp, ""),
                date=s.date,
                shift=s.id,
                site="",
                post=s.skill,
                reason=mark.reason,
                minutes=mark.minutes,
            )
            (away if mark.status == "absent" else late).append(seen)
        gone = {a.nrp for a in away}
        out.append(
            SessionTally(
                id=s.id,
                date=s.date,
                skill=s.skill,
                planned=list(s.attendees),
                drilled=[n for n in s.attendees if n not in gone],
                absences=away,
                late=late,
            )
        )
    return out


def _roll_calls(
    planned: list[Assignment],
    marks: dict[tuple[str, date, str], Mark],
    slot_of: dict[tuple[date, str], Slot],
    names: dict[str, str],
) -> _Found:
    """Each planned officer as the roll call found them: present, absent (the head empty for
    the shift) or late (the head empty for the minutes late)."""
    found = _Found()
    for a in planned:
        key = (a.date, a.shift, a.site, a.skill)
        found.planned[key] += 1
        mark = marks.get((a.nrp, a.date, a.shift))
        hours = slot_of[(a.date, a.shift)].hours
        if mark is not None and mark.status == "absent":
            found.absences.append(_away(a, names, mark.reason))
            found.empty.append(Empty(**_head(a), hours=hours, why="absent"))
            continue
        found.present[key] += 1
        if mark is not None and mark.status == "late":
            found.late.append(_away(a, names, mark.reason, mark.minutes))
            if mark.minutes:
                found.empty.append(Empty(**_head(a), hours=round(mark.minutes / 60, 2), why="late"))
    return found


def _unfilled(shortfalls: list[Shortfall], slot_of: dict[tuple[date, str], Slot]) -> list[Empty]:
    """A head that stood empty for its whole shift for each one the plan could not fill."""
    return [
        Empty(
            date=s.date,
            shift=s.shift,
            site=s.site,
            post=s.post,
            skill=s.skill,
            hours=slot_of[(s.date, s.shift)].hours,
            why="not filled",
        )
        for s in shortfalls
        for _ in range(s.missing)
    ]


def _head(a: Assignment) -> dict[str, object]:
    return {"date": a.date, "shift": a.shift, "site": a.site, "post": a.post, "skill": a.skill}


def _away(
    a: Assignment, names: dict[str, str], reason: str | None, minutes: int | None = None
) -> Away:
    return Away(
        nrp=a.nrp,
        name=names.get(a.nrp, ""),
        date=a.date,
        shift=a.shift,
        site=a.site,
        post=a.post,
        reason=reason,
        minutes=minutes,
    )


def adjustments_fragment(evaluation: Evaluation, slots: list[Slot], lang: str = "en") -> str:
    """The absences as `absences:` of adjustments.yaml, each over its shift, ready to append,
    with a comment in `lang`; an absence with no reason given is written without one."""
    slot_of = {(s.date, s.shift): s for s in slots}
    items = []
    for a in evaluation.absences:
        slot = slot_of[(a.date, a.shift)]
        item = {
            "nrp": a.nrp,
            "from": f"{slot.start:%Y-%m-%d %H:%M}",
            "to": f"{slot.end:%Y-%m-%d %H:%M}",
        }
        items.append(item | ({"reason": a.reason} if a.reason else {}))
    header = say(
        lang, "Absences found by the roll calls (sinjai-ops anev); append to adjustments.yaml."
    )
    body = yaml.safe_dump({"absences": items}, sort_keys=False, allow_unicode=True)
    return f"# {header}\n{body}"
