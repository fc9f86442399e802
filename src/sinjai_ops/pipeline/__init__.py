"""The one place where the stages meet: read, load, validate, and later derive, solve, render.

Only this package reads files; every stage it calls is a pure function. Its modules, by job:
`inputs` gathers and checks the files a command was given, `plan_files` reads a plan written
by `plan --format json`, `attendance` reads the roll calls, `roster` imports and exports the
roster's workbook, and `commands` wires the stages of each command.
"""

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
