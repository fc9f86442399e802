"""The `drill_schedule:` section of operation.yaml beyond its shape: its site, days, hours and
skills against the operation and the policy, and its joint exercise."""

from __future__ import annotations

from datetime import time
from typing import Any

from pydantic import TypeAdapter, ValidationError

from sinjai_ops.i18n import t
from sinjai_ops.models.common import Day, Ident, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.drills import DrillSchedule
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.validate.cross import OperationFacts
from sinjai_ops.validate.errors import readable

SECTION = "drill_schedule"


def minutes(moment: time, end: bool = False) -> int:
    """Minutes since midnight; an end at 00:00 (written 24:00) is the midnight that ends the
    day."""
    count = moment.hour * 60 + moment.minute
    return 24 * 60 if end and count == 0 else count


def check_drill_schedule(
    doc: Document, facts: OperationFacts, policy: Policy, zone: str | None
) -> list[Problem]:
    """Every problem of the section at once, each at its place: each field is read on its own
    (`readable`), so that a field the file's check finds wrong (told there) hides nothing."""
    data = doc.data if isinstance(doc.data, dict) else {}
    written = data.get(SECTION)
    if not isinstance(written, dict):
        return []
    context: dict[str, Any] = {"skills": policy.skills, "ranks": policy.ranks}
    if zone is not None:
        context["timezone"] = zone
    section = readable(DrillSchedule, written, context)
    out: list[Problem] = []
    if "site" in section:
        out += _site(section["site"], facts.sites, doc, (SECTION, "site"))
    for k, day in _items(written.get("days"), Day):
        if facts.start is not None and day > facts.start:
            message = t(
                "day {day} is after the operation starts ({start}); drills are held before it",
                day=day,
                start=facts.start,
            )
            out.append(problem_at(doc, (SECTION, "days", k), message))
    capacity = section.get("capacity")
    if capacity is not None and capacity < 1:
        message = t(
            "capacity {capacity} holds nobody; give at least 1 (a platoon is 38)",
            capacity=capacity,
        )
        out.append(problem_at(doc, (SECTION, "capacity"), message))
    rank = section.get("instructor_least_rank")
    if rank is not None and rank not in policy.ranks:
        message = t(
            "unknown rank '{rank}'{hint} (ranks: {ranks})",
            rank=rank,
            hint=suggest(rank, policy.ranks),
            ranks=", ".join(policy.ranks),
        )
        out.append(problem_at(doc, (SECTION, "instructor_least_rank"), message))
    out += _hours(section, written, doc)
    out += _skills(written.get("skills"), policy, doc)
    joint = section.get("joint_exercise")
    if isinstance(joint, dict):
        out += _joint(joint, facts, doc)
    return out


def _items(value: Any, kind: Any) -> list[tuple[int, Any]]:
    """The items of a written list that are valid on their own, with their index."""
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    out = []
    for k, item in enumerate(value if isinstance(value, list) else []):
        try:
            out.append((k, adapter.validate_python(item)))
        except ValidationError:
            continue  # told by the file's own check
    return out


def _skills(written: Any, policy: Policy, doc: Document) -> list[Problem]:
    limits = policy.drills.max_age_days
    out = []
    for k, skill in _items(written, Ident):
        if skill not in limits:
            message = t(
                "skill '{skill}' has no max_age_days in policy.drills, so a drill changes "
                "nothing for it; drill one of: {skills}",
                skill=skill,
                skills=", ".join(sorted(limits)) or "-",
            )
            out.append(problem_at(doc, (SECTION, "skills", k), message))
    return out


def _site(site: str, sites: list[str], doc: Document, path: tuple[str, ...]) -> list[Problem]:
    if site in sites:
        return []
    message = t(
        "unknown site '{site}'{hint} (the operation's sites: {sites})",
        site=site,
        hint=suggest(site, sites),
        sites=", ".join(sites),
    )
    return [problem_at(doc, path, message)]


def _hours(section: dict[str, Any], written: dict[str, Any], doc: Document) -> list[Problem]:
    """The hours a day: an end after the start, room for a session (told at `length_hours`
    where it is written, else at the hours that are too short for its default)."""
    hours, length = section.get("hours"), section.get("length_hours")
    if not isinstance(hours, dict) or "start" not in hours or "end" not in hours:
        return []
    first, last = hours["start"], hours["end"]
    begin, end = minutes(first), minutes(last, end=True)
    if end <= begin:
        message = t(
            "end {end} is not after start {start}; sessions are held within one day",
            end=last.strftime("%H:%M"),
            start=first.strftime("%H:%M"),
        )
        return [problem_at(doc, (SECTION, "hours", "end"), message)]
    if length is None or length * 60 <= end - begin:
        return []
    message = t(
        "a session of {length} hours does not fit in {start}-{end}; widen the hours or "
        "shorten length_hours",
        length=f"{length:g}",
        start=first.strftime("%H:%M"),
        end=last.strftime("%H:%M"),
    )
    where = "length_hours" if "length_hours" in written else "hours"
    return [problem_at(doc, (SECTION, where), message)]


def _joint(joint: dict[str, Any], facts: OperationFacts, doc: Document) -> list[Problem]:
    """The joint exercise at a site of the operation, within one day, before the operation:
    Sispamkota is the rehearsal before the stage."""
    path = (SECTION, "joint_exercise")
    out = _site(joint["site"], facts.sites, doc, (*path, "site")) if "site" in joint else []
    first, last = joint.get("start"), joint.get("end")
    if first is not None and last is not None and minutes(last, end=True) <= minutes(first):
        message = t(
            "end {end} is not after start {start}; the exercise is held within one day",
            end=last.strftime("%H:%M"),
            start=first.strftime("%H:%M"),
        )
        out.append(problem_at(doc, (*path, "end"), message))
    day = joint.get("date")
    if day is not None and facts.start is not None and day >= facts.start:
        message = t(
            "the joint exercise is on {day}, not before the operation starts ({start}); it is "
            "the rehearsal before the stage: date it before {start}",
            day=day,
            start=facts.start,
        )
        out.append(problem_at(doc, (*path, "date"), message))
    return out
