"""Reading a plan file written by `plan --format json` (a baseline, a published plan) and
holding it against the scenario it is read beside.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sinjai_ops import validate as v
from sinjai_ops.i18n import Msg
from sinjai_ops.load import decode, load_yaml
from sinjai_ops.models.common import Path as DocPath
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.drills import PublishedDrills
from sinjai_ops.models.plan import (
    Assignment,
    BaselineFile,
    PlanIdentity,
    PublishedPlan,
)
from sinjai_ops.models.problem import Problem
from sinjai_ops.pipeline.inputs import Checked, Source, _read, _with, display, gather

if TYPE_CHECKING:
    # Named in annotations only; imported where a command needs them, so that `validate`
    # does not build the models of plans, checklists, reports and roll calls.
    from sinjai_ops.validate.plan_file import Place


PlanModel = TypeVar("PlanModel", BaselineFile, PublishedPlan, PublishedDrills)


def _read_plan(path: Path, kind: type[PlanModel]) -> tuple[PlanModel | None, list[Problem]]:
    """A plan written by `plan --format json`. As the tool wrote it, it is read by the JSON
    parser; anything else is read as YAML, which places every problem."""
    name = display(path)
    text, problems = decode(_read(path), name)
    if text is None:
        return None, problems
    try:
        return kind.model_validate(json.loads(text)), []
    except (ValueError, TypeError):
        pass  # not a plan as written: the located reading below says exactly what is wrong
    doc, problems = load_yaml(text, name, "JSON" if path.suffix == ".json" else "YAML")
    if doc is None or problems:
        return None, problems
    return v.parse_model(doc, kind)


def _against_plan(
    checked: Checked, path: Path, model: PlanIdentity | None, found: list[Problem]
) -> Checked:
    """The scenario with the problems of a plan file read beside it (`--baseline`, `--plan`):
    its own, and whether it is a plan of this operation, made from these files."""
    if model is not None and checked.scenario is not None:
        from sinjai_ops.validate.plan_file import plan_mismatches

        place = _placer(display(path), lambda: _read(path))
        found = [*found, *plan_mismatches(display(path), model, checked.scenario, place)]
    return _with(checked, found)


def _adjustments_place(paths: Sequence[Path]) -> Place:
    """Places a finding in the scenario's adjustments.yaml."""
    found = [g.sources["adjustments"] for g in gather(paths) if "adjustments" in g.sources]
    source = found[0] if found else Source("adjustments", "adjustments.yaml", b"")
    return _placer(source.name, lambda: source.raw)


def _placer(name: str, read: Callable[[], bytes]) -> Place:
    """Places a finding in a file, read (again) only when there is something to place."""
    doc: list[Document | None] = []

    def place(where: DocPath, message: Msg, warning: bool) -> Problem:
        if not doc:
            text, _ = decode(read(), name)
            doc.append(load_yaml(text or "", name)[0] if text is not None else None)
        if doc[0] is None:
            return Problem.at(name, 1, 1, message, warning=warning)
        return problem_at(doc[0], where, message, warning=warning)

    return place


def load_baseline(path: Path) -> tuple[list[Assignment] | None, list[Problem]]:
    """The assignments of an earlier `plan --format json` (not held against a scenario: see
    `_against_plan`)."""
    model, problems = _read_plan(path, BaselineFile)
    return (model.assignments if model else None), problems


def load_drills(path: Path) -> tuple[PublishedDrills | None, list[Problem]]:
    """The sessions of a drill schedule written by `drills --format json`."""
    return _read_plan(path, PublishedDrills)


def load_published(path: Path) -> tuple[PublishedPlan | None, list[Problem]]:
    """The assignments and shortfalls of a plan written by `plan --format json`."""
    return _read_plan(path, PublishedPlan)
