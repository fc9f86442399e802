"""The plan as a workbook for the staff (XlsxWriter): an overview, a sheet per day in the shape
of the Sprin's annex, each officer's schedule, the BKO request with its causes and remedies, and
the rival conflicts. NRPs are text, dates and times real Excel values; headers frozen, columns
sized, autofilter on, printed on A4 with the header row on every page; labels in the chosen
language; the same plan gives the same bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

import xlsxwriter

from sinjai_ops.models.checklist import Checklist
from sinjai_ops.models.plan import COMMAND, Plan
from sinjai_ops.render.labels import skill_label, word
from sinjai_ops.render.plan_rows import (
    causes_text,
    cell,
    conflict_lines,
    overview,
    post_name,
    remedy_lines,
    site_name,
    task_force,
)
from sinjai_ops.render.view import View

_FIXED = datetime(2024, 1, 1)
"""The workbook's own timestamps: fixed, so that two runs give the same bytes."""


class _Book:
    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        self.book.set_properties({"created": _FIXED})
        self.bold = self.book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        self.day = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.clock = self.book.add_format({"num_format": "hh:mm"})
        self.text = self.book.add_format({"num_format": "@"})
        self.red = self.book.add_format({"font_color": "#C00000", "bold": True})

    def sheet(
        self, name: str, header: list[str], rows: Sequence[Sequence[Any]], widths: list[int]
    ) -> None:
        ws = self.book.add_worksheet(name[:31])
        ws.write_row(0, 0, header, self.bold)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, date) and not isinstance(value, datetime):
                    ws.write_datetime(r, c, datetime.combine(value, time()), self.day)
                elif isinstance(value, time):
                    ws.write_datetime(r, c, datetime.combine(date(1899, 12, 31), value), self.clock)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value)
                elif value is None:
                    ws.write_blank(r, c, None)
                elif isinstance(value, str) and value.startswith("!"):
                    ws.write_string(r, c, value[1:], self.red)
                else:
                    ws.write_string(r, c, str(value), self.text)
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        ws.freeze_panes(1, 0)
        if rows:
            ws.autofilter(0, 0, len(rows), len(header) - 1)
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.repeat_rows(0)
        ws.fit_to_pages(1, 0)

    def bytes(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def as_xlsx(plan: Plan, view: View) -> bytes:
    lang = view.lang
    out = _Book()
    people = {p.nrp: p for p in plan.people}
    leaders = {(c.date, c.shift, c.site): c.nrp for c in plan.commanders}
    last_resort = {(a.date, a.shift, a.site, a.post, a.nrp) for a in plan.perwira_as_members}
    slots = {(s.date, s.shift): s for s in plan.slots}

    view_rows = overview(plan, lang)
    rows: list[list[Any]] = [
        [day, shift, *(cell(f, m) for f, m in cells)] for day, shift, cells in view_rows.rows
    ]
    rows.append([word(lang, "total"), "", *(cell(f, m) for f, m in view_rows.totals)])
    if plan.names.structure:
        rows.append(["", ""])
        rows += [[word(lang, "structure"), line] for line in plan.names.structure]
    out.sheet(
        word(lang, "overview"),
        [word(lang, "date"), word(lang, "shift"), *view_rows.sites],
        rows,
        [14, 20, *([30] * len(view_rows.sites))],
    )

    header = [
        word(lang, k)
        for k in (
            "site",
            "post",
            "shift",
            "start",
            "end",
            "skill",
            "rank",
            "nrp",
            "name",
            "unit",
            "role",
            "task_force",
            "remarks",
        )
    ]
    for day in sorted({s.date for s in plan.slots}):
        rows = []
        for a in (a for a in plan.assignments if a.date == day):
            p = people[a.nrp]
            slot = slots[(a.date, a.shift)]
            role = word(lang, "role_commander") if a.skill == COMMAND else word(lang, "role_member")
            if leaders.get((a.date, a.shift, a.site)) == a.nrp:
                role += "; " + word(lang, "roll_call")
            remark = (
                word(lang, "last_resort")
                if (a.date, a.shift, a.site, a.post, a.nrp) in last_resort
                else ""
            )
            rows.append(
                [
                    site_name(plan, a.site),
                    post_name(plan, a.post, lang),
                    a.shift,
                    slot.start.time(),
                    slot.end.time(),
                    skill_label(lang, a.skill),
                    p.rank,
                    a.nrp,
                    p.name,
                    p.unit,
                    role,
                    task_force(plan, a.post, a.skill),
                    remark,
                ]
            )
        for s in (s for s in plan.shortfalls if s.date == day):
            slot = slots[(s.date, s.shift)]
            rows.append(
                [
                    site_name(plan, s.site),
                    post_name(plan, s.post, lang),
                    s.shift,
                    slot.start.time(),
                    slot.end.time(),
                    skill_label(lang, s.skill),
                    "",
                    "",
                    "!" + word(lang, "shortfall", n=s.missing),
                    "",
                    "",
                    task_force(plan, s.post, s.skill),
                    "BKO",
                ]
            )
        widths = [26, 34, 8, 7, 7, 14, 9, 11, 26, 16, 22, 22, 18]
        out.sheet(day.isoformat(), header, rows, widths)

    schedule = [
        [
            a.nrp,
            people[a.nrp].name,
            people[a.nrp].rank,
            people[a.nrp].unit,
            a.date,
            a.shift,
            site_name(plan, a.site),
            post_name(plan, a.post, lang),
            skill_label(lang, a.skill),
        ]
        for a in sorted(
            plan.assignments, key=lambda a: (a.nrp, a.date, slots[(a.date, a.shift)].order)
        )
    ]
    out.sheet(
        word(lang, "schedule"),
        [
            word(lang, k)
            for k in ("nrp", "name", "rank", "unit", "date", "shift", "site", "post", "skill")
        ],
        schedule,
        [11, 26, 9, 16, 12, 8, 26, 34, 14],
    )

    bko: list[list[Any]] = [
        [
            r.date,
            r.shift,
            site_name(plan, r.site),
            skill_label(lang, r.skill),
            r.missing,
            causes_text(r, lang),
        ]
        for r in plan.reinforcements
    ]
    bko += [
        ["", "", "", "", None, f"{word(lang, 'remedies')}: {line}"]
        for line in remedy_lines(plan, lang)
    ]
    out.sheet(
        "BKO",
        [word(lang, k) for k in ("date", "shift", "site", "skill", "missing", "cause")],
        bko,
        [12, 8, 26, 14, 9, 90],
    )
    out.sheet(
        word(lang, "conflicts"),
        [word(lang, "date"), word(lang, "site"), word(lang, "item")],
        [
            [c.date, site_name(plan, c.site), line]
            for c, line in zip(plan.conflicts, conflict_lines(plan, lang), strict=True)
        ],
        [12, 26, 110],
    )
    return out.bytes()


def checklist_xlsx(checklist: Checklist, view: View) -> bytes:
    """The checklist as a workbook: due as a real date and time, owner, item, a box to tick."""
    lang = view.lang
    out = _Book()
    rows = [
        [
            i.due.date(),
            i.due.time(),
            i.site or "",
            " ".join(x for x in (i.owner.rank, i.owner.name) if x),
            i.owner.nrp or "",
            i.owner.unit or "",
            i.text[lang],
            "",
        ]
        for i in checklist.items
    ]
    out.sheet(
        word(lang, "checklist"),
        [
            word(lang, "date"),
            word(lang, "due"),
            word(lang, "site"),
            word(lang, "owner"),
            word(lang, "nrp"),
            word(lang, "unit"),
            word(lang, "item"),
            word(lang, "done"),
        ],
        rows,
        [12, 8, 12, 26, 11, 16, 90, 8],
    )
    return out.bytes()
