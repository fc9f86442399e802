"""The voting day beyond its shape: the `voting:` section of operation.yaml held against the
operation, the policy, the roster and the TPS list (formats.md, "Voting day")."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import time, timedelta

from sinjai_ops.i18n import t
from sinjai_ops.models.common import suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.models.voting import CATEGORIES, Tps, VotingSection, category_word
from sinjai_ops.tps_rows import Spot, TpsRow
from sinjai_ops.validate.tps import same_name


@dataclass(frozen=True)
class TpsFile:
    """The TPS list found for a scenario: its display name and its rows as written."""

    name: str
    rows: list[TpsRow]
    complete: bool = True
    """False when an error kept (part of) the list from being read (two lists, a missing
    file, a bad header, a bad row): what depends on the whole list is then not checked, and
    the list's own errors say what to fix."""


def check_voting(
    op: OperationFile,
    roster: RosterFile | None,
    policy: Policy,
    odoc: Document,
    rdoc: Document | None,
    found: tuple[TpsFile | None, list[Tps]],
) -> list[Problem]:
    """Every problem of the voting day across the files, errors and warnings."""
    listed, tps = found
    voting = op.voting
    unread = listed is not None and not listed.rows and not listed.complete
    if voting is None:
        if listed is None or unread:
            return []
        return [
            Problem.at(
                listed.name,
                1,
                1,
                t(
                    "a TPS list but no voting: section in operation.yaml; the list is not "
                    "planned (add voting: to plan the voting day)"
                ),
                warning=True,
            )
        ]
    out = _times(op, voting, odoc) + _names(op, voting, policy, roster, odoc)
    if unread:
        return out  # its own errors say why the list could not be read
    if listed is None:
        out.append(
            problem_at(
                odoc,
                ("voting",),
                t(
                    "set, but there is no TPS list; put tps.csv (or tps.xlsx, tps.yaml) "
                    "beside operation.yaml, or name the file with voting.tps"
                ),
                key=True,
            )
        )
        return out
    out += _coverage(voting, listed.rows, odoc, listed.complete)
    out += _patterns(policy, listed.rows)
    if roster is not None and listed.complete:
        out += _island(voting, tps, roster, policy, odoc)
        if rdoc is not None:
            out += _bhabinkamtibmas(voting, tps, roster, rdoc)
    return out


def _minutes(moment: time, end: bool = False) -> int:
    minutes = moment.hour * 60 + moment.minute
    return 24 * 60 if end and minutes == 0 else minutes


def _times(op: OperationFile, voting: VotingSection, odoc: Document) -> list[Problem]:
    info = op.operation
    out: list[Problem] = []
    if not info.start <= voting.date <= info.end:
        out.append(
            problem_at(
                odoc,
                ("voting", "date"),
                t(
                    "the voting day {day} is outside the operation ({start} to {end}); move it "
                    "or widen the operation",
                    day=voting.date,
                    start=info.start,
                    end=info.end,
                ),
            )
        )
    order = [
        ("report", voting.report, "open", voting.open, False),
        ("open", voting.open, "close", voting.close, True),
        ("close", voting.close, "counting_until", voting.counting_until, True),
    ]
    for first, early, then, late, strict in order:
        a, b = _minutes(early), _minutes(late, end=then == "counting_until")
        if a > b or (strict and a == b):
            out.append(
                problem_at(
                    odoc,
                    ("voting", then),
                    t(
                        "{then} {late} is not after {first} {early}; the day runs report <= "
                        "open < close < counting_until",
                        then=then,
                        late=f"{late:%H:%M}",
                        first=first,
                        early=f"{early:%H:%M}",
                    ),
                )
            )
    return out


def _names(
    op: OperationFile,
    voting: VotingSection,
    policy: Policy,
    roster: RosterFile | None,
    odoc: Document,
) -> list[Problem]:
    """The Padal's rank, the reserve's site and the units of the areas, each a known name."""
    out: list[Problem] = []
    rank = voting.padal.least_rank
    if rank not in policy.ranks:
        out.append(
            problem_at(
                odoc,
                ("voting", "padal", "least_rank"),
                t("unknown rank '{value}'{hint}", value=rank, hint=suggest(rank, policy.ranks)),
            )
        )
    sites = [s.id for s in op.sites]
    if voting.reserve is not None and voting.reserve.site not in sites:
        site = voting.reserve.site
        hint = suggest(site, sites) or t(
            "; sites of the operation: {sites}", sites=", ".join(sites)
        )
        out.append(
            problem_at(
                odoc,
                ("voting", "reserve", "site"),
                t(
                    "reserve site '{site}' is not a site of the operation{hint}",
                    site=site,
                    hint=hint,
                ),
            )
        )
    if roster is None:
        return out
    units = sorted({p.unit for p in roster.personnel})
    for i, area in enumerate(voting.areas):
        if area.unit not in units:
            out.append(
                problem_at(
                    odoc,
                    ("voting", "areas", i, "unit"),
                    t(
                        "no officer of the roster belongs to unit '{unit}'; name a unit of "
                        "roster.yaml{hint}",
                        unit=area.unit,
                        hint=suggest(area.unit, units),
                    ),
                )
            )
    return out


def _coverage(
    voting: VotingSection, rows: list[TpsRow], odoc: Document, complete: bool
) -> list[Problem]:
    """Each kecamatan of the TPS list covered by exactly one unit of `voting.areas` (an area
    without TPS only said of a list read whole)."""
    out: list[Problem] = []
    listed: dict[str, tuple[str, Spot]] = {}
    for row in rows:
        name = row.values["kecamatan"]
        if name:
            listed.setdefault(same_name(name), (name, row.spots["kecamatan"]))
    covered: dict[str, int] = {}
    for i, area in enumerate(voting.areas):
        for k, name in enumerate(area.kecamatan):
            path = ("voting", "areas", i, "kecamatan", k)
            first = covered.setdefault(same_name(name), i)
            if first != i:
                other = voting.areas[first].unit
                out.append(
                    problem_at(
                        odoc,
                        path,
                        t(
                            "kecamatan '{name}' is covered by two units, {first} and {second}; "
                            "keep it under one",
                            name=name,
                            first=other,
                            second=area.unit,
                        ),
                    )
                )
            elif complete and listed and same_name(name) not in listed:
                choices = [shown for shown, _ in listed.values()]
                out.append(
                    problem_at(
                        odoc,
                        path,
                        t(
                            "kecamatan '{name}' has no TPS in the TPS list{hint}",
                            name=name,
                            hint=suggest(name, choices),
                        ),
                        warning=True,
                    )
                )
    for same, (name, spot) in sorted(listed.items()):
        if same not in covered:
            out.append(
                spot.problem(
                    t(
                        "kecamatan '{name}' is covered by no unit of voting.areas in "
                        "operation.yaml; add it, e.g. {{unit: Polsek {name}, kecamatan: [{name}]}}",
                        name=name,
                    )
                )
            )
    return out


def _patterns(policy: Policy, rows: list[TpsRow]) -> list[Problem]:
    """A pattern in `policy.tps` for each category the TPS list uses."""
    patterns = policy.tps.pattern if policy.tps is not None else {}
    out: list[Problem] = []
    told: set[str] = set()
    for row in rows:
        category = category_word(row.values["category"])
        if category not in CATEGORIES or category in patterns or category in told:
            continue
        told.add(category)
        out.append(
            row.spots["category"].problem(
                t(
                    "no pattern for category '{category}' in policy.tps; add one under policy: "
                    "in operation.yaml, e.g. tps: {{pattern: {{{category}: {{officers: 2, tps: "
                    "1}}}}}}",
                    category=category,
                )
            )
        )
    return out


def _island(
    voting: VotingSection, tps: list[Tps], roster: RosterFile, policy: Policy, odoc: Document
) -> list[Problem]:
    """Enough officers free on the day before to hold the island TPS (a warning)."""
    if policy.tps is None:
        return []
    groups = Counter((x.kecamatan, x.desa, x.category) for x in tps if x.island)
    need = 0
    for (_, _, category), count in groups.items():
        pattern = policy.tps.pattern.get(category)
        if pattern is not None:
            need += pattern.officers * math.ceil(count / pattern.tps)
    eve = voting.date - timedelta(days=1)
    free = sum(
        1
        for p in roster.personnel
        if p.assignable
        and not p.on_leave(eve)
        and p.rank in policy.ranks
        and not policy.perwira(p.rank)
    )
    if need == 0 or free >= need:
        return []
    return [
        problem_at(
            odoc,
            ("voting", "date"),
            t(
                "the island TPS need {need} officers free of any other duty on {eve}, the day "
                "before the voting day, but only {free} rank-and-file officers are free then; "
                "the rest is asked as BKO",
                need=need,
                eve=eve,
                free=free,
            ),
            warning=True,
        )
    ]


def _bhabinkamtibmas(
    voting: VotingSection, tps: list[Tps], roster: RosterFile, rdoc: Document
) -> list[Problem]:
    """An officer's `desa` is a desa of the TPS list in a kecamatan his unit covers."""
    by_unit: dict[str, set[str]] = {}
    for area in voting.areas:
        by_unit.setdefault(area.unit, set()).update(same_name(k) for k in area.kecamatan)
    in_kecamatan: dict[str, set[str]] = {}
    for x in tps:
        in_kecamatan.setdefault(same_name(x.kecamatan), set()).add(x.desa)
    out: list[Problem] = []
    for i, person in enumerate(roster.personnel):
        if person.desa is None:
            continue
        covered = by_unit.get(person.unit)
        kecamatan = in_kecamatan if covered is None else covered
        desas = sorted({d for k in kecamatan for d in in_kecamatan.get(k, ())})
        if same_name(person.desa) in {same_name(d) for d in desas}:
            continue
        where = t("in the kecamatan of {unit}", unit=person.unit) if covered else t("in the list")
        out.append(
            problem_at(
                rdoc,
                ("personnel", i, "desa"),
                t(
                    "desa '{desa}' is not a desa of the TPS list {where}{hint}; he is planned "
                    "as if he had no desa",
                    desa=person.desa,
                    where=where,
                    hint=suggest(person.desa, desas),
                ),
                warning=True,
            )
        )
    return out
