"""The command line: Typer only. Each command takes its options, makes one call into the
pipeline, renders, and exits with a code; nothing here decides anything about a plan.

The modules: `app` (the root, the shared options), `output` and `arguments` (what every command
writes and checks), then the commands by what they serve: `check` (validate),
`planning` (plan, checklist), `day` (who-fits, anev), `batch` (many folders at once),
`drills` (the drill schedule), `documents` (init, report, roster, schema).
"""

from __future__ import annotations

import os

# The command modules register their commands on the app when imported; the help lists them
# in this order.
# isort: off
from sinjai_ops.cli import check  # noqa: F401
from sinjai_ops.cli import planning  # noqa: F401
from sinjai_ops.cli import day  # noqa: F401
from sinjai_ops.cli import batch  # noqa: F401
from sinjai_ops.cli import drills  # noqa: F401

from sinjai_ops.cli import bko  # noqa: F401
from sinjai_ops.cli import documents  # noqa: F401
from sinjai_ops.cli.app import app
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    # Before it builds its first validator, pydantic reads the entry points of every package
    # installed beside this one in search of plugins, which this command line has no use for:
    # some milliseconds of every `validate`. A value the environment gives is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app()
