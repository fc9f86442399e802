"""The results: the plan, and what the solver can say of its quality. The demand it is made
for lives in `models.demand` (re-exported here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field

from sinjai_ops.i18n import told
from sinjai_ops.models.arrivals import Conflict as Conflict
from sinjai_ops.models.common import Frozen
from sinjai_ops.models.demand import COMMAND as COMMAND
from sinjai_ops.models.demand import DEFAULT_TIME_LIMIT as DEFAULT_TIME_LIMIT
from sinjai_ops.models.demand import RESERVE_POST as RESERVE_POST
from sinjai_ops.models.demand import Demand as Demand
from sinjai_ops.models.demand import HeadKind as HeadKind
from sinjai_ops.models.demand import Need as Need
from sinjai_ops.models.demand import Slot as Slot
from sinjai_ops.models.policy import RestPolicy
from sinjai_ops.models.received import ReceivedUnit, Support, UnitHead, members_read
from sinjai_ops.models.sprin import DocumentInfo
from sinjai_ops.models.voting import LinmasNeed, PadalDuty, TpsGroup, TpsShortfall, VotingSection


class Assignment(Frozen):
    date: date
    shift: str
    site: str
    post: str
    skill: str
    nrp: str


class PlanIdentity(Frozen):
    """What a plan written by `plan --format json` says of where it comes from: its operation
    (a plan written before `unit`, `start` and `end` were added names only the operation) and
    the sha256 of the files it was made from. Every field is optional: a hand-made baseline may
    hold only its assignments."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    operation: str | None = None
    unit: str | None = None
    start: date | None = None
    end: date | None = None
    inputs: dict[str, str] | None = None


class BaselineFile(PlanIdentity):
    """A plan written earlier by `plan --format json`: its assignments and where it comes from."""

    assignments: Annotated[list[Assignment], BeforeValidator(members_read)]
    tps_groups: list[TpsGroup] = Field(default_factory=list)
    """A voting day's TPS groups (their officers are kept by the duty)."""
    padal: list[PadalDuty] = Field(default_factory=list)


class PublishedPlan(PlanIdentity):
    """A plan written earlier by `plan --format json`, as `anev` reads it."""

    assignments: Annotated[list[Assignment], BeforeValidator(members_read)]
    shortfalls: list[Shortfall | TpsShortfall] = Field(default_factory=list)
    """A voting day's plan lists its missing TPS officers here too (`TpsShortfall`)."""


class Duty(Frozen):
    site: str
    post: str
    skill: str


class Change(Frozen):
    """One officer's shift that differs from the baseline plan."""

    nrp: str
    date: date
    shift: str
    before: Duty | None
    """None: called in."""
    after: Duty | None
    """None: released."""
    reason: str | None = None
    """Why, where the inputs say: an absence and its reason (English; see `said`)."""
    msg: Any = Field(default=None, exclude=True, repr=False)

    def said(self, lang: str) -> str | None:
        """`reason` in `lang`."""
        return told(self.msg, self.reason, lang) if self.reason else None


class Shortfall(Frozen):
    date: date
    shift: str
    site: str
    post: str
    skill: str
    missing: int


class Causes(Frozen):
    """Why a BKO line's heads stay empty: of the officers who hold its skill (or, for
    commander heads, its rank), how many were out of reach in that shift, and why. Each is
    counted once, under the first reason that applies."""

    holders: int
    not_assignable: int = 0
    """Not plotted at all (`assignable: false`)."""
    leave: int = 0
    """On leave (roster) or absent (adjustments.yaml)."""
    drill: int = 0
    """Drill too old or not recorded."""
    rank: int = 0
    """A rank outside the head's band: perwira on a rank-and-file head, or senior to the
    post's commander head."""
    busy: int = 0
    """On another head in that shift (the heavier heads are filled first)."""
    rest: int = 0
    """Rest between shifts or hours of the day: they work a shift too close to this one."""
    tps: int | None = None
    """On the voting day's TPS or Padal duty, which overlaps the shift or keeps them from it
    for its rest (None, and not written, where nobody is)."""


class Reinforcement(Frozen):
    """A BKO request line: heads missing per date, shift, site, post and skill."""

    date: date
    shift: str
    site: str
    post: str
    """The post the heads are missing at (`visit:<candidate>`, `reserve`, or a post's id)."""
    skill: str
    missing: int
    weight: int
    """The priority of one such head (policy `priorities`)."""
    causes: Causes | None = None


class DayFigures(Frozen):
    """One day of the plan, for the Kapolres: officers on duty (people, each counted once),
    the heads (shift-posts) of the shifts that start that day, those filled and those asked
    of the BKO."""

    date: date
    officers: int
    """Distinct NRPs with an assignment in a shift starting that day."""
    heads: int
    filled: int
    bko: int
    """Heads missing in those shifts."""


class Remedy(Frozen):
    """A change that would fill heads of the BKO request, measured by planning again with it."""

    kind: Literal["drill", "recall-leave", "perwira-on-rank-and-file"]
    skill: str | None = None
    officers: list[str] = Field(default_factory=list)
    """NRPs of the officers the change concerns."""
    by: date | None = None
    """For a drill: the day by which it must be held."""
    recovered: int
    """Heads that the plan made with this change fills beyond this plan."""
    missing: int
    """Heads missing in this plan (of the skill, where the remedy names one)."""


class SiteCommander(Frozen):
    """The highest-ranking officer plotted at a site in a shift: who leads its roll call."""

    date: date
    shift: str
    site: str
    nrp: str


class Person(Frozen):
    nrp: str
    name: str
    rank: str
    unit: str


class Load(Frozen):
    """Shifts per officer who could be plotted at all in this operation."""

    min: int
    median: float
    max: int
    max_lower_bound: int | None
    """None when the solver had no time left to prove one."""
    """No plan that fills as many heads can give its busiest officer fewer shifts."""


class Quality(Frozen):
    status: Literal["optimal", "feasible", "nothing-to-plan"]
    """`optimal`: no plan fills more weighted heads (the first objective, proven by HiGHS). On
    a voting day the heads are the shifts', the TPS groups' and the Padal's together, planned
    in one program, and the proof covers them all (the rules of the voting day kept as hard
    rules); the later objectives (officers in their own Polsek's area, then the load) are
    solved in turn at that coverage, a Bhabinkamtibmas's own desa is preferred when names are
    given out."""
    heads_needed: int
    heads_filled: int
    weighted_filled: int
    weighted_bound: int
    """Best possible weighted coverage (equal to `weighted_filled` when optimal)."""
    heads_gap: int
    """At most this many more heads could be filled by any plan."""
    load: Load
    site_changes: int = 0
    """Times an officer's next shift is at another site than the one before (continuity)."""
    kept: int | None = None
    """With a baseline: its assignments kept exactly (same officer, shift, post and skill)."""
    moved: int | None = None
    """With a baseline: its assignments not kept."""
    replanned_from: datetime | None = None
    """Re-planned from this moment: every shift that starts before it is the baseline's."""


class Neutrality(Frozen):
    """What the declared ties (netralitas Polri) did to the plan."""

    tied_officers: int
    """Officers with a declared tie to a candidate who visits during the operation."""
    heads_cost: int
    """Heads that a plan ignoring the ties would fill beyond this one (measured by planning
    again without them; 0 when the rule cost nothing)."""


class Names(Frozen):
    """What people call the operation's places and candidates, for the views made for people
    (JSON and YAML keep ids)."""

    sites: dict[str, str] = Field(default_factory=dict)
    posts: dict[str, str] = Field(default_factory=dict)
    """Post id to its name (the id where operation.yaml gives no name)."""
    candidates: dict[str, str] = Field(default_factory=dict)
    """Candidate id to `Paslon 1: Name One - Name Two` (no number until drawn)."""
    skills: list[str] = Field(default_factory=list)
    """The skills of the policy, in its order."""
    structure: list[str] = Field(default_factory=list)
    """The operation's roles and task forces with who holds them, one line each."""
    post_forces: dict[str, str] = Field(default_factory=dict)
    """Post id to the name of the task force that owns it."""
    skill_forces: dict[str, str] = Field(default_factory=dict)
    """Skill to the name of the task force that owns its heads where no post says."""
    rings: dict[str, int] = Field(default_factory=dict)
    """Post id to its ring (1 innermost), where operation.yaml gives one."""
    ranks: list[str] = Field(default_factory=list)
    """The ranks of the policy, lowest first (the annex lists the senior first)."""
    document: DocumentInfo | None = None
    """`document:` of operation.yaml: the Sprin's kop, number and signature block."""
    officers: dict[str, str] = Field(default_factory=dict)
    """NRP to `Rank Name (NRP)`, for every officer of the roster (a remedy names officers whom
    the plan does not plot)."""
    addresses: dict[str, str] = Field(default_factory=dict)
    """Site id to its `address:`, where operation.yaml gives one."""
    roll_call_minutes: int = 0
    """How long before its shift an officer reports for the roll call (apel): the `minutes` of
    the checklist's `apel-shift` template; 0 when there is none."""
    voting: VotingSection | None = None  # voting: of operation.yaml (times, areas), for the views
    support: dict[str, Support] = Field(default_factory=dict)
    """Post id to the other agencies beside it (`support:`), where operation.yaml gives them."""
    received: list[ReceivedUnit] = Field(default_factory=list)
    """The units received (BKO), with their commanders: who leads their members' heads."""

    def received_unit(self, unit: str) -> ReceivedUnit | None:
        return next((u for u in self.received if u.id == unit), None)


class Plan(Frozen):
    operation: str
    unit: str
    """The operation's unit (`operation.unit`): with `start` and `end`, which operation this
    plan is of, so that a plan of another operation is refused where this one is expected."""
    start: date
    end: date
    timezone: str
    language: str | None = None
    """The operation's preferred language for people, if it names one."""
    inputs: dict[str, str]
    assignments: list[Assignment]
    shortfalls: list[Shortfall]
    conflicts: list[Conflict]
    reinforcements: list[Reinforcement]
    quality: Quality
    days: list[DayFigures] = Field(default_factory=list)
    """Officers and heads per day of the operation (of the part shown, after `only`)."""
    people: list[Person] = Field(default_factory=list)
    """Everyone the plan names, for the renderers."""
    slots: list[Slot] = Field(default_factory=list)
    commanders: list[SiteCommander] = Field(default_factory=list)
    changes: list[Change] | None = None
    """With a baseline: every officer's shift that differs from it."""
    names: Names = Field(default_factory=Names)
    plottable: list[str] = Field(default_factory=list)
    """NRPs of everyone who may be plotted on some head of the operation."""
    scope: tuple[date | None, str | None] = (None, None)
    """The day and site this plan was cut to (`only`); counts in `quality.heads_*` are of that
    part, the load and the solver's figures of the whole operation."""
    neutrality: Neutrality | None = None
    """Set when some officer declares a tie."""
    remedies: list[Remedy] = Field(default_factory=list)
    """Measured remedies for the BKO request (computed by planning again; see `remedies`)."""
    perwira_as_members: list[Assignment] = Field(default_factory=list)
    """Perwira on rank-and-file heads: a last resort, only where the policy allows it."""
    tps_groups: list[TpsGroup] = Field(default_factory=list)
    """Voting day: the TPS groups and their officers (empty without a `voting:` section)."""
    padal: list[PadalDuty] = Field(default_factory=list)
    linmas: list[LinmasNeed] = Field(default_factory=list)
    unit_heads: list[UnitHead] = Field(default_factory=list)
    """Heads filled by members of received units (counted, not named), in the order of the
    assignments; `quality.heads_filled` counts them too."""
    tps_shortfalls: list[TpsShortfall] = Field(default_factory=list)
    """TPS officers and Padal missing, per kecamatan and category; the JSON writes them into
    `shortfalls` and `reinforcements` (formats.md)."""
    rest: RestPolicy | None = None
    """The rest and daily hours its people obey (the JSON's `rules`, which `bko` reads: a
    received unit's members obey them too)."""

    def only(self, day: date | None = None, site: str | None = None) -> Plan:
        """The part of the plan on one day and/or at one site: its heads needed and filled are
        that part's; the load and the solver's figures stay the whole operation's."""
        if day is None and site is None:
            return self

        def keep(d: date, s: str | None) -> bool:
            return (day is None or d == day) and (site is None or s is None or s == site)

        assignments = [a for a in self.assignments if keep(a.date, a.site)]
        units = [h for h in self.unit_heads if keep(h.date, h.site)]
        shortfalls = [x for x in self.shortfalls if keep(x.date, x.site)]
        slots = [s for s in self.slots if keep(s.date, None)]
        filled = len(assignments) + len(units)
        quality = self.quality.model_copy(
            update={
                "heads_filled": filled,
                "heads_needed": filled + sum(x.missing for x in shortfalls),
            }
        )
        return self.model_copy(
            update={
                "scope": (day, site),
                "quality": quality,
                "days": day_figures(slots, assignments, shortfalls, units),
                "assignments": assignments,
                "unit_heads": units,
                "shortfalls": shortfalls,
                "conflicts": [c for c in self.conflicts if keep(c.date, c.site)],
                "reinforcements": [r for r in self.reinforcements if keep(r.date, r.site)],
                "commanders": [c for c in self.commanders if keep(c.date, c.site)],
                "perwira_as_members": [a for a in self.perwira_as_members if keep(a.date, a.site)],
                "changes": None
                if self.changes is None
                else [
                    c
                    for c in self.changes
                    if keep(c.date, None)
                    and (site is None or site in {d.site for d in (c.before, c.after) if d})
                ],
                "slots": slots,
            }
        )


def day_figures(
    slots: list[Slot],
    assignments: list[Assignment],
    shortfalls: list[Shortfall],
    units: Sequence[UnitHead] = (),
) -> list[DayFigures]:
    """Per day of the slots: distinct officers on duty (members of received units counted as
    people too), heads, heads filled and missing (a shift counts towards the day on which it
    starts)."""
    officers: dict[date, set[str]] = {}
    filled: dict[date, int] = {}
    short: dict[date, int] = {}
    for a in assignments:
        officers.setdefault(a.date, set()).add(a.nrp)
        filled[a.date] = filled.get(a.date, 0) + 1
    for h in units:
        officers.setdefault(h.date, set()).add(f"{h.unit}/{h.member}")
        filled[h.date] = filled.get(h.date, 0) + 1
    for x in shortfalls:
        short[x.date] = short.get(x.date, 0) + x.missing
    return [
        DayFigures(
            date=day,
            officers=len(officers.get(day, ())),
            heads=filled.get(day, 0) + short.get(day, 0),
            filled=filled.get(day, 0),
            bko=short.get(day, 0),
        )
        for day in sorted({s.date for s in slots})
    ]
