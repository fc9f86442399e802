"""`plan` and `checklist`."""

from __future__ import annotations

from datetime import datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sinjai_ops.cli.app import (
    CHECKLIST_FORMATS,
    DEFAULT_TIME_LIMIT,
    EXIT_SHORTFALL,
    PLAN_FORMATS,
    DateOption,
    LangOption,
    OutputOption,
    QuietOption,
    ScenarioPaths,
    SiteOption,
    TimeLimitOption,
    TimingsOption,
    _,
    app,
    timed,
)
from sinjai_ops.cli.help import PlainCommand

if TYPE_CHECKING:
    from sinjai_ops.models.plan import Plan
    from sinjai_ops.models.scenario import Scenario

PlanFormat = Enum("PlanFormat", {k: k for k in PLAN_FORMATS}, type=str)  # type: ignore[misc]


ListFormat = Enum("ListFormat", {k: k for k in CHECKLIST_FORMATS}, type=str)  # type: ignore[misc]


class By(StrEnum):
    post = "post"
    person = "person"


class ViewChoice(StrEnum):
    summary = "summary"
    overview = "overview"
    post = "post"
    person = "person"


@app.command(
    cls=PlainCommand,
    help=_("Assign officers to every post and visit, or say exactly what is missing."),
)
@timed
def plan(
    paths: ScenarioPaths,
    format: Annotated[
        PlanFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_("Output format (default: from the output file's extension, else table)."),
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        By, typer.Option(help=_("Lay out by post, or each officer's schedule."))
    ] = By.post,
    view: Annotated[
        ViewChoice | None,
        typer.Option(
            help=_(
                "Only the Kapolres' summary (per day, conflicts, BKO), the briefing overview, "
                "or only the detail by post or by person (default: the overview, then the "
                "detail)."
            ),
            show_default=False,
        ),
    ] = None,
    date: DateOption = None,
    site: SiteOption = None,
    lang: LangOption = None,
    output: OutputOption = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    fail_on_shortfall: Annotated[
        bool, typer.Option(help=_("Exit 3 when any head is missing (for scripts)."))
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            help=_(
                "An earlier plan (--format json): move as few officers from it as possible, "
                "and list what changed."
            ),
            show_default=False,
            metavar="PLAN.json",
        ),
    ] = None,
    remedies: Annotated[
        bool,
        typer.Option(
            help=_("Measure the remedies for missing heads by planning again with each change.")
        ),
    ] = True,
    quiet: QuietOption = False,
    pager: Annotated[
        bool,
        typer.Option(
            "--pager/--no-pager",
            help=_(
                "On a terminal, show a plan longer than the screen through the pager (PAGER, "
                "else less -R); never when piped or written to a file."
            ),
        ),
    ] = True,
    officer: Annotated[
        str | None,
        typer.Option(
            help=_("With --format ics: only this officer's calendar (an NRP)."),
            show_default=False,
            metavar="NRP",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help=_(
                "With --baseline: re-plan from this local moment (YYYY-MM-DDTHH:MM); every "
                "shift that starts before it stays as the baseline has it, less the absent."
            ),
            show_default=False,
            metavar="MOMENT",
        ),
    ] = None,
    timings: TimingsOption = False,
) -> None:
    from sinjai_ops import pipeline
    from sinjai_ops.cli.arguments import check_date_syntax, day_of, one_of, sites_of, solving
    from sinjai_ops.cli.output import (
        choose_format,
        console,
        emit,
        fail_usage,
        language_for,
        mention_warnings,
        needs_output,
        report_invalid,
        scenario_language,
    )
    from sinjai_ops.i18n import t
    from sinjai_ops.render import PLAN_RENDERERS
    from sinjai_ops.render.received import received_word
    from sinjai_ops.render.view import View
    from sinjai_ops.timings import stage

    scenario_language(lang, paths)
    fmt = choose_format(format.value if format else None, output, list(PLAN_RENDERERS))
    needs_output(fmt, output)
    check_date_syntax(date)
    moment = _replan_moment(start, baseline)

    def arguments(scenario: Scenario) -> None:
        day_of(date, scenario)
        one_of("--site", site, sites_of(scenario))
        if officer is not None and officer not in {p.nrp for p in scenario.roster.personnel}:
            fail_usage(t("--officer: {nrp} is not in the roster", nrp=officer))

    planned = solving(
        lambda: pipeline.plan(paths, time_limit, baseline, remedies, moment, arguments)
    )
    if planned.plan is None or planned.checked.scenario is None:
        report_invalid(planned.checked, paths, lang)
        return
    result = planned.plan
    said = language_for(lang, result.language)
    if not quiet:
        mention_warnings(planned.checked, paths, lang)
    day = day_of(date, planned.checked.scenario)
    chosen = View(
        lang=said,
        by="person" if view == ViewChoice.person else by.value,
        overview=view in (None, ViewChoice.overview),
        detail=view not in (ViewChoice.overview, ViewChoice.summary),
        summary_only=view == ViewChoice.summary,
        officer=officer,
    )
    if officer is not None and officer not in {p.nrp for p in result.people}:
        fail_usage(t("--officer: {nrp} has no duty in this plan", nrp=officer))
    shown = result.only(day, site)
    with stage("render"):
        emit(PLAN_RENDERERS[fmt](shown, chosen), output, fmt, pager=pager)
    if fmt == "ics" and shown.unit_heads and not quiet:
        # Members of received units are counted, not named: no calendar is theirs.
        console(stderr=True).print(received_word(said, "no_calendars"))
    if fail_on_shortfall:
        _exit_on_shortfall(shown, said)


def _replan_moment(start: str | None, baseline: Path | None) -> datetime | None:
    """`--from`: the local moment to re-plan from (it needs `--baseline`)."""
    from sinjai_ops.cli.output import fail_usage
    from sinjai_ops.i18n import Invalid, t
    from sinjai_ops.models.adjustments import parse_moment

    if start is None:
        return None
    if baseline is None:
        fail_usage(t("--from re-plans a published plan: give it with --baseline PLAN.json"))
    try:
        return parse_moment(start)
    except Invalid as exc:
        fail_usage(t("--from: {why}", why=exc.msg))
        return None


def _exit_on_shortfall(shown: Plan, said: str) -> None:
    """`--fail-on-shortfall`: with heads missing (the TPS and Padal heads too), them on stderr,
    then exit 3."""
    from sinjai_ops.cli.output import console
    from sinjai_ops.i18n import say
    from sinjai_ops.render.labels import skill_label
    from sinjai_ops.render.plan_rows import post_name, site_name
    from sinjai_ops.render.voting_rows import tps_lines, tps_missing

    if not shown.shortfalls and not tps_missing(shown):
        return
    missing = sum(r.missing for r in shown.reinforcements) + tps_missing(shown)
    lines = [
        say(
            said,
            "  {day} {shift} {site} {skill}: {n} missing",
            day=r.date,
            shift=r.shift,
            site=f"{site_name(shown, r.site)}: {post_name(shown, r.post, said)}",
            skill=skill_label(said, r.skill),
            n=r.missing,
        )
        for r in shown.reinforcements
    ]
    lines += [
        say(
            said,
            "  {day} TPS {kecamatan}, {category}: {n} missing",
            day=day,
            kecamatan=k,
            category=c,
            n=n,
        )
        for day, k, c, n in tps_lines(shown, said)
    ]
    head = say(said, "{n} heads missing (exit 3, --fail-on-shortfall):", n=missing)
    console(stderr=True).print("\n".join([head, *lines]), markup=False)
    raise typer.Exit(EXIT_SHORTFALL)


@app.command(
    cls=PlainCommand,
    help=_("What must be done, by whom, by when: from the plan and the checklist templates."),
)
@timed
def checklist(
    paths: ScenarioPaths,
    format: Annotated[
        ListFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_("Output format (default: from the output file's extension, else table)."),
            show_default=False,
        ),
    ] = None,
    date: DateOption = None,
    site: SiteOption = None,
    owner: Annotated[
        str | None,
        typer.Option(help=_("One owner: an NRP, part of a name, or a unit."), show_default=False),
    ] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    quiet: QuietOption = False,
    timings: TimingsOption = False,
) -> None:
    from sinjai_ops import pipeline
    from sinjai_ops.cli.arguments import check_date_syntax, day_of, one_of, sites_of, solving
    from sinjai_ops.cli.output import (
        choose_format,
        emit,
        fail_usage,
        language_for,
        mention_warnings,
        needs_output,
        report_invalid,
        scenario_language,
    )
    from sinjai_ops.i18n import t
    from sinjai_ops.render.checklist import CHECKLIST_RENDERERS
    from sinjai_ops.render.view import View
    from sinjai_ops.timings import stage

    scenario_language(lang, paths)
    fmt = choose_format(format.value if format else None, output, list(CHECKLIST_RENDERERS))
    needs_output(fmt, output)
    check_date_syntax(date)

    def arguments(scenario: Scenario) -> None:
        day_of(date, scenario)
        one_of("--site", site, sites_of(scenario))

    listed = solving(lambda: pipeline.checklist(paths, time_limit, arguments))
    if listed.checklist is None or listed.checked.scenario is None:
        report_invalid(listed.checked, paths, lang)
        return
    said = language_for(lang, listed.checklist.language)
    if not quiet:
        mention_warnings(listed.checked, paths, lang)
    day = day_of(date, listed.checked.scenario)
    if owner is not None and not listed.checklist.only(owner=owner).items:
        units = sorted({i.owner.unit for i in listed.checklist.items if i.owner.unit})
        fail_usage(
            t(
                "--owner: '{owner}' owns no item; give an NRP, part of an owner's name, or one "
                "of the units that own items: {units}",
                owner=owner,
                units=", ".join(units),
            )
        )
    view = View(lang=said)
    shown = listed.checklist.only(day, site, owner)
    with stage("render"):
        emit(CHECKLIST_RENDERERS[fmt](shown, view), output, fmt)
