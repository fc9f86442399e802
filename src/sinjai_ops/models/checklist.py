"""Checklist templates (configs/checklists.yaml, or an operation's own) and checklist items."""

from __future__ import annotations

import string
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import Field, NonNegativeInt

from sinjai_ops.models.common import SHARED, Frozen, Ident, LocalTime, Text
from sinjai_ops.models.policy import Risk

PLACEHOLDERS = frozenset(
    {
        "candidate",
        "candidates",
        "support",
        "site",
        "site_name",
        "post",
        "purpose",
        "time",
        "date",
        "shift",
        "skill",
        "missing",
        "officers",
        "supporters",
        "vehicles",
        "risk",
        "lines",
        "arrivals",
        "reserve",
        "ties",
        "session",
        "instructor",
        "units",
        "exercise",
        "kecamatan",
        "polsek",
        "padal",
        "tps",
        "until",
        "island_tps",
        "escort",
        "tps_empty",
    }
)


def placeholders(text: str) -> list[str]:
    """The `{names}` a template text uses."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


AnchorKind = Literal[
    "operation",
    "first-visit",
    "day",
    "shift",
    "post-opens",
    "visit",
    "conflict",
    "shortfall",
    "drill-session",
    "joint-exercise",
    "voting",
    "voting-kecamatan",
]
OwnerRole = Literal[
    "operation-commander",
    "unit-head",
    "site-commander",
    "post-commander",
    "escort-leader",
    "operation-role",
    "task-force-head",
    "padal",
]


class Anchor(Frozen):
    """When an item is due.

    operation: `days` before the operation starts, `at` a time. first-visit: `days` before the
    first visit of `purpose`, `at` a time. day: every day, `at` a time. shift: every shift at
    every site where officers stand, `minutes` before it starts. post-opens: every day, `minutes`
    before the first shift of each post of `ring` (or `post`). visit: `minutes` before each
    visit arrives. conflict: `days` before each rival conflict, `at` a time. shortfall: one item
    for the whole BKO request, `bko.lead_days` of the policy (or `days`, if more) before the first
    shift with missing heads, `at` a time. drill-session: `minutes` before each session of the
    drill schedule (operation.yaml's `drill_schedule:`). joint-exercise: `days` before the
    joint exercise, `at` a time (default: when it starts). voting (a scenario with a `voting:`
    section): once, `minutes` before the voting day's `moment`, or without one `days` before
    the voting day `at` a time. voting-kecamatan: the same, once for each kecamatan of the
    voting day.
    """

    kind: AnchorKind
    days: NonNegativeInt = 0
    at: LocalTime | None = None
    minutes: NonNegativeInt = 0
    """Minutes before the shift, post opening or arrival."""
    purpose: list[Literal["skck", "registration", "other"]] | None = None
    ring: int | None = Field(default=None, ge=1, le=3)
    post: Ident | None = None
    moment: Literal["report", "open", "close", "counting_until"] | None = None
    """For voting anchors: which time of the `voting:` section the item is due before."""


class Owner(Frozen):
    role: OwnerRole
    unit: Text | None = None
    """For unit-head: the unit whose highest-ranking member owns the item; for operation-role:
    the role of the operation's structure (Ka Anev, ...); for task-force-head: the task force's
    id. Also the fallback shown when nobody holds the role. padal: the Padal of the item's
    kecamatan (voting day), else the head of the Polsek that covers it."""


class Doers(Frozen):
    """Who does the work beside the owner: the officers of `skill` (or of `post`) at the item's
    site. The item falls due in a shift in which the plan has them there."""

    skill: Ident | None = None
    post: Ident | None = None


class Condition(Frozen):
    """All stated conditions must hold; a condition of a visit is about that visit."""

    model_config = SHARED

    risk: list[Risk] | None = None
    min_supporters: NonNegativeInt | None = None
    min_vehicles: NonNegativeInt | None = None
    rival_conflict: bool | None = None
    """The visit's candidate meets a rival at that site and day."""
    shortfall: bool | None = None
    """The plan misses heads on that day (at that site, for site-bound items)."""
    support: bool | None = None
    """The post (of a post-opens anchor) has other agencies beside it (`support:`)."""

    drill_schedule: bool | None = None
    """The operation has a `drill_schedule:` (its sessions are then the checklist's drill
    items, and the generic drill item gives way to them)."""
    visits: bool | None = None
    """The scenario's arrivals hold a candidate visit (the registration days; a voting day has
    none)."""
    island_tps: bool | None = None
    """The TPS list has a TPS reached by boat (in the item's kecamatan, for a voting-kecamatan
    item)."""


class Texts(Frozen):
    id: Text
    en: Text


class Template(Frozen):
    model_config = SHARED

    id: Ident
    anchor: Anchor
    owner: Owner
    by: Doers | None = None
    """Who does the work, when others than the owner (the Jibom team for a sweep)."""
    when: Condition = Field(default_factory=Condition)
    text: Texts
    """With `{placeholders}`: candidate, candidates, site, site_name, post, purpose, time,
    date, shift, skill, missing, officers, supporters, vehicles, risk, lines (every line of the
    BKO request), arrivals (the candidates arriving in the shift at the site), reserve (the
    reserve's state in the visit's shift), ties (the officers' declared ties to candidates);
    on the voting day kecamatan, polsek, padal, tps (the TPS counted), officers and missing
    (TPS heads filled and missing), until (the last day its PPK is guarded), island_tps (its
    TPS reached by boat) and escort (the posts of its PPK in the shift under way, their heads
    filled, named and missing), tps_empty (its TPS in groups nobody is plotted to)."""


ROLL_CALL = "apel-shift"
"""The template of the roll call (apel) before every shift: its officers report then."""


def roll_call_lead(templates: list[Template]) -> timedelta:
    """How long before a shift its officers report: the `minutes` of the roll call template
    (shipped, or the operation's replacement of it); none when there is no roll call."""
    leads = [t.anchor.minutes for t in templates if t.id == ROLL_CALL and t.anchor.kind == "shift"]
    return timedelta(minutes=max(leads, default=0))


class TemplatesFile(Frozen):
    templates: list[Template]


class ItemOwner(Frozen):
    role: OwnerRole
    name: str | None = None
    nrp: str | None = None
    rank: str | None = None
    unit: str | None = None


class Item(Frozen):
    due: datetime
    """Aware: carries the operation's time-zone offset. Always a moment at which the plan has
    those who do the item on duty, unless `warning` says why it cannot be."""
    template: str
    site: str | None
    site_name: str | None = None
    """The site as people call it (its id where operation.yaml gives no name)."""
    owner: ItemOwner
    called_by: ItemOwner | None = None
    """The owner is off duty in the plan when the item falls due: who calls them in (never
    someone junior to them)."""
    text: dict[str, str]
    """By language; ends with the warning, if any."""
    source: dict[str, str]
    """The fact of the scenario that produced the item, by language."""
    warning: dict[str, str] | None = None
    """By language: why the plan cannot have the item done in time (too late, or nobody)."""


class Checklist(Frozen):
    operation: str
    language: str | None
    """The operation's preferred language, if it names one."""
    items: list[Item]

    def only(
        self, day: date | None = None, site: str | None = None, owner: str | None = None
    ) -> Checklist:
        """Items due on a day, at a site (items of no site stay), for an owner (NRP, part of a
        name, or unit)."""

        def mine(item: Item) -> bool:
            if owner is None:
                return True
            o = item.owner
            needle = owner.casefold()
            return owner == o.nrp or any(needle in (v or "").casefold() for v in (o.name, o.unit))

        kept = [
            i
            for i in self.items
            if (day is None or i.due.date() == day)
            and (site is None or i.site in (None, site))
            and mine(i)
        ]
        return self.model_copy(update={"items": kept})

    def warnings(self) -> list[Item]:
        """The items that the plan, as it stands, cannot have done in time."""
        return [i for i in self.items if i.warning]
