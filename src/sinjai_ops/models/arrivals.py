"""arrivals.yaml: the candidate pairs and their visits."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, NonNegativeInt, PositiveInt

from sinjai_ops.models.common import Day, Frozen, Ident, LocalTime, Text
from sinjai_ops.models.policy import Risk


class Visit(Frozen):
    site: Ident
    purpose: Literal["skck", "registration", "other"]
    date: Day
    arrive: LocalTime
    depart: LocalTime
    supporters: NonNegativeInt
    """Expected crowd."""
    vehicles: NonNegativeInt = 0
    """Convoy size."""


class Candidate(Frozen):
    id: Ident
    number: PositiveInt | None = None
    """Ballot number, once drawn."""
    names: list[Text] = Field(min_length=1)
    risk: Risk
    rivals: list[Ident] = Field(default_factory=list)
    visits: list[Visit] = Field(default_factory=list)


class ArrivalsFile(Frozen):
    candidates: list[Candidate]
