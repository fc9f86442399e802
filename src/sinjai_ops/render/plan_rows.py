"""The plan laid out in rows, shared by the tables for people (terminal, Markdown, CSV)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sinjai_ops.models.plan import Duty, Plan
from sinjai_ops.render.labels import long_date, word


@dataclass(frozen=True)
class Row:
    site: str
    post: str
    skill: str
    rank: str
    name: str
    nrp: str
    missing: int = 0


@dataclass(frozen=True)
class SlotRows:
    date: date
    shift: str
    title: str
    commander: str
    rows: list[Row]


def _person_label(plan: Plan, nrp: str) -> str:
    person = next((p for p in plan.people if p.nrp == nrp), None)
    return f"{person.rank} {person.name} ({nrp})" if person else nrp


def by_slot(plan: Plan, lang: str) -> list[SlotRows]:
    people = {p.nrp: p for p in plan.people}
    rows: dict[tuple[date, str], list[Row]] = defaultdict(list)
    for a in plan.assignments:
        p = people[a.nrp]
        rows[(a.date, a.shift)].append(Row(a.site, a.post, a.skill, p.rank, p.name, a.nrp))
    for s in plan.shortfalls:
        rows[(s.date, s.shift)].append(Row(s.site, s.post, s.skill, "", "", "", s.missing))
    leads: dict[tuple[date, str], list[str]] = defaultdict(list)
    for c in plan.commanders:
        leads[(c.date, c.shift)].append(f"{c.site}: {_person_label(plan, c.nrp)}")
    out = []
    for slot in plan.slots:
        key = (slot.date, slot.shift)
        if key not in rows:
            continue
        ordered = sorted(rows[key], key=lambda r: (r.site, r.post, r.skill, r.missing > 0, r.nrp))
        title = f"{long_date(lang, slot.date)} - {slot.shift} ({slot.start:%H:%M}-{slot.end:%H:%M})"
        out.append(SlotRows(slot.date, slot.shift, title, "; ".join(leads[key]), ordered))
    return out


@dataclass(frozen=True)
class PersonRows:
    nrp: str
    rank: str
    name: str
    unit: str
    duties: list[tuple[str, str, str, str, str]]
    """(date, shift, site, post, skill)"""


def by_person(plan: Plan) -> list[PersonRows]:
    duties: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for a in plan.assignments:
        duties[a.nrp].append((a.date.isoformat(), a.shift, a.site, a.post, a.skill))
    return [
        PersonRows(p.nrp, p.rank, p.name, p.unit, duties[p.nrp])
        for p in sorted(plan.people, key=lambda p: (p.unit, p.name, p.nrp))
        if duties[p.nrp]
    ]


def conflict_lines(plan: Plan, lang: str) -> list[str]:
    lines = []
    for c in plan.conflicts:
        how = word(lang, "overlap") if c.gap_minutes < 0 else word(lang, "apart", gap=c.gap_minutes)
        a, b = c.candidates
        lines.append(
            word(lang, "conflict", a=a, b=b, site=c.site, day=long_date(lang, c.date), how=how)
        )
    return lines


def summary_lines(plan: Plan, lang: str) -> list[tuple[str, str]]:
    q = plan.quality
    kept = (
        [(word(lang, "kept"), word(lang, "kept_value", kept=q.kept, moved=q.moved))]
        if q.kept is not None
        else []
    )
    status = word(lang, q.status, gap=q.heads_gap)
    load = word(
        lang,
        "load_value" if q.load.max_lower_bound is not None else "load_value_unproven",
        min=q.load.min,
        median=q.load.median,
        max=q.load.max,
        bound=q.load.max_lower_bound,
    )
    return [
        (word(lang, "needed"), str(q.heads_needed)),
        (word(lang, "filled"), str(q.heads_filled)),
        (word(lang, "status"), status),
        (word(lang, "load"), load),
        (word(lang, "site_changes"), str(q.site_changes)),
        *kept,
    ]


def change_rows(plan: Plan, lang: str) -> list[list[str]]:
    """(date, shift, officer, before, after) of every change from the baseline."""
    people = {p.nrp: p for p in plan.people}

    def duty(d: Duty | None) -> str:
        return f"{d.site} / {d.post} / {d.skill}" if d else word(lang, "off")

    def who(nrp: str) -> str:
        p = people.get(nrp)
        return f"{p.rank} {p.name} ({nrp})" if p else nrp

    return [
        [c.date.isoformat(), c.shift, who(c.nrp), duty(c.before), duty(c.after)]
        for c in plan.changes or []
    ]
