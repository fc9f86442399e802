"""The verdict of `validate` as text for people, JSON for scripts, annotations for GitHub.

Messages are said in the reader's language (`lang`); JSON keeps its English keys, and its
`message` is in that language too: scripts key on file, line, column and severity."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sinjai_ops.controls import defused, json_defused, visible
from sinjai_ops.i18n import plural, say
from sinjai_ops.models.problem import Problem


def _counts(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(p.severity == "error" for p in problems)
    return errors, len(problems) - errors


def _errors(lang: str, n: int) -> str:
    return plural(lang, "{n} error", "{n} errors", n)


def _warnings(lang: str, n: int) -> str:
    return plural(lang, "{n} warning", "{n} warnings", n)


def problem_line(p: Problem, lang: str) -> str:
    """`FILE:LINE:COLUMN: severity: path: message` (`FILE:SHEET!CELL: ...` for a workbook's
    cell), plain (no markup)."""
    return _line(p, lang)


def _line(p: Problem, lang: str) -> str:
    # What the input holds is shown, never obeyed: a newline, a tab or a terminal escape in a
    # file name, a key or a value prints as \n, \t, \x1b, so one problem stays one line and
    # the user's terminal is left alone.
    where = f"{visible(p.path)}: " if p.path else ""
    said = visible(p.said(lang))
    # `error` and `warning` stay English in every language: editors and CI parse them.
    return f"{visible(p.where)}: {p.severity}: {where}{said}"


def text(problems: Sequence[Problem], checked: Sequence[str], lang: str = "en") -> str:
    """One `FILE:LINE:COLUMN: severity: message` line per problem, then a summary (rich markup)."""
    from rich.markup import escape

    return _verdict(problems, checked, lang, lambda style, s: f"[{style}]{s}[/{style}]", escape)


def plain(problems: Sequence[Problem], checked: Sequence[str], lang: str = "en") -> str:
    """`text` as a console that shows no colours prints it: the same lines, without markup
    (nothing of rich is imported for it)."""
    return _verdict(problems, checked, lang, lambda _style, s: s, lambda s: s)


def _verdict(
    problems: Sequence[Problem],
    checked: Sequence[str],
    lang: str,
    styled: Callable[[str, str], str],
    escape: Callable[[str], str],
) -> str:
    """The lines of `text`, each part given its style by `styled`; what comes from the inputs
    is passed through `escape` (rich markup's, or nothing)."""
    lines = []
    for p in problems:
        style = "red" if p.severity == "error" else "yellow"
        lines.append(styled(style, escape(_line(p, lang))))
    errors, warnings = _counts(problems)
    files = escape(visible(", ".join(checked)))
    if errors:
        verdict = say(
            lang,
            "{errors}, {warnings} in {files}",
            errors=_errors(lang, errors),
            warnings=_warnings(lang, warnings),
            files=files,
        )
        invalid = say(lang, "invalid:")
        lines.append(f"{styled('bold red', invalid)} {verdict}")
    else:
        counted = f" ({_warnings(lang, warnings)})" if warnings else ""
        valid = say(lang, "valid:")
        lines.append(f"{styled('bold green', valid)} {files}{counted}")
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem], checked: Sequence[str], lang: str = "en") -> str:
    errors, warnings = _counts(problems)
    body = {
        "valid": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "checked": list(checked),
        "problems": [
            {**p.model_dump(exclude_none=True), "message": p.said(lang)} for p in problems
        ],
    }
    return json_defused(json.dumps(body, ensure_ascii=False, indent=2)) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem], checked: Sequence[str], lang: str = "en") -> str:
    """GitHub Actions workflow commands, escaped as the runner requires."""
    out = []
    for p in problems:
        where = f"{p.path}: " if p.path else ""
        out.append(
            f"::{p.severity} file={_escape_property(defused(p.file))},line={p.line},"
            f"col={p.column}::{_escape_data(defused(where + p.said(lang)))}"
        )
    errors, warnings = _counts(problems)
    out.append(f"{_errors(lang, errors)}, {_warnings(lang, warnings)}")
    return "\n".join(out) + "\n"


PROBLEM_RENDERERS: dict[str, Callable[[Sequence[Problem], Sequence[str], str], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
