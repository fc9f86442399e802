"""The day itself: `who-fits` and `anev`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from sinjai_ops.cli.app import (
    ANEV_FORMATS,
    DEFAULT_TIME_LIMIT,
    WHO_FITS_FORMATS,
    DateOption,
    LangOption,
    OutputOption,
    QuietOption,
    ScenarioPaths,
    TimeLimitOption,
    _,
    app,
)
from sinjai_ops.cli.help import PlainCommand

FitFormat = Enum("FitFormat", {k: k for k in WHO_FITS_FORMATS}, type=str)  # type: ignore[misc]


@app.command(
    "who-fits",
    cls=PlainCommand,
    help=_(
        "Who could take one more head at a site in a shift now, best first, and why not the rest."
    ),
)
def who_fits(
    paths: ScenarioPaths,
    date: Annotated[
        str,
        typer.Option(
            help=_("The day: YYYY-MM-DD, or today, tomorrow (hari-ini, besok)."), show_default=False
        ),
    ],
    shift: Annotated[str, typer.Option(help=_("The shift's id."), show_default=False)],
    site: Annotated[str, typer.Option(help=_("The site's id."), show_default=False)],
    skill: Annotated[
        str | None, typer.Option(help=_("Only this skill (default: any head there)."))
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            help=_("The published plan (--format json) to ask against (default: plan now)."),
            show_default=False,
            metavar="PLAN.json",
        ),
    ] = None,
    format: Annotated[
        FitFormat | None,
        typer.Option(
            "--format", "-f", help=_("Output format (default: table)."), show_default=False
        ),
    ] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    quiet: QuietOption = False,
    everyone: Annotated[
        bool,
        typer.Option(
            "--all",
            help=_(
                "List every officer who does not fit, each with why (default: one line per "
                "reason, with how many)."
            ),
        ),
    ] = False,
) -> None:
    from sinjai_ops import pipeline
    from sinjai_ops.cli.arguments import check_date_syntax, day_of, one_of, sites_of, solving
    from sinjai_ops.cli.output import (
        choose_format,
        emit,
        language_for,
        mention_warnings,
        report_invalid,
        scenario_language,
    )
    from sinjai_ops.render.view import View
    from sinjai_ops.render.whofits import WHO_FITS_RENDERERS

    scenario_language(lang, paths)
    fmt = choose_format(format.value if format else None, output, list(WHO_FITS_RENDERERS))
    check_date_syntax(date)
    checked = solving(lambda: pipeline.load_scenario(paths))
    if checked.scenario is None:
        report_invalid(checked, paths, lang)
        return
    scenario = checked.scenario
    said = language_for(lang, checked.language)
    day = day_of(date, scenario)
    assert day is not None
    one_of("--shift", shift, [s.id for s in scenario.operation.shifts])
    one_of("--site", site, sites_of(scenario))
    if skill is not None:
        one_of("--skill", skill, list(scenario.policy.skills))
    fitted = solving(
        lambda: pipeline.who_fits(paths, day, shift, site, skill, baseline, time_limit)
    )
    if fitted.result is None:
        report_invalid(fitted.checked, paths, lang)
        return
    if not quiet:
        mention_warnings(fitted.checked, paths, lang)
    view = View(lang=said, everyone=everyone)
    emit(WHO_FITS_RENDERERS[fmt](fitted.result, view), output, fmt)


AnevFormat = Enum("AnevFormat", {k: k for k in ANEV_FORMATS}, type=str)  # type: ignore[misc]


@app.command(
    cls=PlainCommand,
    help=_("The daily evaluation: planned against present, absences, empty heads."),
)
def anev(
    paths: ScenarioPaths,
    plan_file: Annotated[
        Path,
        typer.Option(
            "--plan",
            help=_("The plan that was published (--format json)."),
            show_default=False,
            metavar="PLAN.json",
        ),
    ],
    attendance: Annotated[
        Path,
        typer.Option(
            help=_(
                "What the roll calls found: YAML (attendance:) or CSV (nrp,date,shift,status,"
                "reason,minutes); only exceptions are listed."
            ),
            show_default=False,
            metavar="FILE",
        ),
    ],
    date: DateOption = None,
    format: Annotated[
        AnevFormat | None,
        typer.Option(
            "--format", "-f", help=_("Output format (default: table)."), show_default=False
        ),
    ] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    adjustments_out: Annotated[
        Path | None,
        typer.Option(
            "--adjustments-out",
            help=_("Write the absences as an adjustments.yaml fragment for the next re-plan."),
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    quiet: QuietOption = False,
    drills: Annotated[
        Path | None,
        typer.Option(
            "--drills",
            help=_(
                "The drill schedule that was published (drills --format json): the "
                "attendance may then mark its sessions (session: ID)."
            ),
            show_default=False,
            metavar="DRILLS.json",
        ),
    ] = None,
) -> None:
    from sinjai_ops import pipeline
    from sinjai_ops.cli.arguments import check_date_syntax, day_of, solving
    from sinjai_ops.cli.output import (
        choose_format,
        emit,
        language_for,
        mention_warnings,
        report_invalid,
        scenario_language,
        write_atomically,
    )
    from sinjai_ops.render.anev import ANEV_RENDERERS
    from sinjai_ops.render.view import View

    scenario_language(lang, paths)
    fmt = choose_format(format.value if format else None, output, list(ANEV_RENDERERS))
    check_date_syntax(date)
    checked = solving(lambda: pipeline.load_scenario(paths))
    if checked.scenario is None:
        report_invalid(checked, paths, lang)
        return
    said = language_for(lang, checked.language)
    day = day_of(date, checked.scenario)
    days = [day] if day else None
    evaluated = solving(lambda: pipeline.anev(paths, plan_file, attendance, days, said, drills))
    if evaluated.evaluation is None or evaluated.fragment is None:
        given = [*paths, plan_file, attendance, *([drills] if drills else [])]
        report_invalid(evaluated.checked, given, lang)
        return
    if not quiet:
        mention_warnings(evaluated.checked, paths, lang)
    view = View(lang=said)
    emit(ANEV_RENDERERS[fmt](evaluated.evaluation, view), output, fmt)
    if adjustments_out is not None:
        write_atomically(adjustments_out, evaluated.fragment)
