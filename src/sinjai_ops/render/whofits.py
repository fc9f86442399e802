"""The answer of `who-fits`: JSON for scripts (per the contract: `fits`, `not`), a table and
Markdown for the officer at the post."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from tabulate import tabulate

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.whofits import WhoFits
from sinjai_ops.render.labels import long_date, skill_label, word
from sinjai_ops.render.plan_rows import site_label
from sinjai_ops.render.view import View

_EVERYONE = N_("each of them, with why: --all")
_NOBODY_ELSE = N_("none: everyone who holds the skill fits")


def _title(result: WhoFits, lang: str) -> str:
    what = skill_label(lang, result.skill) if result.skill else word(lang, "any_skill")
    return word(
        lang,
        "who_fits_title",
        skill=what,
        site=site_label(result.names, result.site),
        day=long_date(lang, result.date),
        shift=result.shift,
    )


def as_json(result: WhoFits, view: View) -> str:
    body = result.model_dump(mode="json", by_alias=True)
    # The reasons are for people: in the view's language, as the tables have them.
    for entry, fit in zip(body["fits"], result.fits, strict=True):
        entry["reason"] = fit.said(view.lang)
    for entry, nofit in zip(body["not"], result.not_, strict=True):
        entry["reason"] = nofit.said(view.lang)
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def as_table(result: WhoFits, view: View) -> RenderableType:
    lang = view.lang
    fits = Table(title=word(lang, "fits"), title_justify="left", border_style="green")
    for key in ("nrp", "rank", "name", "unit", "shifts", "why"):
        fits.add_column(word(lang, key), no_wrap=key in ("nrp", "shifts"))
    for f in result.fits:
        fits.add_row(f.nrp, f.rank, f.name, f.unit, str(f.shifts), f.said(lang))
    parts: list[RenderableType] = [Text(_title(result, lang), style="bold")]
    parts.append(fits if result.fits else Text(word(lang, "nobody_fits"), style="red"))
    if not view.everyone:
        parts.append(Text(f"{word(lang, 'not_fits')}:", style="bold"))
        parts.append(Text("\n".join(f"- {line}" for line in reason_lines(result, lang))))
        return Group(*parts)
    nots = Table(title=word(lang, "not_fits"), title_justify="left")
    for key in ("nrp", "rank", "name", "unit", "why"):
        nots.add_column(word(lang, key), no_wrap=key == "nrp")
    for n in result.not_:
        nots.add_row(n.nrp, n.rank, n.name, n.unit, n.said(lang))
    parts.append(nots)
    return Group(*parts)


def reason_lines(result: WhoFits, lang: str) -> list[str]:
    """The officers who do not fit, one line per reason with how many (most first), and how
    to list each of them."""
    counts = Counter(n.code for n in result.not_)
    if not counts:
        return [say(lang, _NOBODY_ELSE)]
    lines = [
        word(lang, f"reason_{code}", n=n)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return [*lines, say(lang, _EVERYONE)]


def as_markdown(result: WhoFits, view: View) -> str:
    lang = view.lang
    out = [f"# {_title(result, lang)}", "", f"## {word(lang, 'fits')}", ""]
    if result.fits:
        rows = [[f.nrp, f.rank, f.name, f.unit, str(f.shifts), f.said(lang)] for f in result.fits]
        heads = [word(lang, k) for k in ("nrp", "rank", "name", "unit", "shifts", "why")]
        out += [tabulate(rows, headers=heads, tablefmt="pipe", disable_numparse=True), ""]
    else:
        out += [word(lang, "nobody_fits"), ""]
    out += [f"## {word(lang, 'not_fits')}", ""]
    if not view.everyone:
        return "\n".join([*out, *(f"- {line}" for line in reason_lines(result, lang)), ""])
    rows = [[n.nrp, n.rank, n.name, n.unit, n.said(lang)] for n in result.not_]
    heads = [word(lang, k) for k in ("nrp", "rank", "name", "unit", "why")]
    out += [tabulate(rows, headers=heads, tablefmt="pipe", disable_numparse=True), ""]
    return "\n".join(out)


WHO_FITS_RENDERERS: dict[str, Callable[[WhoFits, View], str | RenderableType]] = {
    "table": as_table,
    "markdown": as_markdown,
    "json": as_json,
}
