"""The schedule rules, each in one home: the network, the time-out fallback and the audit all
ask these functions, so that a rule changed here is changed everywhere.

    enough_rest         # hard: `min_rest_hours` from the end of one shift to the next start
    within_daily_hours  # hard: at most `max_hours_per_day` on the day the shifts start
"""

from __future__ import annotations

from sinjai_ops.models.plan import Slot
from sinjai_ops.models.policy import RestPolicy

_EPS = 1e-6
"""Seconds or hours of slack for float arithmetic on exact quarter hours."""


def free_again(slot: Slot, rest: RestPolicy) -> float:
    """The first moment (POSIX seconds) at which one who worked `slot` may start again."""
    return slot.end.timestamp() + rest.min_rest_hours * 3600


def enough_rest(first: Slot, then: Slot, rest: RestPolicy) -> bool:
    """`then` may be worked after `first`: it starts after `first` ends plus the rest."""
    return then.start.timestamp() >= free_again(first, rest) - _EPS


def within_daily_hours(hours: float, rest: RestPolicy) -> bool:
    """Hours worked on one day (by the day each shift starts on) stay within the limit."""
    return hours <= rest.max_hours_per_day + _EPS
