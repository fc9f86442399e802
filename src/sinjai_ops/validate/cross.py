"""Checks across files: the roster and the arrivals against the operation, ties against the
candidates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sinjai_ops.i18n import t
from sinjai_ops.models.arrivals import ArrivalsFile, Visit
from sinjai_ops.models.common import Path, parse_date, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import Person, RosterFile


@dataclass(frozen=True)
class OperationFacts:
    """What other files are checked against: from the operation's model, or read leniently
    from an operation.yaml whose own problems keep the model from being built, so that every
    problem of every file is reported at once."""

    sites: list[str]
    start: date | None
    end: date | None
    commander: str | None

    @classmethod
    def of(cls, op: OperationFile) -> OperationFacts:
        info = op.operation
        return cls([s.id for s in op.sites], info.start, info.end, info.commander)

    @classmethod
    def read(cls, data: Any) -> OperationFacts:
        data = data if isinstance(data, dict) else {}
        info = data.get("operation") if isinstance(data.get("operation"), dict) else {}
        sites = data.get("sites") if isinstance(data.get("sites"), list) else []
        ids = [s["id"] for s in sites if isinstance(s, dict) and isinstance(s.get("id"), str)]

        def day(value: Any) -> date | None:
            try:
                return parse_date(value)
            except ValueError:
                return None

        commander = info.get("commander")
        start, end = day(info.get("start")), day(info.get("end"))
        if start and end and end < start:
            start = end = None
        return cls(ids, start, end, commander if isinstance(commander, str) else None)


def check_roster_against_operation(
    roster: RosterFile, op: OperationFacts, policy: Policy, rdoc: Document, odoc: Document
) -> list[Problem]:
    out: list[Problem] = []
    nrps = {p.nrp for p in roster.personnel}
    if op.commander is not None and op.commander not in nrps:
        out.append(
            problem_at(
                odoc,
                ("operation", "commander"),
                t(
                    "commander NRP '{nrp}' is not in the roster ({file})",
                    nrp=op.commander,
                    file=rdoc.file,
                ),
            )
        )
    if op.start is None or op.end is None:
        return out
    last_day = op.end
    for i, person in enumerate(roster.personnel):
        if not person.assignable:
            continue
        out += _drill_problems(person, i, op.start, last_day, policy, rdoc)
    return out


def _drill_problems(
    person: Person, i: int, start: date, last_day: date, policy: Policy, rdoc: Document
) -> list[Problem]:
    """Warnings for each skill of `person` whose drill is missing or too old for the
    operation: they are not plotted for it (from the day the drill runs out)."""
    out: list[Problem] = []
    for skill in person.skills:
        max_age = policy.drills.max_age_days.get(skill)
        if max_age is None:
            continue
        last = person.drills.get(skill)
        valid = person.drill_valid_until(skill, max_age)
        if valid is None:
            out.append(
                problem_at(
                    rdoc,
                    ("personnel", i, "skills"),
                    t(
                        "{name} ({nrp}) has no recorded {skill} drill; not plotted for "
                        "{skill} until one is recorded under drills",
                        name=person.name,
                        nrp=person.nrp,
                        skill=skill,
                    ),
                    warning=True,
                )
            )
        elif valid < last_day:
            facts = {"name": person.name, "nrp": person.nrp, "skill": skill, "last": last}
            if valid < start:
                message = t(
                    "{name} ({nrp}): last {skill} drill {last} is more than {days} days old "
                    "before the operation starts; not plotted for {skill} until a newer "
                    "drill is recorded",
                    days=max_age,
                    **facts,
                )
            else:
                message = t(
                    "{name} ({nrp}): last {skill} drill {last} is more than {days} days old "
                    "from {day}; not plotted for {skill} from that day",
                    days=max_age,
                    day=valid + timedelta(days=1),
                    **facts,
                )
            out.append(problem_at(rdoc, ("personnel", i, "drills", skill), message, warning=True))
    return out


def check_arrivals_against_scenario(
    arrivals: ArrivalsFile,
    op: OperationFacts,
    roster: RosterFile | None,
    policy: Policy,
    adoc: Document,
) -> list[Problem]:
    out: list[Problem] = []
    crowd_skill = policy.visits.crowd.skill
    has_crowd = roster is None or any(
        crowd_skill in p.skills and p.assignable for p in roster.personnel
    )
    for i, cand in enumerate(arrivals.candidates):
        for k, visit in enumerate(cand.visits):
            out += _visit_problems(
                visit, ("candidates", i, "visits", k), op, has_crowd, policy, adoc
            )
    return out + _rival_problems(arrivals, policy, adoc)


def _visit_problems(
    visit: Visit, path: Path, op: OperationFacts, has_crowd: bool, policy: Policy, adoc: Document
) -> list[Problem]:
    """A visit's site, its date within the operation, and a crowd skill for its supporters."""
    out: list[Problem] = []
    sites = op.sites
    crowd_skill = policy.visits.crowd.skill
    if sites and visit.site not in sites:
        out.append(
            problem_at(
                adoc,
                (*path, "site"),
                t(
                    "unknown site '{site}'{hint}",
                    site=visit.site,
                    hint=suggest(visit.site, sites)
                    or t("; sites: {sites}", sites=", ".join(sites)),
                ),
            )
        )
    if op.start and op.end and not op.start <= visit.date <= op.end:
        out.append(
            problem_at(
                adoc,
                (*path, "date"),
                t(
                    "visit date {day} is outside the operation ({start} to {end})",
                    day=visit.date,
                    start=op.start,
                    end=op.end,
                ),
            )
        )
    if visit.supporters > 0 and not has_crowd:
        out.append(
            problem_at(
                adoc,
                (*path, "supporters"),
                t(
                    "{n} supporters expected but the roster has nobody with skill "
                    "'{skill}'; every crowd head will be a shortfall",
                    n=visit.supporters,
                    skill=crowd_skill,
                ),
                warning=True,
            )
        )
    return out


def _rival_problems(arrivals: ArrivalsFile, policy: Policy, adoc: Document) -> list[Problem]:
    """A warning at the first visit of each pair of rivals that arrive too close together."""
    out: list[Problem] = []
    index = {c.id: i for i, c in enumerate(arrivals.candidates)}
    for conflict in arrivals.rival_conflicts(policy.rivals.min_gap_minutes):
        a, b = conflict.candidates
        first = arrivals.candidates[index[a]]
        k = next(
            k
            for k, v in enumerate(first.visits)
            if v.site == conflict.site and v.date == conflict.date
        )
        gap = conflict.gap_minutes
        how = t("overlap") if gap < 0 else t("are {gap} minutes apart", gap=gap)
        out.append(
            problem_at(
                adoc,
                ("candidates", index[a], "visits", k, "arrive"),
                t(
                    "rivals {a} and {b} {how} at {site} on {day} (policy asks for {gap} "
                    "minutes); plan a separation",
                    a=a,
                    b=b,
                    how=how,
                    site=conflict.site,
                    day=conflict.date,
                    gap=policy.rivals.min_gap_minutes,
                ),
                warning=True,
            )
        )
    return out


def check_ties(roster: RosterFile, arrivals: ArrivalsFile, rdoc: Document) -> list[Problem]:
    """Every declared tie names a candidate of arrivals.yaml."""
    ids = [c.id for c in arrivals.candidates]
    out = []
    for i, person in enumerate(roster.personnel):
        for k, tie in enumerate(person.ties):
            if tie not in ids:
                out.append(
                    problem_at(
                        rdoc,
                        ("personnel", i, "ties", k),
                        t(
                            "unknown candidate '{tie}'{hint} (the candidates of arrivals.yaml "
                            "are: {ids})",
                            tie=tie,
                            hint=suggest(tie, ids),
                            ids=", ".join(ids),
                        ),
                    )
                )
    return out
