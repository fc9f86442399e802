"""The `drill_schedule:` section of operation.yaml beyond its shape: its site, days, hours and
skills against the operation and the policy, and its joint exercise."""

from __future__ import annotations

from datetime import time

from sinjai_ops.i18n import t
from sinjai_ops.models.common import suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.drills import DrillHours, JointExercise
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem

SECTION = "drill_schedule"


def minutes(moment: time, end: bool = False) -> int:
    """Minutes since midnight; an end at 00:00 (written 24:00) is the midnight that ends the
    day."""
    count = moment.hour * 60 + moment.minute
    return 24 * 60 if end and count == 0 else count


def check_drill_schedule(op: OperationFile, policy: Policy, doc: Document) -> list[Problem]:
    """Every problem of the section at once, each at its place."""
    section = op.drill_schedule
    if section is None:
        return []
    out: list[Problem] = []
    sites = [s.id for s in op.sites]
    out += _site(section.site, sites, doc, (SECTION, "site"))
    start = op.operation.start
    for k, day in enumerate(section.days or []):
        if day > start:
            out.append(
                problem_at(
                    doc,
                    (SECTION, "days", k),
                    t(
                        "day {day} is after the operation starts ({start}); drills are held "
                        "before it",
                        day=day,
                        start=start,
                    ),
                )
            )
    if section.capacity < 1:
        message = t(
            "capacity {capacity} holds nobody; give at least 1 (a platoon is 38)",
            capacity=section.capacity,
        )
        out.append(problem_at(doc, (SECTION, "capacity"), message))
    rank = section.instructor_least_rank
    if rank not in policy.ranks:
        message = t(
            "unknown rank '{rank}'{hint} (ranks: {ranks})",
            rank=rank,
            hint=suggest(rank, policy.ranks),
            ranks=", ".join(policy.ranks),
        )
        out.append(problem_at(doc, (SECTION, "instructor_least_rank"), message))
    out += _hours(section.hours, section.length_hours, doc, (SECTION, "hours"))
    limits = policy.drills.max_age_days
    for k, skill in enumerate(section.skills or []):
        if skill not in limits:
            out.append(
                problem_at(
                    doc,
                    (SECTION, "skills", k),
                    t(
                        "skill '{skill}' has no max_age_days in policy.drills, so a drill "
                        "changes nothing for it; drill one of: {skills}",
                        skill=skill,
                        skills=", ".join(sorted(limits)) or "-",
                    ),
                )
            )
    if section.joint_exercise is not None:
        out += _joint(section.joint_exercise, sites, doc)
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


def _hours(hours: DrillHours, length: float, doc: Document, path: tuple[str, ...]) -> list[Problem]:
    begin, end = minutes(hours.start), minutes(hours.end, end=True)
    if end <= begin:
        message = t(
            "end {end} is not after start {start}; sessions are held within one day",
            end=hours.end.strftime("%H:%M"),
            start=hours.start.strftime("%H:%M"),
        )
        return [problem_at(doc, (*path, "end"), message)]
    if length * 60 > end - begin:
        message = t(
            "a session of {length} hours does not fit in {start}-{end}; widen the hours or "
            "shorten length_hours",
            length=f"{length:g}",
            start=hours.start.strftime("%H:%M"),
            end=hours.end.strftime("%H:%M"),
        )
        return [problem_at(doc, (SECTION, "length_hours"), message)]
    return []


def _joint(joint: JointExercise, sites: list[str], doc: Document) -> list[Problem]:
    path = (SECTION, "joint_exercise")
    out = _site(joint.site, sites, doc, (*path, "site"))
    if minutes(joint.end, end=True) <= minutes(joint.start):
        message = t(
            "end {end} is not after start {start}; the exercise is held within one day",
            end=joint.end.strftime("%H:%M"),
            start=joint.start.strftime("%H:%M"),
        )
        out.append(problem_at(doc, (*path, "end"), message))
    return out
