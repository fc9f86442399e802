"""The voting day laid out for people, shared by every view of a plan with TPS groups: the
figures per kecamatan (TPS, groups, officers needed and filled, Linmas, the Padal), the groups
with their officers, each officer's TPS duty as a span of time, and the BKO request for the TPS
officers per kecamatan and category. A plan without TPS groups or Padal has none of these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.common import end_clock
from sinjai_ops.models.plan import Plan
from sinjai_ops.models.voting import TpsGroup
from sinjai_ops.render.received import unit_row

_WORDS: dict[str, str] = {
    "overview": N_("Voting day, {day}: TPS per kecamatan"),
    "kecamatan": N_("Kecamatan"),
    "polsek": N_("Polsek"),
    "tps": N_("TPS"),
    "groups": N_("Groups"),
    "officers": N_("Officers"),
    "needed": N_("Officers needed"),
    "filled": N_("Officers filled"),
    "padal": N_("Padal"),
    "linmas": N_("Linmas"),
    "desa": N_("Desa"),
    "category": N_("Category"),
    "missing": N_("Missing"),
    "no_padal": N_("NONE - BKO"),
    "short": N_("{n} missing - BKO"),
    "duty": N_(
        "TPS duty {start}-{end}: officers at their TPS from {start} (opening {open}, "
        "closing {close}) until counting ends"
    ),
    "counted": N_("The summary counts each TPS and Padal head once, for the whole duty."),
    "bko": N_("BKO request for TPS officers per kecamatan and category"),
    "bko_none": N_("Every TPS head and every Padal is filled."),
    "bko_line": N_("TPS officers asked of the BKO: {missing} ({lines} lines)"),
    "weight": N_("Weight"),
    "from": N_("From"),
    "until": N_("Until"),
    "padal_role": N_("Padal (perwira pengendali)"),
    "padal_of": N_("Padal of Kecamatan {kecamatan}"),
    "member": N_("TPS security ({category})"),
    "group": N_("{desa} - TPS {tps} ({category})"),
    "plotting": N_("Plotting of TPS personnel, {unit}, {day}"),
    "kecamatan_page": N_("Kecamatan {kecamatan}"),
    "linmas_note": N_("Linmas are not Polri: counted per desa, never named."),
    "tps_place": N_("{desa}: TPS {tps}"),
    "total": N_("Total"),
    "tps_duty": N_("TPS {kecamatan}/{desa} {tps}"),
    "padal_duty": N_("Padal {kecamatan}"),
}

_CATEGORIES: dict[str, str] = {
    "sangat-rawan": N_("highly vulnerable"),
    "khusus": N_("special TPS"),
    "rawan": N_("vulnerable"),
    "kurang-rawan": N_("less vulnerable"),
}


def vote_word(lang: str, key: str, **values: object) -> str:
    return say(lang, _WORDS[key], **values)


def category_label(lang: str, category: str | None) -> str:
    """`sangat rawan` / `highly vulnerable`; a line of no category is the Padal's."""
    if category is None:
        return vote_word(lang, "padal")
    return say(lang, _CATEGORIES[category]) if category in _CATEGORIES else category


def has_voting(plan: Plan) -> bool:
    """The plan has a voting day to show: TPS groups or Padal, and the part shown (`only`) is
    not another day or one site (a TPS is no site of operation.yaml)."""
    day, site = plan.scope
    if site is not None or (day is not None and day != voting_day(plan)):
        return False
    return bool(plan.tps_groups or plan.padal)


def _person(plan: Plan, nrp: str) -> tuple[str, str]:
    """(rank, name) of an officer the plan names, else the roster's label of him."""
    for p in plan.people:
        if p.nrp == nrp:
            return p.rank, p.name
    return "", plan.names.officers.get(nrp, nrp)


def officer_label(plan: Plan, nrp: str) -> str:
    """`Bripda Name (NRP)`."""
    rank, name = _person(plan, nrp)
    return f"{rank} {name} ({nrp})".strip() if rank else name


def officer_parts(plan: Plan, nrp: str) -> tuple[str, str]:
    """(name, rank/NRP) as the annex writes them."""
    rank, name = _person(plan, nrp)
    return name, f"{rank}/{nrp}" if rank else nrp


def polsek_of(plan: Plan) -> dict[str, str]:
    """Kecamatan to the unit that covers it (voting.areas)."""
    voting = plan.names.voting
    if voting is None:
        return {}
    return {k: area.unit for area in voting.areas for k in area.kecamatan}


@dataclass(frozen=True)
class KecamatanFigures:
    kecamatan: str
    polsek: str
    tps: int
    groups: int
    needed: int
    filled: int
    linmas: int
    padal: str | None
    """The Padal's NRP, None when no perwira is free (asked of the BKO)."""

    @property
    def missing(self) -> int:
        return self.needed - self.filled


def tps_missing(plan: Plan) -> int:
    """TPS heads and Padal asked of the BKO, in the part shown."""
    return sum(x.missing for x in plan.tps_shortfalls) if has_voting(plan) else 0


def tps_lines(plan: Plan, lang: str) -> list[tuple[date, str, str, int]]:
    """(date, kecamatan, category or Padal, missing) of the BKO request for the TPS, in the part
    shown."""
    if not has_voting(plan):
        return []
    return [
        (x.date, x.kecamatan, category_label(lang, x.category), x.missing)
        for x in plan.tps_shortfalls
    ]


def kecamatan_names(plan: Plan) -> list[str]:
    """Every kecamatan of the voting day, sorted (none outside the part shown)."""
    if not has_voting(plan):
        return []
    found = {g.kecamatan for g in plan.tps_groups} | {p.kecamatan for p in plan.padal}
    return sorted(found | {x.kecamatan for x in plan.linmas})


def kecamatan_figures(plan: Plan) -> list[KecamatanFigures]:
    units = polsek_of(plan)
    padal = {p.kecamatan: p.nrp for p in plan.padal}
    out = []
    for kecamatan in kecamatan_names(plan):
        groups = [g for g in plan.tps_groups if g.kecamatan == kecamatan]
        out.append(
            KecamatanFigures(
                kecamatan=kecamatan,
                polsek=units.get(kecamatan, ""),
                tps=sum(len(g.tps) for g in groups),
                groups=len(groups),
                needed=sum(g.heads() + g.missing for g in groups),
                filled=sum(g.heads() for g in groups),
                linmas=sum(x.need for x in plan.linmas if x.kecamatan == kecamatan),
                padal=padal.get(kecamatan),
            )
        )
    return out


def figures_total(rows: list[KecamatanFigures]) -> KecamatanFigures:
    return KecamatanFigures(
        kecamatan="",
        polsek="",
        tps=sum(r.tps for r in rows),
        groups=sum(r.groups for r in rows),
        needed=sum(r.needed for r in rows),
        filled=sum(r.filled for r in rows),
        linmas=sum(r.linmas for r in rows),
        padal=None,
    )


def padal_text(plan: Plan, lang: str, nrp: str | None) -> str:
    return officer_label(plan, nrp) if nrp else vote_word(lang, "no_padal")


def officers_cell(filled: int, needed: int) -> str:
    """`8/8`, or `6/8 -2` where officers are missing."""
    return f"{filled}/{needed}" + (f" -{needed - filled}" if needed > filled else "")


def tps_text(group: TpsGroup) -> str:
    """`001, 002`."""
    return ", ".join(group.tps)


def group_units(plan: Plan, group: TpsGroup, lang: str) -> list[tuple[str, str]]:
    """(`SSK ...: 2 member(s)`, `under the command of ...`) for each received unit with
    members in the group, in order of the unit's first member: counted, never an internal id."""
    counts: dict[str, int] = {}
    for m in group.members:
        counts[m.unit] = counts.get(m.unit, 0) + 1
    return [unit_row(plan, unit, n, lang) for unit, n in counts.items()]


def tps_duty_text(plan: Plan, kecamatan: str, post: str, lang: str) -> str:
    """A TPS or Padal duty as the list of changes has it (`solve.voting.duty_posts`: post
    `padal` or `tps:<desa>:<first TPS>`): `Padal Sinjai Utara`, `TPS Sinjai Utara/Bongki
    001-006` (the TPS of the plan's group that starts there, else the first alone)."""
    if post == "padal":
        return vote_word(lang, "padal_duty", kecamatan=kecamatan)
    _, desa, first = post.split(":", 2)
    tps = [first]
    for g in plan.tps_groups:
        if (g.kecamatan, g.desa, g.tps[0]) == (kecamatan, desa, first):
            tps = g.tps
    numbers = f"{tps[0]}-{tps[-1]}" if len(tps) > 1 else tps[0]
    return vote_word(lang, "tps_duty", kecamatan=kecamatan, desa=desa, tps=numbers)


def groups_of(plan: Plan, kecamatan: str) -> list[TpsGroup]:
    return [g for g in plan.tps_groups if g.kecamatan == kecamatan]


def voting_day(plan: Plan) -> date | None:
    if plan.names.voting is not None:
        return plan.names.voting.date
    return plan.tps_shortfalls[0].date if plan.tps_shortfalls else None


def duty_span(plan: Plan) -> tuple[datetime, datetime] | None:
    """The TPS duty, from the report time to the end of counting (local, aware)."""
    voting = plan.names.voting
    if voting is None:
        return None
    zone = ZoneInfo(plan.timezone)
    start = datetime.combine(voting.date, voting.report, tzinfo=zone)
    end = datetime.combine(voting.date, voting.counting_until, tzinfo=zone)
    if end <= start:  # 24:00, or counting past midnight
        end += timedelta(days=1)
    return start, end


def duty_line(plan: Plan, lang: str) -> str | None:
    """`TPS duty 06:30-23:00: ...`, from the voting section's times."""
    voting = plan.names.voting
    if voting is None:
        return None
    said = vote_word(
        lang,
        "duty",
        start=f"{voting.report:%H:%M}",
        end=end_clock(voting.counting_until),
        open=f"{voting.open:%H:%M}",
        close=f"{voting.close:%H:%M}",
    )
    return f"{said}. {vote_word(lang, 'counted')}"


@dataclass(frozen=True)
class TpsDuty:
    """One officer's duty of the voting day: a TPS group, or Padal of a kecamatan."""

    nrp: str
    kecamatan: str
    place: str
    """`Desa: TPS 001, 002`, or `Padal`."""
    role: str
    """The category's label, or `Padal (perwira pengendali)`."""
    padal: bool = False


def tps_duties(plan: Plan, lang: str) -> list[TpsDuty]:
    """Every officer's TPS or Padal duty, by kecamatan, desa and first TPS."""
    if not has_voting(plan):
        return []
    out = [
        TpsDuty(
            nrp,
            g.kecamatan,
            vote_word(lang, "tps_place", desa=g.desa, tps=tps_text(g)),
            vote_word(lang, "member", category=category_label(lang, g.category)),
        )
        for g in plan.tps_groups
        for nrp in g.officers
    ]
    out += [
        TpsDuty(p.nrp, p.kecamatan, vote_word(lang, "padal"), vote_word(lang, "padal_role"), True)
        for p in plan.padal
        if p.nrp
    ]
    return out


def missing_groups(plan: Plan, lang: str) -> list[TpsDuty]:
    """Groups with heads nobody fills, one row a missing head (nrp empty)."""
    return [
        TpsDuty(
            "",
            g.kecamatan,
            vote_word(lang, "tps_place", desa=g.desa, tps=tps_text(g)),
            category_label(lang, g.category),
        )
        for g in plan.tps_groups
        for _ in range(g.missing)
    ]


def bko_rows(plan: Plan, lang: str, kecamatan: str | None = None) -> list[list[str]]:
    """(kecamatan, category, missing, from, until, weight) of the BKO request for the TPS."""
    if not has_voting(plan):
        return []
    lines = [x for x in plan.tps_shortfalls if kecamatan is None or x.kecamatan == kecamatan]
    return [
        [
            x.kecamatan,
            category_label(lang, x.category),
            str(x.missing),
            x.start.replace("T", " "),
            x.until.replace("T", " "),
            str(x.weight),
        ]
        for x in lines
    ]


TPS_SHIFT = "TPS"
"""What the shift column of a list says of the voting day's TPS and Padal duty."""


def duty_rows(plan: Plan, lang: str) -> list[list[str]]:
    """(date, shift, kecamatan, place, role, nrp, rank, name, missing) of every head of the
    voting day: each officer of a TPS group and each Padal, then a row per group or kecamatan
    with heads missing (their count in `missing`)."""
    if not has_voting(plan):
        return []
    day = voting_day(plan)
    when = day.isoformat() if day else ""
    people = {p.nrp: p for p in plan.people}
    rows = []
    for duty in tps_duties(plan, lang):
        p = people.get(duty.nrp)
        rank, name = (p.rank, p.name) if p else ("", officer_label(plan, duty.nrp))
        rows.append(
            [when, TPS_SHIFT, duty.kecamatan, duty.place, duty.role, duty.nrp, rank, name, ""]
        )
    for g in plan.tps_groups:
        place = vote_word(lang, "tps_place", desa=g.desa, tps=tps_text(g))
        role = vote_word(lang, "member", category=category_label(lang, g.category))
        for name, _ in group_units(plan, g, lang):
            rows.append([when, TPS_SHIFT, g.kecamatan, place, role, "", "", name, ""])
    for g in plan.tps_groups:
        if g.missing:
            place = vote_word(lang, "tps_place", desa=g.desa, tps=tps_text(g))
            role = vote_word(lang, "member", category=category_label(lang, g.category))
            rows.append([when, TPS_SHIFT, g.kecamatan, place, role, "", "", "", str(g.missing)])
    for x in plan.padal:
        if x.nrp is None:
            padal = vote_word(lang, "padal")
            role = vote_word(lang, "padal_role")
            rows.append([when, TPS_SHIFT, x.kecamatan, padal, role, "", "", "", "1"])
    return rows
