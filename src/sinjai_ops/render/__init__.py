"""Renderers: result models in, text (or a rich renderable for the terminal) out.

They compute nothing and write nothing; the CLI writes what they return: text, a rich
renderable for the terminal, bytes (a workbook, only to a file), or files by name (one
calendar per officer, into a folder).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TypeAlias

    from rich.console import RenderableType

    from sinjai_ops.models.plan import Plan
    from sinjai_ops.render.view import View

    Rendered: TypeAlias = str | bytes | dict[str, bytes] | RenderableType

# Each renderer is imported by the command that uses it, not by every command (`validate`
# imports this package for its verdict and needs none of them, nor rich).


def as_table(plan: Plan, view: View) -> RenderableType:
    from sinjai_ops.render.plan_table import as_table as render

    return render(plan, view)


def as_markdown(plan: Plan, view: View) -> str:
    from sinjai_ops.render.plan_markdown import as_markdown as render

    return render(plan, view)


def as_csv(plan: Plan, view: View) -> str:
    from sinjai_ops.render.plan_csv import as_csv as render

    return render(plan, view)


def as_json(plan: Plan, view: View) -> str:
    from sinjai_ops.render.plan_json import as_json as render

    return render(plan, view)


def as_yaml(plan: Plan, view: View) -> str:
    from sinjai_ops.render.plan_json import as_yaml as render

    return render(plan, view)


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
