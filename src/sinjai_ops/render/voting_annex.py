"""The voting day in the Sprin's annex, one table (or sheet) per Polsek: under each kecamatan it
covers, its Padal, then each TPS group with its officers by name, rank and NRP (a missing head a
`KURANG` row in its place). Shared by the report and the workbook."""

from __future__ import annotations

from dataclasses import dataclass

from sinjai_ops.models.common import end_clock
from sinjai_ops.models.plan import Plan
from sinjai_ops.models.voting import TpsGroup
from sinjai_ops.render.labels import long_date
from sinjai_ops.render.sprin import AnnexGroup, AnnexRow, sprin_word
from sinjai_ops.render.voting_rows import (
    category_label,
    group_units,
    groups_of,
    kecamatan_figures,
    officer_parts,
    tps_text,
    vote_word,
    voting_day,
)


@dataclass(frozen=True)
class UnitAnnex:
    """The TPS plotting of one Polsek (or of the operation's unit, for a kecamatan no Polsek
    covers)."""

    unit: str
    title: str
    groups: list[AnnexGroup]


def _units(plan: Plan, group: TpsGroup, job: str, lang: str) -> list[AnnexRow]:
    """A row per received unit with members in the group: `SSK ...: 2 member(s)`, its
    commander in the remark."""
    return [AnnexRow(name, "-", job, remark) for name, remark in group_units(plan, group, lang)]


def _rows(
    plan: Plan,
    nrps: list[str],
    job: str,
    missing: int,
    lang: str,
    counted: list[AnnexRow] | None = None,
) -> list[AnnexRow]:
    """The officers senior first (the policy's ranks), the received units' members counted
    (`counted`), then a `KURANG` row per missing head."""
    ranks = {r: i for i, r in enumerate(plan.names.ranks)}
    units = {p.nrp: (p.rank, p.unit) for p in plan.people}

    def key(nrp: str) -> tuple[int, str]:
        return (-ranks.get(units.get(nrp, ("", ""))[0], -1), nrp)

    rows = []
    for nrp in sorted(nrps, key=key):
        name, rank_nrp = officer_parts(plan, nrp)
        rows.append(AnnexRow(name, rank_nrp, job, units.get(nrp, ("", ""))[1]))
    rows += counted or []
    rows += [AnnexRow(sprin_word(lang, "short_row"), "-", job, "", short=True)] * missing
    return rows


def voting_annex(plan: Plan, lang: str) -> list[UnitAnnex]:
    """Per Polsek, in the order of its first kecamatan: the Padal and the groups of each."""
    day = voting_day(plan)
    voting = plan.names.voting
    if day is None:
        return []
    hours = ""
    if voting is not None:
        hours = f"{voting.report:%H.%M}-{end_clock(voting.counting_until).replace(':', '.')} - "
    by_unit: dict[str, list[AnnexGroup]] = {}
    for r in kecamatan_figures(plan):
        unit = r.polsek or plan.unit
        site = vote_word(lang, "kecamatan_page", kecamatan=r.kecamatan)
        groups = by_unit.setdefault(unit, [])
        padal = [r.padal] if r.padal else []
        groups.append(
            AnnexGroup(
                date=day,
                shift="tps",
                site=r.kecamatan,
                post="padal",
                site_title=site,
                title=hours + vote_word(lang, "padal_of", kecamatan=r.kecamatan),
                rows=_rows(plan, padal, vote_word(lang, "padal_role"), 1 - len(padal), lang),
            )
        )
        for g in groups_of(plan, r.kecamatan):
            category = category_label(lang, g.category)
            title = vote_word(lang, "group", desa=g.desa, tps=tps_text(g), category=category)
            job = vote_word(lang, "member", category=category)
            groups.append(
                AnnexGroup(
                    date=day,
                    shift="tps",
                    site=r.kecamatan,
                    post=f"{g.desa}/{g.tps[0]}",
                    site_title=site,
                    title=hours + title,
                    rows=_rows(plan, g.officers, job, g.missing, lang, _units(plan, g, job, lang)),
                )
            )
    when = long_date(lang, day)
    return [
        UnitAnnex(unit, vote_word(lang, "plotting", unit=unit, day=when).upper(), groups)
        for unit, groups in by_unit.items()
    ]
