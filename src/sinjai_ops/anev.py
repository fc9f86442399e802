"""The daily evaluation (anev): the plan against what the roll calls found.

A pure function of the scenario, the plan that was published and the attendance: planned and
present per site, shift and skill; absences with their reasons; late arrivals; the heads that
stood empty and for how long; and the absences as an adjustments.yaml fragment for the next
re-plan.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import yaml

from sinjai_ops.i18n import say
from sinjai_ops.models.attendance import AttendanceFile, Away, Empty, Evaluation, Line, Totals
from sinjai_ops.models.plan import Assignment, Shortfall, Slot
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.names import names_for_people


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
    chosen = sorted(set(days or [m.date for m in attendance.attendance] or [s.date for s in slots]))
    assignments = [a for a in assignments if (a.date, a.shift) in slot_of]
    shortfalls = [s for s in shortfalls if (s.date, s.shift) in slot_of]
    order = {(s.date, s.shift): i for i, s in enumerate(slots)}
    names = {p.nrp: p.name for p in scenario.roster.personnel}
    marks = {(m.nrp, m.date, m.shift): m for m in attendance.attendance if m.date in chosen}
    planned = [a for a in assignments if a.date in chosen]
    planned_n: Counter[tuple[date, str, str, str]] = Counter()
    present_n: Counter[tuple[date, str, str, str]] = Counter()
    absences, late, empty = [], [], []
    for a in planned:
        key = (a.date, a.shift, a.site, a.skill)
        planned_n[key] += 1
        mark = marks.get((a.nrp, a.date, a.shift))
        hours = slot_of[(a.date, a.shift)].hours
        if mark is not None and mark.status == "absent":
            absences.append(_away(a, names, mark.reason))
            empty.append(Empty(**_head(a), hours=hours, why="absent"))
            continue
        present_n[key] += 1
        if mark is not None and mark.status == "late":
            late.append(_away(a, names, mark.reason, mark.minutes))
            if mark.minutes:
                empty.append(Empty(**_head(a), hours=round(mark.minutes / 60, 2), why="late"))
    for s in shortfalls:
        if s.date in chosen:
            hours = slot_of[(s.date, s.shift)].hours
            for _ in range(s.missing):
                empty.append(
                    Empty(
                        date=s.date,
                        shift=s.shift,
                        site=s.site,
                        post=s.post,
                        skill=s.skill,
                        hours=hours,
                        why="not filled",
                    )
                )

    def when(x: Away | Empty | Line) -> tuple[object, ...]:
        return (order[(x.date, x.shift)], x.site)

    lines = [
        Line(
            date=d,
            shift=sh,
            site=site,
            skill=skill,
            planned=n,
            present=present_n[(d, sh, site, skill)],
        )
        for (d, sh, site, skill), n in planned_n.items()
    ]
    return Evaluation(
        operation=scenario.operation.operation.name,
        days=chosen,
        totals=Totals(
            planned=len(planned),
            present=len(planned) - len(absences),
            absent=len(absences),
            late=len(late),
        ),
        lines=sorted(lines, key=lambda x: (*when(x), x.skill)),
        absences=sorted(absences, key=lambda x: (*when(x), x.nrp)),
        late=sorted(late, key=lambda x: (*when(x), x.nrp)),
        empty=sorted(empty, key=lambda x: (*when(x), x.post, x.skill, x.why)),
        bko_requested=sum(s.missing for s in shortfalls if s.date in chosen),
        names=names_for_people(scenario),
    )


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
