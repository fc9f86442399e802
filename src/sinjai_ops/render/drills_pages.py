"""The drill schedule as pages: a calendar for each officer it names (attendees and
instructors, like the plan's calendars: one event a session, a reminder before it, UIDs that
stay from run to run) and a printable HTML page for the report's folder."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from importlib import resources
from zoneinfo import ZoneInfo

from icalendar import Alarm, Event

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.drills import DrillPlan, DrillSession
from sinjai_ops.models.plan import Person
from sinjai_ops.render.drills import header, hours, leader, lines, rows, word
from sinjai_ops.render.labels import skill_label
from sinjai_ops.render.plan_ics import file_name, new_calendar, zone_component
from sinjai_ops.render.view import View

REMINDER = timedelta(minutes=60)

_WORDS = {
    "summary": N_("{skill} drill - {site}"),
    "lead": N_("You lead this drill ({n} attendees)."),
    "attend": N_("You attend this drill; instructor: {instructor}."),
    "reminder": N_("{skill} drill at {at}: {site}"),
}


def _event(schedule: DrillPlan, s: DrillSession, nrp: str, lang: str, zone: ZoneInfo) -> Event:
    event = Event()
    event.add("uid", f"{nrp}-{s.id}@sinjai-ops")
    event.add("dtstamp", min(x.start for x in schedule.sessions).astimezone(ZoneInfo("UTC")))
    event.add("dtstart", s.start.astimezone(zone))
    event.add("dtend", s.end.astimezone(zone))
    skill = skill_label(lang, s.skill)
    event.add("summary", say(lang, _WORDS["summary"], skill=skill, site=s.site_name))
    event.add("location", ", ".join(x for x in (s.site_name, s.site_address) if x))
    if nrp == s.instructor:
        text = say(lang, _WORDS["lead"], n=len(s.attendees))
    else:
        text = say(lang, _WORDS["attend"], instructor=leader(schedule, s, lang))
    event.add("description", f"{s.id}: {text}")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER)
    reminder = say(lang, _WORDS["reminder"], skill=skill, at=f"{s.start:%H:%M}", site=s.site_name)
    alarm.add("description", reminder)
    event.add_component(alarm)
    return event


def as_ics(schedule: DrillPlan, view: View) -> dict[str, bytes]:
    """A calendar for every attendee and instructor (or only `view.officer`)."""
    zone = ZoneInfo(schedule.timezone)
    mine: dict[str, list[DrillSession]] = defaultdict(list)
    for s in schedule.sessions:
        for nrp in [*s.attendees, *([s.instructor] if s.instructor else [])]:
            mine[nrp].append(s)
    out: dict[str, bytes] = {}
    for nrp in sorted(mine):
        if view.officer is not None and nrp != view.officer:
            continue
        rank, _, name = schedule.names[nrp].partition(" ")
        person = Person(nrp=nrp, name=name, rank=rank, unit="")
        title = f"{schedule.operation}: {schedule.names[nrp]} ({nrp})"
        zone_block = zone_component(mine[nrp][0].start.astimezone(zone))
        cal = new_calendar("latihan", title, schedule.timezone, zone_block)
        for s in mine[nrp]:
            cal.add_component(_event(schedule, s, nrp, view.lang, zone))
        out[file_name(person)] = cal.to_ical()
    return out


def as_html(schedule: DrillPlan, view: View) -> str:
    import jinja2

    lang = view.lang
    source = resources.files("sinjai_ops") / "templates" / "drills.html.j2"
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(source.read_text(encoding="utf-8"))
    return template.render(
        lang=lang,
        title=word(lang, "title", operation=schedule.operation),
        header=header(lang),
        rows=rows(schedule, lang),
        lines=lines(schedule, lang),
        hours=[hours(s) for s in schedule.sessions],
    )
