"""The validate stage: documents by kind to the scenario and every problem, each once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sinjai_ops.i18n import t
from sinjai_ops.models.adjustments import AdjustmentsFile
from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.checklist import Template, TemplatesFile
from sinjai_ops.models.demand import Demand
from sinjai_ops.models.document import Document, overlay
from sinjai_ops.models.operation import OperationFile, known_timezone
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import Tps
from sinjai_ops.schema import SCHEMA_MODELS, schema_for
from sinjai_ops.validate.arrivals import check_arrivals
from sinjai_ops.validate.cross import (
    OperationFacts,
    check_arrivals_against_scenario,
    check_roster_against_operation,
    check_ties,
)
from sinjai_ops.validate.drills import check_drill_schedule
from sinjai_ops.validate.errors import parse_model
from sinjai_ops.validate.identities import check_identities
from sinjai_ops.validate.operation import (
    check_document,
    check_operation,
    check_reserve_site,
    check_shift_lengths,
    check_structure,
    check_visit_windows,
)
from sinjai_ops.validate.policy import check_policy, ranks_known
from sinjai_ops.validate.received import (
    check_received,
    check_support,
    placed_units,
    roster_names,
)
from sinjai_ops.validate.roster import check_roster
from sinjai_ops.validate.templates import check_templates, merge_templates
from sinjai_ops.validate.tps import read_rows
from sinjai_ops.validate.voting import TpsFile, check_voting
from sinjai_ops.validate.yaml_types import check_yaml_types


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


def operation_zone(operation: Document | None) -> str | None:
    """The operation's time zone as operation.yaml names it, read before any model is built so
    that a zone written after a time in any file (`08:30 WITA`) is held against it; None when
    there is no operation.yaml here or its zone is not one (reported there)."""
    data = operation.data if operation is not None else None
    info = data.get("operation") if isinstance(data, dict) else None
    zone = info.get("timezone") if isinstance(info, dict) else None
    return zone if isinstance(zone, str) and known_timezone(zone) else None


Derive = Callable[[Scenario], Demand]
"""The demand stage (`demand.derive_demand`), given by the pipeline."""


def _provisional(
    op: OperationFile, roster: RosterFile, arrivals: ArrivalsFile, policy: Policy
) -> Scenario:
    """The scenario as far as the demand needs it, to hold the pins against."""
    return Scenario(
        operation=op, roster=roster, arrivals=arrivals, policy=policy, checklists=[], inputs={}
    )


def check_scenario(
    docs: dict[str, Document],
    defaults: Defaults,
    inputs: dict[str, str],
    found_earlier: list[Problem],
    derive: Derive | None = None,
    tps_file: TpsFile | None = None,
) -> tuple[Scenario | None, list[Problem]]:
    """The validate stage: documents by kind to the scenario (when complete and valid) and
    every problem, sorted and each once. `derive`: the demand stage, which the pins are held
    against (how many heads each post has); without it, only their references are checked.
    `tps_file`: the TPS list found beside the files (a voting day), as written."""
    problems = list(found_earlier)
    policy_doc = policy_document(defaults.policy, docs.get("operation"))
    policy, found = parse_model(policy_doc, Policy)
    problems += found
    if policy is not None:
        problems += check_policy(policy, policy_doc)
    docs, found = _without_empty_adjustments(docs)
    problems += found
    models, found = _check_files(docs, defaults, policy, found_earlier)
    problems += found
    op: OperationFile | None = models.get("operation")
    roster: RosterFile | None = models.get("roster")
    arrivals: ArrivalsFile | None = models.get("arrivals")
    shipped: list[Template] = []
    if op is not None:
        shipped, found = _check_checklists(op, docs, defaults)
        problems += found
    if policy is not None:
        problems += _check_across_files(docs, op, roster, arrivals, policy, policy_doc)
    if op is not None:
        problems += check_structure(op, roster, arrivals, docs["operation"])
        problems += check_document(op, roster, docs["operation"])
    tps, found = _check_tps(tps_file, docs, op, roster, policy)
    problems += found
    adjustments: AdjustmentsFile | None = models.get("adjustments")
    if "adjustments" in docs and op and roster and arrivals and policy and ranks_known(policy):
        # The pins are held against the rules (the eligibility, the schedule): imported only
        # for a scenario that has pins to check.
        from sinjai_ops.validate.adjustments import check_adjustments, readable_items

        items = readable_items(docs["adjustments"], policy, adjustments)
        demand = None
        if derive is not None and known_timezone(op.operation.timezone):
            demand = derive(_provisional(op, roster, arrivals, policy))
        problems += check_adjustments(
            items, op, roster, arrivals, policy, docs["adjustments"], demand
        )
    problems += _check_joint(docs, op, roster, policy)

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
        tps=tps,
    )
    return scenario, unique


def _check_tps(
    tps_file: TpsFile | None,
    docs: dict[str, Document],
    op: OperationFile | None,
    roster: RosterFile | None,
    policy: Policy | None,
) -> tuple[list[Tps], list[Problem]]:
    """The TPS list's rows read, and the problems of its rows and of the `voting:` section."""
    tps, problems = read_rows(tps_file.rows) if tps_file is not None else ([], [])
    if tps_file is not None and any(p.severity == "error" for p in problems):
        tps_file = replace(tps_file, complete=False)  # a row not read: the list is not whole
    if op is not None and policy is not None and ranks_known(policy):
        found_tps = (tps_file, tps)
        problems = problems + check_voting(
            op, roster, policy, docs["operation"], docs.get("roster"), found_tps
        )
    return tps, problems


def _check_joint(
    docs: dict[str, Document],
    op: OperationFile | None,
    roster: RosterFile | None,
    policy: Policy | None,
) -> list[Problem]:
    """Received units (of operation.yaml and adjustments.yaml, each field that can be read),
    the posts' support and the drill schedule with its joint exercise (each field that can be
    read), whether or not the rest of operation.yaml is valid."""
    if "operation" not in docs:
        return []
    facts = OperationFacts.of(op) if op is not None else OperationFacts.read(docs["operation"].data)
    zone = operation_zone(docs.get("operation"))
    placed = placed_units(docs, zone)
    problems = check_received(placed, facts, roster_names(roster, docs.get("roster")))
    if policy is not None:
        problems += check_drill_schedule(docs["operation"], facts, policy, zone)
    return problems + check_support(docs["operation"])


def _without_empty_adjustments(
    docs: dict[str, Document],
) -> tuple[dict[str, Document], list[Problem]]:
    """The documents without an adjustments.yaml that holds nothing, and the warning that it
    is read as no pins and no absences."""
    blank = docs.get("adjustments")
    if blank is None or blank.data is not None:
        return docs, []
    # Emptied by hand once the day's decisions are done: nothing is adjusted.
    warning = Problem.at(
        blank.file,
        1,
        1,
        t("the file is empty (or holds only comments): read as no pins and no absences"),
        warning=True,
    )
    return {k: d for k, d in docs.items() if k != "adjustments"}, [warning]


def _check_files(
    docs: dict[str, Document],
    defaults: Defaults,
    policy: Policy | None,
    found_earlier: list[Problem],
) -> tuple[dict[str, Any], list[Problem]]:
    """Each file on its own: its models by kind, and its problems."""
    problems: list[Problem] = []
    # A node the loader already complained about (an alias, say) is not reported twice.
    loader_places = {(p.file, p.line, p.column) for p in found_earlier}
    # Names in the files are still checked, against the shipped skills and ranks, when the
    # operation's own policy is broken: every problem is reported at once.
    names = policy or parse_model(defaults.policy, Policy)[0]
    models: dict[str, Any] = {}
    zone = operation_zone(docs.get("operation"))
    for kind, doc in docs.items():
        problems += check_identities(doc, kind)
        model, found = parse_model(doc, MODELS[kind], names, zone)
        problems += [p for p in found if (p.file, p.line, p.column) not in loader_places]
        if kind in SCHEMA_MODELS:
            told = {p.path for p in found}
            problems += check_yaml_types(doc, schema_for(kind), told)
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
    return models, problems


def _check_checklists(
    op: OperationFile, docs: dict[str, Document], defaults: Defaults
) -> tuple[list[Template], list[Problem]]:
    """The shipped checklist templates and the operation's own: the shipped ones, and the
    problems of both."""
    problems: list[Problem] = []
    shipped: list[Template] = []
    templates, found = parse_model(defaults.checklists, TemplatesFile)
    problems += found
    if templates is not None:
        shipped = templates.templates
        problems += check_identities(defaults.checklists, "checklists")
        problems += check_templates(shipped, defaults.checklists, ("templates",))
    posts = [p.id for s in op.sites for p in s.posts]
    problems += check_templates(op.checklists, docs["operation"], ("checklists",), posts)
    return shipped, problems


def _check_across_files(
    docs: dict[str, Document],
    op: OperationFile | None,
    roster: RosterFile | None,
    arrivals: ArrivalsFile | None,
    policy: Policy,
    policy_doc: Document,
) -> list[Problem]:
    """The files held against each other and the policy (the operation read as far as it
    can be when it is invalid)."""
    problems: list[Problem] = []
    facts = None
    if op is not None:
        facts = OperationFacts.of(op)
    elif "operation" in docs:
        facts = OperationFacts.read(docs["operation"].data)
    if op is not None:
        problems += check_shift_lengths(op, policy, docs["operation"])
        if (
            arrivals is not None
            and op.operation.start <= op.operation.end
            and known_timezone(op.operation.timezone)
        ):
            problems += check_visit_windows(arrivals, op, policy, docs["arrivals"])
    if facts is None:
        return problems
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
    return problems
