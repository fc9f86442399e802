"""`validate`: the command of editors, pre-commit hooks and CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from sinjai_ops.cli.app import (
    EXIT_INVALID,
    EXIT_OK,
    LangOption,
    ProblemFormat,
    _,
    app,
)
from sinjai_ops.cli.help import PlainCommand


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
    from sinjai_ops.cli.output import console, fail_usage, language_for
    from sinjai_ops.render.problems import PROBLEM_RENDERERS

    chosen = (
        format.value
        if format
        else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    )
    try:
        results = pipeline.check(paths)
    except pipeline.UsageError as exc:
        fail_usage(exc.msg)
        return
    problems = [p for r in results for p in r.problems]
    checked = [str(p) for p in paths]
    language = language_for(lang, *(r.language for r in results))
    output = PROBLEM_RENDERERS[chosen](problems, checked, language)
    if chosen == "text":
        console().print(output, end="", markup=True)
    else:
        sys.stdout.write(output)
    raise typer.Exit(EXIT_OK if all(r.ok for r in results) else EXIT_INVALID)
