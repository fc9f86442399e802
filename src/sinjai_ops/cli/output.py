"""What a command writes: to the terminal, to a file (atomically, with the user's permissions,
never replacing a device), the problems of invalid input and the usage errors."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import typer
import yaml
from rich.console import Console, ConsoleOptions, RenderableType
from rich.markup import escape
from rich.segment import Segment
from rich.text import Text

from sinjai_ops import pipeline
from sinjai_ops.cli.app import (
    EXIT_INVALID,
    EXIT_USAGE,
    Lang,
)
from sinjai_ops.controls import defused, json_defused, visible
from sinjai_ops.i18n import Msg, env_lang, plural, t
from sinjai_ops.render import Rendered
from sinjai_ops.render.problems import PROBLEM_RENDERERS


class ShownConsole(Console):
    """A console that shows a control character a value brought in (as `\\x1b`, `\\u202e`)
    and never sends it raw: its own colours and the layout's newlines pass. Text is escaped
    before it is measured, so that tables stay aligned."""

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(defused(text), **options)

    _depth = 0

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        # What a table or a group renders inside passes through here again on its way out:
        # it is looked at once, at the outermost call.
        if self._depth:
            yield from super().render(renderable, options)
            return
        self._depth += 1
        try:
            for segment in super().render(renderable, options):
                if segment.control or defused(segment.text) is segment.text:
                    yield segment
                else:
                    yield Segment(defused(segment.text), segment.style)
        finally:
            self._depth -= 1


def console(stderr: bool = False) -> Console:
    # rich drops colour by itself for NO_COLOR and for output that is not a terminal.
    return ShownConsole(stderr=stderr, highlight=False, soft_wrap=True)


def fail_usage(message: Msg) -> None:
    """A misused command line (exit 2), told in the language of the help (the environment's).
    An argument it echoes shows its control characters escaped (`\\x1b`)."""
    said = escape(visible(message.say(env_lang())))
    console(stderr=True).print(f"[red]error:[/red] {said}", markup=True)
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
            fail_usage(t("cannot write {path}: {why}", path=str(path), why=exc.strerror))
        return
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        fail_usage(t("cannot write {path}: {why}", path=str(path), why=exc.strerror))
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            fail_usage(t("cannot write {path}: {why}", path=str(path), why=exc.strerror))
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


def choose_format(given: str | None, output: Path | None, choices: list[str]) -> str:
    """The format asked for, else the one the output's extension names, else a table."""
    implied = _BY_EXTENSION.get(output.suffix.lower()) if output is not None else None
    if implied is not None and implied not in choices:
        implied = None
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


def language_for(lang: Lang | None, *fallbacks: str | None) -> str:
    """`--lang`, else the first language the inputs name (the operation's), else `LANG`'s."""
    if lang is not None:
        return str(lang.value)
    return next((f for f in fallbacks if f), None) or env_lang()


def report_invalid(checked: pipeline.Checked, paths: Sequence[Path], lang: Lang | None) -> None:
    """Every problem on standard error, in the reader's language; exit 1."""
    language = language_for(lang, checked.language)
    text = PROBLEM_RENDERERS["text"](checked.problems, [str(p) for p in paths], language)
    console(stderr=True).print(text, end="", markup=True)
    raise typer.Exit(EXIT_INVALID)


def mention_warnings(checked: pipeline.Checked, paths: Sequence[Path], lang: Lang | None) -> None:
    """One line on standard error that warnings exist, and how to read them."""
    count = sum(p.severity == "warning" for p in checked.problems)
    if count:
        shown = escape(" ".join(str(p) for p in paths))
        note = plural(
            language_for(lang, checked.language),
            "{n} warning; see: sinjai-ops validate {paths}",
            "{n} warnings; see: sinjai-ops validate {paths}",
            count,
            paths=shown,
        )
        console(stderr=True).print(f"[yellow]{note}[/yellow]")


def make_folder(path: Path) -> None:
    """A folder to write into, made when missing; a file in its place is a usage error."""
    if path.exists() and not path.is_dir():
        fail_usage(t("{path} is not a folder", path=str(path)))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail_usage(t("cannot make {path}: {why}", path=str(path), why=exc.strerror))


def for_people(rendered: Rendered, fmt: str) -> Rendered:
    """A text output whose values cannot bring a control character in: escaped (`\\x1b`) in
    Markdown, CSV and HTML; in JSON and YAML written as escapes that their readers read as the
    same strings (`\\u202e`). Rich renderables go through `ShownConsole`."""
    if not isinstance(rendered, str) or defused(rendered) is rendered:
        return rendered
    if fmt in ("markdown", "csv", "html"):
        return defused(rendered)
    if fmt == "json":
        return json_defused(rendered)
    if fmt == "yaml":
        # YAML escapes C0 and C1 controls by itself, not a bidi control; written again in
        # ASCII, every such character is a double-quoted escape.
        data = yaml.safe_load(rendered)
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=100)
    return rendered


def emit(rendered: Rendered, output: Path | None, fmt: str) -> None:
    """What a command made, in format `fmt`, to standard output or to `output`."""
    rendered = for_people(rendered, fmt)
    if isinstance(rendered, dict):
        if output is None:
            fail_usage(t("calendars are written into a folder: give -o FOLDER"))
            return
        make_folder(output)
        for name, data in sorted(rendered.items()):
            write_bytes_atomically(output / name, data)
        return
    if isinstance(rendered, bytes):
        if output is None:
            fail_usage(t("a workbook is written to a file: give -o FILE.xlsx"))
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
        ShownConsole(highlight=False, soft_wrap=False).print(rendered)
        return
    buffer = io.StringIO()
    ShownConsole(file=buffer, width=120, color_system=None, force_terminal=False).print(rendered)
    write_atomically(output, buffer.getvalue())
