"""arrivals.yaml: the candidate pairs and their visits."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, NonNegativeInt, PositiveInt

from sinjai_ops.models.common import Day, EndTime, Frozen, Ident, LocalTime, Text
from sinjai_ops.models.policy import Risk, VisitPolicy


class Visit(Frozen):
    site: Ident
    purpose: Literal["skck", "registration", "other"]
    date: Day
    arrive: LocalTime
    depart: EndTime
    """A visit may not cross midnight: `24:00` (read as 00:00) is the midnight that ends its
    day."""
    supporters: NonNegativeInt
    """Expected crowd."""
    vehicles: NonNegativeInt = 0
    """Convoy size."""

    def span(self, zone: ZoneInfo | None = None) -> tuple[datetime, datetime]:
        """Arrival and departure (naive without a zone). A departure at 00:00 (written 24:00)
        is the midnight that ends the visit's day: a visit never crosses midnight."""
        start = datetime.combine(self.date, self.arrive, tzinfo=zone)
        last = self.date + timedelta(days=1) if self.depart == time(0, 0) else self.date
        return start, datetime.combine(last, self.depart, tzinfo=zone)

    def window(self, rules: VisitPolicy, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """From `lead_minutes` before arrival to `tail_minutes` after departure."""
        start, end = self.span(zone)
        return start - timedelta(minutes=rules.lead_minutes), end + timedelta(
            minutes=rules.tail_minutes
        )


class Candidate(Frozen):
    id: Ident
    number: PositiveInt | None = None
    """Ballot number, once drawn."""
    names: list[Text] = Field(min_length=1)
    risk: Risk
    rivals: list[Ident] = Field(default_factory=list)
    visits: list[Visit] = Field(default_factory=list)


class Conflict(Frozen):
    """Rival candidates at one site on one day, closer than the policy's gap (the plan lists
    them; `models.plan` names it too)."""

    kind: Literal["rival-overlap"]
    site: str
    date: date
    candidates: list[str]
    gap_minutes: int
    """Minutes between the two visits; negative when they overlap."""


class ArrivalsFile(Frozen):
    candidates: list[Candidate]

    def rival_pairs(self) -> list[tuple[str, str]]:
        """Every rivalry once, stated on either side, as sorted id pairs."""
        ids = {c.id for c in self.candidates}
        pairs = {
            (min(c.id, r), max(c.id, r))
            for c in self.candidates
            for r in c.rivals
            if r in ids and r != c.id
        }
        return sorted(pairs)

    def rival_conflicts(self, min_gap_minutes: int) -> list[Conflict]:
        """Rivals at one site on one day closer than the gap: each pair, site and day once."""
        by_id = {c.id: c for c in self.candidates}
        closest: dict[tuple[date, str, str, str], int] = {}
        for a, b in self.rival_pairs():
            for va in by_id[a].visits:
                for vb in by_id[b].visits:
                    if va.site != vb.site or va.date != vb.date:
                        continue
                    gap = visit_gap_minutes(va, vb)
                    key = (va.date, va.site, a, b)
                    if gap < min_gap_minutes and gap < closest.get(key, gap + 1):
                        closest[key] = gap
        return [
            Conflict(kind="rival-overlap", site=site, date=day, candidates=[a, b], gap_minutes=gap)
            for (day, site, a, b), gap in sorted(closest.items())
        ]


def visit_gap_minutes(a: Visit, b: Visit) -> int:
    """Minutes between two visits on one day; negative when they overlap."""
    (start_a, end_a), (start_b, end_b) = a.span(), b.span()
    return int(max(start_b - end_a, start_a - end_b).total_seconds() // 60)
