"""The command line's root: the Typer app, its version and exit codes, and the options the
commands share, with their help in the environment's language."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import typer

from sinjai_ops import __version__
from sinjai_ops.cli.help import PlainGroup, speak_the_environments_language
from sinjai_ops.i18n import LANGS, env_lang, t, translation

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
    help=_(
        "Plan the security of a regional election, from registration days to voting day at "
        "every TPS: posts, shifts, people, checklists."
    ),
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"sinjai-ops {__version__}\n")
        raise typer.Exit(EXIT_OK)


RUN_LANG: dict[str, str] = {}
"""The language of this command line: `given` (`--lang`, before the command or after it) and
`spoken` (what the command chose, `output.language_for`); emptied at every command line."""


def run_language() -> str:
    """The language the run speaks so far: the one the command chose (`language_for`), else
    `--lang`, else the environment's; the usage errors, notes and spinner speak it."""
    return RUN_LANG.get("spoken") or RUN_LANG.get("given") or env_lang()


def language_for(lang: str | None, *fallbacks: str | None) -> str:
    """`--lang`, else the first language the inputs name (the operation's), else `LANG`'s:
    the language of everything the run says from here on (`run_language`)."""
    chosen = lang or next((f for f in fallbacks if f), None) or env_lang()
    RUN_LANG["spoken"] = chosen
    return chosen


def _given_lang(ctx: typer.Context, value: str | None) -> str | None:
    """`--lang` as a language of LANGS, written in any case and as a locale may be (`ID`,
    `id_ID.UTF-8`, `en-US`); a command without its own `--lang` has the root's."""
    if ctx.parent is None:
        RUN_LANG.clear()
    if value is None:
        return RUN_LANG.get("given")
    code = re.split(r"[_.@-]", value.strip(), maxsplit=1)[0].casefold()
    if code not in LANGS:
        from sinjai_ops.cli.output import fail_usage
        from sinjai_ops.models.common import suggest

        fail_usage(
            t(
                "{option}: unknown '{value}'{hint} (there are: {choices})",
                option="--lang",
                value=value,
                hint=suggest(code, list(LANGS)),
                choices=", ".join(LANGS),
            )
        )
    RUN_LANG["given"] = code
    return code


LangOption = Annotated[
    str | None,
    typer.Option(
        help=_(
            "Language for people: id or en (default: the operation's, else the "
            "environment's LANG, else en)."
        ),
        show_default=False,
        metavar="LANG",
        callback=_given_lang,
        autocompletion=lambda: list(LANGS),
    ),
]


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help=_("Print the version and exit."), callback=_version, is_eager=True
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Plan the security of a regional election, from registration days to voting day at
    every TPS: posts, shifts, people, checklists."""


EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_SHORTFALL = 0, 1, 2, 3


# The formats each command writes, as its renderers name them (tests/test_startup.py holds them
# to the renderers): written out here so that the help and the choices cost no import of the
# renderers, the models or the pipeline. Only the command that runs imports what it needs.
PROBLEM_FORMATS = ("text", "json", "github")
PLAN_FORMATS = ("table", "markdown", "csv", "json", "yaml", "xlsx", "ics")
CHECKLIST_FORMATS = ("table", "markdown", "csv", "json", "yaml", "xlsx")
WHO_FITS_FORMATS = ("table", "markdown", "json")
ANEV_FORMATS = ("table", "markdown", "json")
DRILL_FORMATS = ("table", "json", "xlsx", "html", "ics")

BKO_FORMATS = ("table", "json", "xlsx")
DEFAULT_TIME_LIMIT = 120.0
"""Seconds, as `models.plan.DEFAULT_TIME_LIMIT`."""


ProblemFormat = Enum("ProblemFormat", {k: k for k in PROBLEM_FORMATS}, type=str)  # type: ignore[misc]


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


Command = TypeVar("Command", bound=Callable[..., Any])


TimingsOption = Annotated[
    bool,
    typer.Option(
        "--timings",
        help=_(
            "Print the seconds of each stage (load, demand, solve, naming, remedies, render) "
            "on standard error."
        ),
    ),
]


def timed(command: Command) -> Command:
    """A command that, given `--timings`, prints the seconds of each stage it ran on standard
    error when it ends (whatever its exit code)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        if not kwargs.get("timings"):
            return command(*args, **kwargs)
        from sinjai_ops.timings import recording

        with recording() as spent:
            try:
                return command(*args, **kwargs)
            finally:
                tell_timings(spent.seconds)

    return cast(Command, run)


def tell_timings(seconds: dict[str, float]) -> None:
    """The seconds of each stage, in the order of the stages, on standard error."""
    from sinjai_ops.i18n import say
    from sinjai_ops.timings import STAGES

    lines = [say(run_language(), "Seconds per stage:")]
    lines += [f"  {name:<9} {seconds[name]:7.2f}" for name in STAGES if name in seconds]
    lines.append(f"  {'total':<9} {sum(seconds.values()):7.2f}")
    sys.stderr.write("\n".join(lines) + "\n")
