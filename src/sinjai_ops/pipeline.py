"""The one place where the stages meet: read, load, validate, and later derive, solve, render.

Only this module reads files; every stage it calls is a pure function.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from sinjai_ops import validate as v
from sinjai_ops.demand import derive_demand
from sinjai_ops.i18n import LANGS, Msg, t, why
from sinjai_ops.load import byte_place, decode, load_yaml
from sinjai_ops.models.common import Path as DocPath
from sinjai_ops.models.document import Document, Loc, problem_at
from sinjai_ops.models.plan import (
    DEFAULT_TIME_LIMIT,
    Assignment,
    BaselineFile,
    Demand,
    Plan,
    PlanIdentity,
    PublishedPlan,
)
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.timings import stage

if TYPE_CHECKING:
    # Named in annotations only; imported where a command needs them, so that `validate`
    # does not build the models of plans, checklists, reports and roll calls.
    from sinjai_ops.models.attendance import AttendanceFile, Evaluation
    from sinjai_ops.models.checklist import Checklist
    from sinjai_ops.models.report import ReportData
    from sinjai_ops.models.whofits import WhoFits
    from sinjai_ops.tables import Cell
    from sinjai_ops.validate.plan_file import Place

FILE_NAMES = {"operation": "operation.yaml", "roster": "roster.yaml", "arrivals": "arrivals.yaml"}
OPTIONAL_FILES = {"adjustments": "adjustments.yaml"}
"""Files a scenario may hold beside the three."""
_TOP_KEYS = {
    "adjustments": {"pins", "absences"},
    "operation": {"operation", "shifts", "sites"},
    "roster": {"personnel"},
    "arrivals": {"candidates"},
    "checklists": {"templates"},
}


PlanModel = TypeVar("PlanModel", BaselineFile, PublishedPlan)


class UsageError(Exception):
    """The command was misused (exit 2): a path that does not exist, a wrong set of files."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg


def configs_dir() -> Path:
    packaged = resources.files("sinjai_ops") / "configs"
    if packaged.is_dir():
        return Path(str(packaged))
    # Running from a checkout (editable install): the project's own configs/ folder.
    return Path(__file__).resolve().parents[2] / "configs"


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Source:
    """One file as read from disk."""

    kind: str | None
    name: str
    raw: bytes


@dataclass
class _Group:
    """Files checked together: a scenario folder, or files given one by one."""

    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Checked:
    """The verdict on some inputs: the scenario when complete and valid, and every problem."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]
    language: str | None = None
    """The operation's `language:`, read even when the files are invalid, so that their
    problems are told in it."""
    notes: tuple[Problem, ...] = ()
    """Warnings that `validate` cannot give, as they are not about the scenario's files alone
    (a plan file read beside them, a pin the plan could not keep): the commands print them in
    full."""

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(t("cannot read {path}: {why}", path=display(path), why=why(exc))) from None


def _kind_of(path: Path, raw: bytes) -> str | None:
    for kind, name in (
        *FILE_NAMES.items(),
        *OPTIONAL_FILES.items(),
        ("checklists", "checklists.yaml"),
    ):
        if path.name in (name, name.replace(".yaml", ".yml")):
            return kind
    text, _ = decode(raw, str(path))
    doc, _ = load_yaml(text, str(path)) if text is not None else (None, [])
    if doc is not None and isinstance(doc.data, dict):
        for kind, keys in _TOP_KEYS.items():
            if keys & set(doc.data):
                return kind
    return None


def _folder(path: Path) -> _Group:
    group = _Group()
    for kind, name in FILE_NAMES.items():
        file = path / name
        if not file.exists() and (path / name.replace(".yaml", ".yml")).exists():
            file = path / name.replace(".yaml", ".yml")
        if file.exists():
            group.sources[kind] = Source(kind, display(file), _read(file))
        else:
            group.problems.append(
                Problem.at(
                    display(path),
                    1,
                    1,
                    t(
                        "the scenario folder has no {name}; a scenario holds operation.yaml, "
                        "roster.yaml and arrivals.yaml",
                        name=name,
                    ),
                )
            )
    for kind, name in OPTIONAL_FILES.items():
        for file in (path / name, path / name.replace(".yaml", ".yml")):
            if file.exists():
                group.sources[kind] = Source(kind, display(file), _read(file))
                break
    return group


def gather(paths: Sequence[Path]) -> list[_Group]:
    """Files to check together: each folder, and files of one folder given together."""
    groups: list[_Group] = []
    loose: dict[Path, list[_Group]] = {}
    for path in paths:
        if path.is_dir():
            groups.append(_folder(path))
            continue
        if not path.exists():
            raise UsageError(t("no such file or folder: {path}", path=str(path)))
        raw = _read(path)
        kind = _kind_of(path, raw)
        source = Source(kind, display(path), raw)
        if kind is None:
            group = _Group()
            group.sources["?"] = source
            group.problems.append(
                Problem.at(
                    source.name,
                    1,
                    1,
                    t(
                        "cannot tell which file this is; name it operation.yaml, roster.yaml or "
                        "arrivals.yaml, or give it a top-level 'operation:', 'personnel:' or "
                        "'candidates:'"
                    ),
                )
            )
            groups.append(group)
            continue
        siblings = loose.setdefault(path.resolve().parent, [])
        target = next((g for g in siblings if kind not in g.sources), None)
        if target is None:
            target = _Group()
            siblings.append(target)
            groups.append(target)
        target.sources[kind] = source
    return groups


@functools.cache
def shipped_document(name: str) -> Document:
    """A file of the project's configs/, loaded like the officers' files."""
    path = configs_dir() / name
    text, problems = decode(path.read_bytes(), display(path))
    doc, problems = load_yaml(text or "", display(path))
    if doc is None or problems:
        raise RuntimeError(f"the shipped {path} does not load: {problems}")
    return doc


def default_policy() -> Policy:
    policy, problems = v.parse_model(shipped_document("policy.yaml"), Policy)
    if policy is None:
        raise RuntimeError(f"the shipped policy is invalid: {problems}")
    return policy


def check(paths: Sequence[Path]) -> list[Checked]:
    """`validate`: every group of inputs checked, each with its problems."""
    return [_check_group(g) for g in gather(paths)]


def load_scenario(paths: Sequence[Path]) -> Checked:
    """`plan` and `checklist`: one scenario, from a folder or its three files."""
    groups = gather(paths)
    required = set(FILE_NAMES)
    if len(groups) != 1 or (not groups[0].problems and not required <= set(groups[0].sources)):
        raise UsageError(
            t("give one scenario: a folder, or its operation.yaml, roster.yaml and arrivals.yaml")
        )
    return _check_group(groups[0])


@dataclass(frozen=True)
class Planned:
    checked: Checked
    demand: Demand | None
    plan: Plan | None


def plan(
    paths: Sequence[Path],
    time_limit: float = DEFAULT_TIME_LIMIT,
    baseline: Path | None = None,
    remedies: bool = True,
    start: datetime | None = None,
) -> Planned:
    """`plan`: load, validate, derive demand, solve (keeping to a baseline plan if given), say
    why heads stay empty, and (with `remedies`) measure what would fill them. `start` (naive,
    local): re-plan from that moment, keeping the baseline's past."""
    # The solver (numpy, HiGHS) is imported only by the commands that solve.
    from sinjai_ops.remedies import find_remedies, neutrality
    from sinjai_ops.solve.causes import explain_shortfalls
    from sinjai_ops.solve.plan import make_plan
    from sinjai_ops.validate.adjustments import unkept_pins

    with stage("load"):
        checked = load_scenario(paths)
        before: list[Assignment] | None = None
        if baseline is not None:
            model, found = _read_plan(baseline, BaselineFile)
            checked = _against_plan(checked, baseline, model, found)
            if model is not None:
                before = model.assignments
    if checked.scenario is None:
        return Planned(checked, None, None)
    scenario = checked.scenario
    with stage("demand"):
        demand = derive_demand(scenario)
    moment = None
    if start is not None:
        moment = start.replace(tzinfo=ZoneInfo(scenario.operation.operation.timezone))
    with stage("solve"):
        made = explain_shortfalls(
            scenario, demand, make_plan(scenario, demand, time_limit, before, moment)
        )
        unkept = unkept_pins(scenario.adjustments, made, start, _adjustments_place(paths))
    if unkept:
        checked = _with(checked, unkept)
        if checked.scenario is None:
            return Planned(checked, None, None)

    def missing(changed: Scenario) -> int:
        return _missing_in(changed, time_limit)

    with stage("remedies"):
        made = made.model_copy(update={"neutrality": neutrality(scenario, made, missing)})
        if remedies and made.shortfalls:
            made = made.model_copy(update={"remedies": find_remedies(scenario, made, missing)})
    return Planned(checked, demand, made)


def _missing_in(changed: Scenario, time_limit: float) -> int:
    """The heads a fresh plan of `changed` leaves empty: the most heads at the best weighted
    coverage, by the coverage model alone; by planning in full only when that is not proven in
    the time."""
    from sinjai_ops.solve.plan import coverage, make_plan

    demand = derive_demand(changed)
    best = coverage(changed, demand, time_limit)
    if best is None:
        return sum(s.missing for s in make_plan(changed, demand, time_limit).shortfalls)
    return sum(n.heads for n in demand.needs) - best.heads


def load_baseline(path: Path) -> tuple[list[Assignment] | None, list[Problem]]:
    """The assignments of an earlier `plan --format json` (not held against a scenario: see
    `_against_plan`)."""
    model, problems = _read_plan(path, BaselineFile)
    return (model.assignments if model else None), problems


def _with(checked: Checked, found: Sequence[Problem]) -> Checked:
    """`checked` with more problems: errors make the inputs invalid, warnings are notes."""
    errors = [p for p in found if p.severity == "error"]
    notes = tuple(
        sorted({*checked.notes, *(p for p in found if p.severity != "error")}, key=Problem.sort_key)
    )
    if not errors and checked.ok:
        return replace(checked, notes=notes)
    problems = tuple(sorted({*checked.problems, *notes, *errors}, key=Problem.sort_key))
    return Checked(None, problems, checked.language)


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


@dataclass(frozen=True)
class Listed:
    checked: Checked
    checklist: Checklist | None
    plan: Plan | None = None
    """The plan the checklist was made from."""


def checklist(paths: Sequence[Path], time_limit: float = DEFAULT_TIME_LIMIT) -> Listed:
    """`checklist`: the plan's stages, then the checklist from the plan and the templates."""
    from sinjai_ops.checklists import make_checklist

    planned = plan(paths, time_limit, remedies=False)
    if planned.plan is None or planned.demand is None or planned.checked.scenario is None:
        return Listed(planned.checked, None)
    scenario = planned.checked.scenario
    with stage("checklist"):
        listed = make_checklist(scenario, planned.demand, planned.plan, scenario.checklists)
    return Listed(planned.checked, listed, planned.plan)


def _check_group(group: _Group) -> Checked:
    """Read the group's files (and the shipped defaults), then the validate stage."""
    problems = list(group.problems)
    docs: dict[str, Document] = {}
    for kind, source in group.sources.items():
        text, found = decode(source.raw, source.name)
        problems += found
        if text is None:
            continue
        doc, found = load_yaml(text, source.name)
        problems += found
        if doc is not None and kind in v.MODELS:
            docs[kind] = doc
    inputs = {
        {**FILE_NAMES, **OPTIONAL_FILES}[k]: "sha256:"
        + hashlib.sha256(group.sources[k].raw).hexdigest()
        for k in (*FILE_NAMES, *OPTIONAL_FILES)
        if k in group.sources
    }
    defaults = v.Defaults(
        policy=shipped_document("policy.yaml"), checklists=shipped_document("checklists.yaml")
    )
    scenario, found = v.check_scenario(docs, defaults, inputs, problems, derive_demand)
    return Checked(scenario, tuple(found), _language(docs.get("operation")))


def language_of(paths: Sequence[Path]) -> str | None:
    """The `language:` of the operation among `paths` (a folder's operation.yaml, or the file
    itself), read before anything is checked so that a command speaks it from its start; None
    when there is none to read (the checks will say why)."""
    names = ("operation.yaml", "operation.yml")
    for path in paths:
        files = [path / n for n in names] if path.is_dir() else [path]
        for file in files:
            if file.name not in names or not file.is_file():
                continue
            try:
                raw = file.read_bytes()
            except OSError:
                return None
            text, _ = decode(raw, display(file))
            doc, _ = load_yaml(text, display(file)) if text is not None else (None, [])
            return _language(doc)
    return None


def _language(doc: Document | None) -> str | None:
    info = doc.data.get("operation") if doc is not None and isinstance(doc.data, dict) else None
    language = info.get("language") if isinstance(info, dict) else None
    return language if language in LANGS else None


@dataclass(frozen=True)
class Fitted:
    checked: Checked
    result: WhoFits | None


def who_fits(
    paths: Sequence[Path],
    day: date,
    shift: str,
    site: str,
    skill: str | None = None,
    baseline: Path | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Fitted:
    """`who-fits`: against the published plan (`baseline`), else a plan made now."""
    from sinjai_ops.solve.whofits import who_fits as find
    from sinjai_ops.validate.plan_file import current

    if baseline is None:
        planned = plan(paths, time_limit, remedies=False)
        if planned.plan is None or planned.demand is None or planned.checked.scenario is None:
            return Fitted(planned.checked, None)
        assignments = planned.plan.assignments
        checked, demand = planned.checked, planned.demand
    else:
        checked = load_scenario(paths)
        model, found = _read_plan(baseline, BaselineFile)
        checked = _against_plan(checked, baseline, model, found)
        if checked.scenario is None or model is None:
            return Fitted(checked, None)
        demand = derive_demand(checked.scenario)
        assignments = current(model.assignments, checked.scenario)
    assert checked.scenario is not None
    return Fitted(checked, find(checked.scenario, demand, assignments, day, shift, site, skill))


def _csv_document(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    """A CSV export (`,` or `;`, a header row) as the document of a YAML list of mappings under
    `key`, each cell placed at its row and column, so that problems point at the cell."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return None, [Problem.at(name, 1, 1, t("the file is empty"))]
    header = [h.strip().casefold() for h in rows[0]]
    values: dict[tuple[str | int, ...], Loc] = {(): Loc(name, 1, 1)}
    keys: dict[tuple[str | int, ...], Loc] = {}
    items: list[dict[str, str]] = []
    values[("attendance",)] = Loc(name, 2 if len(rows) > 1 else 1, 1)
    for r, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        k = len(items)
        item: dict[str, str] = {}
        values[("attendance", k)] = Loc(name, r, 1)
        for c, (field_name, cell) in enumerate(zip(header, row, strict=False), start=1):
            if cell.strip():
                item[field_name] = cell.strip()
                values[("attendance", k, field_name)] = Loc(name, r, c)
                keys[("attendance", k, field_name)] = Loc(name, 1, c)
        items.append(item)
    return Document(name, {"attendance": items}, values, keys), []


def load_attendance(
    path: Path,
    planned: set[tuple[str, date, str]] | None = None,
    scenario: Scenario | None = None,
) -> tuple[AttendanceFile | None, list[Problem]]:
    """What the roll calls found: YAML (`attendance:`) or CSV with a header row (UTF-8, or
    Windows-1252 as Excel writes it). Every problem at once: each mark that can be read is
    held against the scenario (an NRP of the roster, a shift and a day of the operation), and
    with the planned (NRP, date, shift) of the published plan, a mark for an officer who was
    not plotted then is an error (a typo in an NRP or a shift would otherwise go unnoticed);
    so is a second mark for one officer-shift."""
    from sinjai_ops.models.attendance import AttendanceFile
    from sinjai_ops.validate.attendance import check_marks, readable_marks

    name = display(path)
    csv_file = path.suffix.lower() == ".csv"
    raw = _read(path)
    text, problems = decode(raw, name)
    if text is None and csv_file and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, problems = _windows_text(raw, name)
    if text is None:
        return None, problems
    if csv_file:
        doc, problems = _csv_document(text, name)
    else:
        doc, problems = load_yaml(text, name)
    if doc is None or problems:
        return None, problems
    model, problems = v.parse_model(doc, AttendanceFile)
    marks = list(enumerate(model.attendance)) if model is not None else readable_marks(doc.data)
    problems += check_marks(doc, marks, planned, scenario)
    return (None if problems else model), problems


def _windows_text(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """A CSV that is not UTF-8, read as Windows-1252 (Excel's CSV on Windows); a byte that is
    neither is placed."""
    try:
        return raw.decode("cp1252"), []
    except UnicodeDecodeError as exc:
        line, column = byte_place(raw, exc.start)
        message = t(
            "byte 0x{byte} is neither UTF-8 nor Windows-1252; save the file as UTF-8 (CSV UTF-8 "
            "in Excel's 'Save as')",
            byte=format(raw[exc.start], "02X"),
        )
        return None, [Problem.at(name, line, column, message)]


@dataclass(frozen=True)
class Evaluated:
    checked: Checked
    evaluation: Evaluation | None
    fragment: str | None = None
    """The absences as an adjustments.yaml fragment."""


def anev(
    paths: Sequence[Path],
    plan_file: Path,
    attendance: Path,
    days: list[date] | None = None,
    lang: str = "en",
) -> Evaluated:
    """`anev`: the published plan against what the roll calls found (the fragment for the
    next re-plan commented in `lang`)."""
    from sinjai_ops.anev import adjustments_fragment, evaluate
    from sinjai_ops.validate.plan_file import current

    checked = load_scenario(paths)
    published, found = load_published(plan_file)
    checked = _against_plan(checked, plan_file, published, found)
    planned = {(a.nrp, a.date, a.shift) for a in published.assignments} if published else None
    marks, found_marks = load_attendance(attendance, planned, checked.scenario)
    checked = _with(checked, found_marks)
    if checked.scenario is None or published is None or marks is None:
        return Evaluated(checked, None)
    scenario = checked.scenario
    slots = scenario.operation.slots()
    assignments = current(published.assignments, scenario)
    evaluation = evaluate(scenario, slots, assignments, published.shortfalls, marks, days)
    return Evaluated(checked, evaluation, adjustments_fragment(evaluation, slots, lang))


def load_published(path: Path) -> tuple[PublishedPlan | None, list[Problem]]:
    """The assignments and shortfalls of a plan written by `plan --format json`."""
    return _read_plan(path, PublishedPlan)


def _read_table(path: Path, sheet: str | None) -> tuple[list[list[Cell]], list[Problem]]:
    """The cells of a workbook's sheet (.xlsx: the one named, else the active visible one) or
    of a CSV export (`;`, `,` or tab; UTF-8 or Windows-1252), each with its place; what the
    bytes are decides how they are read (see `tables`). No cells when the file cannot be read."""
    from sinjai_ops.tables import read_table

    table, problems = read_table(_read(path), display(path), path.suffix, sheet)
    return (table.rows if table is not None else []), problems


_MAP_SECTIONS = ("columns", "drills", "unavailable", "ranks", "units")


def import_tables(extra: Path | None) -> tuple[dict[str, Any], list[Problem]]:
    """configs/roster_import.yaml, with an operation's own tables merged in: a list given there
    extends the shipped list, any other value replaces it."""
    base = shipped_document("roster_import.yaml").data
    if extra is None:
        return base, []
    name = display(extra)
    text, problems = decode(_read(extra), name)
    doc, found = load_yaml(text or "", name) if text is not None else (None, [])
    problems += found
    if doc is None or problems:
        return base, problems
    sections = ", ".join(f"'{s}:'" for s in _MAP_SECTIONS)
    if not isinstance(doc.data, dict) or not set(doc.data) <= set(_MAP_SECTIONS):
        return base, [
            Problem.at(name, 1, 1, t("a --map file holds {sections} only", sections=sections))
        ]
    merged = {k: (dict(v) if isinstance(v, dict) else list(v)) for k, v in base.items()}
    for section, table in doc.data.items():
        shape = merged[section]
        if table is None:
            continue
        if isinstance(shape, list):
            if not _texts(table):
                problems.append(
                    problem_at(
                        doc, (section,), t("'{section}:' is a list of headers", section=section)
                    )
                )
                continue
            merged[section] = [*shape, *table]
            continue
        if not isinstance(table, dict):
            problems.append(
                problem_at(doc, (section,), t("'{section}:' is a mapping", section=section))
            )
            continue
        for k, value in table.items():
            current = shape.get(k)
            if section == "ranks" and isinstance(value, str):
                shape[k] = value
            elif section != "ranks" and _texts(value):
                shape[k] = [*(current or []), *value] if section != "units" else list(value)
            else:
                wanted = t("a rank of the policy") if section == "ranks" else t("a list of words")
                problems.append(
                    problem_at(
                        doc, (section, k), t("'{key}' should be {wanted}", key=k, wanted=wanted)
                    )
                )
    return (base, problems) if problems else (merged, [])


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def roster_import(
    path: Path, extra: Path | None = None, sheet: str | None = None
) -> tuple[str | None, list[Problem]]:
    """`roster import`: the roster.yaml text (checked as `validate` checks a roster) and every
    problem of the sheet."""
    from sinjai_ops.roster_import import import_rows

    tables, problems = import_tables(extra)
    if problems:
        return None, problems
    from sinjai_ops.tables import read_table

    table, problems = read_table(_read(path), display(path), path.suffix, sheet)
    if table is None or any(p.severity == "error" for p in problems):
        return None, problems
    text, found = import_rows(display(path), table.rows, tables, default_policy(), table.merged)
    problems += found
    if text is None:
        return None, problems
    # What is written must pass validate: check it as validate checks a roster on its own.
    doc, found = load_yaml(text, display(path))
    assert doc is not None and not found, found
    defaults = v.Defaults(
        policy=shipped_document("policy.yaml"), checklists=shipped_document("checklists.yaml")
    )
    _, found = v.check_scenario({"roster": doc}, defaults, {}, [])
    # The import checks every cell it reads; should the roster still break a rule, the line of
    # the text it made would mean nothing in the sheet: the path says which officer and field.
    errors = [p.model_copy(update={"line": 1, "column": 1}) for p in found if p.severity == "error"]
    if errors:
        return None, problems + errors
    return text, problems


def roster_of(paths: Sequence[Path]) -> RosterFile | None:
    """The roster of the inputs that `check` found valid (for `roster export`)."""
    for group in gather(paths):
        checked = _check_group(group)
        if checked.scenario is not None:
            return checked.scenario.roster
        source = group.sources.get("roster")
        if source is None:
            continue
        text, _ = decode(source.raw, source.name)
        doc, _ = load_yaml(text or "", source.name)
        if doc is not None:
            model, problems = v.parse_model(doc, RosterFile)
            if model is not None and not problems:
                return model
    return None


def roster_export(roster: RosterFile, paths: Sequence[Path]) -> tuple[bytes | None, list[Problem]]:
    """`roster export`: the workbook of the roster (that `roster_of` found in `paths`), or the
    texts of the roster that a workbook cannot hold, placed in its roster.yaml."""
    from sinjai_ops.render.roster_xlsx import export_roster, unwritable

    bad = unwritable(roster)
    if not bad:
        return export_roster(roster), []
    source = next((g.sources["roster"] for g in gather(paths) if "roster" in g.sources), None)
    doc = None
    if source is not None:
        doc, _ = load_yaml(decode(source.raw, source.name)[0] or "", source.name)
    problems = []
    for place, ch in bad:
        message = t(
            "holds a control character (U+{code}), which a workbook cannot keep; remove it",
            code=format(ord(ch), "04X"),
        )
        if doc is not None:
            problems.append(problem_at(doc, place, message))
        else:
            problems.append(Problem.at(FILE_NAMES["roster"], 1, 1, message))
    return None, problems


@dataclass(frozen=True)
class Reported:
    checked: Checked
    data: ReportData | None


def report(
    paths: Sequence[Path], time_limit: float = DEFAULT_TIME_LIMIT, remedies: bool = True
) -> Reported:
    """`report`: the plan (with its remedies) and the checklist, gathered for the page."""
    from sinjai_ops.checklists import make_checklist
    from sinjai_ops.report import report_data

    planned = plan(paths, time_limit, remedies=remedies)
    if planned.plan is None or planned.demand is None or planned.checked.scenario is None:
        return Reported(planned.checked, None)
    scenario = planned.checked.scenario
    listed = make_checklist(scenario, planned.demand, planned.plan, scenario.checklists)
    return Reported(planned.checked, report_data(scenario, planned.demand, planned.plan, listed))


def init_files(lang: str) -> dict[str, str]:
    """The commented templates of a new scenario, in `lang` (`id` or `en`)."""
    folder = resources.files("sinjai_ops") / "templates" / "init" / lang
    return {
        name: (folder / name).read_text(encoding="utf-8")
        for name in ("operation.yaml", "roster.yaml", "arrivals.yaml")
    }
