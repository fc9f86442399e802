"""The Polda's BKO order (`bko`): JSON for scripts (per the contract: `allocations`, `unmet`),
a table for the terminal and a printable workbook sheet."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sinjai_ops.i18n import N_, plural, say
from sinjai_ops.models.bko import MOMENT, Allocation, BkoQuality, BkoResult, Request
from sinjai_ops.models.plan import Names
from sinjai_ops.models.voting import ANY_SKILL
from sinjai_ops.render.labels import short_date, skill_label
from sinjai_ops.render.plan_names import post_label
from sinjai_ops.render.view import View
from sinjai_ops.render.voting_rows import category_label
from sinjai_ops.render.xlsx_book import Book

_REASONS = {
    "no-unit-with-skill": N_("no unit with the skill"),
    "no-unit-available": N_("no unit available then"),
    "units-busy": N_("units all busy"),
}
_ORDER = N_("BKO order of the Polda")
_UNMET = N_("Requests left unmet")
_ALL_MET = N_("Every request is met.")
_HEADER = {
    "unit": N_("Unit"),
    "commander": N_("Commander"),
    "unit_commander": N_("Unit and commander"),
    "to": N_("To"),
    "when": N_("From - until"),
    "covers": N_("Covering"),
    "request": N_("Request"),
    "missing": N_("Missing"),
    "reason": N_("Reason"),
    "heads": N_("Heads"),
}
_PLACE = N_("{post} at {site}")


def _moment(value: datetime) -> str:
    return value.strftime(MOMENT)


def as_json(result: BkoResult, view: View) -> str:
    q = result.quality
    body = {
        "allocations": [_allocation(a) for a in result.allocations],
        "unmet": [
            u.request.data() | {"missing": u.missing, "reason": u.reason} for u in result.unmet
        ],
        "quality": {
            "status": q.status,
            "heads_requested": q.heads_requested,
            "heads_covered": q.heads_covered,
            "weighted_covered": q.weighted_covered,
            "weighted_bound": q.weighted_bound,
            "units_used": q.units_used,
            "travel_hours": round(q.travel_hours, 2),
            "proven": list(q.proven),
        },
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _allocation(a: Allocation) -> dict[str, Any]:
    return {
        "unit": a.unit,
        "plan": a.plan,
        "polres": a.polres,
        "from": _moment(a.start),
        "until": _moment(a.until),
        "travel_hours": round(a.travel_hours, 2),
        "depart": _moment(a.depart),
        "back": _moment(a.back),
        "heads": sum(c.heads for c in a.covers),
        "covers": [c.request.data() | {"heads": c.heads} for c in a.covers],
    }


def _when(lang: str, start: datetime, until: datetime) -> str:
    first = f"{short_date(lang, start.date())} {start:%H:%M}"
    if until.date() == start.date():
        return f"{first} - {until:%H:%M}"
    return f"{first} -\n{short_date(lang, until.date())} {until:%H:%M}"


def _stay(lang: str, a: Allocation) -> str:
    """When the unit is at the Polres, and how long it travels each way."""
    when = _when(lang, a.start, a.until)
    if not a.travel_hours:
        return when
    return when + "\n" + say(lang, N_("({hours} h travel each way)"), hours=f"{a.travel_hours:g}")


def _place(lang: str, site: str | None, post: str | None) -> str:
    """A post as people read it (the plan names no sites or posts): its id alone where it
    begins with its site's (`ppk-sinjai-tengah-jaga`), a visit's heads and the reserve by what
    they are, at their site (`Cadangan di mapolres`)."""
    post, site = post or "", site or ""
    if post.startswith(f"{site}-") or not site:
        return post
    label = post_label(Names(), post, lang)
    return say(lang, _PLACE, post=label, site=site)


def _what(lang: str, r: Request) -> str:
    """`Sel 27 Agu pagi, Pengamanan kunjungan paslon-2 di kpu, Dalmas` or a TPS line by
    kecamatan (`Sinjai Utara (kurang rawan), apa saja`)."""
    x = r.line
    skill = skill_label(lang, x.skill or ANY_SKILL)
    if x.shift is not None and x.kecamatan is None:
        return f"{short_date(lang, x.date)} {x.shift}, {_place(lang, x.site, x.post)}, {skill}"
    where = f"{x.kecamatan} ({category_label(lang, x.category)})"
    return f"{_when(lang, r.start, r.until)}, {where}, {skill}"


def _rows(result: BkoResult, lang: str) -> list[list[str]]:
    rows = []
    for a in result.allocations:
        unit = result.units[a.unit]
        boss = unit.commander
        rows.append(
            [
                f"{unit.name} ({unit.id}), {unit.strength}",
                f"{boss.rank} {boss.name}, NRP {boss.nrp}",
                f"{a.polres} ({a.plan})",
                _stay(lang, a),
                "\n".join(f"{_what(lang, c.request)}: {c.heads}" for c in a.covers),
            ]
        )
    return rows


def _unmet_rows(result: BkoResult, lang: str) -> list[list[str]]:
    return [
        [
            f"{u.request.polres} ({u.request.plan})",
            _what(lang, u.request),
            str(u.missing),
            say(lang, _REASONS[u.reason]),
        ]
        for u in result.unmet
    ]


_AIMS = {
    "heads": N_("the most weighted heads"),
    "units": N_("the fewest units"),
    "travel": N_("the least travel"),
}


def _partly_proven(q: BkoQuality, lang: str) -> str:
    """`proven: the most weighted heads, the fewest units; the least travel not proven in the
    time limit`: which of the three aims the solver proved before its time ran out."""
    held = ", ".join(say(lang, _AIMS[a]) for a in q.proven)
    rest = ", ".join(say(lang, m) for a, m in _AIMS.items() if a not in q.proven)
    said = N_("proven: {held}; {rest} not proven in the time limit")
    return say(lang, said, held=held, rest=rest)


def summary_line(result: BkoResult, lang: str) -> str:
    q = result.quality
    proven = (
        say(lang, N_("proven optimal"))
        if q.status == "optimal"
        else _partly_proven(q, lang)
        if q.proven
        else say(
            lang,
            N_("not proven optimal in the time limit (no allocation covers more than {bound})"),
            bound=q.weighted_bound,
        )
    )
    units = plural(lang, "{n} unit", "{n} units", q.units_used)
    return say(
        lang,
        N_(
            "{covered} of {requested} heads covered (weighted {weighted}) by {units}, "
            "{hours} hours of travel; {proven}"
        ),
        covered=q.heads_covered,
        requested=q.heads_requested,
        weighted=q.weighted_covered,
        units=units,
        hours=f"{q.travel_hours:g}",
        proven=proven,
    )


def as_table(result: BkoResult, view: View) -> RenderableType:
    lang = view.lang
    order = Table(title=say(lang, _ORDER), title_justify="left", expand=True)
    # The unit and its commander in one cell: the covering gets the width of the terminal.
    ratios = {"unit_commander": 3, "to": 2, "when": 2, "covers": 5}
    for key, ratio in ratios.items():
        order.add_column(say(lang, _HEADER[key]), ratio=ratio, overflow="fold")
    for unit, boss, *rest in _rows(result, lang):
        order.add_row(f"{unit}\n{boss}", *rest)
    parts: list[RenderableType] = [order]
    if result.unmet:
        unmet = Table(title=say(lang, _UNMET), title_justify="left", border_style="red")
        for key in ("to", "request", "missing", "reason"):
            unmet.add_column(
                say(lang, _HEADER[key]), justify="right" if key == "missing" else "left"
            )
        for row in _unmet_rows(result, lang):
            unmet.add_row(*row)
        parts.append(unmet)
    else:
        parts.append(Text(say(lang, _ALL_MET), style="green"))
    parts.append(Text(summary_line(result, lang), style="bold"))
    return Group(*parts)


def as_xlsx(result: BkoResult, view: View) -> bytes:
    """The order on one sheet (a line per unit sent, what it covers below it), the requests
    left unmet on another: printable on A4 as the plan's sheets are."""
    lang = view.lang
    out = Book(lang, say(lang, _ORDER))
    out.sheet(
        "BKO",
        [say(lang, _HEADER[k]) for k in ("unit", "commander", "to", "when", "covers")],
        _rows(result, lang),
        [30, 28, 26, 24, 70],
        wrap=(0, 1, 2, 3, 4),
        notes=[[summary_line(result, lang)]],
    )
    out.sheet(
        say(lang, _UNMET),
        [say(lang, _HEADER[k]) for k in ("to", "request", "missing", "reason")],
        [[a, b, int(c), d] for a, b, c, d in _unmet_rows(result, lang)],
        [26, 60, 9, 24],
        wrap=(0, 1),
    )
    return out.bytes()


BKO_RENDERERS: dict[str, Callable[[BkoResult, View], Any]] = {
    "table": as_table,
    "json": as_json,
    "xlsx": as_xlsx,
}
