"""Renderers: result models in, text (or a rich renderable for the terminal) out.

They compute nothing and write nothing; the CLI writes what they return: text, a rich
renderable for the terminal, bytes (a workbook, only to a file), or files by name (one
calendar per officer, into a folder).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.plan_csv import as_csv
from sinjai_ops.render.plan_json import as_json, as_yaml
from sinjai_ops.render.plan_markdown import as_markdown
from sinjai_ops.render.plan_table import as_table
from sinjai_ops.render.view import View

Rendered = str | bytes | dict[str, bytes] | RenderableType


def as_xlsx(plan: Plan, view: View) -> bytes:
    # XlsxWriter is imported by the command that writes a workbook, not by every command.
    from sinjai_ops.render.plan_xlsx import as_xlsx as render

    return render(plan, view)


def as_ics(plan: Plan, view: View) -> dict[str, bytes]:
    from sinjai_ops.render.plan_ics import as_ics as render

    return render(plan, view)


"""Text; a rich renderable (terminal); bytes (a workbook); files by name (calendars)."""

PLAN_RENDERERS: dict[str, Callable[[Plan, View], Rendered]] = {
    "table": as_table,
    "markdown": as_markdown,
    "csv": as_csv,
    "json": as_json,
    "yaml": as_yaml,
    "xlsx": as_xlsx,
    "ics": as_ics,
}
