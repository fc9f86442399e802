"""operation.yaml beyond its shape: time zone, dates, posts, shifts, visit windows, the
reserve, the structure, the Sprin's form."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sinjai_ops.i18n import Invalid, t
from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.demand import RESERVE_POST
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationFile, OperationInfo, Post, check_timezone
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.models.sprin import FIRST_KOP_LINE
from sinjai_ops.validate.cross import OperationFacts


def check_operation(op: OperationFile, policy: Policy, doc: Document) -> list[Problem]:
    info = op.operation
    out: list[Problem] = []
    try:
        check_timezone(info.timezone)
    except Invalid as exc:
        out.append(problem_at(doc, ("operation", "timezone"), exc.msg))
    if info.end < info.start:
        out.append(
            problem_at(
                doc,
                ("operation", "end"),
                t("end {end} is before start {start}", end=info.end, start=info.start),
            )
        )
    shift_ids = [s.id for s in op.shifts]
    post_paths = [
        ("sites", i, "posts", j) for i, s in enumerate(op.sites) for j in range(len(s.posts))
    ]
    posts = [op.sites[p[1]].posts[p[3]] for p in post_paths]
    for path, post in zip(post_paths, posts, strict=True):
        out += _post_problems(post, path, info, shift_ids, policy, doc)
    return out


def _post_problems(
    post: Post,
    path: Path,
    info: OperationInfo,
    shift_ids: list[str],
    policy: Policy,
    doc: Document,
) -> list[Problem]:
    """A post's id, days, shifts, commander and need against the operation and the policy."""
    out: list[Problem] = []
    if post.id == RESERVE_POST:
        out.append(
            problem_at(
                doc,
                (*path, "id"),
                t("post id 'reserve' is kept for the reserve; rename it"),
            )
        )
    for k, day in enumerate(post.days or []):
        if not info.start <= day <= info.end:
            out.append(
                problem_at(
                    doc,
                    (*path, "days", k),
                    t(
                        "day {day} is outside the operation ({start} to {end})",
                        day=day,
                        start=info.start,
                        end=info.end,
                    ),
                )
            )
    for k, shift in enumerate(post.shifts or []):
        if shift not in shift_ids:
            out.append(
                problem_at(
                    doc,
                    (*path, "shifts", k),
                    t(
                        "unknown shift '{shift}'{hint}",
                        shift=shift,
                        hint=suggest(shift, shift_ids),
                    ),
                )
            )
    out += _commander_problems(post, path, policy, doc)
    if not post.need and post.commander is None:
        out.append(
            problem_at(
                doc,
                path,
                t("post '{post}' needs nobody; give it a need", post=post.id),
                warning=True,
            )
        )
    return out


def _commander_problems(post: Post, path: Path, policy: Policy, doc: Document) -> list[Problem]:
    """A post that asks for perwira under a commander who is not one."""
    out: list[Problem] = []
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
                t(
                    "post '{post}' asks for perwira, so its commander must be a perwira too "
                    "(nobody may outrank the commander); write commander: {lowest} or higher",
                    post=post.id,
                    lowest=lowest,
                ),
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
                    t(
                        "shift '{shift}' lasts {hours} h, more than max_hours_per_day ({most}); "
                        "nobody can be plotted in it",
                        shift=shift.id,
                        hours=format(hours, "g"),
                        most=format(policy.rest.max_hours_per_day, "g"),
                    ),
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
                early = start < first
                text = (
                    "{candidate} needs heads from {start} to {end}, before the first planned "
                    "shift; those heads are not planned: widen the operation's dates by a day"
                    if early
                    else "{candidate} needs heads from {start} to {end}, after the last planned "
                    "shift; those heads are not planned: widen the operation's dates by a day"
                )
                out.append(
                    problem_at(
                        adoc,
                        ("candidates", i, "visits", k, "arrive" if early else "depart"),
                        t(
                            text,
                            candidate=cand.id,
                            start=format(start, "%Y-%m-%d %H:%M"),
                            end=format(end, "%H:%M"),
                        ),
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
    hint = suggest(site, sites) or t("; sites of the operation: {sites}", sites=", ".join(sites))
    message = t("reserve site '{site}' is not a site of the operation{hint}", site=site, hint=hint)
    if pdoc.loc(("reserve", "site")).file == odoc.file:
        return [problem_at(pdoc, ("reserve", "site"), message)]
    # The site is the shipped default (headquarters): the reserve is held there all the same,
    # whether or not the operation lists it; a warning says how to place it elsewhere.
    return [
        problem_at(
            odoc,
            ("sites",),
            t(
                "the reserve is planned at '{site}' (the default of configs/policy.yaml), which "
                "is not a site of this operation{hint}; to change it, set policy: "
                "{{reserve: {{site: <site id>}}}} or {{reserve: {{fraction: 0}}}} in this file",
                site=site,
                hint=hint,
            ),
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
                    t("NRP {nrp} ({role}) is not in the roster", nrp=role.nrp, role=role.role),
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
                    t("task force id '{id}' is used twice; each must be unique", id=force.id),
                )
            )
        ids[force.id] = i
        if force.head is not None and nrps is not None and force.head not in nrps:
            out.append(
                problem_at(
                    doc, (*path, "head"), t("NRP {nrp} is not in the roster", nrp=force.head)
                )
            )
        for k, post in enumerate(force.posts):
            if post not in posts:
                out.append(
                    problem_at(
                        doc,
                        (*path, "posts", k),
                        t("unknown post '{post}'{hint}", post=post, hint=suggest(post, posts)),
                    )
                )
            elif post in owner:
                first = op.structure.task_forces[owner[post]].id
                out.append(
                    problem_at(
                        doc,
                        (*path, "posts", k),
                        t(
                            "post '{post}' already belongs to task force '{first}'; a post has one",
                            post=post,
                            first=first,
                        ),
                    )
                )
            else:
                owner[post] = i
    return out


def check_document(op: OperationFile, roster: RosterFile | None, doc: Document) -> list[Problem]:
    """`document:` beyond its shape: the kop's first line is not repeated, the Sprin is signed
    before the operation starts, and the signatory is the roster's officer of that NRP."""
    form = op.document
    if form is None:
        return []
    out: list[Problem] = []
    for i, line in enumerate(form.letterhead):
        if line.strip().casefold() == FIRST_KOP_LINE.casefold():
            out.append(
                problem_at(
                    doc,
                    ("document", "letterhead", i),
                    t(
                        "'{line}' is always printed first on the kop; list only the lines after "
                        "it (e.g. DAERAH SULAWESI SELATAN, RESOR SINJAI)",
                        line=FIRST_KOP_LINE,
                    ),
                    warning=True,
                )
            )
    if form.date is not None and form.date > op.operation.start:
        out.append(
            problem_at(
                doc,
                ("document", "date"),
                t(
                    "the Sprin is dated {date}, after the operation starts ({start}); a Sprin "
                    "is signed before: check the date",
                    date=form.date,
                    start=op.operation.start,
                ),
                warning=True,
            )
        )
    who = form.signatory
    people = {p.nrp: p for p in roster.personnel} if roster is not None else {}
    if who is not None and who.nrp is not None and who.nrp in people:
        person = people[who.nrp]
        if who.rank is not None and who.rank != person.rank:
            out.append(
                problem_at(
                    doc,
                    ("document", "signatory", "rank"),
                    t(
                        "the roster gives NRP {nrp} the rank {rank}, not {given}; write the "
                        "same rank in both files",
                        nrp=who.nrp,
                        rank=person.rank,
                        given=who.rank,
                    ),
                    warning=True,
                )
            )
    return out
