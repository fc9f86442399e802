"""A plan file read beside a scenario (`plan --baseline`, `who-fits --baseline`, `anev
--plan`): is it a plan of this operation, made from these files, and which of its assignments
does the scenario no longer have."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sinjai_ops.i18n import NOTHING, Msg, t
from sinjai_ops.models.common import Path as DocPath
from sinjai_ops.models.plan import RESERVE_POST, Assignment, PlanIdentity
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.received import member_id, member_of
from sinjai_ops.models.scenario import Scenario

Place = Callable[[DocPath, Msg, bool], Problem]
"""A finding placed at a path of the plan file (located only when something is found, so that
a big plan is read fast): the path, the message, whether it is a warning."""

_SAME_FILES = ("operation.yaml", "roster.yaml", "adjustments.yaml")
"""The inputs whose change a plan file read beside a scenario is warned of."""
_EXAMPLES = 3


def plan_mismatches(
    name: str, model: PlanIdentity, scenario: Scenario, place: Place
) -> list[Problem]:
    """A plan file held against the scenario it is given with: an error when it names another
    operation (name, unit, first or last day; a plan written before `unit`, `start` and `end`
    is held by its name only, and one that names no operation by nothing); a warning for each
    of operation.yaml, roster.yaml and adjustments.yaml that is not the file it was made from
    (by the sha256 in its `inputs`); and one warning that counts, with examples, its
    assignments that name what the scenario no longer has (they are not used)."""
    out = _other_operation(name, model, scenario, place)
    if out:
        return out
    if model.inputs is not None:
        out += _changed_inputs(name, model.inputs, scenario, place)
    return out + _stale(name, model, scenario, place)


def _other_operation(
    name: str, model: PlanIdentity, scenario: Scenario, place: Place
) -> list[Problem]:
    """An error for each of the operation's name, unit, first and last day that the plan
    gives otherwise (nothing when the plan names no operation)."""
    if model.operation is None:
        return []
    info = scenario.operation.operation
    out: list[Problem] = []
    fields = (
        ("operation", model.operation, info.name),
        ("unit", model.unit, info.unit),
        ("start", model.start, info.start),
        ("end", model.end, info.end),
    )
    for key, theirs, ours in fields:
        if theirs is not None and theirs != ours:
            out.append(
                place(
                    (key,),
                    t(
                        "{plan} is a plan of another operation: its {key} is '{theirs}', "
                        "the scenario's is '{ours}'; give the plan made from this scenario "
                        "(sinjai-ops plan SCENARIO --format json -o PLAN.json)",
                        plan=name,
                        key=key,
                        theirs=theirs,
                        ours=ours,
                    ),
                    False,
                )
            )
    return out


def _changed_inputs(
    name: str, inputs: dict[str, str], scenario: Scenario, place: Place
) -> list[Problem]:
    """A warning for each file the plan was not made from (by the sha256 in its inputs)."""
    out: list[Problem] = []
    for file in _SAME_FILES:
        then, now = inputs.get(file), scenario.inputs.get(file)
        if then == now:
            continue
        if then is None:
            message = t(
                "{plan} was made without {file}, which the scenario has now",
                plan=name,
                file=file,
            )
        elif now is None:
            message = t(
                "{plan} was made with a {file}, which the scenario no longer has",
                plan=name,
                file=file,
            )
        else:
            message = t(
                "{file} is not the one {plan} was made from (sha256 {then} in its inputs, "
                "{now} now)",
                file=file,
                plan=name,
                then=then.removeprefix("sha256:")[:12],
                now=now.removeprefix("sha256:")[:12],
            )
        out.append(place(("inputs", file) if then else ("inputs",), message, True))
    return out


def _stale(name: str, model: PlanIdentity, scenario: Scenario, place: Place) -> list[Problem]:
    """One warning that counts, with examples, the assignments that name what the scenario no
    longer has."""
    stale = stale_assignments(getattr(model, "assignments", []), scenario)
    if not stale:
        return []
    examples = [
        t(
            "{day} {shift} {site} {post} {nrp} ({why})",
            day=a.date,
            shift=a.shift,
            site=a.site,
            post=a.post,
            nrp=shown_nrp(a.nrp),
            why=why,
        )
        for _, a, why in stale[:_EXAMPLES]
    ]
    return [
        place(
            ("assignments", stale[0][0]),
            t(
                "{n} assignment(s) of {plan} name what the scenario does not have, and "
                "are left out: {examples}{more}",
                n=len(stale),
                plan=name,
                examples=joined(examples),
                more=t(", ...") if len(stale) > _EXAMPLES else NOTHING,
            ),
            True,
        )
    ]


def joined(items: list[Msg]) -> Msg:
    if len(items) == 1:
        return items[0]
    return t("{first}; {rest}", first=items[0], rest=joined(items[1:]))


def shown_nrp(nrp: str) -> str:
    """An NRP as written, a received unit's member as `unit #k` (never his internal id)."""
    found = member_of(nrp)
    return nrp if found is None else f"{found[0]} #{found[1]}"


def current(assignments: list[Assignment], scenario: Scenario) -> list[Assignment]:
    """The officers' assignments of a plan file that the scenario still has (the others are
    warned of by `plan_mismatches`; the heads of received units' members are counted, not
    named, and are left to `plan --baseline`)."""
    stale = {i for i, _, _ in stale_assignments(assignments, scenario)}
    return [a for i, a in enumerate(assignments) if i not in stale and member_of(a.nrp) is None]


def stale_assignments(
    assignments: Sequence[Assignment], scenario: Scenario
) -> list[tuple[int, Assignment, Msg]]:
    """The assignments (with their index) that name an officer, day, shift, site or post the
    scenario does not have, each with what is missing."""
    op = scenario.operation
    people = {p.nrp for p in scenario.roster.personnel} | {
        member_id(u.id, k) for u in scenario.received() for k in range(1, u.strength + 1)
    }
    shifts = {s.id for s in op.shifts}
    posts = {site.id: {p.id for p in site.posts} for site in op.sites}
    for c in scenario.arrivals.candidates:
        for visit in c.visits:
            posts.setdefault(visit.site, set()).add(f"visit:{c.id}")
    posts.setdefault(scenario.policy.reserve.site, set()).add(RESERVE_POST)
    out = []
    for i, a in enumerate(assignments):
        why = None
        if a.nrp not in people:
            known = member_of(a.nrp) is None
            why = t("NRP not in the roster") if known else t("no such received unit member")
        elif not op.operation.start <= a.date <= op.operation.end:
            why = t("day outside the operation")
        elif a.shift not in shifts:
            why = t("no such shift")
        elif a.site not in posts:
            why = t("no such site")
        elif a.post not in posts[a.site]:
            why = t("no such post at the site")
        if why is not None:
            out.append((i, a, why))
    return out
