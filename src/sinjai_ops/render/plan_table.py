"""The plan at the terminal: the briefing screen first (rival conflicts, heads per shift and
site, the BKO request with its causes and remedies, the summary), then the detail."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import short_date, skill_label, word
from sinjai_ops.render.plan_rows import (
    by_person,
    by_slot,
    cause_line,
    cell,
    change_rows,
    conflict_lines,
    key_lines,
    overview,
    remedy_lines,
    site_name,
    summary_lines,
    visit_or_post,
)
from sinjai_ops.render.sprin import day_figures, sprin_word
from sinjai_ops.render.view import View

_QUALITY = N_("The plan's quality and the load per officer")

_WHOLE = {"nrp", "date", "shift", "missing"}
"""Columns never wrapped: an NRP, a date or a time cut in two is misread."""


def _table(title: str | None, keys: list[str], lang: str, **style: str) -> Table:
    table = Table(title=title, title_justify="left", **style)  # type: ignore[arg-type]
    for key in keys:
        table.add_column(word(lang, key), no_wrap=key in _WHOLE, overflow="fold")
    return table


def _overview(plan: Plan, lang: str) -> list[RenderableType]:
    """Heads filled of needed per shift and site, the totals bold under them (no line between:
    at 80 x 40 the first screen holds the summary and the whole overview)."""
    view = overview(plan, lang)
    table = Table(
        title=word(lang, "overview"), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False
    )
    table.add_column(word(lang, "date"), no_wrap=True)
    table.add_column(word(lang, "shift"), no_wrap=True)
    for name in view.sites:
        table.add_column(name, justify="right", no_wrap=False)
    for day, shift, cells in view.rows:
        table.add_row(
            day,
            shift,
            *(Text(cell(f, m), style="bold red" if m else "") for f, m in cells),
        )
    if view.rows:
        totals = [Text(cell(f, m), style="bold red" if m else "bold") for f, m in view.totals]
        table.add_row(Text(word(lang, "total"), style="bold"), "", *totals)
    return [table, Text("\n".join(key_lines(plan, lang)))]


def _bko(plan: Plan, lang: str) -> list[RenderableType]:
    if not plan.reinforcements:
        return [Text(word(lang, "no_shortfall"), style="green")]
    bko = Table(title=word(lang, "bko"), title_justify="left", border_style="red")
    for key in ("date", "shift", "post", "skill", "missing"):
        bko.add_column(word(lang, key), no_wrap=key in _WHOLE)
    # The cause in one short line; the full causes are in the JSON, Markdown and report.
    bko.add_column(word(lang, "cause"), no_wrap=True, overflow="ellipsis")
    for line in plan.reinforcements:
        where = f"{site_name(plan, line.site)}: {visit_or_post(plan.names, line.post, lang)}"
        bko.add_row(
            short_date(lang, line.date),
            line.shift,
            where,
            skill_label(lang, line.skill),
            str(line.missing),
            cause_line(line, lang),
        )
    parts: list[RenderableType] = [bko]
    remedies = remedy_lines(plan, lang)
    if remedies:
        parts.append(Text(word(lang, "remedies") + ":\n" + "\n".join(f"- {r}" for r in remedies)))
    return parts


def _per_day(plan: Plan, lang: str) -> list[RenderableType]:
    """The summary that opens the screen: per day the officers on duty (people, each once a
    day) and the shift-posts (jabatan-shift: one officer at one post for one shift) needed,
    filled and asked of the BKO; the operation's totals under them."""
    days = [d for d in day_figures(plan) if d.heads]
    table = Table(
        title=word(lang, "summary"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1),
    )
    heads = sum(d.heads for d in days)
    filled = sum(d.filled for d in days)
    bko = sum(d.bko for d in days)
    officers = len({a.nrp for a in plan.assignments})
    table.add_column(sprin_word(lang, "day"), no_wrap=True)
    for key in ("officers", "heads", "filled", "bko"):
        table.add_column(sprin_word(lang, key), justify="right")
    for d in days:
        table.add_row(
            short_date(lang, d.date),
            str(d.officers),
            str(d.heads),
            str(d.filled),
            Text(str(d.bko), style="bold red") if d.bko else "0",
        )
    if len(days) > 1:
        # The operation's total, bold under the days: the officers each counted once.
        totals = (word(lang, "total"), officers, heads, filled, bko)
        table.add_row(*(str(v) for v in totals), style="bold")
    return [table]


def _summary(plan: Plan, lang: str) -> Table:
    summary = Table(title=say(lang, _QUALITY), title_justify="left", show_header=False)
    summary.add_column()
    summary.add_column()
    for label, value in summary_lines(plan, lang):
        summary.add_row(label, value)
    return summary


def _detail(plan: Plan, view: View) -> list[RenderableType]:
    lang = view.lang
    parts: list[RenderableType] = []
    if view.by == "person":
        table = _table(
            word(lang, "schedule"), ["nrp", "name", "date", "shift", "site", "post", "skill"], lang
        )
        for person in by_person(plan, lang):
            for i, duty in enumerate(person.duties):
                who = [person.nrp, f"{person.rank} {person.name}, {person.unit}"]
                table.add_row(*(who if i == 0 else ["", ""]), *duty)
        return [table]
    for slot in by_slot(plan, lang):
        table = _table(slot.title, ["post", "skill", "rank", "name", "nrp"], lang)
        for r in slot.rows:
            if r.missing:
                table.add_row(
                    r.post,
                    r.skill,
                    "",
                    word(lang, "shortfall", n=r.missing),
                    "",
                    style="bold red",
                )
            else:
                table.add_row(r.post, r.skill, r.rank, r.name, r.nrp)
        parts.append(table)
        if slot.leader:
            parts.append(Text(f"{word(lang, 'roll_call')}: {slot.leader}"))
    return parts


def as_table(plan: Plan, view: View) -> RenderableType:
    """The summary first (officers and shift-posts per day) and the overview (heads per
    shift and site), then the conflicts, the BKO request and the plan's quality, then the
    detail: at 80 x 40 the first screen holds the summary and the overview."""
    lang = view.lang
    parts: list[RenderableType] = [Text(f"{word(lang, 'plan')}: {plan.operation}", style="bold")]
    conflicts = conflict_lines(plan, lang)
    warning: list[RenderableType] = []
    if conflicts:
        warning.append(
            Panel(
                Text("\n".join(f"! {c}" for c in conflicts), style="bold red"),
                title=word(lang, "conflicts"),
                border_style="red",
            )
        )
    if view.summary_only:
        return Group(*parts, *_per_day(plan, lang), *warning, *_bko(plan, lang))
    if view.overview:
        # The first screen: the summary and the overview; then what they mean.
        parts += _per_day(plan, lang)
        table, keys = _overview(plan, lang)
        parts += [table, Text(sprin_word(lang, "heads_note"), style="dim"), *warning, keys]
        parts += _bko(plan, lang)
        parts.append(_summary(plan, lang))
    else:
        parts += warning
    if plan.changes is not None:
        rows = change_rows(plan, lang)
        if rows:
            moves = _table(
                word(lang, "changes"),
                ["date", "shift", "name", "before", "after"],
                lang,
                border_style="yellow",
            )
            for row in rows:
                moves.add_row(*row)
            parts.append(moves)
        else:
            parts.append(Text(word(lang, "no_changes"), style="green"))
    if view.detail:
        parts += _detail(plan, view)
    if not view.overview:
        parts += _bko(plan, lang)
        parts.append(_summary(plan, lang))
    return Group(*parts)
