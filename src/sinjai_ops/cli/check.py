"""`validate`: the command of editors, pre-commit hooks and CI."""

from __future__ import annotations

import builtins
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sinjai_ops.cli.app import (
    EXIT_INVALID,
    EXIT_OK,
    LangOption,
    ProblemFormat,
    _,
    app,
    language_for,
)
from sinjai_ops.cli.help import PlainCommand

if TYPE_CHECKING:
    from sinjai_ops.models.problem import Problem


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
    from sinjai_ops import pipeline
    from sinjai_ops.render.problems import PROBLEM_RENDERERS

    chosen = (
        format.value
        if format
        else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    )
    try:
        results = pipeline.check(paths)
    except pipeline.UsageError as exc:
        from sinjai_ops.cli.output import fail_usage

        fail_usage(exc.msg)
        return
    problems = [p for r in results for p in r.problems]
    checked = [str(p) for p in paths]
    language = language_for(lang, *(r.language for r in results))
    said = plain_verdict(problems, checked, language) if chosen == "text" else None
    if said is not None:
        sys.stdout.write(said)
    elif chosen == "text":
        from sinjai_ops.cli.output import console

        output = PROBLEM_RENDERERS["text"](problems, checked, language)
        console().print(output, end="", markup=True)
    else:
        sys.stdout.write(PROBLEM_RENDERERS[chosen](problems, checked, language))
    raise typer.Exit(EXIT_OK if all(r.ok for r in results) else EXIT_INVALID)


def plain_verdict(problems: list[Problem], checked: list[str], language: str) -> str | None:
    """The verdict as rich's console writes it where no colour can show, written without
    importing rich (some 8% of `validate`'s start-up); None where rich may write it otherwise:
    where colours may show, and where the text holds a backslash (rich's markup reads some
    of them). tests/test_startup.py holds the two to the same bytes."""
    from sinjai_ops.render.problems import plain

    if _colours_may_show():
        return None
    said = plain(problems, checked, language)
    return None if "\\" in said else said


def _colours_may_show() -> bool:
    """Whether rich's console could style standard output: it is a terminal, or the
    environment may have it taken for one (`FORCE_COLOR`, `TTY_COMPATIBLE`, IPython, a
    console of Windows)."""
    if os.name != "posix" or hasattr(builtins, "get_ipython"):
        return True
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return True
