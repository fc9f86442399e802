"""Which format a command writes: the one asked for (`--format`), else the one the output's
name implies; an output named for a kind of file the command does not write is a usage error."""

from __future__ import annotations

from pathlib import Path

from sinjai_ops.i18n import NOTHING, t

_BY_EXTENSION = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "table",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
}
_EXTENSION_OF = {
    "table": ".txt",
    "markdown": ".md",
    "csv": ".csv",
    "json": ".json",
    "yaml": ".yaml",
    "xlsx": ".xlsx",
    "html": ".html",
}
_PRINTED = {".pdf", ".doc", ".docx", ".odt", ".rtf"}
"""Documents for print: the report is HTML, printed to PDF by a browser."""
_OTHER_TYPES = _PRINTED | {
    ".xls",
    ".xlsm",
    ".xlsb",
    ".ods",
    ".ics",
    ".pptx",
    ".ppt",
    ".png",
    ".jpg",
    ".jpeg",
    ".svg",
    ".tsv",
    ".xml",
    ".zip",
}
"""Extensions that name a kind of file no command writes to a file of that name."""


def _cannot_write(output: Path, choices: list[str]) -> None:
    """A usage error: the output's extension is one this command does not write."""
    from sinjai_ops.cli.output import fail_usage

    suffix = output.suffix.lower()
    written = [_EXTENSION_OF[c] for c in choices if c in _EXTENSION_OF]
    hint = NOTHING
    if suffix not in _BY_EXTENSION and suffix not in _OTHER_TYPES:
        hint = t("; to keep this name, give --format")
    elif suffix in _PRINTED:
        hint = t("; use `report -o FILE.html` and print it to PDF from the browser")
    elif suffix in (".html", ".htm"):
        hint = t("; the printable report is HTML: use `report -o FILE.html`")
    elif suffix in (".xls", ".xlsm", ".xlsb", ".ods") and "xlsx" in choices:
        hint = t("; write .xlsx (Excel and LibreOffice open it)")
    elif suffix == ".ics" and "ics" in choices:
        hint = t("; calendars are written into a folder: --format ics -o FOLDER")
    fail_usage(
        t(
            "cannot write {output}: this command does not write {suffix} files; it writes "
            "{extensions}{hint}",
            output=str(output),
            suffix=suffix,
            extensions=", ".join(written),
            hint=hint,
        )
    )


def html_output(output: Path) -> None:
    """The report is one HTML file: an output named for another kind is a usage error."""
    from sinjai_ops.cli.output import fail_usage

    suffix = output.suffix.lower()
    if suffix and suffix not in (".html", ".htm"):
        hint = t("; print the HTML to PDF from the browser") if suffix in _PRINTED else NOTHING
        fail_usage(
            t(
                "cannot write {output}: the report is an HTML file; use -o FILE.html{hint}",
                output=str(output),
                hint=hint,
            )
        )


def choose_format(given: str | None, output: Path | None, choices: list[str]) -> str:
    """The format asked for, else the one the output's extension names, else a table.

    An extension names what is in the file: one this command does not write (`plan.pdf`,
    `.docx`, `.xls`, `.xlsx` for a command without a workbook) is a usage error, never a
    table under that name; with --format, a name of the user's own (`plan.2024-08-27`, no
    extension, a device) takes that format, one that names another kind of file is refused.
    """
    from sinjai_ops.cli.output import fail_usage

    suffix = output.suffix.lower() if output is not None else ""
    implied = _BY_EXTENSION.get(suffix)
    if output is not None and implied not in (None, *choices):
        _cannot_write(output, choices)
    unknown = output is not None and implied is None and bool(suffix)
    if unknown and (given is None or suffix in _OTHER_TYPES):
        assert output is not None
        _cannot_write(output, choices)
    if given is not None and implied is not None and given != implied:
        fail_usage(
            t(
                "--format {given} does not match the output {output} (a {implied} file); "
                "drop --format, or name the file for {given}",
                given=given,
                output=str(output),
                implied=implied,
            )
        )
    return given or implied or "table"
