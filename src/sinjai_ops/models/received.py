"""Whole units a Polres has received (BKO) and the joint forces beside its posts
(formats.md, "Many Polres").

A received unit (`received_units:` of operation.yaml or adjustments.yaml) has the fields of a
unit of units.yaml plus `from`/`to`, the local moments it is at the Polres' disposal. Its
members are counted, not named: to the solver each is a rank-and-file officer current in the
unit's skills (`UnitMember`), with an internal id that no NRP can be (NRPs are digits only);
the plan keeps them apart from the roster's officers (`UnitHead`), and the JSON writes them as
`{"unit": id, "member": k}`.

`support:` on a post counts the forces of other agencies standing with it in each of its
shifts (TNI, Satpol PP, Dishub, Damkar, Dinkes, Linmas): shown, never planned by name, never
counted as Polri heads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, NonNegativeInt

from sinjai_ops.models.common import SHARED, Frozen, Ident
from sinjai_ops.models.moment import EndMoment, Moment
from sinjai_ops.models.roster import Person
from sinjai_ops.models.units import Unit


class ReceivedUnit(Unit):
    """A unit received by this Polres: a unit of units.yaml (`models.units.Unit`, one shape for
    both) plus `from`/`to`; `available`, as units.yaml gives it, is kept when the unit is
    copied from there, but `from`/`to` decide."""

    model_config = SHARED

    start: Moment = Field(alias="from")
    end: EndMoment = Field(alias="to")
    """Local moments: the members may fill heads of shifts wholly within them."""

    def leader(self) -> str:
        """`AKP Andi Basri (80010001)`."""
        c = self.commander
        return f"{c.rank} {c.name} ({c.nrp})"


MEMBER_MARK = "~"
"""The first character of a member's internal id: never a digit, so never an NRP."""


def member_id(unit: str, k: int) -> str:
    """The internal id of member `k` (from 1) of `unit`: `~unit/0001`."""
    return f"{MEMBER_MARK}{unit}/{k:04d}"


def member_of(nrp: str) -> tuple[str, int] | None:
    """(unit id, member number) of an internal member id; None for an NRP."""
    if not nrp.startswith(MEMBER_MARK) or "/" not in nrp:
        return None
    unit, _, k = nrp[1:].rpartition("/")
    return (unit, int(k)) if k.isdigit() else None


def members_read(value: Any) -> Any:
    """A plan's assignments with each `{"unit": id, "member": k}` (a received unit's member)
    under the member's internal id in place of an NRP."""
    if not isinstance(value, list):
        return value
    out = []
    for item in value:
        if isinstance(item, dict) and "nrp" not in item and {"unit", "member"} <= set(item):
            unit, k = item["unit"], item["member"]
            if isinstance(unit, str) and str(k).isdigit():
                rest = {key: v for key, v in item.items() if key not in ("unit", "member")}
                item = {**rest, "nrp": member_id(unit, int(k))}
        out.append(item)
    return out


class UnitMember(Person):
    """A member of a received unit, as the solver sees him: a rank-and-file officer current in
    the unit's skills (no drill age applies), who leads no head."""

    received: str
    number: int


def unit_members(unit: ReceivedUnit, rank: str) -> list[UnitMember]:
    """The unit's members as officers for the solver (`rank`: the lowest of the policy)."""
    return [
        UnitMember.model_construct(
            nrp=member_id(unit.id, k),
            name=unit.name,
            rank=rank,
            unit=unit.name,
            skills=list(unit.skills),
            assignable=True,
            drills={},
            unavailable=[],
            ties=[],
            desa=None,
            received=unit.id,
            number=k,
        )
        for k in range(1, unit.strength + 1)
    ]


AGENCIES = ("tni", "satpol-pp", "dishub", "damkar", "dinkes", "linmas")
"""The keys of `support:`, in the order the documents list them."""
AGENCY_NAMES = {
    "tni": "TNI",
    "satpol-pp": "Satpol PP",
    "dishub": "Dishub",
    "damkar": "Damkar",
    "dinkes": "Dinkes",
    "linmas": "Linmas",
}
"""The agencies as both languages write them."""


class SupportCounts(Frozen):
    """People of other agencies per shift, by agency."""

    tni: NonNegativeInt = 0
    satpol_pp: NonNegativeInt = Field(default=0, alias="satpol-pp")
    dishub: NonNegativeInt = 0
    damkar: NonNegativeInt = 0
    dinkes: NonNegativeInt = 0
    linmas: NonNegativeInt = 0

    def counts(self) -> list[tuple[str, int]]:
        """(agency key, count) of the agencies present, in the order of `AGENCIES`."""
        values = (self.tni, self.satpol_pp, self.dishub, self.damkar, self.dinkes, self.linmas)
        return [(k, n) for k, n in zip(AGENCIES, values, strict=True) if n]

    def text(self, brackets: bool = False) -> str:
        """`TNI 2, Satpol PP 2` (or `TNI (2), Satpol PP (2)`); empty without any."""
        pattern = "{name} ({n})" if brackets else "{name} {n}"
        return ", ".join(pattern.format(name=AGENCY_NAMES[k], n=n) for k, n in self.counts())


class Support(SupportCounts):
    """`support:` of a post: counts in each of its shifts, and optionally other counts for some
    shifts (`shifts: {malam: {tni: 4}}` replaces the counts in that shift)."""

    shifts: dict[Ident, SupportCounts] = Field(default_factory=dict)

    def at(self, shift: str) -> SupportCounts:
        """The counts in that shift."""
        return self.shifts.get(shift, self)

    def within(self, shifts: list[str] | None) -> Support:
        """The support of a post that runs only in `shifts` (None: in every shift): the counts
        of the other shifts dropped, as no one stands there then."""
        if shifts is None or set(self.shifts) <= set(shifts):
            return self
        kept = {k: v for k, v in self.shifts.items() if k in shifts}
        return self.model_copy(update={"shifts": kept})

    def any_counts(self) -> list[tuple[str, int]]:
        """The most of each agency in any shift (for a line per post)."""
        most: dict[str, int] = {}
        for counts in (self, *self.shifts.values()):
            for k, n in counts.counts():
                most[k] = max(most.get(k, 0), n)
        return [(k, most[k]) for k in AGENCIES if k in most]


class UnitHead(Frozen):
    """A head filled by a member of a received unit (no NRP: counted, not named)."""

    date: date
    shift: str
    site: str
    post: str
    skill: str
    unit: str
    member: int
