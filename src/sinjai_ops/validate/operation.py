"""operation.yaml beyond its shape: time zone, dates, posts, shifts, visit windows, the
reserve, the structure."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationFile, check_timezone
from sinjai_ops.models.plan import RESERVE_POST
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.validate.cross import OperationFacts


def check_operation(op: OperationFile, policy: Policy, doc: Document) -> list[Problem]:
    info = op.operation
    out: list[Problem] = []
    try:
        check_timezone(info.timezone)
    except ValueError as exc:
        out.append(problem_at(doc, ("operation", "timezone"), str(exc)))
    if info.end < info.start:
        out.append(
            problem_at(doc, ("operation", "end"), f"end {info.end} is before start {info.start}")
        )
    shift_ids = [s.id for s in op.shifts]
    post_paths = [
        ("sites", i, "posts", j) for i, s in enumerate(op.sites) for j in range(len(s.posts))
    ]
    posts = [op.sites[p[1]].posts[p[3]] for p in post_paths]
    for path, post in zip(post_paths, posts, strict=True):
        if post.id == RESERVE_POST:
            out.append(
                problem_at(
                    doc, (*path, "id"), "post id 'reserve' is kept for the reserve; rename it"
                )
            )
        for k, day in enumerate(post.days or []):
            if not info.start <= day <= info.end:
                out.append(
                    problem_at(
                        doc,
                        (*path, "days", k),
                        f"day {day} is outside the operation ({info.start} to {info.end})",
                    )
                )
        for k, shift in enumerate(post.shifts or []):
            if shift not in shift_ids:
                out.append(
                    problem_at(
                        doc,
                        (*path, "shifts", k),
                        f"unknown shift '{shift}'{suggest(shift, shift_ids)}",
                    )
                )
        lowest = policy.rank_roles.perwira_from
        if (
            post.perwira
            and post.commander in policy.ranks
            and lowest in policy.ranks
            and not policy.perwira(post.commander)
        ):
            out.append(
                problem_at(
                    doc,
                    (*path, "commander"),
                    f"post '{post.id}' asks for perwira, so its commander must be a perwira too "
                    f"(nobody may outrank the commander); write commander: {lowest} or higher",
                )
            )
        if not post.need and post.commander is None:
            out.append(
                problem_at(
                    doc, path, f"post '{post.id}' needs nobody; give it a need", warning=True
                )
            )
    return out


def check_shift_lengths(op: OperationFile, policy: Policy, doc: Document) -> list[Problem]:
    out = []
    for i, shift in enumerate(op.shifts):
        start = shift.start.hour * 60 + shift.start.minute
        end = shift.end.hour * 60 + shift.end.minute
        hours = ((end - start) % (24 * 60) or 24 * 60) / 60
        if hours > policy.rest.max_hours_per_day:
            out.append(
                problem_at(
                    doc,
                    ("shifts", i, "end"),
                    f"shift '{shift.id}' lasts {hours:g} h, more than max_hours_per_day "
                    f"({policy.rest.max_hours_per_day:g}); nobody can be plotted in it",
                    warning=True,
                )
            )
    return out


def check_visit_windows(
    arrivals: ArrivalsFile, op: OperationFile, policy: Policy, adoc: Document
) -> list[Problem]:
    """Heads a visit needs outside the planned shifts would silently go unplanned: say so."""
    slots = op.slots()
    first, last = slots[0].start, max(s.end for s in slots)
    zone = ZoneInfo(op.operation.timezone)
    out = []
    for i, cand in enumerate(arrivals.candidates):
        for k, visit in enumerate(cand.visits):
            if not op.operation.start <= visit.date <= op.operation.end:
                continue  # reported as an error already
            start, end = visit.window(policy.visits, zone)
            if start < first or end > last:
                edge = "before the first" if start < first else "after the last"
                out.append(
                    problem_at(
                        adoc,
                        ("candidates", i, "visits", k, "arrive" if start < first else "depart"),
                        f"{cand.id} needs heads from {start:%Y-%m-%d %H:%M} to {end:%H:%M}, "
                        f"{edge} planned shift; those heads are not planned: widen the "
                        "operation's dates by a day",
                        warning=True,
                    )
                )
    return out


def check_reserve_site(
    op: OperationFacts, policy: Policy, pdoc: Document, odoc: Document
) -> list[Problem]:
    sites = op.sites
    site = policy.reserve.site
    if policy.reserve.fraction == 0 or site in sites:
        return []
    hint = suggest(site, sites) or f"; sites of the operation: {', '.join(sites)}"
    message = f"reserve site '{site}' is not a site of the operation{hint}"
    if pdoc.loc(("reserve", "site")).file == odoc.file:
        return [problem_at(pdoc, ("reserve", "site"), message)]
    # The site is the shipped default (headquarters): the reserve is held there all the same,
    # whether or not the operation lists it; a warning says how to place it elsewhere.
    return [
        problem_at(
            odoc,
            ("sites",),
            f"the reserve is planned at '{site}' (the default of configs/policy.yaml), which is "
            f"not a site of this operation{hint}; to change it, set policy: "
            "{reserve: {site: <site id>}} or {reserve: {fraction: 0}} in this file",
            key=True,
            warning=True,
        )
    ]


def check_structure(
    op: OperationFile, roster: RosterFile | None, arrivals: ArrivalsFile | None, doc: Document
) -> list[Problem]:
    """Every NRP of the structure is in the roster, every post exists, a post belongs to one
    task force, and task force ids are unique."""
    if op.structure is None:
        return []
    out: list[Problem] = []
    nrps = {p.nrp for p in roster.personnel} if roster is not None else None
    posts = [p.id for s in op.sites for p in s.posts] + [RESERVE_POST]
    if arrivals is not None:
        posts += [f"visit:{c.id}" for c in arrivals.candidates]
    for i, role in enumerate(op.structure.roles):
        if nrps is not None and role.nrp not in nrps:
            out.append(
                problem_at(
                    doc,
                    ("structure", "roles", i, "nrp"),
                    f"NRP {role.nrp} ({role.role}) is not in the roster",
                )
            )
    owner: dict[str, int] = {}
    ids: dict[str, int] = {}
    for i, force in enumerate(op.structure.task_forces):
        path: Path = ("structure", "task_forces", i)
        if force.id in ids:
            out.append(
                problem_at(
                    doc,
                    (*path, "id"),
                    f"task force id '{force.id}' is used twice; each must be unique",
                )
            )
        ids[force.id] = i
        if force.head is not None and nrps is not None and force.head not in nrps:
            out.append(problem_at(doc, (*path, "head"), f"NRP {force.head} is not in the roster"))
        for k, post in enumerate(force.posts):
            if post not in posts:
                out.append(
                    problem_at(
                        doc,
                        (*path, "posts", k),
                        f"unknown post '{post}'{suggest(post, posts)}",
                    )
                )
            elif post in owner:
                first = op.structure.task_forces[owner[post]].id
                out.append(
                    problem_at(
                        doc,
                        (*path, "posts", k),
                        f"post '{post}' already belongs to task force '{first}'; a post has one",
                    )
                )
            else:
                owner[post] = i
    return out
