"""The roster's workbook both ways: `roster import` (a sheet to roster.yaml, with the
import tables) and `roster export` (roster.yaml to a workbook).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sinjai_ops import validate as v
from sinjai_ops.i18n import t
from sinjai_ops.load import decode, load_yaml
from sinjai_ops.models.document import problem_at
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.pipeline.inputs import (
    FILE_NAMES,
    _read,
    default_policy,
    display,
    gather,
    shipped_document,
)

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
