"""Each officer's duties as an iCalendar file (icalendar): one event per shift, in the
operation's time zone, with site, post, skill and who leads the roll call there. The files are
returned by name; the CLI writes them into the folder given by --output."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from sinjai_ops.models.common import end_clock
from sinjai_ops.models.plan import Assignment, Plan
from sinjai_ops.render.labels import skill_label, word
from sinjai_ops.render.plan_rows import post_name, site_name
from sinjai_ops.render.view import View


def as_ics(plan: Plan, view: View) -> dict[str, bytes]:
    """`<NRP>.ics` for every officer the plan names (or only `view.officer`)."""
    lang = view.lang
    people = {p.nrp: p for p in plan.people}
    slots = {(s.date, s.shift): s for s in plan.slots}
    leaders = {(c.date, c.shift, c.site): c.nrp for c in plan.commanders}
    zone = ZoneInfo(plan.timezone)
    # A fixed stamp (the first shift's start), so that the same plan gives the same bytes.
    stamp = min((s.start for s in plan.slots), default=datetime(2024, 1, 1, tzinfo=zone))
    duties: dict[str, list[Assignment]] = defaultdict(list)
    for a in plan.assignments:
        duties[a.nrp].append(a)
    zone_component = _zone_component(plan, zone)
    out: dict[str, bytes] = {}
    for nrp in sorted(people):
        if view.officer is not None and nrp != view.officer:
            continue
        person = people[nrp]
        cal = Calendar()
        cal.add("prodid", "-//sinjai-ops//plotting personel//ID")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", f"{plan.operation}: {person.rank} {person.name} ({nrp})")
        cal.add("x-wr-timezone", plan.timezone)
        cal.add_component(zone_component)
        for a in duties[nrp]:
            slot = slots[(a.date, a.shift)]
            event = Event()
            event.add("uid", f"{nrp}-{a.date.isoformat()}-{a.shift}@sinjai-ops")
            event.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
            event.add("dtstart", slot.start.astimezone(zone))
            event.add("dtend", slot.end.astimezone(zone))
            post = post_name(plan, a.post, lang)
            site = site_name(plan, a.site)
            event.add("summary", f"{post} - {site}")
            event.add("location", site)
            leader = leaders.get((a.date, a.shift, a.site))
            lead = people.get(leader) if leader else None
            lines = [
                f"{word(lang, 'skill')}: {skill_label(lang, a.skill)}",
                f"{word(lang, 'shift')}: {a.shift} ({slot.start:%H:%M}-{end_clock(slot.end)})",
            ]
            if lead is not None:
                lines.append(f"{word(lang, 'roll_call')}: {lead.rank} {lead.name} ({lead.nrp})")
            event.add("description", "\n".join(lines))
            cal.add_component(event)
        out[f"{nrp}.ics"] = cal.to_ical()
    return out


def _zone_component(plan: Plan, zone: ZoneInfo) -> Any:
    """The VTIMEZONE that every event's TZID refers to (RFC 5545), worked out once."""
    probe = Calendar()
    if plan.slots:
        event = Event()
        event.add("dtstart", plan.slots[0].start.astimezone(zone))
        probe.add_component(event)
    probe.add_missing_timezones()
    found = probe.walk("VTIMEZONE")
    return found[0] if found else Calendar()
