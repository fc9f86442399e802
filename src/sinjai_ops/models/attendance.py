"""What the roll calls found (attendance for `anev`), and the daily evaluation it gives."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, NonNegativeInt, model_validator

from sinjai_ops.i18n import Invalid, t
from sinjai_ops.models.common import Day, Frozen, Ident, Nrp, Text
from sinjai_ops.models.plan import Names

STATUSES: dict[str, str] = {
    "present": "present",
    "hadir": "present",
    "absent": "absent",
    "absen": "absent",
    "tidak hadir": "absent",
    "late": "late",
    "terlambat": "late",
    "telat": "late",
    "sakit": "absent",
    "izin": "absent",
    "cuti": "absent",
}
"""What a roll call writes, in English or Bahasa, in any case, to the status it means."""
REASONS = ("sakit", "izin", "cuti")
"""Statuses that say why the officer was absent: the reason is that word."""


def _word(value: Any) -> Any:
    return " ".join(value.split()).casefold() if isinstance(value, str) else value


def parse_status(value: Any) -> str:
    status = STATUSES.get(_word(value)) if isinstance(value, str) else None
    if status is None:
        raise Invalid(
            t(
                "{shown} is not a status; write present (hadir), absent (absen, tidak hadir, or "
                "sakit, izin, cuti as the reason), or late (terlambat, telat) with minutes",
                shown=repr(value),
            )
        )
    return status


class Mark(Frozen):
    """One exception found at a roll call; every planned officer not listed was present."""

    nrp: Nrp
    date: Day | None = None
    shift: Ident | None = None
    """The shift's roll call (with `date`); or, for a drill session, `session` alone."""
    session: Ident | None = None
    """The id of a drill session (`sinjai-ops drills`) whose attendance this is."""
    status: Annotated[Literal["present", "absent", "late"], BeforeValidator(parse_status)]
    """`present`, `absent` or `late`, in any case, or in Bahasa (see `STATUSES`)."""
    reason: Text | None = None
    """`sakit`, `izin` or `cuti` written as the status is the reason; a reason given beside
    it follows it (`sakit: demam`), so that neither is lost."""
    minutes: NonNegativeInt | None = None
    """For `late`: how many minutes late (required)."""

    @model_validator(mode="before")
    @classmethod
    def _reason_in_status(cls, data: Any) -> Any:
        if not isinstance(data, dict) or _word(data.get("status")) not in REASONS:
            return data
        word = _word(data["status"])
        given = data.get("reason")
        if given is not None and not isinstance(given, str):
            return data  # told by the reason's own check
        reason = f"{word}: {given.strip()}" if isinstance(given, str) and given.strip() else word
        return {**data, "reason": reason}

    @model_validator(mode="after")
    def _shift_or_session(self) -> Mark:
        if self.session is None and (self.date is None or self.shift is None):
            raise Invalid(
                t(
                    "a mark names a shift's roll call (date: and shift:) or a drill session "
                    "(session: its id); give one"
                )
            )
        if self.session is not None and (self.date is not None or self.shift is not None):
            raise Invalid(t("a drill session's mark names no date or shift: its session says when"))
        return self

    @model_validator(mode="after")
    def _late_for_how_long(self) -> Mark:
        if self.status == "late" and self.minutes is None:
            raise Invalid(
                t("a late arrival needs 'minutes:' (how many minutes late), e.g. minutes: 40")
            )
        return self


class AttendanceFile(Frozen):
    attendance: list[Mark]


class Totals(Frozen):
    """Officer-shifts."""

    planned: int
    present: int
    absent: int
    late: int


class Line(Frozen):
    """Planned and present at one site, in one shift, for one skill."""

    date: date
    shift: str
    site: str
    skill: str
    planned: int
    present: int


class Away(Frozen):
    nrp: str
    name: str
    date: date
    shift: str
    site: str
    post: str
    reason: str | None
    minutes: int | None = None
    """For a late arrival."""


class Empty(Frozen):
    """A head that stood empty, and for how long."""

    date: date
    shift: str
    site: str
    post: str
    skill: str
    hours: float
    why: str
    """`absent`, `late` or `not filled` (a shortfall of the plan: the BKO request)."""


class SessionTally(Frozen):
    """A drill session: who was to drill, who did, who did not and why."""

    id: str
    date: date
    skill: str
    planned: list[str]
    drilled: list[str]
    """Present or late: their drill is dated on the session's day once recorded."""
    absences: list[Away] = Field(default_factory=list)
    late: list[Away] = Field(default_factory=list)


class Evaluation(Frozen):
    operation: str
    days: list[date]
    totals: Totals
    lines: list[Line] = Field(default_factory=list)
    absences: list[Away] = Field(default_factory=list)
    late: list[Away] = Field(default_factory=list)
    empty: list[Empty] = Field(default_factory=list)
    bko_requested: int = 0
    """Heads the plan asked Polda for on these days (whether they came is not recorded)."""
    sessions: list[SessionTally] = Field(default_factory=list)
    """The drill sessions marked (with the drill schedule given)."""
    names: Names = Field(default_factory=Names, exclude=True)
    """For the views made for people (JSON keeps ids)."""
