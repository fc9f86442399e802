"""The Sprin's annex (Lampiran Surat Perintah) as a Polres writes it, shared by the report and
the workbook: the kop and the Lampiran header, the plotting grouped by day, site, shift and
post (command first, ring 1 before ring 3), every head a row (a missing one a `KURANG` row in
its place), and the signature block; and the figures of the Kapolres' first page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sinjai_ops.i18n import N_, say
from sinjai_ops.models.plan import COMMAND, RESERVE_POST, DayFigures, Plan
from sinjai_ops.models.sprin import FIRST_KOP_LINE, DocumentInfo
from sinjai_ops.render.labels import long_date, short_date, skill_label
from sinjai_ops.render.plan_names import platoon, post_name, site_name, task_force
from sinjai_ops.render.received import (
    members_on_duty,
    received_word,
    support_at,
    unit_heads_at,
    unit_row,
)
from sinjai_ops.render.voting_days import days_with_voting, tps_officers

DOTS = "." * 20
"""A blank of the form, filled in by hand."""

_WORDS: dict[str, str] = {
    "lampiran": N_("Annex to the duty order (Sprin) of {issuer}"),
    "number": N_("Number"),
    "dated": N_("Date"),
    "issued_at": N_("Issued at"),
    "issued_on": N_("Issued on"),
    "no": N_("No"),
    "name": N_("Name"),
    "rank_nrp": N_("Rank/NRP"),
    "job": N_("Duty in the operation"),
    "remark": N_("Remarks"),
    "short_row": N_("SHORT - BKO requested"),
    "commander": N_("Head of post"),
    "team_leader": N_("Team leader"),
    "squad_leader": N_("Squad leader"),
    "platoon_leader": N_("Platoon leader"),
    "member": N_("Member {skill}"),
    "roll_call": N_("leads the roll call"),
    "last_resort": N_("perwira as a last resort"),
    "plotting": N_("Plotting of personnel, {day}"),
    "structure": N_("Structure of the operation"),
    "strength": N_("Strength per day"),
    "day": N_("Day"),
    "officers": N_("Officers on duty"),
    "heads": N_("Shift-posts needed"),
    "filled": N_("Shift-posts filled"),
    "bko": N_("Shift-posts asked of the BKO"),
    "heads_note": N_(
        "A shift-post (jabatan-shift) is one officer's place at a post for one shift: an "
        "officer on duty in two shifts fills two. Officers on duty are people, each counted "
        "once a day."
    ),
    "visits": N_("Paslon visits"),
    "time": N_("Time"),
    "page": N_("Page {page} of {pages}"),
    "no_visits": N_("No paslon visit during the operation."),
    "bko_request": N_("BKO request per day and post"),
    "technical": N_("Technical note (planning)"),
    "before_signing": N_("Before the annex is signed"),
    "blanks": N_(
        "The dotted blanks of the annex are filled in by hand before it is signed, or given "
        "in the document: section of operation.yaml:"
    ),
    "blank_letterhead": N_("letterhead: the kop's lines under {first} (every page)"),
    "blank_issuer": N_("issuer: whose Sprin it is, in the Lampiran header (every page)"),
    "blank_number": N_("number: the Sprin's number, in the Lampiran header (every page)"),
    "blank_date": N_("date: the Sprin's date, in the Lampiran header and the signature block"),
    "blank_classification": N_("classification: above the kop (every page)"),
    "blank_place": N_("place: where it is issued, in the signature block"),
    "blank_title": N_("signatory.title: the signatory's office, in the signature block"),
    "blank_name": N_("signatory.name: the signatory's name, in the signature block"),
    "blank_rank": N_("signatory.rank and signatory.nrp: under the name, in the signature block"),
}


def sprin_word(lang: str, key: str, **values: object) -> str:
    return say(lang, _WORDS[key], **values)


def _day(lang: str, day: date) -> str:
    """`20 Agustus 2024`: the date of a letter, without its weekday."""
    return long_date(lang, day).split(", ", 1)[1]


@dataclass(frozen=True)
class Form:
    """The words around the plotting; a blank is `DOTS`."""

    classification: str
    kop: list[str]
    """KEPOLISIAN NEGARA REPUBLIK INDONESIA first, then the issuing unit's lines."""
    lampiran: str
    number: str
    dated: str
    place: str
    signed_on: str
    title: str
    name: str
    rank_nrp: str
    blanks: list[str]
    """Where each blank is, for the officer who fills it in by hand (empty: none)."""

    def header_lines(self, lang: str) -> list[tuple[str, str]]:
        """(label, value) of the Lampiran header under its first line."""
        return [
            (sprin_word(lang, "number").upper(), self.number),
            (sprin_word(lang, "dated").upper(), self.dated),
        ]

    def signature_lines(self, lang: str) -> list[tuple[str, str]]:
        return [
            (sprin_word(lang, "issued_at"), self.place),
            (sprin_word(lang, "issued_on"), self.signed_on),
        ]


def form(doc: DocumentInfo | None, lang: str) -> Form:
    d = doc or DocumentInfo()
    who = d.signatory
    blanks = []

    def given(value: str | None, blank: str) -> str:
        if value:
            return value
        blanks.append(sprin_word(lang, blank, first=FIRST_KOP_LINE))
        return DOTS

    kop = [FIRST_KOP_LINE, *d.letterhead]
    if not d.letterhead:
        blanks.append(sprin_word(lang, "blank_letterhead", first=FIRST_KOP_LINE))
        kop.append(DOTS)
    issuer = given(d.issuer, "blank_issuer")
    number = given(d.number, "blank_number")
    dated = given(_day(lang, d.date) if d.date else None, "blank_date")
    classification = given(d.classification, "blank_classification")
    place = given(d.place, "blank_place")
    title = given(who.title if who else None, "blank_title")
    name = given(who.name if who else None, "blank_name")
    rank = who.rank if who else None
    nrp = who.nrp if who else None
    if rank and nrp:
        rank_nrp = f"{rank} NRP {nrp}"
    else:
        blanks.append(sprin_word(lang, "blank_rank"))
        rank_nrp = f"{rank or DOTS} NRP {nrp or DOTS}"
    return Form(
        classification=classification.upper(),
        kop=[line.upper() for line in kop],
        lampiran=sprin_word(lang, "lampiran", issuer=issuer).upper(),
        number=number,
        dated=dated.upper(),
        place=place,
        signed_on=dated,
        title=title.upper(),
        name=name.upper(),
        rank_nrp=rank_nrp,
        blanks=blanks,
    )


@dataclass(frozen=True)
class AnnexRow:
    name: str
    rank_nrp: str
    job: str
    remark: str
    short: bool = False
    """A head nobody fills: `KURANG - diminta BKO`."""


@dataclass(frozen=True)
class AnnexGroup:
    """The heads of one post in one shift at one site."""

    date: date
    shift: str
    site: str
    post: str
    site_title: str
    title: str
    rows: list[AnnexRow]


def _post_order(plan: Plan, posts: set[str]) -> dict[str, tuple[int, float, int, str]]:
    """Command first, ring 1 before ring 3: the ring posts, the visit teams with ring 1, the
    posts without a ring, the reserve last; the operation's order within each."""
    listed = {p: i for i, p in enumerate(plan.names.posts)}
    candidates = {c: i for i, c in enumerate(plan.names.candidates)}
    out = {}
    for post in posts:
        if post == RESERVE_POST:
            key: tuple[int, float, int] = (3, 0, 0)
        elif post.startswith("visit:"):
            key = (0, 1.5, candidates.get(post.removeprefix("visit:"), len(candidates)))
        elif (ring := plan.names.rings.get(post)) is not None:
            key = (0, float(ring), listed.get(post, len(listed)))
        else:
            key = (1, 0, listed.get(post, len(listed)))
        out[post] = (*key, post)
    return out


def _shift_titles(plan: Plan) -> dict[tuple[date, str], str]:
    return {(s.date, s.shift): f"{s.shift} {s.start:%H.%M}-{s.end:%H.%M}" for s in plan.slots}


def annex(plan: Plan, lang: str) -> list[AnnexGroup]:
    """Every head of every shift, filled or not, per day, site, shift and post."""
    order = {(s.date, s.shift): s.order for s in plan.slots}
    shifts = _shift_titles(plan)
    sites = {s: i for i, s in enumerate(plan.names.sites)}
    heads: dict[_Key, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    missing: dict[_Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a in plan.assignments:
        heads[(a.date, a.shift, a.site, a.post)][a.skill].append(a.nrp)
    for h in plan.unit_heads:
        heads[(h.date, h.shift, h.site, h.post)].setdefault(h.skill, [])
    for s in plan.shortfalls:
        missing[(s.date, s.shift, s.site, s.post)][s.skill] += s.missing
    posts = _post_order(plan, {k[3] for k in heads} | {k[3] for k in missing})
    keys = sorted(
        set(heads) | set(missing),
        key=lambda k: (k[0], sites.get(k[2], len(sites)), k[2], order[(k[0], k[1])], posts[k[3]]),
    )
    rows = _AnnexRows(plan, lang)
    return [
        AnnexGroup(
            date=day,
            shift=shift,
            site=site,
            post=post,
            site_title=site_name(plan, site),
            title=_group_title(plan, shifts[(day, shift)], post, shift, lang),
            rows=rows.of((day, shift, site, post), heads[(day, shift, site, post)], missing),
        )
        for day, shift, site, post in keys
    ]


def _group_title(plan: Plan, when: str, post: str, shift: str, lang: str) -> str:
    """`pagi 06.00-14.00 - Post (support: TNI 2, Satpol PP 2)`."""
    title = f"{when} - {post_name(plan, post, lang)}"
    support = support_at(plan, post, shift)
    return f"{title} ({received_word(lang, 'support_title', counts=support)})" if support else title


_Key = tuple[date, str, str, str]
"""Date, shift, site and post: a group of the annex."""


class _AnnexRows:
    """The rows of a post's group: its heads by skill (command first), each skill's officers
    by rank, then a `KURANG` row for each head missing."""

    def __init__(self, plan: Plan, lang: str) -> None:
        self.plan = plan
        self.lang = lang
        self.people = {p.nrp: p for p in plan.people}
        self.ranks = {r: i for i, r in enumerate(plan.names.ranks)}
        self.skills = {s: i for i, s in enumerate(plan.names.skills)}
        self.leaders = {(c.date, c.shift, c.site): c.nrp for c in plan.commanders}
        self.last_resort = {
            (a.date, a.shift, a.site, a.post, a.nrp) for a in plan.perwira_as_members
        }
        self.units = unit_heads_at(plan)

    def skill_key(self, skill: str) -> tuple[int, int, str]:
        return (0 if skill == COMMAND else 1, self.skills.get(skill, len(self.skills)), skill)

    def person_key(self, nrp: str) -> tuple[int, str, str]:
        p = self.people[nrp]
        return (-self.ranks.get(p.rank, -1), p.name, nrp)

    def job(self, key: _Key, skill: str) -> str:
        lang = self.lang
        day, _, site, post = key
        if skill == COMMAND:
            if post == RESERVE_POST:
                led = platoon(self.plan, day, site, post)
                return sprin_word(lang, "platoon_leader" if led else "squad_leader")
            return sprin_word(lang, "team_leader" if post.startswith("visit:") else "commander")
        return sprin_word(lang, "member", skill=skill_label(lang, skill))

    def of(
        self, key: _Key, heads: dict[str, list[str]], missing: dict[_Key, dict[str, int]]
    ) -> list[AnnexRow]:
        day, shift, site, post = key
        lang = self.lang
        rows = []
        for skill in sorted(set(heads) | set(missing[key]), key=self.skill_key):
            force = task_force(self.plan, post, skill)
            job = self.job(key, skill)
            for nrp in sorted(heads[skill], key=self.person_key):
                p = self.people[nrp]
                notes = [force] if force else []
                if self.leaders.get((day, shift, site)) == nrp:
                    notes.append(sprin_word(lang, "roll_call"))
                if (day, shift, site, post, nrp) in self.last_resort:
                    notes.append(sprin_word(lang, "last_resort"))
                rows.append(AnnexRow(p.name, f"{p.rank}/{nrp}", job, "; ".join(notes)))
            for unit, n in sorted(self.units.get((*key, skill), {}).items()):
                name, remark = unit_row(self.plan, unit, n, lang)
                rows.append(AnnexRow(name, "-", job, "; ".join(x for x in (force, remark) if x)))
            rows += [
                AnnexRow(sprin_word(lang, "short_row"), "-", job, force, short=True)
            ] * missing[key][skill]
        return rows


def day_title(lang: str, day: date) -> str:
    return sprin_word(lang, "plotting", day=long_date(lang, day)).upper()


def columns(lang: str) -> list[str]:
    return [sprin_word(lang, k) for k in ("no", "name", "rank_nrp", "job", "remark")]


def day_figures(plan: Plan) -> list[DayFigures]:
    """Officers on duty (people), heads (shift-posts) needed and filled, and those asked of
    the BKO, per day: computed once by the plan stage (`Plan.days`), shared with the JSON; the
    voting day's TPS and Padal heads counted in for the people who read them."""
    return days_with_voting(plan, plan.days)


def plotted(plan: Plan) -> set[str]:
    """NRPs of the officers the plan puts on some duty: a shift, a TPS group, Padal."""
    return {a.nrp for a in plan.assignments} | tps_officers(plan)


def strength(plan: Plan, lang: str) -> tuple[list[list[Any]], list[int]]:
    """The strength per day of the report's first page (day, officers, heads, filled, BKO), and
    its totals: the operation's officers each counted once."""
    figures = day_figures(plan)
    rows: list[list[Any]] = [
        [short_date(lang, f.date), f.officers, f.heads, f.filled, f.bko] for f in figures
    ]
    totals = [
        len(plotted(plan)) + members_on_duty(plan),
        sum(f.heads for f in figures),
        sum(f.filled for f in figures),
        sum(f.bko for f in figures),
    ]
    return rows, totals
