"""What the printable report shows of the voting day: the figures per kecamatan and the BKO
request for the TPS officers on the first page, a page per kecamatan (its Padal, its groups
with their TPS and officers, the Linmas per desa, the heads missing), and the Polsek's annex."""

from __future__ import annotations

from typing import Any

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.labels import long_date
from sinjai_ops.render.voting_annex import voting_annex
from sinjai_ops.render.voting_rows import (
    bko_rows,
    category_label,
    duty_line,
    figures_total,
    group_units,
    groups_of,
    has_voting,
    kecamatan_figures,
    officer_label,
    officers_cell,
    padal_text,
    tps_text,
    vote_word,
    voting_day,
)


def _page(plan: Plan, lang: str, r: Any) -> dict[str, Any]:
    """One kecamatan's page."""
    return {
        "title": vote_word(lang, "kecamatan_page", kecamatan=r.kecamatan),
        # (label, value, in red: a head missing)
        "facts": [
            (vote_word(lang, "polsek"), r.polsek or "-", False),
            (vote_word(lang, "padal_role"), padal_text(plan, lang, r.padal), r.padal is None),
            (vote_word(lang, "tps"), str(r.tps), False),
            (vote_word(lang, "groups"), str(r.groups), False),
            (vote_word(lang, "officers"), officers_cell(r.filled, r.needed), r.missing > 0),
            (vote_word(lang, "linmas"), str(r.linmas), False),
        ],
        "groups": [
            {
                "desa": g.desa,
                "category": category_label(lang, g.category),
                "tps": tps_text(g),
                "officers": [officer_label(plan, n) for n in g.officers]
                + [name for name, _ in group_units(plan, g, lang)],
                "missing": g.missing,
                "short": vote_word(lang, "short", n=g.missing),
            }
            for g in groups_of(plan, r.kecamatan)
        ],
        "linmas": [(x.desa, x.need) for x in plan.linmas if x.kecamatan == r.kecamatan],
        "bko": bko_rows(plan, lang, r.kecamatan),
    }


def voting_context(plan: Plan, lang: str) -> dict[str, Any]:
    """The template's variables of the voting day (`voting` is None without one)."""
    if not has_voting(plan):
        return {"voting": None, "voting_annex": []}
    day = voting_day(plan)
    figures = kecamatan_figures(plan)
    total = figures_total(figures)
    return {
        "voting": {
            "title": vote_word(lang, "overview", day=long_date(lang, day) if day else ""),
            "duty": duty_line(plan, lang),
            "rows": [
                {
                    "cells": [
                        r.kecamatan,
                        r.polsek,
                        r.tps,
                        r.groups,
                        officers_cell(r.filled, r.needed),
                        r.linmas,
                        padal_text(plan, lang, r.padal),
                    ],
                    "missing": r.missing,
                    "no_padal": r.padal is None,
                }
                for r in figures
            ],
            "total": [
                total.tps,
                total.groups,
                officers_cell(total.filled, total.needed),
                total.linmas,
            ],
            "bko": bko_rows(plan, lang),
            "pages": [_page(plan, lang, r) for r in figures],
        },
        "voting_annex": [
            {
                "title": unit.title,
                "sites": _blocks(unit.groups),
            }
            for unit in voting_annex(plan, lang)
        ],
    }


def _blocks(groups: list[Any]) -> list[dict[str, Any]]:
    """The annex's groups under their kecamatan, as the template lays out a day's sites."""
    blocks: list[dict[str, Any]] = []
    for group in groups:
        if not blocks or blocks[-1]["site"] != group.site_title:
            blocks.append({"site": group.site_title, "groups": []})
        blocks[-1]["groups"].append(group)
    return blocks


def vote_words(lang: str) -> Any:
    """The template's word function of the voting day."""
    return lambda key, **kw: vote_word(lang, key, **kw)
