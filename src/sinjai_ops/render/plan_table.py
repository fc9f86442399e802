"""The plan at the terminal: the briefing screen first (rival conflicts, heads per shift and
site, the BKO request with its causes and remedies, the summary), then the detail."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
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
from sinjai_ops.render.received import joint_lines, members_on_duty
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


def _lines(text: str, width: int) -> int:
    """The lines `text` takes wrapped at word breaks in `width` columns."""
    lines, used = 1, -1
    for part in text.split():
        if len(part) > width:
            return len(text)  # a word cut in two: never chosen
        if used + 1 + len(part) > width:
            lines, used = lines + 1, len(part)
        else:
            used += 1 + len(part)
    return lines


def _fit_headers(headers: list[str], cells: list[int], room: int) -> list[int] | None:
    """Widths for columns whose headers wrap, as few header lines as `room` columns allow
    (rich alone narrows the longest header most, to four lines where two would do); None when
    every header fits on one line, or when no count of lines fits."""
    if sum(max(len(h), c) for h, c in zip(headers, cells, strict=True)) <= room:
        return None
    for lines in range(2, max((len(h.split()) for h in headers), default=1) + 1):
        widths = [
            max(c, next(w for w in range(1, len(h) + 1) if _lines(h, w) <= lines))
            for h, c in zip(headers, cells, strict=True)
        ]
        if sum(widths) <= room:
            return widths
    return None


class _Fitted:
    """A table built for the width it is printed at (the headers wrapped evenly)."""

    def __init__(self, build: Callable[[int], Table]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        yield self.build(options.max_width)


def _room(width: int, fixed: list[int], columns: int) -> int:
    """What is left for the wrapping columns of a SIMPLE_HEAD table without edges: each column
    padded by one on each side, one blank between columns."""
    return width - sum(fixed) - 2 * columns - (columns - 1)


def _overview(plan: Plan, lang: str) -> list[RenderableType]:
    """Heads filled of needed per shift and site, the totals bold under them (no line between:
    at 80 x 40 the first screen holds the summary and the whole overview)."""
    view = overview(plan, lang)
    rows = [(day, shift, [cell(f, m) for f, m in cells]) for day, shift, cells in view.rows]
    totals = [cell(f, m) for f, m in view.totals]
    dates = [word(lang, "date"), word(lang, "total"), *(r[0] for r in rows)]
    shifts = [word(lang, "shift"), *(r[1] for r in rows)]
    fixed = [max(map(len, dates)), max(map(len, shifts))]
    sites = [max(map(len, [t, *(r[2][i] for r in rows)])) for i, t in enumerate(totals)]

    def build(width: int) -> Table:
        widths = _fit_headers(view.sites, sites, _room(width, fixed, 2 + len(sites)))
        table = Table(
            title=word(lang, "overview"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
        )
        table.add_column(word(lang, "date"), no_wrap=True)
        table.add_column(word(lang, "shift"), no_wrap=True)
        for i, name in enumerate(view.sites):
            table.add_column(
                name, justify="right", no_wrap=False, width=widths[i] if widths else None
            )
        for (day, shift, texts), (_, _, cells) in zip(rows, view.rows, strict=True):
            table.add_row(
                day,
                shift,
                *(
                    Text(t, style="bold red" if m else "")
                    for t, (_, m) in zip(texts, cells, strict=True)
                ),
            )
        if rows:
            table.add_row(
                Text(word(lang, "total"), style="bold"),
                "",
                *(
                    Text(t, style="bold red" if m else "bold")
                    for t, (_, m) in zip(totals, view.totals, strict=True)
                ),
            )
        return table

    return [_Fitted(build), Text("\n".join(key_lines(plan, lang)))]


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
    officers = len({a.nrp for a in plan.assignments}) + members_on_duty(plan)
    rows = [
        (short_date(lang, d.date), str(d.officers), str(d.heads), str(d.filled), str(d.bko))
        for d in days
    ]
    if len(days) > 1:
        # The operation's total, bold under the days: the officers each counted once.
        heads = sum(d.heads for d in days)
        filled = sum(d.filled for d in days)
        bko = sum(d.bko for d in days)
        total = (word(lang, "total"), str(officers), str(heads), str(filled), str(bko))
    keys = ("officers", "heads", "filled", "bko")
    headers = [sprin_word(lang, key) for key in keys]
    every = [*rows, total] if len(days) > 1 else rows
    fixed = [max([len(sprin_word(lang, "day")), *(len(r[0]) for r in every)])]
    cells = [max((len(r[i]) for r in every), default=0) for i in range(1, 5)]

    def build(width: int) -> Table:
        widths = _fit_headers(headers, cells, _room(width, fixed, 5))
        table = Table(
            title=word(lang, "summary"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            padding=(0, 1),
        )
        table.add_column(sprin_word(lang, "day"), no_wrap=True)
        for i, header in enumerate(headers):
            table.add_column(header, justify="right", width=widths[i] if widths else None)
        for row, d in zip(rows, days, strict=True):
            table.add_row(*row[:4], Text(row[4], style="bold red") if d.bko else "0")
        if len(days) > 1:
            table.add_row(*total, style="bold")
        return table

    return [_Fitted(build)]


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
        joint = [Text(line) for line in joint_lines(plan, lang)]
        return Group(*parts, *_per_day(plan, lang), *warning, *_bko(plan, lang), *joint)
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
