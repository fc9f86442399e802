"""What a command writes: to the terminal, to a file (atomically, with the user's permissions,
never replacing a device), the problems of invalid input and the usage errors."""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console, ConsoleOptions, RenderableType
from rich.markup import escape
from rich.segment import Segment
from rich.text import Text

from sinjai_ops.cli.app import (
    EXIT_INVALID,
    EXIT_USAGE,
)
from sinjai_ops.cli.app import language_for as language_for
from sinjai_ops.cli.app import run_language as run_language
from sinjai_ops.cli.formats import choose_format as choose_format
from sinjai_ops.cli.formats import html_output as html_output
from sinjai_ops.controls import defused, json_defused, visible
from sinjai_ops.i18n import Msg, plural, say, t, why
from sinjai_ops.render.problems import PROBLEM_RENDERERS, problem_line

if TYPE_CHECKING:
    # Only named in annotations: the pipeline and the plan's renderers are imported by the
    # commands that need them, never by `--help`.
    from sinjai_ops import pipeline
    from sinjai_ops.render import Rendered


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
    # rich drops colour by itself for NO_COLOR and for output that is not a terminal. No
    # emoji codes: `roster.yaml:100:5:` is a place, not `:100:` (rich's 💯).
    return ShownConsole(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def fail_usage(message: Msg) -> None:
    """A misused command line (exit 2), told in the run's language (`run_language`). An
    argument it echoes shows its control characters escaped (`\\x1b`)."""
    lang = run_language()
    label, said = escape(say(lang, "error:")), escape(visible(message.say(lang)))
    console(stderr=True).print(f"[red]{label}[/red] {said}", markup=True)
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
            fail_usage(t("cannot write {path}: {why}", path=str(path), why=why(exc)))
        return
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        fail_usage(t("cannot write {path}: {why}", path=str(path), why=why(exc)))
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            fail_usage(t("cannot write {path}: {why}", path=str(path), why=why(exc)))
        raise


def scenario_language(lang: str | None, paths: Sequence[Path]) -> str:
    """`language_for` a command on a scenario, before its files are checked: the operation's
    `language:` is read first, so that even the spinner speaks it."""
    from sinjai_ops import pipeline

    return language_for(lang, pipeline.language_of(paths))


def report_invalid(checked: pipeline.Checked, paths: Sequence[Path], lang: str | None) -> None:
    """Every problem on standard error, in the reader's language; exit 1."""
    language = language_for(lang, checked.language)
    text = PROBLEM_RENDERERS["text"](checked.problems, [str(p) for p in paths], language)
    console(stderr=True).print(text, end="", markup=True)
    raise typer.Exit(EXIT_INVALID)


def mention_warnings(checked: pipeline.Checked, paths: Sequence[Path], lang: str | None) -> None:
    """One line on standard error that warnings exist, and how to read them; the notes that
    `validate` cannot give (about a plan file read beside the scenario) in full."""
    said = language_for(lang, checked.language)
    for found in checked.notes:
        console(stderr=True).print(f"[yellow]{escape(problem_line(found, said))}[/yellow]")
    count = sum(p.severity == "warning" for p in checked.problems)
    if count:
        shown = escape(" ".join(str(p) for p in paths))
        note = plural(
            said,
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
        fail_usage(t("cannot make {path}: {why}", path=str(path), why=why(exc)))


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """One new file of a folder being made (the folder is not yet in its place)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def write_folder_atomically(path: Path, files: dict[str, bytes], suffix: str) -> None:
    """Make `path` a folder holding exactly `files`, all of them or none.

    They are written into a temporary folder beside `path`, which is renamed into place once
    every file is in it: a full disk or a crash midway leaves `path` as it was. An existing
    folder is replaced only when it holds nothing but files ending in `suffix` (what an earlier
    run wrote); one holding anything else is refused (exit 2) and left alone, so that `-o ~`
    never deletes a person's files. A folder that cannot be written is exit 2 too.
    """
    if path.exists() and not path.is_dir():
        fail_usage(t("{path} is not a folder", path=str(path)))
    if path.is_dir():
        others = sorted(
            p.name for p in path.iterdir() if not (p.is_file() and p.name.endswith(suffix))
        )
        if others:
            fail_usage(
                t(
                    "{path} holds more than {suffix} files ({others}); it would be replaced "
                    "as a whole: give a new or empty folder",
                    path=str(path),
                    suffix=suffix,
                    others=", ".join(others[:3]) + (", ..." if len(others) > 3 else ""),
                )
            )
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        made = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        fail_usage(t("cannot make {path}: {why}", path=str(path), why=why(exc)))
        return
    old: Path | None = None
    try:
        folder_mode = _mode_for(path) if path.is_dir() else 0o777 & ~_umask()
        file_mode = 0o666 & ~_umask()
        for name, data in sorted(files.items()):
            _write_new(made / name, data, file_mode)
        os.chmod(made, folder_mode)
        if path.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=parent))
            os.rename(path, old / path.name)
        os.rename(made, path)
    except BaseException as exc:
        shutil.rmtree(made, ignore_errors=True)
        if old is not None:
            if not path.exists() and (old / path.name).exists():
                os.rename(old / path.name, path)
            shutil.rmtree(old, ignore_errors=True)
        if isinstance(exc, OSError):
            fail_usage(t("cannot write {path}: {why}", path=str(path), why=why(exc)))
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
        import yaml

        data = yaml.safe_load(rendered)
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=100)
    return rendered


def on_a_terminal() -> bool:
    """Standard output is a terminal a person reads (not a pipe, a file or a test's runner)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _page(text: str) -> bool:
    """`text` through the pager (`PAGER`, else `less -R`, which passes the colours); False
    when there is none to run, and the text is printed as it is."""
    command = shlex.split(os.environ.get("PAGER") or "less -R")
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # colours; quit when it fits; leave the screen as it was
    try:
        subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
    except OSError:
        return False
    return True


def needs_output(fmt: str, output: Path | None) -> None:
    """A workbook or calendars need `-o`: said before any work is done."""
    if output is None and fmt == "ics":
        fail_usage(t("calendars are written into a folder: give -o FOLDER"))
    if output is None and fmt == "xlsx":
        fail_usage(t("a workbook is written to a file: give -o FILE.xlsx"))


def emit(rendered: Rendered, output: Path | None, fmt: str, pager: bool = False) -> None:
    """What a command made, in format `fmt`, to standard output or to `output`. With `pager`,
    a view for people longer than the terminal goes through the pager when standard output is
    a terminal (never when it is piped, never into a file)."""
    needs_output(fmt, output)  # the commands say it before any work; this keeps emit honest
    rendered = for_people(rendered, fmt)
    if isinstance(rendered, dict):
        assert output is not None
        write_folder_atomically(output, rendered, ".ics")
        return
    if isinstance(rendered, bytes):
        assert output is not None
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
        screen = ShownConsole(highlight=False, soft_wrap=False)
        if pager and on_a_terminal():
            with screen.capture() as captured:
                screen.print(rendered)
            text = captured.get()
            if text.count("\n") < screen.height or not _page(text):
                sys.stdout.write(text)
            return
        screen.print(rendered)
        return
    buffer = io.StringIO()
    ShownConsole(file=buffer, width=120, color_system=None, force_terminal=False).print(rendered)
    write_atomically(output, buffer.getvalue())
