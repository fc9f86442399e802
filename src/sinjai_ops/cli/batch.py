"""`batch`: the Polda's Polres planned at once (the work is in `sinjai_ops.batch`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sinjai_ops.cli.app import (
    DEFAULT_TIME_LIMIT,
    LangOption,
    QuietOption,
    TimeLimitOption,
    _,
    app,
)
from sinjai_ops.cli.help import PlainCommand

if TYPE_CHECKING:
    from sinjai_ops.batch import Job, Outcome

BATCH_FORMATS = ("json", "yaml", "csv", "markdown", "table", "xlsx", "html")
"""plan.json always; the others on request (`models.batch.FILE_OF`)."""


@app.command(
    cls=PlainCommand,
    help=_(
        "Plan many scenario folders at once (a Polda's Polres), each in its own process, "
        "into OUTDIR/NAME/plan.json and OUTDIR/index.json."
    ),
)
def batch(
    folders: Annotated[
        list[Path],
        typer.Argument(help=_("Scenario folders."), show_default=False, metavar="FOLDER"),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help=_("The folder to write the plans into."), metavar="OUTDIR"
        ),
    ],
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help=_("Folders planned at once (default: the cores the memory allows)."),
            min=1,
            show_default=False,
            metavar="N",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help=_("Plan on this Dask cluster (tcp://HOST:8786) instead of this machine."),
            show_default=False,
            metavar="ADDRESS",
        ),
    ] = None,
    format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "More files beside plan.json: yaml, csv, markdown, table, xlsx, html (the "
                "report); repeat the option or separate with commas."
            ),
            show_default=False,
            metavar="FORMAT",
        ),
    ] = None,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    remedies: Annotated[
        bool,
        typer.Option(
            help=_("Measure the remedies for missing heads by planning again with each change.")
        ),
    ] = True,
    fail_on_shortfall: Annotated[
        bool, typer.Option(help=_("Exit 3 when any head is missing (for scripts)."))
    ] = False,
    force: Annotated[
        bool, typer.Option(help=_("Plan every folder again, even those whose plan is current."))
    ] = False,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    from sinjai_ops import batch as work
    from sinjai_ops.cli.output import console, fail_usage, language_for
    from sinjai_ops.i18n import env_lang, say, t, why
    from sinjai_ops.render.batch import summary_table

    said = language_for(lang)
    formats = _formats(format or [])
    _check_folders(folders, output)
    if jobs is not None and scheduler is not None:
        fail_usage(t("--jobs and --scheduler: give one (the cluster decides its own workers)"))
    asked = work.Asked(formats, time_limit, remedies, lang, env_lang(), force)
    watcher = _Progress(len(folders), said, quiet)
    began = time.perf_counter()
    try:
        with watcher:
            outcomes = work.plan_folders(folders, output, asked, watcher, jobs, scheduler)
    except OSError as exc:
        fail_usage(t("cannot write {path}: {why}", path=str(output), why=why(exc)))
        return
    except work.ClusterUnavailable as exc:
        fail_usage(t("--scheduler {address}: {why}", address=scheduler, why=str(exc)))
        return
    _tell_problems(outcomes, {work.name_of(f): str(f) for f in folders}, said, quiet)
    console().print(summary_table(outcomes, said, time.perf_counter() - began))
    if not quiet:
        console(stderr=True).print(say(said, "Index: {path}", path=str(output / "index.json")))
    raise typer.Exit(work.worst([o.exit_code(fail_on_shortfall) for o in outcomes]))


def _formats(given: list[str]) -> tuple[str, ...]:
    from sinjai_ops.cli.output import fail_usage
    from sinjai_ops.i18n import t
    from sinjai_ops.models.common import suggest

    chosen = [f.strip().casefold() for text in given for f in text.split(",") if f.strip()]
    for fmt in chosen:
        if fmt not in BATCH_FORMATS:
            fail_usage(
                t(
                    "{option}: unknown '{value}'{hint} (there are: {choices})",
                    option="--format",
                    value=fmt,
                    hint=suggest(fmt, BATCH_FORMATS),
                    choices=", ".join(BATCH_FORMATS),
                )
            )
    return tuple(sorted(set(chosen) | {"json"}))


def _check_folders(folders: list[Path], output: Path) -> None:
    """Every FOLDER a folder, no two of one name (they would share OUTDIR/NAME), and OUTDIR
    not a file: said before anything is planned."""
    from sinjai_ops.batch import name_of
    from sinjai_ops.cli.output import fail_usage
    from sinjai_ops.i18n import t

    for folder in folders:
        if not folder.is_dir():
            fail_usage(t("{path} is not a scenario folder", path=str(folder)))
    seen: dict[str, Path] = {}
    for folder in folders:
        other = seen.setdefault(name_of(folder), folder)
        if other is not folder and other.resolve() == folder.resolve():
            fail_usage(t("{path} is given twice", path=str(folder)))
        if other is not folder:
            fail_usage(
                t(
                    "{one} and {other} are both named {name}: their plans would share "
                    "OUTDIR/{name}; rename one",
                    one=str(other),
                    other=str(folder),
                    name=name_of(folder),
                )
            )
    if output.exists() and not output.is_dir():
        fail_usage(t("{path} is not a folder", path=str(output)))


def _tell_problems(outcomes: list[Outcome], paths: dict[str, str], lang: str, quiet: bool) -> None:
    """On standard error: each invalid folder's problems as `validate` prints them, each
    failure, and (unless quiet) each folder's warnings as `plan` mentions them."""
    from rich.markup import escape

    from sinjai_ops.cli.output import console
    from sinjai_ops.i18n import plural, say

    err = console(stderr=True)
    for o in outcomes:
        if o.problems:
            err.print(o.problems, end="", markup=True)
        elif o.error:
            failed = say(lang, "{name}: the worker failed: {why}", name=o.name, why=o.error)
            err.print(f"[red]{escape(failed)}[/red]")
        if quiet or o.skipped:
            continue
        for note in o.notes:
            err.print(f"[yellow]{escape(note)}[/yellow]")
        if o.warnings:
            note = plural(
                lang,
                "{n} warning; see: sinjai-ops validate {paths}",
                "{n} warnings; see: sinjai-ops validate {paths}",
                o.warnings,
                paths=paths[o.name],
            )
            err.print(f"[yellow]{escape(note)}[/yellow]")


class _Progress:
    """A progress bar with its ETA on standard error when a person watches it (a terminal,
    not CI); the retries are told in any case, unless quiet."""

    def __init__(self, total: int, lang: str, quiet: bool) -> None:
        import os

        from rich.markup import escape

        from sinjai_ops.cli.output import console
        from sinjai_ops.i18n import say

        self.lang, self.quiet = lang, quiet
        self.err = console(stderr=True)
        self.bar: Any = None
        if self.err.is_terminal and not os.environ.get("CI") and not quiet:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=self.err,
            )
            self.task = self.bar.add_task(escape(say(lang, "Planning")), total=total)

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def started(self, job: Job) -> None:
        pass

    def retried(self, job: Job, why: str) -> None:
        if self.quiet:
            return
        from rich.markup import escape

        from sinjai_ops.i18n import say

        said = say(
            self.lang,
            "{name}: the worker died ({why}); planning it once more",
            name=job.name,
            why=why,
        )
        target = self.bar.console if self.bar is not None else self.err
        target.print(f"[yellow]{escape(said)}[/yellow]")

    def finished(self, outcome: Outcome) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=outcome.name)
