"""Typer only: options in, one call into the pipeline, a renderer, an exit code out."""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, TypeVar
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape

from sinjai_ops import __version__, pipeline
from sinjai_ops.cli_help import PlainCommand, PlainGroup, speak_the_environments_language
from sinjai_ops.i18n import Invalid, Msg, env_lang, plural, say, t, translation
from sinjai_ops.models.adjustments import parse_moment
from sinjai_ops.models.common import parse_date, suggest
from sinjai_ops.models.plan import DEFAULT_TIME_LIMIT
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.render import PLAN_RENDERERS, Rendered
from sinjai_ops.render.anev import ANEV_RENDERERS
from sinjai_ops.render.checklist import CHECKLIST_RENDERERS
from sinjai_ops.render.labels import LANGS
from sinjai_ops.render.problems import PROBLEM_RENDERERS
from sinjai_ops.render.view import View
from sinjai_ops.render.whofits import WHO_FITS_RENDERERS
from sinjai_ops.schema import schema_texts

# Help in the language of the environment: it is read when the commands are made.
_ = translation(env_lang()).gettext
speak_the_environments_language()

app = typer.Typer(
    cls=PlainGroup,
    add_completion=True,
    # Plain help: rich's panels print Python types (<list[Path]>, <float>) that an officer
    # cannot read; the metavars below say what to type.
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Plan the security of election registration days: posts, shifts, people, checklists."),
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"sinjai-ops {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help=_("Print the version and exit."), callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Plan the security of election registration days: posts, shifts, people, checklists."""


EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_SHORTFALL = 0, 1, 2, 3
T = TypeVar("T")

ProblemFormat = Enum("ProblemFormat", {k: k for k in PROBLEM_RENDERERS}, type=str)  # type: ignore[misc]
ListFormat = Enum("ListFormat", {k: k for k in CHECKLIST_RENDERERS}, type=str)  # type: ignore[misc]
PlanFormat = Enum("PlanFormat", {k: k for k in PLAN_RENDERERS}, type=str)  # type: ignore[misc]
Lang = Enum("Lang", {k: k for k in LANGS}, type=str)  # type: ignore[misc]


LangOption = Annotated[
    Lang | None,
    typer.Option(
        help=_(
            "Language for people: id or en (default: the operation's, else the "
            "environment's LANG, else en)."
        ),
        show_default=False,
        metavar="LANG",
    ),
]


class By(StrEnum):
    post = "post"
    person = "person"


class ViewChoice(StrEnum):
    overview = "overview"
    post = "post"
    person = "person"


def _console(stderr: bool = False) -> Console:
    # rich drops colour by itself for NO_COLOR and for output that is not a terminal.
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _fail_usage(message: Msg) -> None:
    """A misused command line (exit 2), told in the language of the help (the environment's)."""
    said = escape(message.say(env_lang()))
    _console(stderr=True).print(f"[red]error:[/red] {said}", markup=True)
    raise typer.Exit(EXIT_USAGE)


def _mode_for(path: Path) -> int:
    """The mode a file written here gets: the one it has, else the user's usual (umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8, as given) to `path`; see `write_bytes_atomically`."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash never leaves half a file behind.

    A path that cannot be written (no such folder, no permission) is the user's to fix: exit 2.
    A device or a pipe (`/dev/stdout`, `/dev/null`) is written to as it is, never replaced.
    """
    if path.exists() and not path.is_file():
        try:
            with path.open("wb") as handle:
                handle.write(data)
        except OSError as exc:
            _fail_usage(t("cannot write {path}: {why}", path=str(path), why=exc.strerror))
        return
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        _fail_usage(t("cannot write {path}: {why}", path=str(path), why=exc.strerror))
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            _fail_usage(t("cannot write {path}: {why}", path=str(path), why=exc.strerror))
        raise


_BY_EXTENSION = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "table",
    ".xlsx": "xlsx",
}


def _format(given: str | None, output: Path | None, choices: list[str]) -> str:
    """The format asked for, else the one the output's extension names, else a table."""
    implied = _BY_EXTENSION.get(output.suffix.lower()) if output is not None else None
    if implied is not None and implied not in choices:
        implied = None
    if given is not None and implied is not None and given != implied:
        _fail_usage(
            t(
                "--format {given} does not match the output {output} (a {implied} file); "
                "drop --format, or name the file for {given}",
                given=given,
                output=str(output),
                implied=implied,
            )
        )
    return given or implied or "table"


@app.command(
    cls=PlainCommand,
    help=_("Check scenario folders or single files. Exit 0 valid, 1 invalid, 2 misuse."),
)
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help=_("Scenario folders, or single YAML files."), show_default=False, metavar="PATH"
        ),
    ],
    format: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "text for people, json for scripts, github for workflow annotations "
                "(default: github when GITHUB_ACTIONS=true, else text)."
            ),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    chosen = (
        format.value
        if format
        else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    )
    try:
        results = pipeline.check(paths)
    except pipeline.UsageError as exc:
        _fail_usage(exc.msg)
        return
    problems = [p for r in results for p in r.problems]
    checked = [str(p) for p in paths]
    language = _language(lang, *(r.language for r in results))
    output = PROBLEM_RENDERERS[chosen](problems, checked, language)
    if chosen == "text":
        _console().print(output, end="", markup=True)
    else:
        sys.stdout.write(output)
    raise typer.Exit(EXIT_OK if all(r.ok for r in results) else EXIT_INVALID)


def _language(lang: Lang | None, *fallbacks: str | None) -> str:
    """`--lang`, else the first language the inputs name (the operation's), else `LANG`'s."""
    if lang is not None:
        return str(lang.value)
    return next((f for f in fallbacks if f), None) or env_lang()


def _report_invalid(checked: pipeline.Checked, paths: Sequence[Path], lang: Lang | None) -> None:
    """Every problem on standard error, in the reader's language; exit 1."""
    language = _language(lang, checked.language)
    text = PROBLEM_RENDERERS["text"](checked.problems, [str(p) for p in paths], language)
    _console(stderr=True).print(text, end="", markup=True)
    raise typer.Exit(EXIT_INVALID)


def _mention_warnings(checked: pipeline.Checked, paths: Sequence[Path], lang: Lang | None) -> None:
    """One line on standard error that warnings exist, and how to read them."""
    count = sum(p.severity == "warning" for p in checked.problems)
    if count:
        shown = escape(" ".join(str(p) for p in paths))
        note = plural(
            _language(lang, checked.language),
            "{n} warning; see: sinjai-ops validate {paths}",
            "{n} warnings; see: sinjai-ops validate {paths}",
            count,
            paths=shown,
        )
        _console(stderr=True).print(f"[yellow]{note}[/yellow]")


def _emit(rendered: Rendered, output: Path | None) -> None:
    if isinstance(rendered, dict):
        if output is None:
            _fail_usage(t("calendars are written into a folder: give -o FOLDER"))
            return
        if output.exists() and not output.is_dir():
            _fail_usage(t("{path} is not a folder", path=str(output)))
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail_usage(t("cannot make {path}: {why}", path=str(output), why=exc.strerror))
        for name, data in sorted(rendered.items()):
            write_bytes_atomically(output / name, data)
        return
    if isinstance(rendered, bytes):
        if output is None:
            _fail_usage(t("a workbook is written to a file: give -o FILE.xlsx"))
        else:
            write_bytes_atomically(output, rendered)
        return
    if isinstance(rendered, str):
        if output is None:
            sys.stdout.write(rendered)
        else:
            write_atomically(output, rendered)
        return
    if output is None:
        # Wrapped at the terminal's width: a warning or a name is never cut off.
        Console(highlight=False, soft_wrap=False).print(rendered)
        return
    buffer = io.StringIO()
    Console(file=buffer, width=120, color_system=None, force_terminal=False).print(rendered)
    write_atomically(output, buffer.getvalue())


ScenarioPaths = Annotated[
    list[Path],
    typer.Argument(
        help=_("A scenario folder, or its operation.yaml, roster.yaml and arrivals.yaml."),
        show_default=False,
        metavar="SCENARIO",
    ),
]
SiteOption = Annotated[
    str | None, typer.Option(help=_("One site only (its id)."), show_default=False, metavar="SITE")
]
DateOption = Annotated[
    str | None,
    typer.Option(
        help=_(
            "One day only: YYYY-MM-DD, or today, tomorrow (hari-ini, besok) in the "
            "operation's time zone."
        ),
        show_default=False,
        metavar="DATE",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=_("Write to this file (atomically), not standard output."),
        metavar="FILE",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help=_("No notes on standard error (for cron); errors still show.")
    ),
]
TimeLimitOption = Annotated[
    float,
    typer.Option(
        help=_("Seconds the solver may take before it settles for its best plan (at least 0.1)."),
        min=0.1,
        metavar="SECONDS",
    ),
]


_RELATIVE = {"today": 0, "hari-ini": 0, "tomorrow": 1, "besok": 1}


def _check_date_syntax(text: str | None) -> None:
    """A `--date` that cannot be a date at all is refused before any solving."""
    if text is None or text.strip().casefold() in _RELATIVE:
        return
    try:
        parse_date(text)
    except Invalid as exc:
        _fail_usage(t("--date: {why}; or today, tomorrow, hari-ini, besok", why=exc.msg))


def _now() -> datetime:
    """The moment now, aware (a seam for tests)."""
    return datetime.now(UTC)


def _day(text: str | None, scenario: Scenario) -> date | None:
    """`--date`: YYYY-MM-DD, or today/tomorrow (hari-ini/besok) in the operation's time zone;
    a day outside the operation is a usage error that lists its days."""
    if text is None:
        return None
    op = scenario.operation.operation
    if text.strip().casefold() in _RELATIVE:
        today = _now().astimezone(ZoneInfo(op.timezone)).date()
        day = today + timedelta(days=_RELATIVE[text.strip().casefold()])
    else:
        day = parse_date(text)  # its syntax was checked before solving
    if not op.start <= day <= op.end:
        _fail_usage(
            t(
                "--date: {day} is not a day of the operation; it runs from {start} to {end}",
                day=day,
                start=op.start,
                end=op.end,
            )
        )
    return day


def _sites(scenario: Scenario) -> list[str]:
    """Sites one may filter on: the operation's, and the reserve's (which may be elsewhere)."""
    sites = [s.id for s in scenario.operation.sites]
    reserve = scenario.policy.reserve
    return [*sites, reserve.site] if reserve.fraction and reserve.site not in sites else sites


def _one_of(option: str, value: str | None, choices: list[str]) -> None:
    if value is not None and value not in choices:
        _fail_usage(
            t(
                "{option}: unknown '{value}'{hint} (there are: {choices})",
                option=option,
                value=value,
                hint=suggest(value, choices),
                choices=", ".join(choices),
            )
        )


def _solving(work: Callable[[], T]) -> T:
    """Run the pipeline, with a spinner when a person watches standard error."""
    err = _console(stderr=True)
    try:
        if err.is_terminal:
            with err.status(say(env_lang(), "Solving...")):
                return work()
        return work()
    except pipeline.UsageError as exc:
        _fail_usage(exc.msg)
        raise  # unreachable: _fail_usage exits


@app.command(
    cls=PlainCommand,
    help=_("Assign officers to every post and visit, or say exactly what is missing."),
)
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
                "Only the briefing overview, or only the detail by post or by person "
                "(default: the overview, then the detail)."
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
) -> None:
    fmt = _format(format.value if format else None, output, list(PLAN_RENDERERS))
    _check_date_syntax(date)
    moment = None
    if start is not None:
        if baseline is None:
            _fail_usage(t("--from re-plans a published plan: give it with --baseline PLAN.json"))
        try:
            moment = parse_moment(start)
        except Invalid as exc:
            _fail_usage(t("--from: {why}", why=exc.msg))
    planned = _solving(lambda: pipeline.plan(paths, time_limit, baseline, remedies, moment))
    if planned.plan is None or planned.checked.scenario is None:
        _report_invalid(planned.checked, paths, lang)
        return
    result = planned.plan
    if not quiet:
        _mention_warnings(planned.checked, paths, lang)
    day = _day(date, planned.checked.scenario)
    _one_of("--site", site, _sites(planned.checked.scenario))
    chosen = View(
        lang=(lang.value if lang else result.language or env_lang()),
        by="person" if view == ViewChoice.person else by.value,
        overview=view in (None, ViewChoice.overview),
        detail=view != ViewChoice.overview,
        officer=officer,
    )
    if officer is not None and officer not in {p.nrp for p in result.people}:
        _fail_usage(t("--officer: {nrp} has no duty in this plan", nrp=officer))
    shown = result.only(day, site)
    _emit(PLAN_RENDERERS[fmt](shown, chosen), output)
    if fail_on_shortfall and shown.shortfalls:
        missing = sum(r.missing for r in shown.reinforcements)
        said = chosen.lang
        lines = [
            say(
                said,
                "  {day} {shift} {site} {skill}: {n} missing",
                day=r.date,
                shift=r.shift,
                site=r.site,
                skill=r.skill,
                n=r.missing,
            )
            for r in shown.reinforcements
        ]
        head = say(said, "{n} heads missing (exit 3, --fail-on-shortfall):", n=missing)
        _console(stderr=True).print("\n".join([head, *lines]), markup=False)
        raise typer.Exit(EXIT_SHORTFALL)


@app.command(
    cls=PlainCommand,
    help=_("What must be done, by whom, by when: from the plan and the checklist templates."),
)
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
) -> None:
    fmt = _format(format.value if format else None, output, list(CHECKLIST_RENDERERS))
    _check_date_syntax(date)
    listed = _solving(lambda: pipeline.checklist(paths, time_limit))
    if listed.checklist is None or listed.checked.scenario is None:
        _report_invalid(listed.checked, paths, lang)
        return
    if not quiet:
        _mention_warnings(listed.checked, paths, lang)
    day = _day(date, listed.checked.scenario)
    _one_of("--site", site, _sites(listed.checked.scenario))
    if owner is not None and not listed.checklist.only(owner=owner).items:
        units = sorted({i.owner.unit for i in listed.checklist.items if i.owner.unit})
        _fail_usage(
            t(
                "--owner: '{owner}' owns no item; give an NRP, part of an owner's name, or one "
                "of the units that own items: {units}",
                owner=owner,
                units=", ".join(units),
            )
        )
    view = View(lang=lang.value if lang else listed.checklist.language or env_lang())
    shown = listed.checklist.only(day, site, owner)
    _emit(CHECKLIST_RENDERERS[fmt](shown, view), output)


FitFormat = Enum("FitFormat", {k: k for k in WHO_FITS_RENDERERS}, type=str)  # type: ignore[misc]


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
) -> None:
    fmt = _format(format.value if format else None, output, list(WHO_FITS_RENDERERS))
    _check_date_syntax(date)
    checked = _solving(lambda: pipeline.load_scenario(paths))
    if checked.scenario is None:
        _report_invalid(checked, paths, lang)
        return
    scenario = checked.scenario
    day = _day(date, scenario)
    assert day is not None
    _one_of("--shift", shift, [s.id for s in scenario.operation.shifts])
    _one_of("--site", site, _sites(scenario))
    if skill is not None:
        _one_of("--skill", skill, list(scenario.policy.skills))
    fitted = _solving(
        lambda: pipeline.who_fits(paths, day, shift, site, skill, baseline, time_limit)
    )
    if fitted.result is None:
        _report_invalid(fitted.checked, paths, lang)
        return
    if not quiet:
        _mention_warnings(fitted.checked, paths, lang)
    view = View(lang=lang.value if lang else scenario.operation.operation.language or env_lang())
    _emit(WHO_FITS_RENDERERS[fmt](fitted.result, view), output)


AnevFormat = Enum("AnevFormat", {k: k for k in ANEV_RENDERERS}, type=str)  # type: ignore[misc]


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
) -> None:
    fmt = _format(format.value if format else None, output, list(ANEV_RENDERERS))
    _check_date_syntax(date)
    checked = _solving(lambda: pipeline.load_scenario(paths))
    if checked.scenario is None:
        _report_invalid(checked, paths, lang)
        return
    day = _day(date, checked.scenario)
    evaluated = _solving(
        lambda: pipeline.anev(paths, plan_file, attendance, [day] if day else None)
    )
    if evaluated.evaluation is None or evaluated.fragment is None:
        _report_invalid(evaluated.checked, [*paths, plan_file, attendance], lang)
        return
    if not quiet:
        _mention_warnings(evaluated.checked, paths, lang)
    view = View(
        lang=lang.value if lang else checked.scenario.operation.operation.language or env_lang()
    )
    _emit(ANEV_RENDERERS[fmt](evaluated.evaluation, view), output)
    if adjustments_out is not None:
        write_atomically(adjustments_out, evaluated.fragment)


@app.command(
    cls=PlainCommand, help=_("A new scenario with commented templates that validate as they stand.")
)
def init(
    folder: Annotated[
        Path, typer.Argument(help=_("The new scenario's folder."), show_default=False)
    ],
    lang: LangOption = None,
) -> None:
    language = lang.value if lang else env_lang()
    files = pipeline.init_files(language)
    taken = [name for name in files if (folder / name).exists()]
    if taken:
        _fail_usage(
            t(
                "{folder} already holds {files}; init never overwrites a file",
                folder=str(folder),
                files=", ".join(taken),
            )
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail_usage(t("cannot make {path}: {why}", path=str(folder), why=exc.strerror))
    for name, text in files.items():
        write_atomically(folder / name, text)
    _console(stderr=True).print(
        say(
            language,
            "wrote {files} to {folder}; next: sinjai-ops validate {folder}",
            files=", ".join(files),
            folder=str(folder),
        ),
        markup=False,
    )


@app.command(
    cls=PlainCommand,
    help=_(
        "A printable report for the briefing: cover, each day's pictures, BKO, checklist, and "
        "the annex to the Sprin; one self-contained HTML file laid out for A4."
    ),
)
def report(
    paths: ScenarioPaths,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=_("The HTML file to write (print it to PDF on A4)."),
            metavar="FILE.html",
        ),
    ],
    lang: LangOption = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    quiet: QuietOption = False,
    remedies: Annotated[
        bool,
        typer.Option(help=_("Measure the remedies for missing heads (one more solve each).")),
    ] = True,
) -> None:
    reported = _solving(lambda: pipeline.report(paths, time_limit, remedies))
    if reported.data is None:
        _report_invalid(reported.checked, paths, lang)
        return
    if not quiet:
        _mention_warnings(reported.checked, paths, lang)
    from sinjai_ops.render.report_html import as_html

    language = lang.value if lang else reported.data.plan.language or env_lang()
    write_atomically(output, as_html(reported.data, View(lang=language)))


roster_app = typer.Typer(
    cls=PlainGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("The roster and the personnel office's spreadsheet."),
)
app.add_typer(roster_app, name="roster")


@roster_app.command(
    "import",
    cls=PlainCommand,
    help=_("Turn the personnel office's spreadsheet into roster.yaml; every bad cell at once."),
)
def roster_import(
    file: Annotated[
        Path,
        typer.Argument(help=_("The personnel office's sheet: .xlsx or .csv."), show_default=False),
    ],
    output: OutputOption = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map",
            help=_("More headers, ranks and units (the keys of configs/roster_import.yaml)."),
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help=_("The sheet to read (default: the first)."))
    ] = None,
    quiet: QuietOption = False,
    lang: LangOption = None,
) -> None:
    if not file.exists():
        _fail_usage(t("no such file: {path}", path=str(file)))
    try:
        text, problems = pipeline.roster_import(file, mapping, sheet)
    except pipeline.UsageError as exc:
        _fail_usage(exc.msg)
        return
    shown = [p for p in problems if p.severity == "error" or not quiet]
    if shown:
        rendered = PROBLEM_RENDERERS["text"](shown, [str(file)], _language(lang))
        _console(stderr=True).print(rendered, end="", markup=True)
    if text is None:
        raise typer.Exit(EXIT_INVALID)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)


@roster_app.command(
    "export",
    cls=PlainCommand,
    help=_("Write the roster back as a workbook for the personnel office (NRPs kept as text)."),
)
def roster_export(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help=_("roster.yaml, or the scenario folder."), show_default=False, metavar="ROSTER"
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help=_("The workbook to write (.xlsx)."))
    ],
    lang: LangOption = None,
) -> None:
    checked = pipeline.check(paths)
    problems = tuple(p for c in checked for p in c.problems)
    roster = pipeline.roster_of(paths)
    if roster is None or any(p.severity == "error" for p in problems):
        language = next((c.language for c in checked if c.language), None)
        _report_invalid(pipeline.Checked(None, problems, language), paths, lang)
        return
    from sinjai_ops.render.roster_xlsx import export_roster

    write_bytes_atomically(output, export_roster(roster))


@app.command(
    cls=PlainCommand,
    help=_("JSON Schema of operation.yaml, roster.yaml and arrivals.yaml, for editors."),
)
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Folder to write the three *.schema.json files to."),
            metavar="FOLDER",
        ),
    ] = None,
) -> None:
    texts = schema_texts()
    if output is None:
        bundle = {name: json.loads(text) for name, text in texts.items()}
        sys.stdout.write(json.dumps(bundle, indent=2, sort_keys=True) + "\n")
        return
    if output.exists() and not output.is_dir():
        _fail_usage(t("{path} is not a folder", path=str(output)))
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail_usage(t("cannot make {path}: {why}", path=str(output), why=exc.strerror))
    for name, text in texts.items():
        write_atomically(output / name, text)
    said = say(env_lang(), "wrote {files} to {folder}", files=", ".join(texts), folder=str(output))
    _console(stderr=True).print(said, markup=False)


def main() -> None:
    app()
