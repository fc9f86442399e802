"""The command line's root: the Typer app, its version and exit codes, and the options the
commands share, with their help in the environment's language."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from sinjai_ops import __version__
from sinjai_ops.cli.help import PlainGroup, speak_the_environments_language
from sinjai_ops.i18n import env_lang, translation
from sinjai_ops.render.labels import LANGS
from sinjai_ops.render.problems import PROBLEM_RENDERERS

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


ProblemFormat = Enum("ProblemFormat", {k: k for k in PROBLEM_RENDERERS}, type=str)  # type: ignore[misc]


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
