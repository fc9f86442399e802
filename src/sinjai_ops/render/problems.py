"""The verdict of `validate` as text for people, JSON for scripts, annotations for GitHub."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from rich.markup import escape

from sinjai_ops.models.problem import Problem


def _counts(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(p.severity == "error" for p in problems)
    return errors, len(problems) - errors


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _visible(value: str) -> str:
    """What the input holds, shown and never obeyed: a newline, a tab or a terminal escape in a
    key or a value is printed as `\n`, `\t`, `\x1b`, so that one problem stays one line and
    the user's terminal is left alone."""
    return "".join(
        ch
        if ch.isprintable() or ch == " "
        else {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, f"\\x{ord(ch):02x}")
        for ch in value
    )


def _line(p: Problem) -> str:
    where = f"{_visible(p.path)}: " if p.path else ""
    return f"{p.file}:{p.line}:{p.column}: {p.severity}: {where}{_visible(p.message)}"


def text(problems: Sequence[Problem], checked: Sequence[str]) -> str:
    """One `FILE:LINE:COLUMN: severity: message` line per problem, then a summary (rich markup)."""
    lines = []
    for p in problems:
        style = "red" if p.severity == "error" else "yellow"
        lines.append(f"[{style}]{escape(_line(p))}[/{style}]")
    errors, warnings = _counts(problems)
    files = ", ".join(checked)
    if errors:
        lines.append(
            f"[bold red]invalid:[/bold red] {_plural(errors, 'error')}, "
            f"{_plural(warnings, 'warning')} in {escape(files)}"
        )
    else:
        lines.append(
            f"[bold green]valid:[/bold green] {escape(files)}"
            + (f" ({_plural(warnings, 'warning')})" if warnings else "")
        )
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem], checked: Sequence[str]) -> str:
    errors, warnings = _counts(problems)
    body = {
        "valid": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "checked": list(checked),
        "problems": [p.model_dump() for p in problems],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem], checked: Sequence[str]) -> str:
    """GitHub Actions workflow commands, escaped as the runner requires."""
    out = []
    for p in problems:
        where = f"{p.path}: " if p.path else ""
        out.append(
            f"::{p.severity} file={_escape_property(p.file)},line={p.line},col={p.column}"
            f"::{_escape_data(where + p.message)}"
        )
    errors, warnings = _counts(problems)
    out.append(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    return "\n".join(out) + "\n"


PROBLEM_RENDERERS: dict[str, Callable[[Sequence[Problem], Sequence[str]], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
