"""The one place where the stages meet: read, load, validate, and later derive, solve, render.

Only this package reads files; every stage it calls is a pure function. Its modules, by job:
`inputs` gathers and checks the files a command was given, `plan_files` reads a plan written
by `plan --format json`, `attendance` reads the roll calls, `roster` imports and exports the
roster's workbook, and `commands` wires the stages of each command.

Each name below is imported from its module when it is first used (`pipeline.check` brings
`inputs` alone): `validate`, the command run most often, never imports the plan's models,
the demand or the rules that only the other commands need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sinjai_ops.pipeline.attendance import load_attendance
    from sinjai_ops.pipeline.commands import (
        Drilled,
        Evaluated,
        Fitted,
        Listed,
        Planned,
        Reported,
        anev,
        checklist,
        drills,
        init_files,
        plan,
        report,
        who_fits,
    )
    from sinjai_ops.pipeline.inputs import (
        FILE_NAMES,
        OPTIONAL_FILES,
        Checked,
        Source,
        UsageError,
        _check_group,
        _Group,
        check,
        configs_dir,
        default_policy,
        display,
        gather,
        language_of,
        load_scenario,
        roster_of,
        shipped_document,
    )
    from sinjai_ops.pipeline.plan_files import load_baseline, load_published
    from sinjai_ops.pipeline.roster import import_tables, roster_export, roster_import

_HOMES = {
    "attendance": ("load_attendance",),
    "commands": (
        "Drilled",
        "Evaluated",
        "Fitted",
        "Listed",
        "Planned",
        "Reported",
        "anev",
        "checklist",
        "drills",
        "init_files",
        "plan",
        "report",
        "who_fits",
    ),
    "inputs": (
        "FILE_NAMES",
        "OPTIONAL_FILES",
        "Checked",
        "Source",
        "UsageError",
        "_Group",
        "_check_group",
        "check",
        "configs_dir",
        "default_policy",
        "display",
        "gather",
        "language_of",
        "load_scenario",
        "roster_of",
        "shipped_document",
    ),
    "plan_files": ("load_baseline", "load_published"),
    "roster": ("import_tables", "roster_export", "roster_import"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "FILE_NAMES",
    "OPTIONAL_FILES",
    "Checked",
    "Drilled",
    "Evaluated",
    "Fitted",
    "Listed",
    "Planned",
    "Reported",
    "Source",
    "UsageError",
    "_Group",
    "_check_group",
    "anev",
    "check",
    "checklist",
    "configs_dir",
    "default_policy",
    "display",
    "drills",
    "gather",
    "import_tables",
    "init_files",
    "language_of",
    "load_attendance",
    "load_baseline",
    "load_published",
    "load_scenario",
    "plan",
    "report",
    "roster_export",
    "roster_import",
    "roster_of",
    "shipped_document",
    "who_fits",
]

if not TYPE_CHECKING:  # mypy reads the imports above, and flags a name that is not among them

    def __getattr__(name: str) -> Any:
        """A name of the package, imported from its module on first use (then kept here)."""
        module = _HOME_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value
