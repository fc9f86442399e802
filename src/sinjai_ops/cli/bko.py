"""`bko`: the Polda's units allocated whole to the BKO requests of many Polres plans."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from sinjai_ops.cli.app import (
    BKO_FORMATS,
    DEFAULT_TIME_LIMIT,
    LangOption,
    OutputOption,
    QuietOption,
    TimeLimitOption,
    _,
    app,
)
from sinjai_ops.cli.help import PlainCommand

BkoFormat = Enum("BkoFormat", {k: k for k in BKO_FORMATS}, type=str)  # type: ignore[misc]


@app.command(
    cls=PlainCommand,
    help=_(
        "The Polda's BKO order: its units (units.yaml) sent whole to the BKO requests of many "
        "plans (plan --format json), proven optimal."
    ),
)
def bko(
    plans: Annotated[
        list[Path],
        typer.Argument(
            help=_("Plans written by plan --format json (a plan.json takes its folder's name)."),
            show_default=False,
            metavar="PLAN.json",
        ),
    ],
    units: Annotated[
        Path,
        typer.Option(
            "--units",
            help=_("The Polda's units: units.yaml."),
            show_default=False,
            metavar="units.yaml",
        ),
    ],
    format: Annotated[
        BkoFormat | None,
        typer.Option(
            "--format", "-f", help=_("Output format (default: table)."), show_default=False
        ),
    ] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    quiet: QuietOption = False,
) -> None:
    from rich.markup import escape

    from sinjai_ops import pipeline
    from sinjai_ops.cli.arguments import solving
    from sinjai_ops.cli.output import (
        choose_format,
        console,
        emit,
        language_for,
        needs_output,
        report_invalid,
    )
    from sinjai_ops.pipeline.bko import bko as allocate
    from sinjai_ops.render.bko import BKO_RENDERERS
    from sinjai_ops.render.problems import problem_line
    from sinjai_ops.render.view import View

    said = language_for(lang)
    fmt = choose_format(format.value if format else None, output, list(BKO_RENDERERS))
    needs_output(fmt, output)
    done = solving(lambda: allocate(plans, units, time_limit))
    if done.result is None:
        checked = pipeline.Checked(scenario=None, problems=done.problems)
        report_invalid(checked, [*plans, units], lang)
        return
    if not quiet:
        for found in done.problems:
            line = escape(problem_line(found, said))
            console(stderr=True).print(f"[yellow]{line}[/yellow]")
    emit(BKO_RENDERERS[fmt](done.result, View(lang=said)), output, fmt)
