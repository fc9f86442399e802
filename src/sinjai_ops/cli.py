"""Typer only: options in, one call into the pipeline, a renderer, an exit code out."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sinjai_ops import pipeline
from sinjai_ops.render.problems import PROBLEM_RENDERERS
from sinjai_ops.schema import schema_texts

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Plan the security of election registration days: posts, shifts, people, checklists.",
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

ProblemFormat = Enum("ProblemFormat", {k: k for k in PROBLEM_RENDERERS}, type=str)  # type: ignore[misc]


def _console(stderr: bool = False) -> Console:
    # rich drops colour by itself for NO_COLOR and for output that is not a terminal.
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _fail_usage(message: str) -> None:
    _console(stderr=True).print(f"[red]error:[/red] {message}", markup=True)
    raise typer.Exit(EXIT_USAGE)


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a crash never leaves half a file behind."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Scenario folders, or single YAML files.", show_default=False),
    ],
    format: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people, json for scripts, github for workflow annotations "
            "(default: github when GITHUB_ACTIONS=true, else text).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check scenario folders or single files. Exit 0 valid, 1 invalid, 2 misuse."""
    chosen = (
        format.value
        if format
        else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    )
    try:
        results = pipeline.check(paths)
    except pipeline.UsageError as exc:
        _fail_usage(str(exc))
        return
    problems = [p for r in results for p in r.problems]
    checked = [str(p) for p in paths]
    output = PROBLEM_RENDERERS[chosen](problems, checked)
    if chosen == "text":
        _console().print(output, end="", markup=True)
    else:
        sys.stdout.write(output)
    raise typer.Exit(EXIT_OK if all(r.ok for r in results) else EXIT_INVALID)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder to write the three *.schema.json files to."),
    ] = None,
) -> None:
    """JSON Schema of operation.yaml, roster.yaml and arrivals.yaml, for editors."""
    texts = schema_texts()
    if output is None:
        bundle = {name: json.loads(text) for name, text in texts.items()}
        sys.stdout.write(json.dumps(bundle, indent=2, sort_keys=True) + "\n")
        return
    if output.exists() and not output.is_dir():
        _fail_usage(f"{output} is not a folder")
    output.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        write_atomically(output / name, text)
    _console(stderr=True).print(f"wrote {', '.join(texts)} to {output}")


def main() -> None:
    app()
