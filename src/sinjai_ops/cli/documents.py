"""`init`, `report`, the personnel office's sheet (`roster import`, `roster export`) and the
JSON Schemas for editors (`schema`): what the tool makes for people and other tools."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sinjai_ops.cli.app import (
    DEFAULT_TIME_LIMIT,
    EXIT_INVALID,
    LangOption,
    OutputOption,
    QuietOption,
    ScenarioPaths,
    TimeLimitOption,
    _,
    app,
)
from sinjai_ops.cli.help import PlainCommand, PlainGroup


@app.command(
    cls=PlainCommand, help=_("A new scenario with commented templates that validate as they stand.")
)
def init(
    folder: Annotated[
        Path, typer.Argument(help=_("The new scenario's folder."), show_default=False)
    ],
    lang: LangOption = None,
) -> None:
    from sinjai_ops import pipeline
    from sinjai_ops.cli.output import (
        console,
        fail_usage,
        language_for,
        make_folder,
        write_atomically,
    )
    from sinjai_ops.i18n import say, t

    language = language_for(lang)
    files = pipeline.init_files(language)
    taken = [name for name in files if (folder / name).exists()]
    if taken:
        fail_usage(
            t(
                "{folder} already holds {files}; init never overwrites a file",
                folder=str(folder),
                files=", ".join(taken),
            )
        )
    make_folder(folder)
    for name, text in files.items():
        write_atomically(folder / name, text)
    console(stderr=True).print(
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
    from sinjai_ops import pipeline
    from sinjai_ops.cli.arguments import solving
    from sinjai_ops.cli.output import (
        emit,
        html_output,
        language_for,
        mention_warnings,
        report_invalid,
        scenario_language,
    )
    from sinjai_ops.render.view import View

    scenario_language(lang, paths)
    html_output(output)
    reported = solving(lambda: pipeline.report(paths, time_limit, remedies))
    if reported.data is None:
        report_invalid(reported.checked, paths, lang)
        return
    language = language_for(lang, reported.data.plan.language)
    if not quiet:
        mention_warnings(reported.checked, paths, lang)
    from sinjai_ops.render.report_html import as_html

    emit(as_html(reported.data, View(lang=language)), output, "html")


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
        str | None, typer.Option(help=_("The sheet to read (default: the active one)."))
    ] = None,
    quiet: QuietOption = False,
    lang: LangOption = None,
) -> None:
    from sinjai_ops import pipeline
    from sinjai_ops.cli.output import (
        console,
        fail_usage,
        language_for,
        write_atomically,
    )
    from sinjai_ops.i18n import t
    from sinjai_ops.render.problems import PROBLEM_RENDERERS

    language = language_for(lang)
    if not file.exists():
        fail_usage(t("no such file: {path}", path=str(file)))
    try:
        text, problems = pipeline.roster_import(file, mapping, sheet)
    except pipeline.UsageError as exc:
        fail_usage(exc.msg)
        return
    shown = [p for p in problems if p.severity == "error" or not quiet]
    if shown:
        rendered = PROBLEM_RENDERERS["text"](shown, [str(file)], language)
        console(stderr=True).print(rendered, end="", markup=True)
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
    from sinjai_ops import pipeline
    from sinjai_ops.cli.output import (
        fail_usage,
        report_invalid,
        scenario_language,
        write_bytes_atomically,
    )

    scenario_language(lang, paths)
    try:
        checked = pipeline.check(paths)
        roster = pipeline.roster_of(paths)
    except pipeline.UsageError as exc:
        fail_usage(exc.msg)
        return
    problems = tuple(p for c in checked for p in c.problems)
    if roster is None or any(p.severity == "error" for p in problems):
        language = next((c.language for c in checked if c.language), None)
        report_invalid(pipeline.Checked(None, problems, language), paths, lang)
        return
    data, refused = pipeline.roster_export(roster, paths)
    if data is None:
        report_invalid(pipeline.Checked(None, tuple(refused)), paths, lang)
        return
    write_bytes_atomically(output, data)


@app.command(
    cls=PlainCommand,
    help=_(
        "JSON Schema of operation.yaml, roster.yaml, arrivals.yaml and units.yaml, for editors."
    ),
)
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Folder to write the *.schema.json files to."),
            metavar="FOLDER",
        ),
    ] = None,
) -> None:
    from sinjai_ops.cli.output import (
        console,
        make_folder,
        run_language,
        write_atomically,
    )
    from sinjai_ops.i18n import say
    from sinjai_ops.schema import schema_texts

    texts = schema_texts()
    if output is None:
        bundle = {name: json.loads(text) for name, text in texts.items()}
        sys.stdout.write(json.dumps(bundle, indent=2, sort_keys=True) + "\n")
        return
    make_folder(output)
    for name, text in texts.items():
        write_atomically(output / name, text)
    said = say(
        run_language(), "wrote {files} to {folder}", files=", ".join(texts), folder=str(output)
    )
    console(stderr=True).print(said, markup=False)
