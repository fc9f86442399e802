"""The plan at the terminal: rival conflicts on top, a table per shift, shortfalls in red."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import long_date, word
from sinjai_ops.render.plan_rows import (
    by_person,
    by_slot,
    change_rows,
    conflict_lines,
    summary_lines,
)
from sinjai_ops.render.view import View

_WHOLE = {"nrp", "date", "shift"}


def as_table(plan: Plan, view: View) -> RenderableType:
    lang = view.lang
    parts: list[RenderableType] = [Text(f"{word(lang, 'plan')}: {plan.operation}", style="bold")]
    conflicts = conflict_lines(plan, lang)
    if conflicts:
        parts.append(
            Panel(
                Text("\n".join(f"! {c}" for c in conflicts), style="bold red"),
                title=word(lang, "conflicts"),
                border_style="red",
            )
        )
    if view.by == "person":
        table = Table(title=word(lang, "schedule"), title_justify="left")
        for key in ("nrp", "name", "date", "shift", "site", "post", "skill"):
            # An NRP or a date cut short is worse than a narrow column elsewhere.
            table.add_column(word(lang, key), no_wrap=key in _WHOLE, overflow="fold")
        for person in by_person(plan):
            for i, duty in enumerate(person.duties):
                who = [person.nrp, f"{person.rank} {person.name}, {person.unit}"]
                table.add_row(*(who if i == 0 else ["", ""]), *duty)
        parts.append(table)
    else:
        for slot in by_slot(plan, lang):
            caption = f"{word(lang, 'commander')}: {slot.commander}" if slot.commander else None
            table = Table(
                title=slot.title, title_justify="left", caption=caption, caption_justify="left"
            )
            for key in ("site", "post", "skill", "rank", "name", "nrp"):
                table.add_column(word(lang, key), no_wrap=key in _WHOLE, overflow="fold")
            for r in slot.rows:
                if r.missing:
                    table.add_row(
                        r.site,
                        r.post,
                        r.skill,
                        "",
                        word(lang, "shortfall", n=r.missing),
                        "",
                        style="bold red",
                    )
                else:
                    table.add_row(r.site, r.post, r.skill, r.rank, r.name, r.nrp)
            parts.append(table)
    if plan.changes is not None:
        rows = change_rows(plan, lang)
        if rows:
            moves = Table(title=word(lang, "changes"), title_justify="left", border_style="yellow")
            for key in ("date", "shift", "name", "before", "after"):
                moves.add_column(word(lang, key), no_wrap=key in _WHOLE, overflow="fold")
            for row in rows:
                moves.add_row(*row)
            parts.append(moves)
        else:
            parts.append(Text(word(lang, "no_changes"), style="green"))
    if plan.reinforcements:
        bko = Table(title=word(lang, "bko"), title_justify="left", border_style="red")
        for key in ("date", "shift", "site", "skill", "missing"):
            bko.add_column(word(lang, key))
        for need in plan.reinforcements:
            bko.add_row(
                long_date(lang, need.date), need.shift, need.site, need.skill, str(need.missing)
            )
        parts.append(bko)
    else:
        parts.append(Text(word(lang, "no_shortfall"), style="green"))
    summary = Table(title=word(lang, "summary"), title_justify="left", show_header=False)
    summary.add_column()
    summary.add_column()
    for label, value in summary_lines(plan, lang):
        summary.add_row(label, value)
    parts.append(summary)
    return Group(*parts)
