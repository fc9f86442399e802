"""The plan as Markdown, ready to paste into a Renpam or a chat (tables through tabulate)."""

from __future__ import annotations

from tabulate import tabulate

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import short_date, word
from sinjai_ops.render.plan_changes import change_rows
from sinjai_ops.render.plan_rows import (
    bko_rows,
    by_person,
    by_slot,
    cell,
    conflict_lines,
    key_lines,
    overview,
    remedy_lines,
    summary_lines,
)
from sinjai_ops.render.received import joint_lines, members_on_duty
from sinjai_ops.render.sprin import day_figures, plotted, sprin_word
from sinjai_ops.render.view import View
from sinjai_ops.render.voting_markdown import (
    voting_bko_md,
    voting_detail_md,
    voting_overview_md,
)
from sinjai_ops.render.voting_rows import tps_missing


def as_markdown(plan: Plan, view: View) -> str:
    lang = view.lang
    out = [f"# {word(lang, 'plan')}: {plan.operation}", ""]
    conflicts = conflict_lines(plan, lang)
    if conflicts:
        out += [f"## {word(lang, 'conflicts')}", ""]
        out += [f"- **{line}**" for line in conflicts] + [""]
    voting = voting_overview_md(plan, lang)
    bko = [*_bko(plan, lang), *voting_bko_md(plan, lang)]
    if view.summary_only:
        joint = [f"- {line}" for line in joint_lines(plan, lang)]
        parts = [*out, *_per_day(plan, lang), *voting, *bko, *joint]
        return "\n".join(parts).rstrip("\n") + "\n"
    if view.overview:
        out += _per_day(plan, lang)
        out += voting
        out += _overview(plan, lang)
        out += bko
        out += _summary(plan, lang)
    if view.detail:
        out += _detail(plan, view)
        out += voting_detail_md(plan, lang)
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
    if not view.overview:
        out += bko
        out += _summary(plan, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _per_day(plan: Plan, lang: str) -> list[str]:
    """The Kapolres' figures: per day the officers on duty (people, each once a day) and the
    shift-posts needed, filled and asked of the BKO, with the operation's totals."""
    days = [d for d in day_figures(plan) if d.heads]
    if not days:
        return []
    headers = [sprin_word(lang, k) for k in ("day", "officers", "heads", "filled", "bko")]
    body = [[short_date(lang, d.date), d.officers, d.heads, d.filled, d.bko] for d in days]
    if len(days) > 1:
        body.append(
            [
                f"**{word(lang, 'total')}**",
                len(plotted(plan)) + members_on_duty(plan),
                sum(d.heads for d in days),
                sum(d.filled for d in days),
                sum(d.bko for d in days),
            ]
        )
    table = tabulate(body, headers=headers, tablefmt="pipe", disable_numparse=True)
    return [f"## {word(lang, 'summary')}", "", table, "", sprin_word(lang, "heads_note"), ""]


def _overview(plan: Plan, lang: str) -> list[str]:
    view = overview(plan, lang)
    out = [f"## {word(lang, 'overview')}", ""]
    if view.rows:
        headers = [word(lang, "date"), word(lang, "shift"), *view.sites]
        body = [[day, shift, *(cell(f, m) for f, m in cells)] for day, shift, cells in view.rows]
        body.append([f"**{word(lang, 'total')}**", "", *(cell(f, m) for f, m in view.totals)])
        out += [tabulate(body, headers=headers, tablefmt="pipe", disable_numparse=True), ""]
    out += [f"- {line}" for line in key_lines(plan, lang)] + [""]
    return out


def _bko(plan: Plan, lang: str) -> list[str]:
    out = [f"## {word(lang, 'bko')}", ""]
    if not plan.reinforcements:
        # The TPS heads asked of the BKO have their own table (voting_markdown).
        return [] if tps_missing(plan) else [*out, word(lang, "no_shortfall"), ""]
    headers = [
        word(lang, k) for k in ("date", "shift", "site", "post", "skill", "missing", "cause")
    ]
    out += [
        tabulate(bko_rows(plan, lang), headers=headers, tablefmt="pipe", disable_numparse=True),
        "",
    ]
    remedies = remedy_lines(plan, lang)
    if remedies:
        out += [f"{word(lang, 'remedies')}:", "", *(f"- {r}" for r in remedies), ""]
    return out


def _summary(plan: Plan, lang: str) -> list[str]:
    out = [f"## {word(lang, 'summary')}", ""]
    return [*out, *(f"- {label}: {value}" for label, value in summary_lines(plan, lang)), ""]


def _detail(plan: Plan, view: View) -> list[str]:
    lang = view.lang
    out: list[str] = []
    if view.by == "person":
        out += [f"## {word(lang, 'schedule')}", ""]
        for person in by_person(plan, lang):
            out += [f"### {person.rank} {person.name} ({person.nrp}), {person.unit}", ""]
            headers = [word(lang, k) for k in ("date", "shift", "site", "post", "skill")]
            out += [
                tabulate(person.duties, headers=headers, tablefmt="pipe", disable_numparse=True),
                "",
            ]
    else:
        for slot in by_slot(plan, lang):
            out += [f"### {slot.title}", ""]
            if slot.leader:
                out += [f"{word(lang, 'roll_call')}: {slot.leader}", ""]
            headers = [word(lang, k) for k in ("post", "skill", "rank", "name", "nrp")]
            body = [
                [r.post, r.skill, r.rank, r.name, r.nrp]
                if not r.missing
                else [
                    r.post,
                    r.skill,
                    "",
                    f"**{word(lang, 'shortfall', n=r.missing)}**",
                    "",
                ]
                for r in slot.rows
            ]
            out += [tabulate(body, headers=headers, tablefmt="pipe", disable_numparse=True), ""]
    return out
