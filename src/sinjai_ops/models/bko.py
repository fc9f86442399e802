"""The Polda's BKO: the requests of many Polres plans (their `reinforcements`), and the whole
units allocated to them (`bko`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from sinjai_ops.i18n import Invalid, t
from sinjai_ops.models.units import Unit

MOMENT = "%Y-%m-%dT%H:%M"
"""A local moment as plans and the allocation write it."""
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


def parse_moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    text = value.strip() if isinstance(value, str) else None
    if text is not None and _MOMENT.match(text):
        try:
            return datetime.strptime(text, MOMENT)
        except ValueError:
            pass
    raise Invalid(
        t(
            "{shown} is not a local moment; write YYYY-MM-DDTHH:MM, e.g. 2024-11-27T06:30",
            shown=repr(value),
        )
    )


Moment = Annotated[datetime, BeforeValidator(parse_moment)]


class PlanLine(BaseModel):
    """A line of a plan's BKO request (`reinforcements`) as `bko` reads it: a post's heads in a
    shift, or a voting day's TPS officers of a kecamatan and category. Other fields (`causes`)
    are the plan's and are passed over."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    date: date
    shift: str | None = None
    site: str | None = None
    post: str | None = None
    kecamatan: str | None = None
    category: str | None = None
    skill: str | None
    """None: any officer (a TPS head)."""
    missing: int = Field(ge=1)
    weight: int = Field(ge=0)
    start: Moment | None = Field(default=None, alias="from")
    until: Moment | None = None

    @model_validator(mode="after")
    def _has_moments(self) -> PlanLine:
        if self.start is None or self.until is None:
            raise Invalid(
                t(
                    "this BKO line has no 'from' and 'until' (its local moments): the plan was "
                    "written by an older sinjai-ops; write it again with "
                    "`sinjai-ops plan SCENARIO --format json -o PLAN.json`"
                )
            )
        if self.until <= self.start:
            raise Invalid(
                t(
                    "this BKO line ends ({until}) at or before it starts ({start})",
                    until=self.until.strftime(MOMENT),
                    start=self.start.strftime(MOMENT),
                )
            )
        return self


class PlanRules(BaseModel):
    """The plan's `rules`: the rest and daily hours its officers (and a received unit's members)
    obey. A plan written before they were added takes the shipped policy's."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    min_rest_hours: float = Field(ge=0, le=72, allow_inf_nan=False)
    max_hours_per_day: float = Field(gt=0, le=24, allow_inf_nan=False)


class PlanRequests(BaseModel):
    """What `bko` reads of a plan written by `plan --format json`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    operation: str
    unit: str
    """The Polres (`operation.unit`)."""
    reinforcements: list[PlanLine]
    rules: PlanRules | None = None


@dataclass(frozen=True)
class Request:
    """One BKO request line of one plan, as the Polda sees it."""

    plan: str
    """The plan's file name without `.json` (its folder's name for a `plan.json`)."""
    polres: str
    line: PlanLine
    rules: PlanRules
    """The rest and daily hours of the plan's people, a received unit's members too."""

    @property
    def hours(self) -> float:
        """Hours a member works on it, counted against `max_hours_per_day`: a TPS duty (a
        line by kecamatan) counts none, as in the plan."""
        if self.line.shift is None:
            return 0.0
        return (self.until - self.start).total_seconds() / 3600

    @property
    def start(self) -> datetime:
        assert self.line.start is not None
        return self.line.start

    @property
    def until(self) -> datetime:
        assert self.line.until is not None
        return self.line.until

    @property
    def skill(self) -> str | None:
        return self.line.skill

    def sort_key(self) -> tuple[Any, ...]:
        x = self.line
        return (
            self.start,
            self.until,
            self.plan,
            x.site or "",
            x.post or "",
            x.kecamatan or "",
            x.category or "",
            x.skill or "",
            x.shift or "",
        )

    def data(self) -> dict[str, Any]:
        """The request as the allocation writes it: the plan's line (without its causes),
        `plan` and `polres` first."""
        x = self.line
        row: dict[str, Any] = {"plan": self.plan, "polres": self.polres, "date": x.date.isoformat()}
        if x.kecamatan is not None or x.shift is None:
            row |= {"kecamatan": x.kecamatan, "category": x.category}
        else:
            row |= {"shift": x.shift, "site": x.site, "post": x.post}
        return row | {
            "skill": x.skill,
            "missing": x.missing,
            "from": self.start.strftime(MOMENT),
            "until": self.until.strftime(MOMENT),
            "weight": x.weight,
        }


Reason = Literal["no-unit-with-skill", "no-unit-available", "units-busy"]
"""Why heads of a request stay unmet: no unit holds its skill; none that does is free for its
moments and the travel (its `available` days); every unit that could was given to heavier
heads, or is short of members."""


@dataclass(frozen=True)
class Cover:
    request: Request
    heads: int
    """Heads of the request this unit covers."""


@dataclass(frozen=True)
class Allocation:
    """A unit sent whole to one plan, from the first moment it covers to the last."""

    unit: str
    plan: str
    polres: str
    start: datetime
    until: datetime
    travel_hours: float
    """One way, base to the Polres (0 when units.yaml does not say)."""
    covers: tuple[Cover, ...]

    @property
    def depart(self) -> datetime:
        return self.start - timedelta(hours=self.travel_hours)

    @property
    def back(self) -> datetime:
        return self.until + timedelta(hours=self.travel_hours)


@dataclass(frozen=True)
class Unmet:
    request: Request
    missing: int
    """Heads of the request no unit covers."""
    reason: Reason


@dataclass(frozen=True)
class BkoQuality:
    status: Literal["optimal", "feasible"]
    """`optimal`: each of the three aims proven best by the solver (HiGHS)."""
    heads_requested: int
    heads_covered: int
    weighted_covered: int
    weighted_bound: int
    """No allocation covers more weighted heads (the solver's bound; `weighted_covered` when
    proven)."""
    units_used: int
    travel_hours: float
    """Both ways, over every allocation."""
    proven: tuple[str, ...] = ()
    """The aims proven best, in order: `heads` (the most weighted heads), `units` (the fewest
    units at that), `travel` (the least travel at both); all three when `status` is optimal."""


@dataclass(frozen=True)
class BkoResult:
    allocations: tuple[Allocation, ...]
    unmet: tuple[Unmet, ...]
    quality: BkoQuality
    units: dict[str, Unit]
    """The units by id, for the order (name, commander)."""
    operations: dict[str, str]
    """Plan name to its operation's name, for the order's header."""
