"""The printable report: one self-contained HTML file (no network, no JavaScript), laid out
for A4. Pictures are SVG drawn by matplotlib (imported only here), the page by Jinja2."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import date, datetime, time
from importlib import resources
from typing import Any

from sinjai_ops.controls import visible
from sinjai_ops.models.plan import Plan
from sinjai_ops.models.report import ReportData
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
from sinjai_ops.render.sprin import annex, columns, day_figures, day_title, form, sprin_word
from sinjai_ops.render.view import View

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


_MAX_ROWS = 40
"""Sites drawn in one picture; a large operation shows those that matter that day."""


def _margin(fig: Any, labels: list[str]) -> None:
    widest = max((len(x) for x in labels), default=10)
    fig.subplots_adjust(left=min(0.45, 0.05 + 0.0115 * widest), right=0.97, bottom=0.2, top=0.85)


def _timeline(data: ReportData, day: date, lang: str) -> str:
    plt = _pyplot()
    plan = data.plan
    visited = [v.site for v in data.visits if v.arrive.date() == day]
    sites = list(plan.names.sites)
    if len(sites) > 12:  # a large operation: the sites of the day's visits
        sites = [s for s in sites if s in visited] or sites[:1]
    fig, ax = plt.subplots(figsize=(7.2, 0.55 * len(sites) + 0.9))
    for slot in (s for s in plan.slots if s.date == day):
        a, b = _hours(slot.start, day), _hours(slot.end, day)
        ax.axvspan(a, min(b, 24), color=_COLOURS["shift"] if slot.order % 2 else "white", zorder=0)
        ax.text((a + min(b, 24)) / 2, len(sites) - 0.45, slot.shift, ha="center", color="#595959")
    lane: Counter[str] = Counter()
    for v in (v for v in data.visits if v.arrive.date() == day):
        # Visits at one site alternate above and below its line, so labels do not collide.
        shift = 0.18 if lane[v.site] % 2 == 0 else -0.18
        lane[v.site] += 1
        y = (sites.index(v.site) if v.site in sites else 0) + shift
        w0, w1 = _hours(v.window_start, day), _hours(v.window_end, day)
        a0, a1 = _hours(v.arrive, day), _hours(v.depart, day)
        ax.barh(y, w1 - w0, left=w0, height=0.32, color=_COLOURS["window"], zorder=1)
        colour = _COLOURS["conflict"] if v.conflict else _COLOURS["visit"]
        ax.barh(y, a1 - a0, left=a0, height=0.2, color=colour, zorder=2)
        said = visible(v.label + (" !" if v.conflict else ""))
        ax.text(a1 + 0.15, y, said, va="center", color=colour)
    labels = [visible(site_name(plan, s)) for s in sites]  # drawn: no control character
    ax.set_yticks(range(len(sites)), labels)
    _margin(fig, labels)
    ax.set_xlim(0, 24)
    ax.set_ylim(-0.6, len(sites) - 0.2)
    ax.set_xticks(range(0, 25, 2), [f"{h:02d}:00" for h in range(0, 25, 2)])
    svg = _svg(fig)
    plt.close(fig)
    return svg


def _staffing(data: ReportData, day: date, lang: str) -> str:
    """Sites as rows, hours as columns: green where every head needed is filled, red where
    some are missing (with how many), blank where nobody is needed."""
    plt = _pyplot()
    from matplotlib.colors import ListedColormap

    rows = [s for s in data.staffing if s.date == day and any(s.needed)]
    hidden = 0
    if len(rows) > _MAX_ROWS:
        # The sites with gaps first, then the busiest; the rest (all filled) are counted.
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
        keep = {r.site for r in ranked[:_MAX_ROWS]}
        hidden = len(rows) - _MAX_ROWS
        rows = [r for r in rows if r.site in keep]
    fig, ax = plt.subplots(figsize=(7.2, 0.32 * max(len(rows), 1) + 0.7))
    grid = [
        [
            float("nan") if n == 0 else (1.0 if f >= n else 0.0)
            for n, f in zip(r.needed, r.filled, strict=True)
        ]
        for r in rows
    ] or [[float("nan")] * 24]
    colours = ListedColormap(["#F4B183", "#A9D18E"])
    ax.imshow(grid, aspect="auto", cmap=colours, vmin=0, vmax=1, interpolation="nearest")
    for y, r in enumerate(rows):
        for h, (n, f) in enumerate(zip(r.needed, r.filled, strict=True)):
            if f < n:  # only the gaps carry a number: fewer marks, a lighter picture
                ax.text(h, y, f"-{n - f}", ha="center", va="center", fontsize=5.5)
    labels = [visible(site_name(data.plan, r.site)) for r in rows]
    ax.set_yticks(range(len(rows)), labels)
    _margin(fig, labels)
    ax.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
    if hidden:
        ax.set_title(word(lang, "more_sites", n=hidden), loc="left")
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
    days = sorted({s.date for s in plan.slots})
    source = resources.files("sinjai_ops") / "templates" / "report.html.j2"
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(source.read_text(encoding="utf-8"))
    items = sorted(data.checklist.items, key=lambda i: i.due)
    figures = day_figures(plan)
    return template.render(
        lang=lang,
        w=lambda key, **kw: word(lang, key, **kw),
        s=lambda key, **kw: sprin_word(lang, key, **kw),
        strength=[
            [short_date(lang, f.date), f.officers, f.heads, f.filled, f.bko] for f in figures
        ],
        strength_total=[
            len({a.nrp for a in plan.assignments}),
            sum(f.heads for f in figures),
            sum(f.filled for f in figures),
            sum(f.bko for f in figures),
        ],
        visits=[
            {
                "day": short_date(lang, v.arrive.date()),
                "time": f"{v.arrive:%H.%M}-{v.depart:%H.%M}",
                "site": site_name(plan, v.site),
                "who": plan.names.candidates.get(v.candidate, v.label),
                "conflict": v.conflict,
            }
            for v in data.visits
        ],
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
        days=[
            {
                "title": long_date(lang, d),
                "timeline": _timeline(data, d, lang),
                "staffing": _staffing(data, d, lang),
                "short": [r for r in bko_rows(plan, lang) if r[0] == long_date(lang, d)],
            }
            for d in days
        ],
        histogram=_histogram(data, lang),
        bko=bko_rows(plan, lang),
        remedies=remedy_lines(plan, lang),
        checklist=[
            {
                "due": f"{i.due:%Y-%m-%d %H:%M}",
                "text": i.text[lang],
                "owner": " ".join(x for x in (i.owner.rank, i.owner.name) if x)
                or (i.owner.unit or ""),
            }
            for i in items
        ],
        annex=_annex(plan, lang),
        structure=plan.names.structure,
    )
