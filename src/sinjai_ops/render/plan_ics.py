"""Each officer's duties as an iCalendar file (icalendar): one event per shift, from the roll
call (apel) the checklist sets before it to the shift's end, with a reminder before the roll
call, the post, its commander, the site and its address. An event keeps its UID (officer,
date, shift, post) from plan to plan: a re-plan (`--baseline`) raises the SEQUENCE of an event
it changes and cancels the events it takes away, so that a phone updates the event it holds
instead of showing two. The files are returned by name (`NRP-Name.ics`, in ASCII); the CLI
writes them into the folder given by --output."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.common import end_clock
from sinjai_ops.models.plan import COMMAND, Duty, Person, Plan, Slot
from sinjai_ops.render.labels import skill_label, word
from sinjai_ops.render.plan_names import post_name, site_name
from sinjai_ops.render.view import View
from sinjai_ops.render.voting_rows import TpsDuty, duty_span, tps_duties, vote_word

REMINDER = timedelta(minutes=60)
"""How long before the roll call a phone reminds the officer."""

_WORDS: dict[str, str] = {
    "summary": N_("Roll call {at}: {post} - {site}"),
    "cancelled": N_("CANCELLED: {post} - {site}"),
    "cancelled_note": N_("This duty was taken out of the plan when it was issued again."),
    "reminder": N_("Roll call at {at}: {post} - {site}"),
    "roll_call_at": N_("Roll call (apel)"),
    "shift_hours": N_("Shift"),
    "post": N_("Post"),
    "post_commander": N_("Post commander"),
    "address": N_("Address"),
    "tps_summary": N_("At the TPS {at}: {place} - {kecamatan}"),
    "tps_reminder": N_("At your TPS at {at}: {place} - {kecamatan}"),
    "padal_summary": N_("Padal of Kecamatan {kecamatan} from {at}"),
}


def _said(lang: str, key: str, **values: object) -> str:
    return say(lang, _WORDS[key], **values)


def file_name(person: Person) -> str:
    """`NRP-Name.ics` in ASCII: accents and apostrophes dropped, other letters and signs left
    out, words joined by `-` (a phone, a mail program and a USB stick all take it)."""
    plain = unicodedata.normalize("NFKD", person.name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"['`]", "", plain))  # Ma'ruf: Maruf
    return "-".join([person.nrp, *words]) + ".ics"


def uid(nrp: str, day: date, shift: str, post: str) -> str:
    """The same officer, day, shift and post: the same event, in every plan."""
    return f"{nrp}-{day.isoformat()}-{shift}-{post.replace(':', '-')}@sinjai-ops"


def _stamp(plan: Plan, zone: ZoneInfo) -> datetime:
    """DTSTAMP, from the inputs (never the clock, so that the same inputs give the same bytes):
    the moment a re-plan starts from, else the Sprin's date, else the first shift's start."""
    if plan.quality.replanned_from is not None:
        return plan.quality.replanned_from.astimezone(ZoneInfo("UTC"))
    doc = plan.names.document
    if doc is not None and doc.date is not None:
        return datetime.combine(doc.date, time(), tzinfo=zone).astimezone(ZoneInfo("UTC"))
    first = min((s.start for s in plan.slots), default=datetime(2024, 1, 1, tzinfo=zone))
    return first.astimezone(ZoneInfo("UTC"))


@dataclass(frozen=True)
class _Context:
    """What every officer's calendar draws on: the plan indexed, its zone, the DTSTAMP, how
    long before a shift its roll call is, and the duties of the baseline."""

    plan: Plan
    lang: str
    people: dict[str, Person]
    slots: dict[tuple[date, str], Slot]
    leaders: dict[tuple[date, str, str], str]
    heads: dict[tuple[date, str, str, str], str]
    zone: ZoneInfo
    stamp: datetime
    lead: timedelta
    before: dict[tuple[str, date, str], Duty]

    def who(self, nrp: str | None) -> str | None:
        p = self.people.get(nrp or "")
        return f"{p.rank} {p.name} ({p.nrp})" if p else None


def _context(plan: Plan, lang: str) -> _Context:
    zone = ZoneInfo(plan.timezone)
    before: dict[tuple[str, date, str], Duty] = {}
    slots = {(s.date, s.shift): s for s in plan.slots}
    for change in plan.changes or []:
        # The TPS duty has no slot of the shifts (its calendar event is not a shift's).
        if change.before is not None and (change.date, change.shift) in slots:
            before[(change.nrp, change.date, change.shift)] = change.before
    return _Context(
        plan=plan,
        lang=lang,
        people={p.nrp: p for p in plan.people},
        slots=slots,
        leaders={(c.date, c.shift, c.site): c.nrp for c in plan.commanders},
        heads={
            (a.date, a.shift, a.site, a.post): a.nrp for a in plan.assignments if a.skill == COMMAND
        },
        zone=zone,
        stamp=_stamp(plan, zone),
        lead=timedelta(minutes=plan.names.roll_call_minutes),
        before=before,
    )


def as_ics(plan: Plan, view: View) -> dict[str, bytes]:
    """A calendar for every officer the plan names (or only `view.officer`)."""
    ctx = _context(plan, view.lang)
    duties: dict[str, list[Any]] = defaultdict(list)
    for a in plan.assignments:
        duties[a.nrp].append(a)
    gone: dict[str, list[tuple[date, str, Duty]]] = defaultdict(list)
    for (nrp, day, shift), duty in sorted(ctx.before.items()):
        now = [a for a in duties[nrp] if (a.date, a.shift) == (day, shift)]
        if not any(a.post == duty.post for a in now):
            gone[nrp].append((day, shift, duty))
    zone_component = _zone_component(plan, ctx.zone)
    span = duty_span(plan)
    tps = {d.nrp: d for d in tps_duties(plan, view.lang)} if span else {}
    out: dict[str, bytes] = {}
    for nrp in sorted(ctx.people):
        if view.officer is not None and nrp != view.officer:
            continue
        if not duties[nrp] and not gone[nrp] and nrp not in tps:
            continue
        person = ctx.people[nrp]
        cal = _calendar(plan, person, zone_component)
        for a in duties[nrp]:
            cal.add_component(_event(ctx, a))
        if span and nrp in tps:
            cal.add_component(_tps_event(ctx, tps[nrp], *span))
        for day, shift, duty in gone[nrp]:
            cal.add_component(
                _cancelled(plan, ctx.lang, nrp, day, shift, duty, ctx.slots, ctx.stamp, ctx.lead)
            )
        out[file_name(person)] = cal.to_ical()
    return out


def new_calendar(product: str, title: str, timezone: str, zone_component: Any) -> Calendar:
    """A published calendar of the tool's `product` (`plotting personel`, `latihan`) with its
    title and time zone, before its events: one home for the plan's and the drills' calendars."""
    cal = Calendar()
    cal.add("prodid", f"-//sinjai-ops//{product}//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", timezone)
    cal.add_component(zone_component)
    return cal


def _calendar(plan: Plan, person: Person, zone_component: Any) -> Calendar:
    """An officer's calendar, before its events."""
    title = f"{plan.operation}: {person.rank} {person.name} ({person.nrp})"
    return new_calendar("plotting personel", title, plan.timezone, zone_component)


def _event(ctx: _Context, a: Any) -> Event:
    """The event of one duty, from its roll call to the shift's end, with its reminder."""
    lang, plan, nrp = ctx.lang, ctx.plan, a.nrp
    slot = ctx.slots[(a.date, a.shift)]
    post = post_name(plan, a.post, lang)
    site = site_name(plan, a.site)
    address = plan.names.addresses.get(a.site)
    apel = slot.start - ctx.lead
    event = Event()
    event.add("uid", uid(nrp, a.date, a.shift, a.post))
    event.add("dtstamp", ctx.stamp)
    event.add("sequence", _sequence(ctx.before.get((nrp, a.date, a.shift)), a))
    event.add("dtstart", apel.astimezone(ctx.zone))
    event.add("dtend", slot.end.astimezone(ctx.zone))
    event.add("summary", _said(lang, "summary", at=f"{apel:%H:%M}", post=post, site=site))
    event.add("location", f"{site}, {address}" if address else site)
    lines = [
        f"{_said(lang, 'post')}: {post} ({site})",
        f"{word(lang, 'skill')}: {skill_label(lang, a.skill)}",
        f"{_said(lang, 'roll_call_at')}: {apel:%H:%M}",
        f"{_said(lang, 'shift_hours')}: {a.shift} ({_hours(slot)})",
    ]
    commander = ctx.who(ctx.heads.get((a.date, a.shift, a.site, a.post)))
    if commander is not None:
        lines.append(f"{_said(lang, 'post_commander')}: {commander}")
    leader = ctx.who(ctx.leaders.get((a.date, a.shift, a.site)))
    if leader is not None:
        lines.append(f"{word(lang, 'roll_call')}: {leader}")
    if address:
        lines.append(f"{_said(lang, 'address')}: {address}")
    event.add("description", "\n".join(lines))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER)
    alarm.add("description", _said(lang, "reminder", at=f"{apel:%H:%M}", post=post, site=site))
    event.add_component(alarm)
    return event


def _tps_event(ctx: _Context, duty: TpsDuty, start: datetime, end: datetime) -> Event:
    """The voting day's TPS (or Padal) duty: from the report time to the end of counting, at
    the desa and TPS of the officer's group, with a reminder before it."""
    lang = ctx.lang
    event = Event()
    event.add("uid", f"{duty.nrp}-{start.date().isoformat()}-tps@sinjai-ops")
    event.add("dtstamp", ctx.stamp)
    event.add("sequence", 0)
    event.add("dtstart", start)
    event.add("dtend", end)
    at = f"{start:%H:%M}"
    where = {"at": at, "place": duty.place, "kecamatan": duty.kecamatan}
    kecamatan = vote_word(lang, "kecamatan_page", kecamatan=duty.kecamatan)
    if duty.padal:  # the Padal leads the kecamatan's TPS officers: his place is the kecamatan
        event.add("summary", _said(lang, "padal_summary", at=at, kecamatan=duty.kecamatan))
        event.add("location", kecamatan)
    else:
        event.add("summary", _said(lang, "tps_summary", **where))
        event.add("location", f"{duty.place}, {kecamatan}")
    lines = [
        f"{vote_word(lang, 'tps')}: {duty.place}",
        f"{vote_word(lang, 'kecamatan')}: {duty.kecamatan}",
        f"{word(lang, 'role')}: {duty.role}",
        f"{word(lang, 'start')}: {at}",
        f"{word(lang, 'end')}: {end_clock(end)}",
    ]
    event.add("description", "\n".join(lines))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER)
    alarm.add("description", _said(lang, "tps_reminder", **where))
    event.add_component(alarm)
    return event


def _sequence(earlier: Duty | None, now: Any) -> int:
    """0 for an event the baseline did not change; 1 (the baseline's 0, plus one) for one it
    held under the same UID with another skill."""
    if earlier is None or earlier.post != now.post:
        return 0
    return 1 if (earlier.site, earlier.skill) != (now.site, now.skill) else 0


def _cancelled(
    plan: Plan,
    lang: str,
    nrp: str,
    day: date,
    shift: str,
    duty: Duty,
    slots: dict[tuple[date, str], Slot],
    stamp: datetime,
    lead: timedelta,
) -> Event:
    """The baseline's event of a duty the re-plan took away: same UID, next SEQUENCE,
    STATUS:CANCELLED, so that the phone drops the event it holds."""
    zone = ZoneInfo(plan.timezone)
    slot = slots[(day, shift)]
    event = Event()
    event.add("uid", uid(nrp, day, shift, duty.post))
    event.add("dtstamp", stamp)
    event.add("sequence", 1)
    event.add("status", "CANCELLED")
    event.add("dtstart", (slot.start - lead).astimezone(zone))
    event.add("dtend", slot.end.astimezone(zone))
    post, site = post_name(plan, duty.post, lang), site_name(plan, duty.site)
    event.add("summary", _said(lang, "cancelled", post=post, site=site))
    event.add("description", _said(lang, "cancelled_note"))
    return event


def _hours(slot: Slot) -> str:
    return f"{slot.start:%H:%M}-{end_clock(slot.end)}"


def _zone_component(plan: Plan, zone: ZoneInfo) -> Any:
    """The VTIMEZONE that every event's TZID refers to (RFC 5545), worked out once."""
    if not plan.slots:
        return Calendar()
    return zone_component(plan.slots[0].start.astimezone(zone))


def zone_component(moment: datetime) -> Any:
    """The VTIMEZONE of `moment`'s zone, as icalendar works it out, without the English
    COMMENT it adds about the years it covers (an officer's calendar has no English)."""
    probe = Calendar()
    event = Event()
    event.add("dtstart", moment)
    probe.add_component(event)
    probe.add_missing_timezones()
    found = probe.walk("VTIMEZONE")[0]
    found.pop("COMMENT", None)
    return found
