"""The command line: Typer only. Each command takes its options, makes one call into the
pipeline, renders, and exits with a code; nothing here decides anything about a plan.

The modules: `app` (the root, the shared options), `output` and `arguments` (what every command
writes and checks), then the commands by what they serve: `check` (validate),
`planning` (plan, checklist), `day` (who-fits, anev), `documents` (init, report, roster,
schema).
"""

from __future__ import annotations

# The command modules register their commands on the app when imported; the help lists them
# in this order.
# isort: off
from sinjai_ops.cli import check  # noqa: F401
from sinjai_ops.cli import planning  # noqa: F401
from sinjai_ops.cli import day  # noqa: F401
from sinjai_ops.cli import bko  # noqa: F401
from sinjai_ops.cli import documents  # noqa: F401
from sinjai_ops.cli.app import app
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    app()
