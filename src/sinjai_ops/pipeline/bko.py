"""`bko`: the Polda's units.yaml and the plans of its Polres read and checked, every problem
at once, then the units allocated whole to the plans' BKO requests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sinjai_ops import validate as v
from sinjai_ops.i18n import t
from sinjai_ops.load import decode, load_yaml
from sinjai_ops.models.bko import BkoResult, PlanRequests, PlanRules, Request
from sinjai_ops.models.document import Document
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.units import UnitsFile
from sinjai_ops.pipeline.inputs import _read, check_units_source, default_policy, display
from sinjai_ops.validate.units import missing_travel


@dataclass(frozen=True)
class Allocated:
    problems: tuple[Problem, ...]
    """Errors (then no result) and warnings (a missing travel time)."""
    result: BkoResult | None

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def load_units(path: Path) -> tuple[UnitsFile | None, Document | None, list[Problem]]:
    """units.yaml, checked as every input file is: its shape (available days in order), the
    policy's skills and ranks, the types an editor reads, ids used twice."""
    return check_units_source(display(path), _read(path))


def plan_name(path: Path) -> str:
    """A plan's name: its folder's for a `plan.json` (as `batch` writes them), else its file's
    without `.json`."""
    if path.name == "plan.json" and path.resolve().parent.name:
        return path.resolve().parent.name
    return path.name.removesuffix(".json")


def load_plan(path: Path) -> tuple[PlanRequests | None, list[Problem]]:
    """The BKO request of a plan written by `plan --format json`; as the tool wrote it, read
    by the JSON parser, else as YAML, which places every problem."""
    name = display(path)
    text, problems = decode(_read(path), name)
    if text is None:
        return None, problems
    try:
        return PlanRequests.model_validate(json.loads(text)), []
    except (ValueError, TypeError):
        pass  # the located reading below says exactly what is wrong
    doc, problems = load_yaml(text, name, "JSON" if path.suffix == ".json" else "YAML")
    if doc is None or problems:
        return None, problems
    return v.parse_model(doc, PlanRequests)


def shipped_rules() -> PlanRules:
    """The shipped policy's rest and daily hours, for a plan that does not say its own."""
    rest = default_policy().rest
    return PlanRules(min_rest_hours=rest.min_rest_hours, max_hours_per_day=rest.max_hours_per_day)


def load_requests(paths: Sequence[Path]) -> tuple[list[Request], dict[str, str], list[Problem]]:
    """Every plan's requests, each named by its plan and Polres; two plans of one name are an
    error (the allocation could not tell them apart)."""
    requests: list[Request] = []
    operations: dict[str, str] = {}
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for path in paths:
        plan, found = load_plan(path)
        problems += found
        name = plan_name(path)
        if name in first:
            problems.append(
                Problem.at(
                    display(path),
                    1,
                    1,
                    t(
                        "two plans are named '{name}' (the other is {other}); give each plan "
                        "its own file name, or its own folder for a plan.json",
                        name=name,
                        other=first[name],
                    ),
                )
            )
            continue
        first[name] = display(path)
        if plan is None:
            continue
        operations[name] = plan.operation
        rules = plan.rules or shipped_rules()
        requests += [Request(name, plan.unit, line, rules) for line in plan.reinforcements]
    return sorted(requests, key=Request.sort_key), operations, problems


def bko(plans: Sequence[Path], units_path: Path, time_limit: float) -> Allocated:
    """`bko`: load and check units.yaml and the plans, then allocate (`solve.bko`)."""
    from sinjai_ops.solve.bko import allocate, serves

    units, doc, problems = load_units(units_path)
    requests, operations, found = load_requests(plans)
    problems += found
    if units is None or doc is None or any(p.severity == "error" for p in problems):
        return Allocated(tuple(sorted(set(problems), key=Problem.sort_key)), None)
    pairs = [(u.base, r.polres) for u in units.units for r in requests if serves(u, r)]
    problems += missing_travel(units, doc, pairs)

    def travel(base: str, polres: str) -> float:
        return units.travel(base, polres) or 0.0

    result = allocate(units.units, requests, travel, time_limit)
    return Allocated(
        tuple(sorted(set(problems), key=Problem.sort_key)),
        replace(result, operations=operations),
    )
