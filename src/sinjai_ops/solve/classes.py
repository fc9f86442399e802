"""Officers who are interchangeable for this operation, grouped so the model stays small.

Two officers are interchangeable when, on every day, they may fill exactly the same roles (a
skill with a fresh enough drill, or a commander head of some least rank): same leave days, same
relevant skills, same drill validity, same rank band. The model decides how many of each class
work where; the names are given out afterwards, within each class.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sinjai_ops.models.plan import Demand, Need
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario

Role = tuple[str, str | None]
"""(skill, least rank): a skill head has no rank, a commander head has its rank."""


def role_of(need: Need) -> Role:
    return (need.skill, need.min_rank)


@dataclass(frozen=True)
class OfficerClass:
    members: tuple[str, ...]
    """NRPs, sorted."""
    roles_by_day: tuple[frozenset[Role], ...]
    """Roles each member may fill, by day of the operation."""


def eligible_roles(person: Person, day: date, roles: list[Role], policy: Policy) -> frozenset[Role]:
    """Roles a person may fill on a day (`Person.may_fill`)."""
    return frozenset(role for role in roles if person.may_fill(*role, day, policy))


def officer_classes(scenario: Scenario, demand: Demand) -> list[OfficerClass]:
    days = sorted({s.date for s in demand.slots})
    roles = sorted({role_of(n) for n in demand.needs}, key=lambda r: (r[0], r[1] or ""))
    groups: dict[tuple[frozenset[Role], ...], list[str]] = defaultdict(list)
    for person in scenario.roster.personnel:
        signature = [eligible_roles(person, day, roles, scenario.policy) for day in days]
        key = tuple(signature)
        if any(key):
            groups[key].append(person.nrp)
    classes = [OfficerClass(tuple(sorted(m)), sig) for sig, m in groups.items()]
    return sorted(classes, key=lambda c: c.members[0])
