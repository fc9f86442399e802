"""`drills`: the drill sessions before the operation that the plan can count on."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from sinjai_ops.cli.app import (
    DEFAULT_TIME_LIMIT,
    DRILL_FORMATS,
    LangOption,
    OutputOption,
    QuietOption,
    ScenarioPaths,
    TimeLimitOption,
    TimingsOption,
    _,
    app,
    timed,
)
from sinjai_ops.cli.help import PlainCommand

DrillFormat = Enum("DrillFormat", {k: k for k in DRILL_FORMATS}, type=str)  # type: ignore[misc]


@app.command(
    cls=PlainCommand,
    help=_(
        "Drill sessions before the operation (who, when, where, led by whom) that let the "
        "plan fill as many heads as drills can."
    ),
)
@timed
def drills(
    paths: ScenarioPaths,
    format: Annotated[
        DrillFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_("Output format (default: from the output file's extension, else table)."),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    quiet: QuietOption = False,
    timings: TimingsOption = False,
) -> None:
    from sinjai_ops import pipeline
    from sinjai_ops.cli.arguments import solving
    from sinjai_ops.cli.output import (
        choose_format,
        emit,
        language_for,
        mention_warnings,
        needs_output,
        report_invalid,
        scenario_language,
    )
    from sinjai_ops.render.drills import DRILL_RENDERERS
    from sinjai_ops.render.view import View
    from sinjai_ops.timings import stage

    scenario_language(lang, paths)
    fmt = choose_format(format.value if format else None, output, list(DRILL_RENDERERS))
    needs_output(fmt, output)
    drilled = solving(lambda: pipeline.drills(paths, time_limit))
    if drilled.schedule is None:
        report_invalid(drilled.checked, paths, lang)
        return
    if not quiet:
        mention_warnings(drilled.checked, paths, lang)
    view = View(lang=language_for(lang, drilled.checked.language))
    with stage("render"):
        emit(DRILL_RENDERERS[fmt](drilled.schedule, view), output, fmt)
