"""The checklist for people (terminal table, Markdown with boxes, CSV) and for scripts (JSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from itertools import groupby

import yaml
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.checklist import Checklist, Item, ItemOwner
from sinjai_ops.render.labels import long_date, word
from sinjai_ops.render.view import View

_ROLES = {
    "operation-commander": N_("Operation commander"),
    "unit-head": N_("Unit head"),
    "site-commander": N_("Roll-call leader"),
    "post-commander": N_("Post commander"),
    "escort-leader": N_("Escort leader"),
    "operation-role": N_("Operation role"),
    "task-force-head": N_("Task force head"),
    "padal": N_("Padal"),
}
_WARNINGS = N_("Warnings: what the plan, as it stands, cannot have done in time")


def owner_label(owner: ItemOwner, lang: str) -> str:
    role = say(lang, _ROLES[owner.role])
    if owner.role == "unit-head" and owner.unit:
        # Kasat Intelkam, Kabag Ops, Kasi Propam: the Indonesian title is Ka- and the unit.
        unit = owner.unit
        role = f"Ka{unit[0].lower()}{unit[1:]}" if lang == "id" else f"Head of {unit}"
        return f"{role}: {owner.rank} {owner.name} ({owner.nrp})" if owner.nrp else role
    if owner.nrp:
        return f"{role}: {owner.rank} {owner.name} ({owner.nrp})"
    return f"{role}: {owner.unit}" if owner.unit else role


def _days(checklist: Checklist) -> list[tuple[str, list[Item]]]:
    return [
        (day, list(items))
        for day, items in groupby(checklist.items, key=lambda i: i.due.date().isoformat())
    ]


def _warning_lines(checklist: Checklist, lang: str) -> list[str]:
    """Each warning with its moment, place and template, for the head of a view."""
    return [
        f"{i.due:%Y-%m-%d %H:%M}{f' {i.site_name}' if i.site_name else ''}: "
        f"{(i.warning or {}).get(lang, '')} ({i.template})"
        for i in checklist.warnings()
    ]


def as_table(checklist: Checklist, view: View) -> RenderableType:
    lang = view.lang
    parts: list[RenderableType] = [
        Text(f"{word(lang, 'checklist')}: {checklist.operation}", style="bold")
    ]
    warnings = _warning_lines(checklist, lang)
    if warnings:
        parts.append(Text(say(lang, _WARNINGS), style="bold red"))
        parts += [Text(f"- {line}", style="red") for line in warnings]
    for _, items in _days(checklist):
        table = Table(title=long_date(lang, items[0].due.date()), title_justify="left", expand=True)
        table.add_column(word(lang, "due"), no_wrap=True)
        # A site's name wraps between its words; the item keeps most of the width.
        table.add_column(word(lang, "site"), max_width=12)
        # The item is what the officer reads: the owner's column is kept narrow for it.
        table.add_column(word(lang, "owner"), overflow="fold", max_width=26)
        table.add_column(word(lang, "item"), overflow="fold", ratio=1)
        for item in items:
            table.add_row(
                f"{item.due:%H:%M}",
                item.site_name or "-",
                owner_label(item.owner, lang),
                item.text[lang],
            )
        parts.append(table)
    return Group(*parts)


def as_markdown(checklist: Checklist, view: View) -> str:
    lang = view.lang
    out = [f"# {word(lang, 'checklist')}: {checklist.operation}", ""]
    warnings = _warning_lines(checklist, lang)
    if warnings:
        out += [f"## {say(lang, _WARNINGS)}", "", *(f"- {line}" for line in warnings), ""]
    for _, items in _days(checklist):
        out += [f"## {long_date(lang, items[0].due.date())}", ""]
        for item in items:
            where = f" [{item.site_name}]" if item.site_name else ""
            out.append(
                f"- [ ] **{item.due:%H:%M}**{where} {item.text[lang]}  \n"
                f"  _{owner_label(item.owner, lang)}; {word(lang, 'source')}: {item.template}, "
                f"{item.source[lang]}_"
            )
        out.append("")
    return "\n".join(out)


def as_csv(checklist: Checklist, view: View) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "due",
            "site",
            "owner_role",
            "owner_nrp",
            "owner_rank",
            "owner_name",
            "owner_unit",
            "text",
            "template",
            "source",
        ]
    )
    for i in checklist.items:
        o = i.owner
        writer.writerow(
            [
                i.due.isoformat(),
                i.site or "",
                o.role,
                o.nrp or "",
                o.rank or "",
                o.name or "",
                o.unit or "",
                i.text[view.lang],
                i.template,
                i.source[view.lang],
            ]
        )
    return buffer.getvalue()


def _data(checklist: Checklist, view: View) -> dict[str, object]:
    lang = view.lang
    return {
        "operation": checklist.operation,
        "language": lang,
        "items": [
            {
                "due": i.due.isoformat(),
                "site": i.site,
                "owner": i.owner.model_dump(),
                "text": i.text[lang],
                "template": i.template,
                "source": i.source[lang],
                "called_by": i.called_by.model_dump() if i.called_by else None,
                "warning": i.warning[lang] if i.warning else None,
            }
            for i in checklist.items
        ],
        "warnings": [
            {"due": i.due.isoformat(), "site": i.site, "template": i.template, "text": w[lang]}
            for i in checklist.items
            if (w := i.warning)
        ],
    }


def as_json(checklist: Checklist, view: View) -> str:
    return json.dumps(_data(checklist, view), ensure_ascii=False, indent=2) + "\n"


def as_yaml(checklist: Checklist, view: View) -> str:
    return yaml.safe_dump(_data(checklist, view), sort_keys=False, allow_unicode=True, width=100)


def as_xlsx(checklist: Checklist, view: View) -> bytes:
    from sinjai_ops.render.plan_xlsx import checklist_xlsx

    return checklist_xlsx(checklist, view)


CHECKLIST_RENDERERS: dict[str, Callable[[Checklist, View], str | bytes | RenderableType]] = {
    "table": as_table,
    "markdown": as_markdown,
    "csv": as_csv,
    "json": as_json,
    "yaml": as_yaml,
    "xlsx": as_xlsx,
}
