"""The list of changes against a baseline plan, as every view shows it."""

from __future__ import annotations

from sinjai_ops.models.plan import Duty, Plan
from sinjai_ops.render.labels import skill_label, word
from sinjai_ops.render.plan_names import post_name, site_name
from sinjai_ops.render.voting_rows import TPS_SHIFT, tps_duty_text


def kept_figures(plan: Plan) -> dict[str, int | None]:
    """The figures of the line on the baseline: its rows of changes are `changes`, those that
    had a duty before (`moved`) and those that had none (`called`)."""
    changes = plan.changes or []
    called = sum(1 for c in changes if c.before is None)
    return {
        "kept": plan.quality.kept,
        "changes": len(changes),
        "moved": len(changes) - called,
        "called": called,
    }


def change_rows(plan: Plan, lang: str) -> list[list[str]]:
    """(date, shift, officer, before, after) of every change from the baseline."""
    people = {p.nrp: p for p in plan.people}

    def duty(d: Duty | None, shift: str) -> str:
        if d is None:
            return word(lang, "off")
        if shift == TPS_SHIFT:
            return tps_duty_text(plan, d.site, d.post, lang)
        where = f"{site_name(plan, d.site)} / {post_name(plan, d.post, lang)}"
        return f"{where} / {skill_label(lang, d.skill)}"

    def who(nrp: str) -> str:
        p = people.get(nrp)
        return f"{p.rank} {p.name} ({nrp})" if p else nrp

    return [
        [
            c.date.isoformat(),
            c.shift,
            who(c.nrp),
            duty(c.before, c.shift),
            duty(c.after, c.shift) + (f" ({c.said(lang)})" if c.reason else ""),
        ]
        for c in plan.changes or []
    ]
