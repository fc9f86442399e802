"""The answer of `who-fits`: who could take one more head at a site in a shift, and who not."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from sinjai_ops.i18n import told
from sinjai_ops.models.common import Frozen
from sinjai_ops.models.plan import Names


class Fit(Frozen):
    nrp: str
    name: str
    rank: str
    unit: str
    shifts: int
    """Shifts the officer already works in the plan."""
    reason: str
    """Why they fit, and why they come where they do in the order (English; see `said`)."""
    msg: Any = Field(default=None, exclude=True, repr=False)

    def said(self, lang: str) -> str:
        return told(self.msg, self.reason, lang)


class NotFit(Frozen):
    nrp: str
    name: str
    rank: str
    unit: str
    reason: str
    """What keeps them from it: leave, absence, drill, rank, another head, rest, hours."""
    code: str
    """The reason as a word: not_assignable, leave, drill, rank, busy, rest."""
    msg: Any = Field(default=None, exclude=True, repr=False)

    def said(self, lang: str) -> str:
        return told(self.msg, self.reason, lang)


class WhoFits(Frozen):
    date: date
    shift: str
    site: str
    skill: str | None
    fits: list[Fit] = Field(default_factory=list)
    """Best first: fewest shifts, stood at this site before, same unit as those on duty there."""
    not_: list[NotFit] = Field(default_factory=list, alias="not")
    names: Names = Field(default_factory=Names, exclude=True)
    """For the views made for people (JSON keeps ids)."""
