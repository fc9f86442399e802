"""Gathering the inputs: which files a command was given, read from disk and checked
together (the load and validate stages), and the project's shipped defaults.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sinjai_ops import validate as v
from sinjai_ops.i18n import LANGS, Msg, t, why
from sinjai_ops.load import decode, load_yaml
from sinjai_ops.models.document import Document
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.pipeline.tps_source import TPS_NAMES, find_tps
from sinjai_ops.validate.voting import TpsFile

if TYPE_CHECKING:
    from sinjai_ops.models.demand import Demand
    from sinjai_ops.models.units import UnitsFile

FILE_NAMES = {"operation": "operation.yaml", "roster": "roster.yaml", "arrivals": "arrivals.yaml"}
OPTIONAL_FILES = {"adjustments": "adjustments.yaml"}
"""Files a scenario may hold beside the three."""
_TOP_KEYS = {
    "adjustments": {"pins", "absences", "received_units"},
    "operation": {"operation", "shifts", "sites"},
    "roster": {"personnel"},
    "arrivals": {"candidates"},
    "checklists": {"templates"},
    "units": {"units"},
}


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
    return Path(__file__).resolve().parents[3] / "configs"


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
    folder: Path | None = None
    """Where the scenario's other files are (a TPS list beside operation.yaml)."""


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
        ("units", "units.yaml"),
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
    group = _Group(folder=path)
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
        kind = "tps" if path.name.lower() in TPS_NAMES else _kind_of(path, raw)
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
        if kind == "units":  # the Polda's units (`bko`): a file of its own, not a scenario's
            groups.append(_Group(sources={kind: source}))
            continue
        siblings = loose.setdefault(path.resolve().parent, [])
        target = next((g for g in siblings if kind not in g.sources), None)
        if target is None:
            target = _Group(folder=path.parent)
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


def _read_inputs(
    group: _Group, operation: Document | None
) -> tuple[dict[str, str], TpsFile | None, list[Problem]]:
    """The plan's `inputs` (each file the group gives, by its sha256, the TPS list among
    them), the TPS list read, and the problems of finding and reading it."""
    inputs = {
        {**FILE_NAMES, **OPTIONAL_FILES}[k]: "sha256:"
        + hashlib.sha256(group.sources[k].raw).hexdigest()
        for k in (*FILE_NAMES, *OPTIONAL_FILES)
        if k in group.sources
    }
    tps, sha, found = find_tps(group.folder, operation, display, group.sources.get("tps"))
    return {**inputs, **sha}, tps, found


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file `plan FOLDER` reads, by its sha256, keyed as the plan's `inputs` (a
    voting day's TPS list too, wherever `voting.tps` puts it)."""
    group = _folder(folder)
    source = group.sources.get("operation")
    text, _ = decode(source.raw, source.name) if source is not None else (None, [])
    operation, _ = load_yaml(text, source.name) if text is not None and source else (None, [])
    return _read_inputs(group, operation)[0]


def _derive_demand(scenario: Scenario) -> Demand:
    """The demand stage (`demand.derive_demand`), imported when a scenario's pins are held
    against it: `validate` of a scenario without adjustments.yaml does without it."""
    from sinjai_ops.demand import derive_demand

    return derive_demand(scenario)


def _check_group(group: _Group) -> Checked:
    """Read the group's files (and the shipped defaults), then the validate stage."""
    if "units" in group.sources:
        source = group.sources["units"]
        _, _, found = check_units_source(source.name, source.raw)
        return Checked(None, tuple(sorted(set(found), key=Problem.sort_key)))
    problems = list(group.problems)
    docs: dict[str, Document] = {}
    for kind, source in group.sources.items():
        if kind == "tps":
            continue  # read by `find_tps`, as a table
        text, found = decode(source.raw, source.name)
        problems += found
        if text is None:
            continue
        doc, found = load_yaml(text, source.name)
        problems += found
        if doc is not None and kind in v.MODELS:
            docs[kind] = doc
    inputs, tps, found = _read_inputs(group, docs.get("operation"))
    problems += found
    defaults = v.Defaults(
        policy=shipped_document("policy.yaml"), checklists=shipped_document("checklists.yaml")
    )
    scenario, found = v.check_scenario(docs, defaults, inputs, problems, _derive_demand, tps)
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


def check_units_source(
    name: str, raw: bytes
) -> tuple[UnitsFile | None, Document | None, list[Problem]]:
    """units.yaml's bytes checked (`bko`'s `load_units`; `validate units.yaml`). Its models and
    checks are imported here, when a units.yaml is read: a scenario's validate does without."""
    from sinjai_ops.models.units import UnitsFile
    from sinjai_ops.schema import schema_for
    from sinjai_ops.validate.units import check_unit_ids
    from sinjai_ops.validate.yaml_types import check_yaml_types

    text, problems = decode(raw, name)
    if text is None:
        return None, None, problems
    doc, problems = load_yaml(text, name)
    if doc is None:
        return None, None, problems
    places = {(p.file, p.line, p.column) for p in problems}
    model, found = v.parse_model(doc, UnitsFile, default_policy())
    problems += [p for p in found if (p.file, p.line, p.column) not in places]
    problems += check_yaml_types(doc, schema_for("units"), {p.path for p in found})
    problems += check_unit_ids(doc)
    return model, doc, problems
