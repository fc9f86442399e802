"""The drill schedule (`sinjai-ops drills`): JSON per the contract (formats.md, "Drill
schedule"), a table for the terminal, a workbook sheet and the rows and lines they share."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.common import end_clock
from sinjai_ops.models.drills import (
    DEFAULT_DAYS,
    DrillPlan,
    DrillSchedule,
    DrillSession,
    said,
)
from sinjai_ops.render.labels import long_date, skill_label
from sinjai_ops.render.view import View

WORDS: dict[str, str] = {
    "title": N_("Drill schedule: {operation}"),
    "session": N_("Session"),
    "date": N_("Date"),
    "hours": N_("Hours"),
    "skill": N_("Skill"),
    "site": N_("Site"),
    "instructor": N_("Instructor"),
    "attendees": N_("Attendees"),
    "count": N_("Count"),
    "none": N_(
        "No session: the plan fills {before} of {needed} heads as the roster stands, and no "
        "drill that may be held would let it fill one more."
    ),
    "none_needed": N_(
        "No session is needed: the plan fills all {needed} heads as the roster stands."
    ),
    "defaults": N_(
        "operation.yaml has no drill_schedule: section, so its defaults are used: sessions "
        "at {site}, {hours}, on the {days} days before the operation, at most {capacity} each."
    ),
    "heads": N_(
        "Heads the plan fills: {before} of {needed} as the roster stands, {after} "
        "once these drills are recorded ({gained:+d})."
    ),
    "heavier": N_(
        "The drilled officers fill heavier heads (by the plan's priorities: "
        "{before} to {after} weighted) without filling more of them."
    ),
    "proven": N_(
        "Proven optimal: no schedule the section allows fills more heads, and none "
        "that fills as many has fewer sessions or attendees or is held later."
    ),
    "proven_default": N_(
        "Proven optimal: no schedule on the default days and hours fills more heads, and none "
        "that fills as many has fewer sessions or attendees or is held later."
    ),
    "proven_over": N_("Proven optimal over {which}."),
    "unproven": N_("Not proven optimal: the time ran out; this is the best schedule found."),
    "remedy": N_("The plan's drill remedy fills {n} more heads; this schedule {reaches}."),
    "reaches": N_("reaches it"),
    "falls_short": N_("falls short of it"),
    "joint": N_("Joint exercise {name}: {day}, {hours}, {site}; joining: {units}."),
    "recorded": N_(
        "Once a session is held, record each attendee's drill date in roster.yaml "
        "(or roster import) and plan again."
    ),
}


def word(lang: str, key: str, **values: object) -> str:
    return say(lang, WORDS[key], **values)


def hours(session: DrillSession) -> str:
    return f"{session.start:%H:%M}-{end_clock(session.end)}"


def who(schedule: DrillPlan, nrp: str) -> str:
    return f"{schedule.names.get(nrp, '')} ({nrp})"


def leader(schedule: DrillPlan, session: DrillSession, lang: str) -> str:
    if session.instructor is not None:
        return who(schedule, session.instructor)
    return "- " + (said(session.reason_msg, session.instructor_reason, lang) or "")


def rows(schedule: DrillPlan, lang: str) -> list[list[str]]:
    """One row a session: id, date, hours, skill, site, instructor, count, attendees."""
    return [
        [
            s.id,
            long_date(lang, s.date),
            hours(s),
            skill_label(lang, s.skill),
            s.site_name,
            leader(schedule, s, lang),
            str(len(s.attendees)),
            "; ".join(who(schedule, n) for n in s.attendees),
        ]
        for s in schedule.sessions
    ]


def header(lang: str) -> list[str]:
    keys = ("session", "date", "hours", "skill", "site", "instructor", "count", "attendees")
    return [word(lang, k) for k in keys]


def lines(schedule: DrillPlan, lang: str) -> list[str]:
    """What the schedule achieves, how sure it is, the remedy it answers, the joint exercise."""
    before, needed = schedule.heads_filled_before, schedule.heads_needed
    out = [] if schedule.sessions else [_no_session(schedule, lang)]
    if schedule.defaulted:
        out.append(_defaults(schedule, lang))
    if schedule.sessions:
        gained = schedule.heads_filled_after - before
        after = schedule.heads_filled_after
        out.append(word(lang, "heads", before=before, needed=needed, after=after, gained=gained))
    if schedule.weighted_after > schedule.weighted_before and (
        schedule.heads_filled_after == before
    ):
        weighted = (schedule.weighted_before, schedule.weighted_after)
        out.append(word(lang, "heavier", before=weighted[0], after=weighted[1]))
    if schedule.sessions or before < needed:
        out.append(_proof(schedule, lang))
    if schedule.remedy_recovered:
        gained = schedule.heads_filled_after - before
        reach = "reaches" if gained >= schedule.remedy_recovered else "falls_short"
        out.append(word(lang, "remedy", n=schedule.remedy_recovered, reaches=word(lang, reach)))
        out += [
            said(m, text, lang) or ""
            for m, text in zip(schedule.short_msgs, schedule.short_of_remedy, strict=False)
        ]
    joint = joint_line(schedule, lang)
    if joint:
        out.append(joint)
    if schedule.sessions:
        out.append(word(lang, "recorded"))
    return out


def _no_session(schedule: DrillPlan, lang: str) -> str:
    """Why there is no session: nothing is missing, or no drill that may be held helps."""
    before, needed = schedule.heads_filled_before, schedule.heads_needed
    if before >= needed:
        return word(lang, "none_needed", needed=needed)
    return word(lang, "none", before=before, needed=needed)


def _defaults(schedule: DrillPlan, lang: str) -> str:
    """What a session may be when operation.yaml has no `drill_schedule:`."""
    default = DrillSchedule(site=schedule.home_site or "-")
    return word(
        lang,
        "defaults",
        site=schedule.home_site_name or schedule.home_site or "-",
        hours=f"{default.hours.start:%H:%M}-{end_clock(default.hours.end)}",
        days=DEFAULT_DAYS,
        capacity=default.capacity,
    )


def _proof(schedule: DrillPlan, lang: str) -> str:
    if schedule.status != "optimal":
        return word(lang, "unproven")
    if schedule.restricted_to:
        which = said(schedule.restricted_msg, schedule.restricted_to, lang)
        return word(lang, "proven_over", which=which)
    return word(lang, "proven_default" if schedule.defaulted else "proven")


def joint_line(schedule: DrillPlan, lang: str) -> str | None:
    joint = schedule.joint_exercise
    if joint is None:
        return None
    units = joint.units.text() or "-"
    return word(
        lang,
        "joint",
        name=joint.name,
        day=long_date(lang, joint.date),
        hours=f"{joint.start:%H:%M}-{end_clock(joint.end)}",
        site=schedule.joint_site_name or joint.site,
        units=units,
    )


def as_json(schedule: DrillPlan, view: View) -> str:
    data: dict[str, Any] = {
        "operation": schedule.operation,
        "sessions": [
            {
                "id": s.id,
                "skill": s.skill,
                "date": s.date.isoformat(),
                "start": f"{s.start:%H:%M}",
                "end": end_clock(s.end),
                "site": s.site,
                "instructor": s.instructor,
                "instructor_reason": s.instructor_reason,
                "attendees": s.attendees,
            }
            for s in schedule.sessions
        ],
        "heads_filled_before": schedule.heads_filled_before,
        "heads_filled_after": schedule.heads_filled_after,
        "heads_needed": schedule.heads_needed,
        "weighted_before": schedule.weighted_before,
        "weighted_after": schedule.weighted_after,
        "status": schedule.status,
        "restricted_to": schedule.restricted_to,
        "remedy_recovered": schedule.remedy_recovered,
        "short_of_remedy": schedule.short_of_remedy,
        "joint_exercise": _joint_json(schedule),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _joint_json(schedule: DrillPlan) -> dict[str, Any] | None:
    joint = schedule.joint_exercise
    if joint is None:
        return None
    return {
        **joint.model_dump(mode="json"),
        "units": dict(joint.units.counts()),
        "start": f"{joint.start:%H:%M}",
        "end": end_clock(joint.end),
    }


def as_table(schedule: DrillPlan, view: View) -> RenderableType:
    """The sessions (one row each; the skill is in the id), then each session's instructor and
    attendees, then what it achieves."""
    lang = view.lang
    parts: list[RenderableType] = []
    if schedule.sessions:
        table = Table(title=word(lang, "title", operation=schedule.operation), title_justify="left")
        names = header(lang)
        table.add_column(names[0], no_wrap=True)
        table.add_column(f"{names[1]}, {names[2]}", no_wrap=True)
        table.add_column(names[4], overflow="fold")
        table.add_column(names[6], justify="right")
        for s, row in zip(schedule.sessions, rows(schedule, lang), strict=True):
            table.add_row(row[0], f"{s.date.isoformat()} {row[2]}", row[4], row[6])
        parts.append(table)
    for s in schedule.sessions:
        parts.append(Text(f"{s.id} - {word(lang, 'instructor')}: {leader(schedule, s, lang)}"))
        people = Table()
        people.add_column("NRP")
        people.add_column(word(lang, "attendees"))
        for nrp in s.attendees:
            people.add_row(nrp, schedule.names.get(nrp, ""))
        parts.append(people)
    parts += [Text(line) for line in lines(schedule, lang)]
    return Group(*parts)


def as_xlsx(schedule: DrillPlan, view: View) -> bytes:
    """One row per attendee (a list to filter and print): session, date, hours, skill, site,
    instructor, NRP, name; what the schedule achieves under it."""
    from sinjai_ops.render.xlsx_book import Book

    lang = view.lang
    book = Book(lang, schedule.operation)
    names = header(lang)[:6]
    listed = [
        [s.id, s.date, hours(s), skill_label(lang, s.skill), s.site_name, lead, nrp, name]
        for s in schedule.sessions
        for lead in [leader(schedule, s, lang)]
        for nrp in s.attendees
        for name in [schedule.names.get(nrp, "")]
    ]
    book.sheet(
        word(lang, "title", operation="").rstrip(": "),
        [*names, "NRP", word(lang, "attendees")],
        listed,
        [22, 11, 12, 10, 18, 30, 10, 26],
        wrap=(4, 5, 7),
        notes=[[line] for line in lines(schedule, lang)],
    )
    return book.bytes()


def report_section(schedule: DrillPlan | None, lang: str) -> dict[str, Any] | None:
    """The report's page of the drill schedule: its title, header, rows and lines."""
    if schedule is None:
        return None
    return {
        "title": word(lang, "title", operation="").rstrip(": "),
        "header": header(lang),
        "rows": rows(schedule, lang),
        "lines": lines(schedule, lang),
    }


def as_ics(schedule: DrillPlan, view: View) -> dict[str, bytes]:
    from sinjai_ops.render.drills_pages import as_ics as render

    return render(schedule, view)


def as_html(schedule: DrillPlan, view: View) -> str:
    from sinjai_ops.render.drills_pages import as_html as render

    return render(schedule, view)


DRILL_RENDERERS: dict[str, Callable[[DrillPlan, View], Any]] = {
    "table": as_table,
    "json": as_json,
    "xlsx": as_xlsx,
    "html": as_html,
    "ics": as_ics,
}
