"""May one who works these slots also work this one? Each schedule rule is a small function in
`RULES`, asked in that order; the first that says no gives the reason. The network (its arcs
and node state), the time-out fallback, who-fits, the check of pins and the audit all ask these,
so that a rule changed here is changed everywhere.

    one_head_a_shift    # not already on a head in that shift
    enough_rest         # `min_rest_hours` from the end of one shift to the next start
    within_daily_hours  # at most `max_hours_per_day` on the day the shifts start
    few_nights_in_a_row # at most `max_consecutive_nights` night shifts on consecutive days
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from sinjai_ops.models.adjustments import AdjustmentsFile
from sinjai_ops.models.operation import OperationFile, Shift
from sinjai_ops.models.plan import Slot
from sinjai_ops.models.policy import Policy, RestPolicy
from sinjai_ops.rules.reasons import Code, Reason, reason

_EPS = 1e-6
"""Seconds or hours of slack for float arithmetic on exact quarter hours."""


def night_shift(shift: Shift) -> bool:
    """A night shift: one marked `night: true`, or one that ends at or before its start (the
    next day), but not one that ends at the midnight that ends its day (`24:00`, read as 00:00)."""
    return shift.night or (shift.end != time(0) and shift.end <= shift.start)


@dataclass(frozen=True)
class Schedule:
    """What the schedule rules read: the policy's `rest:` and the operation's night shifts."""

    rest: RestPolicy
    nights: frozenset[str] = frozenset()
    """The ids of the night shifts."""

    @classmethod
    def of(cls, policy: Policy, operation: OperationFile) -> Schedule:
        return cls(policy.rest, frozenset(s.id for s in operation.shifts if night_shift(s)))

    @property
    def most_nights(self) -> int | None:
        """`max_consecutive_nights`, None when the rule is off."""
        return self.rest.max_consecutive_nights

    def night(self, slot: Slot) -> bool:
        return slot.shift in self.nights


def free_again(slot: Slot, rest: RestPolicy) -> float:
    """The first moment (POSIX seconds) at which one who worked `slot` may start again."""
    return slot.end.timestamp() + rest.min_rest_hours * 3600


def rested(first: Slot, then: Slot, rest: RestPolicy) -> bool:
    """`then` may be worked after `first`: it starts after `first` ends plus the rest."""
    return then.start.timestamp() >= free_again(first, rest) - _EPS


def apart(a: Slot, b: Slot, rest: RestPolicy) -> bool:
    """One officer may work both, in either order."""
    return rested(a, b, rest) or rested(b, a, rest)


def day_within(hours: float, rest: RestPolicy) -> bool:
    """Hours worked on one day (by the day each shift starts on) stay within the limit."""
    return hours <= rest.max_hours_per_day + _EPS


Rule = Callable[[Schedule, Sequence[Slot], Slot], Reason | None]


def one_head_a_shift(rules: Schedule, worked: Sequence[Slot], slot: Slot) -> Reason | None:
    same = [s for s in worked if (s.date, s.shift) == (slot.date, slot.shift)]
    return reason(Code.BUSY) if same else None


def enough_rest(rules: Schedule, worked: Sequence[Slot], slot: Slot) -> Reason | None:
    """The nearest shift before it whose rest it cuts, else the first after it."""
    rest = rules.rest
    clash = [s for s in worked if (s.date, s.shift) != (slot.date, slot.shift)]
    clash = [s for s in clash if not apart(s, slot, rest)]
    earlier = [s for s in clash if s.start < slot.start]
    if earlier:
        last = max(earlier, key=lambda s: s.start.timestamp())
        return reason(Code.REST, other=last, free=free_again(last, rest), zone=slot.start.tzinfo)
    if clash:
        return reason(Code.REST, other=min(clash, key=lambda s: s.start.timestamp()))
    return None


def within_daily_hours(rules: Schedule, worked: Sequence[Slot], slot: Slot) -> Reason | None:
    same = {(s.date, s.shift): s for s in worked if s.date == slot.date}
    same[(slot.date, slot.shift)] = slot
    hours = sum(s.hours for s in same.values())
    if day_within(hours, rules.rest):
        return None
    return reason(Code.LONG_DAY, hours=hours, day=slot.date, most=rules.rest.max_hours_per_day)


def nights_run(nights: set[date], day: date) -> tuple[date, date]:
    """The first and last day of the run of consecutive days with a night that holds `day`."""
    first = last = day
    while first - timedelta(1) in nights:
        first -= timedelta(1)
    while last + timedelta(1) in nights:
        last += timedelta(1)
    return first, last


def few_nights_in_a_row(rules: Schedule, worked: Sequence[Slot], slot: Slot) -> Reason | None:
    most = rules.most_nights
    if most is None or not rules.night(slot):
        return None
    nights = {s.date for s in worked if rules.night(s)} | {slot.date}
    first, last = nights_run(nights, slot.date)
    count = (last - first).days + 1
    if count <= most:
        return None
    return reason(Code.NIGHTS, nights=count, most=most, first=first, last=last)


RULES: tuple[Rule, ...] = (one_head_a_shift, enough_rest, within_daily_hours, few_nights_in_a_row)


def why_not_then(rules: Schedule, worked: Sequence[Slot], slot: Slot) -> Reason | None:
    """The first schedule rule that keeps one who works `worked` from `slot` too."""
    for rule in RULES:
        found = rule(rules, worked, slot)
        if found is not None:
            return found
    return None


def every_reason(rules: Schedule, worked: Sequence[Slot], slot: Slot) -> list[Reason]:
    """Every schedule rule that keeps one who works `worked` from `slot` too, in order."""
    return [r for rule in RULES if (r := rule(rules, worked, slot)) is not None]


@dataclass(frozen=True, order=True)
class State:
    """Where an officer stands before a slot, as far as the schedule rules need to know: the
    node of the schedule network (with the slot), and where a re-plan from a moment starts."""

    hours: float = 0.0
    """Hours already worked on the slot's day."""
    nights: int = 0
    """Night shifts worked on consecutive days up to `night_day` (0 with the rule off)."""
    night_day: int = 0
    """The day (ordinal) of the last of those nights."""

    def at(self, slot: Slot) -> State:
        """The same, before `slot`: a run of nights that can no longer go on is forgotten."""
        if self.nights and slot.date.toordinal() > self.night_day + 1:
            return State(self.hours)
        return self


Start = tuple[int, State]
"""The first slot an officer may work, and where they stand before it."""
FRESH: Start = (0, State())
"""Where every officer stands in a plan made afresh."""


def let_pass(rules: Schedule, slots: Sequence[Slot], t: int, state: State) -> State:
    """Where one stands before slot t + 1 after letting slot t pass."""
    if t + 1 >= len(slots):
        return State()
    same_day = slots[t + 1].date == slots[t].date
    return (state if same_day else State(0.0, state.nights, state.night_day)).at(slots[t + 1])


def work(
    rules: Schedule, slots: Sequence[Slot], t: int, state: State, after: Sequence[int]
) -> Start | None:
    """Where one who works slot t stands next (the first slot they may work after it,
    `after[t]`), or None when working it breaks a rule (`within_daily_hours`,
    `few_nights_in_a_row`)."""
    worked = state.hours + slots[t].hours
    if not day_within(worked, rules.rest):
        return None
    nights, night_day = _night_after(rules, slots[t], state)
    if rules.most_nights is not None and nights > rules.most_nights:
        return None
    u = after[t]
    if u >= len(slots):
        return u, State()
    carried = worked if slots[u].date == slots[t].date else 0.0
    return u, State(round(carried, 6), nights, night_day).at(slots[u])


def _night_after(rules: Schedule, slot: Slot, state: State) -> tuple[int, int]:
    """The run of nights of one who stands in `state` and works `slot`."""
    if rules.most_nights is None or not rules.night(slot):
        return state.nights, state.night_day
    day = slot.date.toordinal()
    if state.nights and state.night_day == day:
        return state.nights, day
    if state.nights and state.night_day == day - 1:
        return state.nights + 1, day
    return 1, day


def resume(
    rules: Schedule, slots: Sequence[Slot], worked: Sequence[int], first: int, after: Sequence[int]
) -> Start:
    """Where one who worked the slots `worked` (all before `first`) stands from `first` on: a
    re-plan from a moment starts each officer there."""
    t0 = max([first, *(after[t] for t in worked)])
    if t0 >= len(slots):
        return t0, State()
    day = slots[t0].date
    hours = sum(slots[t].hours for t in worked if slots[t].date == day)
    state = State(round(hours, 6))
    for t in sorted(worked):
        state = State(state.hours, *_night_after(rules, slots[t], state))
    return t0, state.at(slots[t0])


def absent(adjustments: AdjustmentsFile, nrp: str, slot: Slot) -> Reason | None:
    """An absence of adjustments.yaml (sakit, izin, dinas luar, ...) that touches the slot."""
    found = adjustments.absence_during(nrp, slot.start, slot.end)
    if found is None:
        return None
    return reason(Code.ABSENT, why=found.reason, until=found.end)
