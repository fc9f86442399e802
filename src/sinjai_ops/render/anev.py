"""The daily evaluation (anev): JSON for scripts (`totals`, `absences`, ...), a table and
Markdown for the evening meeting."""

from __future__ import annotations

import json
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from tabulate import tabulate

from sinjai_ops.models.attendance import Evaluation
from sinjai_ops.render.labels import long_date, skill_label, word
from sinjai_ops.render.plan_rows import post_label, site_label
from sinjai_ops.render.view import View


def as_json(result: Evaluation, view: View) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _sections(result: Evaluation, lang: str) -> list[tuple[str, list[str], list[list[str]]]]:
    t = result.totals
    totals = [[str(t.planned), str(t.present), str(t.absent), str(t.late)]]
    lines = [
        [
            x.date.isoformat(),
            x.shift,
            site_label(result.names, x.site),
            skill_label(lang, x.skill),
            str(x.planned),
            str(x.present),
        ]
        for x in result.lines
        if x.planned != x.present
    ]
    away = [
        [
            a.date.isoformat(),
            a.shift,
            f"{a.name} ({a.nrp})",
            f"{site_label(result.names, a.site)} / {post_label(result.names, a.post, lang)}",
            a.reason or "-",
        ]
        for a in result.absences
    ]
    late = [
        [
            a.date.isoformat(),
            a.shift,
            f"{a.name} ({a.nrp})",
            f"{site_label(result.names, a.site)} / {post_label(result.names, a.post, lang)}",
            str(a.minutes or 0),
        ]
        for a in result.late
    ]
    empty = [
        [
            e.date.isoformat(),
            e.shift,
            f"{site_label(result.names, e.site)} / {post_label(result.names, e.post, lang)}",
            skill_label(lang, e.skill),
            f"{e.hours:g}",
            word(lang, f"empty_{e.why.replace(' ', '_')}"),
        ]
        for e in result.empty
    ]

    def w(*keys: str) -> list[str]:
        return [word(lang, k) for k in keys]

    return [
        (word(lang, "anev_totals"), w("planned", "present", "absent", "late_word"), totals),
        (
            word(lang, "anev_lines"),
            w("date", "shift", "site", "skill", "planned", "present"),
            lines,
        ),
        (word(lang, "anev_absences"), w("date", "shift", "name", "post", "cause"), away),
        (word(lang, "anev_late"), w("date", "shift", "name", "post", "minutes"), late),
        (word(lang, "anev_empty"), w("date", "shift", "post", "skill", "hours", "cause"), empty),
    ]


def _sessions(result: Evaluation, lang: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """The drill sessions marked: planned, drilled and absent, one row each (none without)."""
    if not result.sessions:
        return []
    rows = [
        [
            x.id,
            x.date.isoformat(),
            skill_label(lang, x.skill),
            str(len(x.planned)),
            str(len(x.drilled)),
            "; ".join(f"{a.name} ({a.nrp}): {a.reason or '-'}" for a in x.absences) or "-",
        ]
        for x in result.sessions
    ]
    keys = ("session", "date", "skill", "planned", "drilled", "anev_absences")
    return [(word(lang, "anev_sessions"), [word(lang, k) for k in keys], rows)]


def _records(result: Evaluation, lang: str) -> list[str]:
    """What the roster must record of each session held: its drilled officers' drill date."""
    return [
        word(lang, "anev_record", skill=x.skill, date=x.date.isoformat(), nrps=", ".join(x.drilled))
        for x in result.sessions
        if x.drilled
    ]


def _title(result: Evaluation, lang: str) -> str:
    days = ", ".join(long_date(lang, d) for d in result.days)
    return f"{word(lang, 'anev')}: {result.operation} - {days}"


def as_table(result: Evaluation, view: View) -> RenderableType:
    lang = view.lang
    parts: list[RenderableType] = [Text(_title(result, lang), style="bold")]
    for title, heads, rows in [*_sessions(result, lang), *_sections(result, lang)]:
        table = Table(title=title, title_justify="left")
        for head in heads:
            table.add_column(head)
        for row in rows:
            table.add_row(*row)
        parts.append(table if rows else Text(f"{title}: -"))
    parts.append(Text(word(lang, "anev_bko", n=result.bko_requested)))
    parts += [Text(line) for line in _records(result, lang)]
    return Group(*parts)


def as_markdown(result: Evaluation, view: View) -> str:
    lang = view.lang
    out = [f"# {_title(result, lang)}", ""]
    for title, heads, rows in [*_sessions(result, lang), *_sections(result, lang)]:
        out += [f"## {title}", ""]
        out += [
            tabulate(rows, headers=heads, tablefmt="pipe", disable_numparse=True) if rows else "-",
            "",
        ]
    out += [word(lang, "anev_bko", n=result.bko_requested), ""]
    out += [f"{line}\n" for line in _records(result, lang)]
    return "\n".join(out)


ANEV_RENDERERS: dict[str, Callable[[Evaluation, View], str | RenderableType]] = {
    "table": as_table,
    "markdown": as_markdown,
    "json": as_json,
}
