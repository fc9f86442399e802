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
from sinjai_ops.render.plan_changes import change_rows
from sinjai_ops.render.plan_rows import (
    by_person,
    by_slot,
    cause_line,
    cell,
    conflict_lines,
    key_lines,
    overview,
    remedy_lines,
    site_name,
    summary_lines,
    visit_or_post,
)
from sinjai_ops.render.received import joint_lines, members_on_duty
from sinjai_ops.render.sprin import day_figures, plotted, sprin_word
from sinjai_ops.render.view import View
from sinjai_ops.render.voting_rows import tps_missing
from sinjai_ops.render.voting_table import voting_bko, voting_detail, voting_overview

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
    """A table built for the width it is printed at (the headers wrapped evenly); or tables,
    where one would not fit."""

    def __init__(self, build: Callable[[int], Table | list[Table]]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        built = self.build(options.max_width)
        yield from built if isinstance(built, list) else [built]


def _bands(headers: list[str], cells: list[int], width: int, fixed: list[int]) -> list[range]:
    """The site columns cut into bands that each fit `width` beside the fixed columns, their
    headers wrapped as `_fit_headers` does (one band where they all fit)."""

    def fits(part: range) -> bool:
        h, c = [headers[i] for i in part], [cells[i] for i in part]
        room = _room(width, fixed, len(fixed) + len(part))
        return sum(max(len(x), y) for x, y in zip(h, c, strict=True)) <= room or bool(
            _fit_headers(h, c, room)
        )

    bands: list[range] = []
    start = 0
    while start < len(headers):
        end = start + 1
        while end < len(headers) and fits(range(start, end + 1)):
            end += 1
        bands.append(range(start, end))
        start = end
    return bands


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

    def band(width: int, part: range, title: bool) -> Table:
        names = [view.sites[i] for i in part]
        widths = _fit_headers(names, [sites[i] for i in part], _room(width, fixed, 2 + len(part)))
        table = Table(
            title=word(lang, "overview") if title else None,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
        )
        table.add_column(word(lang, "date"), no_wrap=True)
        table.add_column(word(lang, "shift"), no_wrap=True)
        for i, name in enumerate(names):
            table.add_column(
                name, justify="right", no_wrap=False, width=widths[i] if widths else None
            )
        for (day, shift, texts), (_, _, cells) in zip(rows, view.rows, strict=True):
            table.add_row(
                day,
                shift,
                *(Text(texts[i], style="bold red" if cells[i][1] else "") for i in part),
            )
        if rows:
            table.add_row(
                Text(word(lang, "total"), style="bold"),
                "",
                *(Text(totals[i], style="bold red" if view.totals[i][1] else "bold") for i in part),
            )
        return table

    def build(width: int) -> Table | list[Table]:
        # Too many sites for one table at this width (a voting day's PPK warehouses): a table
        # per band of sites that fits, each with the dates and shifts, rather than cut cells.
        bands = _bands(view.sites, sites, width, fixed)
        if len(bands) <= 1:
            return band(width, range(len(view.sites)), True)
        return [band(width, part, k == 0) for k, part in enumerate(bands)]

    return [_Fitted(build), Text("\n".join(key_lines(plan, lang)))]


def _bko(plan: Plan, lang: str) -> list[RenderableType]:
    if not plan.reinforcements:
        # The TPS heads asked of the BKO have their own table (voting_table).
        return [] if tps_missing(plan) else [Text(word(lang, "no_shortfall"), style="green")]
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
    officers = len(plotted(plan)) + members_on_duty(plan)
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
    voting = voting_overview(plan, lang)
    if view.summary_only:
        bko = [*_bko(plan, lang), *voting_bko(plan, lang)]
        joint = [Text(line) for line in joint_lines(plan, lang)]
        return Group(*parts, *_per_day(plan, lang), *voting, *warning, *bko, *joint)
    if view.overview:
        # The first screen: the summary, the voting day and the overview; then what they mean.
        parts += _per_day(plan, lang)
        parts += voting
        table, keys = _overview(plan, lang)
        parts += [table, Text(sprin_word(lang, "heads_note"), style="dim"), *warning, keys]
        parts += [*_bko(plan, lang), *voting_bko(plan, lang)]
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
        parts += voting_detail(plan, lang)
    if not view.overview:
        parts += [*_bko(plan, lang), *voting_bko(plan, lang)]
        parts.append(_summary(plan, lang))
    return Group(*parts)
