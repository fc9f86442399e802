"""The printable report: one self-contained HTML file (no network, no JavaScript), laid out
for A4. Pictures are SVG drawn by matplotlib (imported only here), the page by Jinja2."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import date, datetime, time
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from sinjai_ops.controls import visible
from sinjai_ops.i18n import N_, say
from sinjai_ops.models.plan import Plan
from sinjai_ops.models.report import ReportData
from sinjai_ops.render.drills import report_section
from sinjai_ops.render.labels import long_date, short_date, skill_label, word
from sinjai_ops.render.plan_rows import (
    bko_rows,
    conflict_lines,
    key_lines,
    post_name,
    remedy_lines,
    site_name,
    summary_lines,
)
from sinjai_ops.render.sprin import annex, columns, day_title, form, sprin_word, strength
from sinjai_ops.render.view import View
from sinjai_ops.render.voting_report import vote_words, voting_context

_COLOURS = {"visit": "#2F5597", "window": "#9DC3E6", "conflict": "#C00000", "shift": "#F2F2F2"}


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    # Fixed margins instead of a tight layout, which draws every figure twice.
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # inline: no XML prologue


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "sinjai-ops",  # the same ids every run: the same bytes
            "svg.fonttype": "none",  # text stays text, searchable in the PDF
            "font.size": 8,
            "font.family": "DejaVu Sans",
        }
    )
    import matplotlib.pyplot as plt

    return plt


def _hours(moment: datetime, day: date) -> float:
    start = datetime.combine(day, time(), tzinfo=moment.tzinfo)
    return (moment - start).total_seconds() / 3600


_PANELS = 8
"""Sites drawn in the staffing picture of one day; a large operation shows those that matter."""

_CHART: dict[str, str] = {
    "hour": N_("Hour ({zone})"),
    "filled": N_("Officers on duty"),
    "missing": N_("Missing"),
    "need": N_("Need"),
    "staffing": N_(
        "Officers on duty per hour and site against the need (the line); red: heads missing"
    ),
}


def chart_word(lang: str, key: str, **values: object) -> str:
    return say(lang, _CHART[key], **values)


def zone_name(plan: Plan, day: date) -> str:
    """What the operation's clock is called that day: WITA, WIB, WIT (else its UTC offset)."""
    noon = datetime.combine(day, time(12), tzinfo=ZoneInfo(plan.timezone))
    name = noon.tzname() or ""
    return name if name.isalpha() else f"UTC{name}"


def _left(labels: list[str]) -> float:
    """The left margin, as a fraction of the figure, that its longest label takes."""
    widest = max((len(x) for x in labels), default=10)
    return min(0.45, 0.05 + 0.0115 * widest)


def _margin(fig: Any, labels: list[str], bottom: float = 0.2, top: float = 0.85) -> None:
    fig.subplots_adjust(left=_left(labels), right=0.97, bottom=bottom, top=top)


def _hours_of(text: str, size: float, plan: Plan) -> float:
    """Hours of the day's axis that a text of `size` points takes (a character about half
    its size wide, and more for DejaVu Sans and wide letters)."""
    inches = 7.2 * (0.97 - _left(_site_labels(plan)))
    return len(text) * 0.7 * size / 72 * 24 / inches


def _site_labels(plan: Plan) -> list[str]:
    """Every site's name: the left margin of both pictures of a day, so that their hours stand
    one under the other."""
    return [visible(site_name(plan, s)) for s in plan.names.sites]


def _hour_axis(ax: Any, plan: Plan, day: date, lang: str) -> None:
    """The hours of the day, 00 to 24, in the operation's clock: the same in both pictures."""
    ax.set_xlim(0, 24)
    ax.set_xticks(range(0, 25, 2), [f"{h:02d}" for h in range(0, 25, 2)])
    ax.set_xlabel(chart_word(lang, "hour", zone=zone_name(plan, day)))


def _timeline(data: ReportData, day: date, lang: str) -> str:
    """Sites as rows (the operation's order, top to bottom), the shifts, each visit from
    arrival to departure labelled with its times, its window of lead and tail behind it."""
    plt = _pyplot()
    plan = data.plan
    visited = [v.site for v in data.visits if v.arrive.date() == day]
    sites = list(plan.names.sites)
    if len(sites) > 12:  # a large operation: the sites of the day's visits
        sites = [s for s in sites if s in visited] or sites[:1]
    fig, ax = plt.subplots(figsize=(7.2, 0.7 * len(sites) + 1.0))
    for slot in (s for s in plan.slots if s.date == day):
        a, b = _hours(slot.start, day), _hours(slot.end, day)
        ax.axvspan(a, min(b, 24), color=_COLOURS["shift"] if slot.order % 2 else "white", zorder=0)
        if a + 0.15 + _hours_of(slot.shift, 8, plan) <= 24:
            ax.text(a + 0.15, -0.55, slot.shift, ha="left", color="#595959")
        else:  # the night shift at the day's end: its name stays inside the picture
            ax.text(23.85, -0.55, slot.shift, ha="right", color="#595959")
    lane: Counter[str] = Counter()
    for v in (v for v in data.visits if v.arrive.date() == day):
        # Visits at one site alternate above and below its line, so labels do not collide.
        shift = -0.2 if lane[v.site] % 2 == 0 else 0.2
        lane[v.site] += 1
        y = (sites.index(v.site) if v.site in sites else 0) + shift
        w0, w1 = _hours(v.window_start, day), _hours(v.window_end, day)
        a0, a1 = _hours(v.arrive, day), _hours(v.depart, day)
        ax.barh(y, w1 - w0, left=w0, height=0.34, color=_COLOURS["window"], zorder=1)
        colour = _COLOURS["conflict"] if v.conflict else _COLOURS["visit"]
        ax.barh(y, a1 - a0, left=a0, height=0.22, color=colour, zorder=2)
        said = visible(
            f"{v.label} {v.arrive:%H.%M}-{v.depart:%H.%M}" + (" !" if v.conflict else "")
        )
        if w1 + 0.15 + _hours_of(said, 7, plan) <= 24:
            ax.text(w1 + 0.15, y, said, va="center", color=colour, fontsize=7)
        else:  # no room after the bar: before it
            ax.text(w0 - 0.15, y, said, va="center", ha="right", color=colour, fontsize=7)
    labels = [visible(site_name(plan, s)) for s in sites]  # drawn: no control character
    ax.set_yticks(range(len(sites)), labels)
    _margin(fig, _site_labels(plan), bottom=0.75 / (0.7 * len(sites) + 1.0), top=0.97)
    _hour_axis(ax, plan, day, lang)
    ax.set_ylim(len(sites) - 0.45, -0.8)  # the first site on top, as in the staffing picture
    svg = _svg(fig)
    plt.close(fig)
    return svg


def _runs(values: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(first hour, hours, filled, needed) of each run of equal hours that need anyone."""
    out = []
    h = 0
    while h < len(values):
        k = h
        while k + 1 < len(values) and values[k + 1] == values[h]:
            k += 1
        f, n = values[h]
        if n:
            out.append((h, k - h + 1, f, n))
        h = k + 1
    return out


def _staffing(data: ReportData, day: date, lang: str) -> str:
    """A panel per site in the timeline's order and on its hours: the officers on duty each
    hour (green), the heads missing on top of them (red), the need as a line, the headcount
    written over each stretch (`67/77` where heads are missing); a legend."""
    plt = _pyplot()
    plan = data.plan
    order = {s: i for i, s in enumerate(plan.names.sites)}
    rows = sorted(
        (s for s in data.staffing if s.date == day and any(s.needed)),
        key=lambda r: (order.get(r.site, len(order)), r.site),
    )
    hidden = 0
    if len(rows) > _PANELS:
        # The sites with gaps first, then those of the day's visits, then the busiest; the
        # rest (all filled) are counted.
        visited = {v.site for v in data.visits if v.arrive.date() == day}
        ranked = sorted(
            rows,
            key=lambda r: (
                not any(f < n for n, f in zip(r.needed, r.filled, strict=True)),
                r.site not in visited,
                -sum(r.needed),
                r.site,
            ),
        )
        keep = {r.site for r in ranked[:_PANELS]}
        hidden = len(rows) - _PANELS
        rows = [r for r in rows if r.site in keep]
    count = max(len(rows), 1)
    height = 0.85 * count + 1.1
    fig, axes = plt.subplots(count, 1, sharex=True, figsize=(7.2, height), squeeze=False)
    hours = list(range(24))
    for ax, r in zip(axes[:, 0], rows, strict=False):
        missing = [max(0, n - f) for n, f in zip(r.needed, r.filled, strict=True)]
        ax.bar(hours, r.filled, width=1, align="edge", color="#A9D18E", edgecolor="#70AD47",
               linewidth=0.3, label=chart_word(lang, "filled"))  # fmt: skip
        ax.bar(hours, missing, bottom=r.filled, width=1, align="edge", color="#F4B183",
               edgecolor="#C00000", linewidth=0.3, label=chart_word(lang, "missing"))  # fmt: skip
        ax.step(range(25), [*r.needed, r.needed[-1]], where="post", color="#111111",
                linewidth=1.1, label=chart_word(lang, "need"))  # fmt: skip
        top = max(r.needed)
        for h, span, f, n in _runs(list(zip(r.filled, r.needed, strict=True))):
            text = f"{f}/{n}" if f < n else str(f)
            if span >= _hours_of(text, 6.5, plan) or span >= 3:
                colour = "#C00000" if f < n else "#111111"
                ax.text(h + span / 2, n + top * 0.06, text, ha="center", va="bottom",
                        fontsize=6.5, color=colour)  # fmt: skip
        ax.set_ylim(0, top * 1.45 + 1)
        ax.set_yticks([0, top])
        ax.set_ylabel(visible(site_name(plan, r.site)), rotation=0, ha="right", va="center")
        ax.tick_params(axis="y", labelsize=6.5)
    first = axes[0, 0]
    handles, names = first.get_legend_handles_labels()
    if handles:
        first.legend(handles, names, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=3,
                     frameon=False, fontsize=7)  # fmt: skip
    _margin(fig, _site_labels(plan), bottom=0.75 / height, top=1 - 0.45 / height)
    _hour_axis(axes[-1, 0], plan, day, lang)
    if hidden:
        fig.text(0.97, 1 - 0.12 / height, word(lang, "more_sites", n=hidden), ha="right")
    svg = _svg(fig)
    plt.close(fig)
    return svg


def _histogram(data: ReportData, lang: str) -> str:
    plt = _pyplot()
    counts = Counter(data.loads)
    fig, ax = plt.subplots(figsize=(7.2, 2.0))
    xs = list(range(0, max(counts, default=0) + 1))
    ax.bar(xs, [counts.get(x, 0) for x in xs], color="#2F5597")
    ax.set_xlabel(word(lang, "shifts"))
    ax.set_ylabel(word(lang, "officers"))
    ax.set_xticks(xs)
    ax.set_title(word(lang, "load"), loc="left")
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.22, top=0.85)
    svg = _svg(fig)
    plt.close(fig)
    return svg


def _annex(plan: Plan, lang: str) -> list[dict[str, Any]]:
    """The Sprin's annex, a table per day: its sites, and under each the posts of each shift
    with every head (a missing one a `KURANG` row)."""
    days: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for group in annex(plan, lang):
        blocks = days[group.date]
        if not blocks or blocks[-1]["site"] != group.site_title:
            blocks.append({"site": group.site_title, "groups": []})
        blocks[-1]["groups"].append(group)
    return [{"title": day_title(lang, d), "sites": blocks} for d, blocks in sorted(days.items())]


def _bko_posts(plan: Plan, lang: str) -> list[list[str]]:
    """The missing heads per day, shift, site, post and skill: what the BKO is asked for."""
    return [
        [
            short_date(lang, s.date),
            s.shift,
            site_name(plan, s.site),
            post_name(plan, s.post, lang),
            skill_label(lang, s.skill),
            str(s.missing),
        ]
        for s in sorted(
            plan.shortfalls,
            key=lambda s: (s.date, order_of(plan, s.date, s.shift), s.site, s.post, s.skill),
        )
    ]


def order_of(plan: Plan, day: date, shift: str) -> int:
    return next((s.order for s in plan.slots if (s.date, s.shift) == (day, shift)), 0)


def as_html(data: ReportData, view: View) -> str:
    import jinja2

    lang = view.lang
    plan = data.plan
    source = resources.files("sinjai_ops") / "templates" / "report.html.j2"
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(source.read_text(encoding="utf-8"))
    strength_rows, strength_total = strength(plan, lang)
    voting = voting_context(plan, lang)
    return template.render(
        lang=lang,
        w=lambda key, **kw: word(lang, key, **kw),
        s=lambda key, **kw: sprin_word(lang, key, **kw),
        v=vote_words(lang),
        voting=voting["voting"],
        strength=strength_rows,
        strength_total=strength_total,
        visits=_visits(data, lang),
        bko_posts=_bko_posts(plan, lang),
        form=form(plan.names.document, lang),
        columns=columns(lang),
        title=plan.operation,
        unit=data.unit,
        commander=data.commander,
        period=f"{long_date(lang, data.start)} - {long_date(lang, data.end)}",
        # The heads needed and filled are on the first page, as shift-posts.
        summary=[
            line
            for line in summary_lines(plan, lang)
            if not line[0].startswith((word(lang, "needed"), word(lang, "filled")))
        ],
        # Officers used and idle, perwira as a last resort; the BKO is in the tables.
        key_lines=[x for i, x in enumerate(key_lines(plan, lang)) if i != 1],
        conflicts=conflict_lines(plan, lang),
        days=_days(data, lang),
        histogram=_histogram(data, lang),
        staffing_title=chart_word(lang, "staffing"),
        bko=bko_rows(plan, lang),
        remedies=remedy_lines(plan, lang),
        checklist=_checklist(data, lang),
        drills=report_section(data.drills, lang),
        annex=_annex(plan, lang) + voting["voting_annex"],
        structure=plan.names.structure,
    )


def _visits(data: ReportData, lang: str) -> list[dict[str, Any]]:
    plan = data.plan
    return [
        {
            "day": short_date(lang, v.arrive.date()),
            "time": f"{v.arrive:%H.%M}-{v.depart:%H.%M}",
            "site": site_name(plan, v.site),
            "who": plan.names.candidates.get(v.candidate, v.label),
            "conflict": v.conflict,
        }
        for v in data.visits
    ]


def _days(data: ReportData, lang: str) -> list[dict[str, Any]]:
    """A page per day: its visits' timeline, its staffing and its BKO lines."""
    plan = data.plan
    return [
        {
            "title": long_date(lang, d),
            "timeline": _timeline(data, d, lang),
            "staffing": _staffing(data, d, lang),
            "short": [r for r in bko_rows(plan, lang) if r[0] == long_date(lang, d)],
        }
        for d in sorted({s.date for s in plan.slots})
    ]


def _checklist(data: ReportData, lang: str) -> list[dict[str, str]]:
    return [
        {
            "due": f"{i.due:%Y-%m-%d %H:%M}",
            "text": i.text[lang],
            "owner": " ".join(x for x in (i.owner.rank, i.owner.name) if x) or (i.owner.unit or ""),
        }
        for i in sorted(data.checklist.items, key=lambda i: i.due)
    ]
