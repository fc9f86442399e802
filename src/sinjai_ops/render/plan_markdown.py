"""The plan as Markdown, ready to paste into a Renpam or a chat (tables through tabulate)."""

from __future__ import annotations

from tabulate import tabulate

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


def as_markdown(plan: Plan, view: View) -> str:
    lang = view.lang
    out = [f"# {word(lang, 'plan')}: {plan.operation}", ""]
    conflicts = conflict_lines(plan, lang)
    if conflicts:
        out += [f"## {word(lang, 'conflicts')}", ""]
        out += [f"- **{line}**" for line in conflicts] + [""]
    if view.by == "person":
        out += [f"## {word(lang, 'schedule')}", ""]
        for person in by_person(plan):
            out += [f"### {person.rank} {person.name} ({person.nrp}), {person.unit}", ""]
            headers = [word(lang, k) for k in ("date", "shift", "site", "post", "skill")]
            out += [
                tabulate(person.duties, headers=headers, tablefmt="pipe", disable_numparse=True),
                "",
            ]
    else:
        for slot in by_slot(plan, lang):
            out += [f"## {slot.title}", ""]
            if slot.commander:
                out += [f"{word(lang, 'commander')}: {slot.commander}", ""]
            headers = [word(lang, k) for k in ("site", "post", "skill", "rank", "name", "nrp")]
            body = [
                [r.site, r.post, r.skill, r.rank, r.name, r.nrp]
                if not r.missing
                else [
                    r.site,
                    r.post,
                    r.skill,
                    "",
                    f"**{word(lang, 'shortfall', n=r.missing)}**",
                    "",
                ]
                for r in slot.rows
            ]
            out += [tabulate(body, headers=headers, tablefmt="pipe", disable_numparse=True), ""]
    if plan.changes is not None:
        out += [f"## {word(lang, 'changes')}", ""]
        rows = change_rows(plan, lang)
        headers = [word(lang, k) for k in ("date", "shift", "name", "before", "after")]
        out += [
            tabulate(rows, headers=headers, tablefmt="pipe", disable_numparse=True)
            if rows
            else word(lang, "no_changes"),
            "",
        ]
    out += [f"## {word(lang, 'bko')}", ""]
    if plan.reinforcements:
        headers = [word(lang, k) for k in ("date", "shift", "site", "skill", "missing")]
        body = [
            [long_date(lang, r.date), r.shift, r.site, r.skill, str(r.missing)]
            for r in plan.reinforcements
        ]
        out += [tabulate(body, headers=headers, tablefmt="pipe", disable_numparse=True), ""]
    else:
        out += [word(lang, "no_shortfall"), ""]
    out += [f"## {word(lang, 'summary')}", ""]
    out += [f"- {label}: {value}" for label, value in summary_lines(plan, lang)]
    return "\n".join(out) + "\n"
