"""Plain data to models, and the checks that span fields and files.

Every finding is a `Problem` placed at the file, line and column of the node it is about.
"""

from __future__ import annotations

import re
import types
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from sinjai_ops.demand import member_band, visit_heads
from sinjai_ops.models.adjustments import AdjustmentsFile, Pin
from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.checklist import PLACEHOLDERS, Template, TemplatesFile, placeholders
from sinjai_ops.models.common import Path, parse_date, suggest
from sinjai_ops.models.document import Document, overlay, problem_at
from sinjai_ops.models.operation import OperationFile, check_timezone, known_timezone
from sinjai_ops.models.plan import COMMAND, RESERVE_POST, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import Person, RosterFile
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.solve.classes import Role
from sinjai_ops.solve.rules import enough_rest, within_daily_hours

M = TypeVar("M", bound=BaseModel)


def parse_model(
    doc: Document, model: type[M], policy: Policy | None = None
) -> tuple[M | None, list[Problem]]:
    """The model of a document, or the problems that prevent it, each placed in the file.

    With a policy, skill and rank names are checked against it in the same pass.
    """
    context = {"skills": policy.skills, "ranks": policy.ranks} if policy else None
    try:
        return model.model_validate(doc.data, context=context), []
    except ValidationError as exc:
        problems = [_from_pydantic(doc, model, err) for err in exc.errors(include_url=False)]
        return None, problems


def _from_pydantic(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    is_key = "[key]" in err["loc"]
    loc: Path = tuple(p for p in err["loc"] if p != "[key]")
    kind: str = err["type"]
    given = err.get("input")
    ctx = err.get("ctx") or {}
    shown = _show(given)
    if kind == "missing":
        return problem_at(doc, loc[:-1], f"missing required field '{loc[-1]}'")
    if kind == "extra_forbidden":
        name = loc[-1]
        allowed = _fields_at(model, loc[:-1])
        hint = suggest(name, allowed) or (
            f"; expected one of: {', '.join(allowed)}" if allowed else ""
        )
        return problem_at(doc, loc, f"unknown field '{name}'{hint}", key=True)
    if given is None and not loc:
        fields = ", ".join(f"'{name}:'" for name in _fields_at(model, ()))
        return problem_at(doc, loc, f"the file is empty; it should hold {fields}")
    if not loc and _looks_like_csv(given):
        return problem_at(
            doc,
            loc,
            "this looks like a spreadsheet's CSV export, not YAML; turn it into a roster with "
            "`sinjai-ops roster import FILE -o roster.yaml`",
        )
    if given is None and loc in doc.nulls:
        word = doc.nulls[loc]
        return problem_at(
            doc,
            loc,
            f"YAML reads an unquoted {word} as no value at all; if {word} is what you mean, "
            f'quote it: "{word}"',
        )
    if given is None and kind not in ("value_error",):
        return problem_at(doc, loc, "is empty; give a value")
    messages = {
        "int_parsing": f"expected a whole number, got {shown}",
        "int_from_float": f"expected a whole number, got {shown}",
        "int_type": f"expected a whole number, got {shown}",
        "float_parsing": f"expected a number, got {shown}",
        "float_type": f"expected a number, got {shown}",
        "finite_number": f"expected a finite number, got {shown}",
        "bool_parsing": f"expected true or false, got {shown}",
        "bool_type": f"expected true or false, got {shown}",
        "list_type": f"expected a list (e.g. [a, b]), got {shown}",
        "dict_type": f"expected a mapping of 'key: value' lines, got {shown}",
        "model_type": f"expected a mapping of 'key: value' lines, got {shown}",
        "model_attributes_type": f"expected a mapping of 'key: value' lines, got {shown}",
        "string_type": f"expected a single value, got {shown}",
        "greater_than_equal": f"must be at least {ctx.get('ge')}, got {given}",
        "greater_than": f"must be more than {ctx.get('gt')}, got {given}",
        "less_than_equal": f"must be at most {ctx.get('le')}, got {given}",
        "less_than": f"must be less than {ctx.get('lt')}, got {given}",
        "too_short": f"needs at least {ctx.get('min_length')} item(s)",
    }
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = f"{shown} is not one of: {', '.join(options)}{suggest(given, options)}"
    elif kind == "value_error":
        message = str(err["msg"]).removeprefix("Value error, ")
    else:
        message = messages.get(kind, str(err["msg"]))
    return problem_at(doc, loc, message, key=is_key)


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57] + "...")
    return repr(value)


def _looks_like_csv(value: Any) -> bool:
    """A spreadsheet's CSV export where YAML was expected: one long line of separated cells."""
    if not isinstance(value, str):
        return False
    first = value.split("\n", 1)[0]
    return first.count(";") >= 2 or first.count(",") >= 2 or first.count("\t") >= 2


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            rest = [a for a in get_args(tp) if a is not type(None)]
            tp = rest[0]
        else:
            return tp


def _fields_at(model: type[BaseModel], loc: Path) -> list[str]:
    """The field names that the model accepts at `loc`, for a suggestion."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {f.alias or n: f for n, f in tp.model_fields.items()}
            if part not in fields:
                return []
            tp = fields[str(part)].annotation
        elif get_origin(tp) in (list, dict):
            tp = get_args(tp)[-1]
        else:
            return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []


# ---------------------------------------------------------------------------------------------
# Checks within and across files. Each takes the models and the documents they came from.


_IDENTITIES: dict[str, list[tuple[Path, str]]] = {
    "operation": [
        (("shifts", "*", "id"), "shift id"),
        (("sites", "*", "id"), "site id"),
        (("sites", "*", "posts", "*", "id"), "post id"),
        (("checklists", "*", "id"), "template id"),
    ],
    "roster": [(("personnel", "*", "nrp"), "NRP")],
    "arrivals": [
        (("candidates", "*", "id"), "candidate id"),
        (("candidates", "*", "number"), "ballot number"),
    ],
    "checklists": [(("templates", "*", "id"), "template id")],
}


def _raw_values(node: Any, pattern: Path, path: Path = ()) -> list[tuple[Path, str]]:
    """The text at every path matching `pattern` (`*` for any list index) in plain data."""
    if not pattern:
        return [(path, node)] if isinstance(node, str) else []
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items = enumerate(node) if isinstance(node, list) else iter(())
        return [found for i, item in items for found in _raw_values(item, rest, (*path, i))]
    if isinstance(node, dict) and head in node:
        return _raw_values(node[head], rest, (*path, head))
    return []


def check_identities(doc: Document, kind: str) -> list[Problem]:
    """Ids, NRPs and ballot numbers used twice, read from the plain data: reported even when
    other parts of the file keep its model from being built."""
    out: list[Problem] = []
    for pattern, what in _IDENTITIES.get(kind, []):
        found = _raw_values(doc.data, pattern)
        out += _dupes(doc, [v for _, v in found], lambda i, f=found: f[i][0], what)
    return out


def _dupes(doc: Document, items: Sequence[str], path_of: Any, what: str) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, value in enumerate(items):
        if value in seen:
            first = doc.loc(path_of(seen[value]))
            out.append(
                problem_at(
                    doc,
                    path_of(i),
                    f"{what} '{value}' is used twice (first at line {first.line}); "
                    f"each {what} must be unique",
                )
            )
        else:
            seen[value] = i
    return out


def check_policy(policy: Policy, doc: Document) -> list[Problem]:
    out = _dupes(doc, policy.skills, lambda i: ("skills", i), "skill")
    out += _dupes(doc, policy.ranks, lambda i: ("ranks", i), "rank")
    skills = set(policy.skills)
    uses: list[tuple[Path, str]] = [
        (("visits", "crowd", "skill"), policy.visits.crowd.skill),
        (("visits", "escort", "skill"), policy.visits.escort.skill),
        (("visits", "protection", "skill"), policy.visits.protection.skill),
        (("reserve", "skill"), policy.reserve.skill),
    ]
    uses += [(("drills", "max_age_days", s), s) for s in policy.drills.max_age_days]
    rank = policy.rank_roles.perwira_from
    if rank not in policy.ranks:
        out.append(
            problem_at(
                doc,
                ("rank_roles", "perwira_from"),
                f"unknown rank '{rank}'{suggest(rank, policy.ranks)}; name the lowest perwira "
                "rank of `ranks`",
            )
        )
    for path, skill in uses:
        if skill not in skills:
            out.append(
                problem_at(
                    doc,
                    path,
                    f"unknown skill '{skill}'{suggest(skill, skills)}",
                    key=path[0] == "drills",
                )
            )
    return out


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


def check_roster(roster: RosterFile, policy: Policy, doc: Document) -> list[Problem]:
    out: list[Problem] = []
    for i, person in enumerate(roster.personnel):
        base: Path = ("personnel", i)
        out += _dupes(doc, person.skills, lambda k, b=base: (*b, "skills", k), "skill")
        for k, leave in enumerate(person.unavailable):
            if leave.end < leave.start:
                out.append(
                    problem_at(
                        doc,
                        (*base, "unavailable", k, "to"),
                        f"leave ends ({leave.end}) before it starts ({leave.start})",
                    )
                )
    return out


@dataclass(frozen=True)
class OperationFacts:
    """What other files are checked against: from the operation's model, or read leniently
    from an operation.yaml whose own problems keep the model from being built, so that every
    problem of every file is reported at once."""

    sites: list[str]
    start: date | None
    end: date | None
    commander: str | None

    @classmethod
    def of(cls, op: OperationFile) -> OperationFacts:
        info = op.operation
        return cls([s.id for s in op.sites], info.start, info.end, info.commander)

    @classmethod
    def read(cls, data: Any) -> OperationFacts:
        data = data if isinstance(data, dict) else {}
        info = data.get("operation") if isinstance(data.get("operation"), dict) else {}
        sites = data.get("sites") if isinstance(data.get("sites"), list) else []
        ids = [s["id"] for s in sites if isinstance(s, dict) and isinstance(s.get("id"), str)]

        def day(value: Any) -> date | None:
            try:
                return parse_date(value)
            except ValueError:
                return None

        commander = info.get("commander")
        start, end = day(info.get("start")), day(info.get("end"))
        if start and end and end < start:
            start = end = None
        return cls(ids, start, end, commander if isinstance(commander, str) else None)


def check_roster_against_operation(
    roster: RosterFile, op: OperationFacts, policy: Policy, rdoc: Document, odoc: Document
) -> list[Problem]:
    out: list[Problem] = []
    nrps = {p.nrp for p in roster.personnel}
    if op.commander is not None and op.commander not in nrps:
        out.append(
            problem_at(
                odoc,
                ("operation", "commander"),
                f"commander NRP '{op.commander}' is not in the roster ({rdoc.file})",
            )
        )
    if op.start is None or op.end is None:
        return out
    last_day = op.end
    for i, person in enumerate(roster.personnel):
        if not person.assignable:
            continue
        for skill in person.skills:
            max_age = policy.drills.max_age_days.get(skill)
            if max_age is None:
                continue
            last = person.drills.get(skill)
            valid = person.drill_valid_until(skill, max_age)
            if valid is None:
                out.append(
                    problem_at(
                        rdoc,
                        ("personnel", i, "skills"),
                        f"{person.name} ({person.nrp}) has no recorded {skill} drill; not "
                        f"plotted for {skill} until one is recorded under drills",
                        warning=True,
                    )
                )
            elif valid < last_day:
                if valid < op.start:
                    when = (
                        f"is more than {max_age} days old before the operation starts; "
                        f"not plotted for {skill} until a newer drill is recorded"
                    )
                else:
                    when = (
                        f"is more than {max_age} days old from {valid + timedelta(days=1)}; "
                        f"not plotted for {skill} from that day"
                    )
                out.append(
                    problem_at(
                        rdoc,
                        ("personnel", i, "drills", skill),
                        f"{person.name} ({person.nrp}): last {skill} drill {last} {when}",
                        warning=True,
                    )
                )
    return out


def check_arrivals(arrivals: ArrivalsFile, doc: Document) -> list[Problem]:
    ids = [c.id for c in arrivals.candidates]
    out: list[Problem] = []
    for i, cand in enumerate(arrivals.candidates):
        for k, rival in enumerate(cand.rivals):
            if rival == cand.id:
                out.append(
                    problem_at(
                        doc, ("candidates", i, "rivals", k), "a candidate cannot be its own rival"
                    )
                )
            elif rival not in ids:
                out.append(
                    problem_at(
                        doc,
                        ("candidates", i, "rivals", k),
                        f"unknown candidate '{rival}'{suggest(rival, ids)}",
                    )
                )
        for k, visit in enumerate(cand.visits):
            if visit.depart <= visit.arrive:
                out.append(
                    problem_at(
                        doc,
                        ("candidates", i, "visits", k, "depart"),
                        f"depart {visit.depart:%H:%M} is not after arrive {visit.arrive:%H:%M}; "
                        "a visit may not cross midnight",
                    )
                )
    return out


def check_arrivals_against_scenario(
    arrivals: ArrivalsFile,
    op: OperationFacts,
    roster: RosterFile | None,
    policy: Policy,
    adoc: Document,
) -> list[Problem]:
    out: list[Problem] = []
    sites = op.sites
    crowd_skill = policy.visits.crowd.skill
    has_crowd = roster is None or any(
        crowd_skill in p.skills and p.assignable for p in roster.personnel
    )
    for i, cand in enumerate(arrivals.candidates):
        for k, visit in enumerate(cand.visits):
            path: Path = ("candidates", i, "visits", k)
            if sites and visit.site not in sites:
                out.append(
                    problem_at(
                        adoc,
                        (*path, "site"),
                        f"unknown site '{visit.site}'"
                        + (suggest(visit.site, sites) or f"; sites: {', '.join(sites)}"),
                    )
                )
            if op.start and op.end and not op.start <= visit.date <= op.end:
                out.append(
                    problem_at(
                        adoc,
                        (*path, "date"),
                        f"visit date {visit.date} is outside the operation "
                        f"({op.start} to {op.end})",
                    )
                )
            if visit.supporters > 0 and not has_crowd:
                out.append(
                    problem_at(
                        adoc,
                        (*path, "supporters"),
                        f"{visit.supporters} supporters expected but the roster has nobody "
                        f"with skill '{crowd_skill}'; every crowd head will be a shortfall",
                        warning=True,
                    )
                )
    index = {c.id: i for i, c in enumerate(arrivals.candidates)}
    for conflict in arrivals.rival_conflicts(policy.rivals.min_gap_minutes):
        a, b = conflict.candidates
        first = arrivals.candidates[index[a]]
        k = next(
            k
            for k, v in enumerate(first.visits)
            if v.site == conflict.site and v.date == conflict.date
        )
        gap = conflict.gap_minutes
        how = "overlap" if gap < 0 else f"are {gap} minutes apart"
        out.append(
            problem_at(
                adoc,
                ("candidates", index[a], "visits", k, "arrive"),
                f"rivals {a} and {b} {how} at {conflict.site} on {conflict.date} "
                f"(policy asks for {policy.rivals.min_gap_minutes} minutes); plan a separation",
                warning=True,
            )
        )
    return out


_AT_KINDS = {"operation", "first-visit", "day", "conflict", "shortfall"}


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


def check_ties(roster: RosterFile, arrivals: ArrivalsFile, rdoc: Document) -> list[Problem]:
    """Every declared tie names a candidate of arrivals.yaml."""
    ids = [c.id for c in arrivals.candidates]
    out = []
    for i, person in enumerate(roster.personnel):
        for k, tie in enumerate(person.ties):
            if tie not in ids:
                out.append(
                    problem_at(
                        rdoc,
                        ("personnel", i, "ties", k),
                        f"unknown candidate '{tie}'{suggest(tie, ids)} (the candidates of "
                        f"arrivals.yaml are: {', '.join(ids)})",
                    )
                )
    return out


def _pin_heads(
    pin: Pin, op: OperationFile, arrivals: ArrivalsFile, policy: Policy
) -> tuple[dict[str, Role], str | None]:
    """The heads a pin's post has on its day and shift, by skill, with the band of ranks each
    takes (as demand derives them); or why the post has none then."""
    site = next((s for s in op.sites if s.id == pin.site), None)
    if site is None:
        return {}, None  # reported by the reference checks
    rank_and_file = member_band(None, policy)
    if pin.post == RESERVE_POST:
        if pin.site != policy.reserve.site:
            return {}, f"the reserve stands at '{policy.reserve.site}', not at '{pin.site}'"
        return {policy.reserve.skill: Role(policy.reserve.skill, "", *_band(rank_and_file))}, None
    if pin.post.startswith("visit:"):
        cid = pin.post.removeprefix("visit:")
        candidate = next((c for c in arrivals.candidates if c.id == cid), None)
        if candidate is None:
            ids = [c.id for c in arrivals.candidates]
            return {}, f"no candidate '{cid}'{suggest(cid, ids)}"
        if not any(v.site == pin.site and v.date == pin.date for v in candidate.visits):
            return {}, f"{cid} does not visit {pin.site} on {pin.date}"
        visit = next(v for v in candidate.visits if v.site == pin.site and v.date == pin.date)
        return {
            skill: Role(skill, "", *_band(rank_and_file))
            for skill, _, _ in visit_heads(visit, candidate, policy)
        }, None
    post = next((p for p in site.posts if p.id == pin.post), None)
    if post is None:
        names = [p.id for p in site.posts]
        return {}, f"no post '{pin.post}' at {pin.site}{suggest(pin.post, names)}"
    if not post.active(pin.date, pin.shift):
        return {}, f"post {post.id} is not manned on {pin.date} {pin.shift}"
    band = _band(member_band(post, policy))
    heads = {skill: Role(skill, "", *band) for skill, n in post.need.items() if n}
    if post.commander is not None:
        heads[COMMAND] = Role(COMMAND, post.commander, "", "")
    return heads, None


def _band(band: tuple[str | None, str | None]) -> tuple[str, str]:
    return band[0] or "", band[1] or ""


def _why_not(person: Person, role: Role, day: date, policy: Policy) -> str:
    """The rule that keeps a person from a head, in words."""
    if not person.assignable:
        return "the officer is not plotted (assignable: false)"
    for leave in person.unavailable:
        if leave.start <= day <= leave.end:
            return f"the officer is on leave ({leave.start} to {leave.end})"
    ranks = policy.ranks
    if role.leads:
        return f"rank {person.rank} is below the commander head's {role.min_rank}"
    if role.skill not in person.skills:
        return f"the officer does not hold {role.skill}"
    limit = policy.drills.max_age_days.get(role.skill)
    if not person.qualified(role.skill, day, limit):
        drilled = person.drills.get(role.skill)
        return (
            f"the {role.skill} drill is missing"
            if drilled is None
            else f"the {role.skill} drill of {drilled} does not count on {day}"
        )
    if role.rank_from and ranks.index(person.rank) < ranks.index(role.rank_from):
        return f"the post asks for perwira; {person.rank} is not"
    if role.rank_to and ranks.index(person.rank) > ranks.index(role.rank_to):
        if policy.perwira(person.rank) and not policy.perwira(role.rank_to):
            return (
                f"{person.rank} is perwira: perwira fill rank-and-file heads only when policy "
                "rank_roles.perwira_on_rank_and_file is true"
            )
        return f"{person.rank} would outrank the post's commander ({role.rank_to} at most)"
    return "the officer may not fill it"


def check_adjustments(
    adj: AdjustmentsFile,
    op: OperationFile,
    roster: RosterFile,
    arrivals: ArrivalsFile,
    policy: Policy,
    doc: Document,
) -> list[Problem]:
    """Pins and absences against the scenario: every reference exists, and a pin breaks no rule
    (skill, rank, leave, absence, neutrality, two in one shift, rest, hours of the day)."""
    out: list[Problem] = []
    info = op.operation
    people = {p.nrp: p for p in roster.personnel}
    shifts = [s.id for s in op.shifts]
    sites = [s.id for s in op.sites]
    slots = {(s.date, s.shift): s for s in op.slots()} if known_timezone(info.timezone) else {}
    zone = ZoneInfo(info.timezone) if slots else None

    def where(kind: str, i: int, field: str) -> Path:
        return (kind, i, field)

    for i, a in enumerate(adj.absences):
        if a.nrp not in people:
            out.append(
                problem_at(doc, where("absences", i, "nrp"), f"NRP {a.nrp} is not in the roster")
            )
        if a.end <= a.start:
            out.append(
                problem_at(
                    doc,
                    where("absences", i, "to"),
                    f"'to' {a.end:%Y-%m-%d %H:%M} is not after 'from' {a.start:%Y-%m-%d %H:%M}",
                )
            )
    placed: dict[tuple[str, date, str], int] = {}
    worked: dict[str, list[tuple[int, Slot]]] = defaultdict(list)
    for i, pin in enumerate(adj.pins):
        person = people.get(pin.nrp)
        if person is None:
            out.append(
                problem_at(doc, where("pins", i, "nrp"), f"NRP {pin.nrp} is not in the roster")
            )
        if not info.start <= pin.date <= info.end:
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "date"),
                    f"day {pin.date} is outside the operation ({info.start} to {info.end})",
                )
            )
            continue
        if pin.shift not in shifts:
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "shift"),
                    f"unknown shift '{pin.shift}'{suggest(pin.shift, shifts)}",
                )
            )
            continue
        if pin.site not in sites:
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "site"),
                    f"unknown site '{pin.site}'{suggest(pin.site, sites)}",
                )
            )
            continue
        heads, absent = _pin_heads(pin, op, arrivals, policy)
        if absent is not None:
            out.append(problem_at(doc, where("pins", i, "post"), absent))
            continue
        if person is None:
            continue
        if pin.skill is not None:
            role = heads.get(pin.skill)
            if role is None:
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "skill"),
                        f"{pin.post} has no {pin.skill} head on {pin.date} {pin.shift}; its heads "
                        f"are: {', '.join(heads) or 'none'}",
                    )
                )
                continue
        else:
            fitting = [r for r in heads.values() if r.fits(person, pin.date, policy)]
            if len(fitting) > 1:
                what = ", ".join(r.skill for r in fitting)
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "nrp"),
                        f"say which head: give 'skill:' (the officer fits {what} at {pin.post})",
                    )
                )
                continue
            if not fitting:
                # The head the officer would most plausibly take: one of their skills, else
                # the commander head.
                held = [r for r in heads.values() if r.skill in person.skills and not r.leads]
                leads = [r for r in heads.values() if r.leads]
                role = (held or leads or list(heads.values()))[0]
            else:
                role = fitting[0]
        if not role.fits(person, pin.date, policy):
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "nrp"),
                    f"pin breaks a rule: {_why_not(person, role, pin.date, policy)}",
                )
            )
            continue
        slot = slots.get((pin.date, pin.shift))
        if slot is None or zone is None:
            continue
        for a in adj.absences:
            start, end = a.start.replace(tzinfo=zone), a.end.replace(tzinfo=zone)
            if a.nrp == pin.nrp and start < slot.end and slot.start < end:
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "nrp"),
                        f"pin breaks a rule: the officer is absent from {a.start:%Y-%m-%d %H:%M} "
                        f"to {a.end:%Y-%m-%d %H:%M} ({a.reason or 'no reason given'})",
                    )
                )
        for cid in person.ties:
            if pin.post == f"visit:{cid}" or any(
                v.site == pin.site
                and v.window(policy.visits, zone)[0] < slot.end
                and slot.start < v.window(policy.visits, zone)[1]
                for c in arrivals.candidates
                if c.id == cid
                for v in c.visits
            ):
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "nrp"),
                        f"pin breaks a rule: the officer is tied to {cid}, who is at "
                        f"{pin.site} then (neutrality)",
                    )
                )
        key = (pin.nrp, pin.date, pin.shift)
        if key in placed:
            line = doc.loc(("pins", placed[key])).line
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "nrp"),
                    f"pin breaks a rule: the officer is already pinned in this shift (line {line})",
                )
            )
            continue
        placed[key] = i
        for j, other in worked[pin.nrp]:
            broken = [
                *(
                    []
                    if enough_rest(other, slot, policy.rest)
                    or enough_rest(slot, other, policy.rest)
                    else ["rest"]
                ),
            ]
            if broken:
                line = doc.loc(("pins", j)).line
                out.append(
                    problem_at(
                        doc,
                        where("pins", i, "nrp"),
                        f"pin breaks a rule: less than {policy.rest.min_rest_hours:g} h of rest "
                        f"from the pin of line {line} ({other.date} {other.shift})",
                    )
                )
        day_hours = sum(s.hours for _, s in worked[pin.nrp] if s.date == slot.date) + slot.hours
        if not within_daily_hours(day_hours, policy.rest):
            out.append(
                problem_at(
                    doc,
                    where("pins", i, "nrp"),
                    f"pin breaks a rule: {day_hours:g} h on {slot.date}, more than "
                    f"max_hours_per_day ({policy.rest.max_hours_per_day:g})",
                )
            )
        worked[pin.nrp].append((i, slot))
    return out


def check_templates(
    templates: list[Template], doc: Document, base: Path, posts: list[str] | None = None
) -> list[Problem]:
    """Checklist templates: unique ids, known placeholders, anchors with what they need."""
    out: list[Problem] = []
    for i, t in enumerate(templates):
        path: Path = (*base, i)
        for lang in ("id", "en"):
            for name in placeholders(getattr(t.text, lang)):
                if name not in PLACEHOLDERS:
                    out.append(
                        problem_at(
                            doc,
                            (*path, "text", lang),
                            f"unknown placeholder {{{name}}}{suggest(name, sorted(PLACEHOLDERS))}",
                        )
                    )
        if t.anchor.kind in _AT_KINDS and t.anchor.at is None:
            out.append(
                problem_at(
                    doc, (*path, "anchor"), f"an anchor of kind {t.anchor.kind} needs 'at: HH:MM'"
                )
            )
        if t.anchor.kind == "post-opens" and t.anchor.ring is None and t.anchor.post is None:
            out.append(problem_at(doc, (*path, "anchor"), "post-opens needs 'ring' or 'post'"))
        if posts is not None and t.anchor.post is not None and t.anchor.post not in posts:
            out.append(
                problem_at(
                    doc,
                    (*path, "anchor", "post"),
                    f"unknown post '{t.anchor.post}'{suggest(t.anchor.post, posts)}",
                )
            )
        if t.owner.role == "unit-head" and t.owner.unit is None:
            out.append(problem_at(doc, (*path, "owner"), "owner unit-head needs 'unit'"))
    return out


def merge_templates(shipped: list[Template], own: list[Template]) -> list[Template]:
    """The operation's templates after the shipped ones; the same id replaces in place."""
    mine = {t.id: t for t in own}
    merged = [mine.pop(t.id, t) for t in shipped]
    return merged + [t for t in own if t.id in mine]


@dataclass(frozen=True)
class Defaults:
    """The project's shipped configs/, loaded like the officers' files."""

    policy: Document
    checklists: Document


MODELS: dict[
    str,
    type[OperationFile]
    | type[RosterFile]
    | type[ArrivalsFile]
    | type[TemplatesFile]
    | type[AdjustmentsFile],
] = {
    "operation": OperationFile,
    "roster": RosterFile,
    "arrivals": ArrivalsFile,
    "checklists": TemplatesFile,
    "adjustments": AdjustmentsFile,
}


def policy_document(defaults: Document, operation: Document | None) -> Document:
    """The shipped policy with the operation's `policy:` merged in."""
    if operation is None or not isinstance(operation.data, dict):
        return defaults
    if not isinstance(operation.data.get("policy"), dict):
        return defaults
    return overlay(defaults, operation, ("policy",))


def check_scenario(
    docs: dict[str, Document],
    defaults: Defaults,
    inputs: dict[str, str],
    found_earlier: list[Problem],
) -> tuple[Scenario | None, list[Problem]]:
    """The validate stage: documents by kind to the scenario (when complete and valid) and
    every problem, sorted and each once."""
    problems = list(found_earlier)
    # A node the loader already complained about (an alias, say) is not reported twice.
    loader_places = {(p.file, p.line, p.column) for p in found_earlier}

    policy_doc = policy_document(defaults.policy, docs.get("operation"))
    policy, found = parse_model(policy_doc, Policy)
    problems += found
    if policy is not None:
        problems += check_policy(policy, policy_doc)
    # Names in the files are still checked, against the shipped skills and ranks, when the
    # operation's own policy is broken: every problem is reported at once.
    names = policy or parse_model(defaults.policy, Policy)[0]

    models: dict[str, Any] = {}
    for kind, doc in docs.items():
        problems += check_identities(doc, kind)
        model, found = parse_model(doc, MODELS[kind], names)
        problems += [p for p in found if (p.file, p.line, p.column) not in loader_places]
        if model is None:
            continue
        models[kind] = model
        if isinstance(model, OperationFile) and policy is not None:
            problems += check_operation(model, policy, doc)
        elif isinstance(model, RosterFile) and policy is not None:
            problems += check_roster(model, policy, doc)
        elif isinstance(model, ArrivalsFile):
            problems += check_arrivals(model, doc)
        elif isinstance(model, TemplatesFile):
            problems += check_templates(model.templates, doc, ("templates",))

    op: OperationFile | None = models.get("operation")
    roster: RosterFile | None = models.get("roster")
    arrivals: ArrivalsFile | None = models.get("arrivals")
    shipped: list[Template] = []
    if op is not None:
        templates, found = parse_model(defaults.checklists, TemplatesFile)
        problems += found
        if templates is not None:
            shipped = templates.templates
            problems += check_identities(defaults.checklists, "checklists")
            problems += check_templates(shipped, defaults.checklists, ("templates",))
        posts = [p.id for s in op.sites for p in s.posts]
        problems += check_templates(op.checklists, docs["operation"], ("checklists",), posts)

    facts = None
    if op is not None:
        facts = OperationFacts.of(op)
    elif "operation" in docs:
        facts = OperationFacts.read(docs["operation"].data)
    if policy is not None and op is not None:
        problems += check_shift_lengths(op, policy, docs["operation"])
        if (
            arrivals is not None
            and op.operation.start <= op.operation.end
            and known_timezone(op.operation.timezone)
        ):
            problems += check_visit_windows(arrivals, op, policy, docs["arrivals"])
    if policy is not None and facts is not None:
        if facts.sites:
            problems += check_reserve_site(facts, policy, policy_doc, docs["operation"])
        if roster is not None:
            problems += check_roster_against_operation(
                roster, facts, policy, docs["roster"], docs["operation"]
            )
        if arrivals is not None and roster is not None:
            problems += check_ties(roster, arrivals, docs["roster"])
        if arrivals is not None:
            problems += check_arrivals_against_scenario(
                arrivals, facts, roster, policy, docs["arrivals"]
            )
    if op is not None:
        problems += check_structure(op, roster, arrivals, docs["operation"])
    adjustments: AdjustmentsFile | None = models.get("adjustments")
    if adjustments is not None and op and roster and arrivals and policy:
        problems += check_adjustments(
            adjustments, op, roster, arrivals, policy, docs["adjustments"]
        )

    unique = sorted(set(problems), key=Problem.sort_key)
    if not (op and roster and arrivals and policy) or any(p.severity == "error" for p in unique):
        return None, unique
    if "adjustments" in docs and adjustments is None:
        return None, unique
    scenario = Scenario(
        operation=op,
        roster=roster,
        arrivals=arrivals,
        policy=policy,
        checklists=merge_templates(shipped, op.checklists),
        inputs=inputs,
        adjustments=adjustments or AdjustmentsFile(),
    )
    return scenario, unique
