"""What a command checks of its own arguments before and after the pipeline runs: dates, sites,
choices; and the spinner while it solves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from sinjai_ops import pipeline
from sinjai_ops.cli.output import (
    console,
    fail_usage,
    run_language,
)
from sinjai_ops.i18n import Invalid, say, t
from sinjai_ops.models.common import parse_date, suggest
from sinjai_ops.models.scenario import Scenario

T = TypeVar("T")


_RELATIVE = {"today": 0, "hari-ini": 0, "tomorrow": 1, "besok": 1}


def check_date_syntax(text: str | None) -> None:
    """A `--date` that cannot be a date at all is refused before any solving."""
    if text is None or text.strip().casefold() in _RELATIVE:
        return
    try:
        parse_date(text)
    except Invalid as exc:
        fail_usage(t("--date: {why}; or today, tomorrow, hari-ini, besok", why=exc.msg))


def now() -> datetime:
    """The moment now, aware (a seam for tests)."""
    return datetime.now(UTC)


def day_of(text: str | None, scenario: Scenario) -> date | None:
    """`--date`: YYYY-MM-DD, or today/tomorrow (hari-ini/besok) in the operation's time zone;
    a day outside the operation is a usage error that lists its days."""
    if text is None:
        return None
    op = scenario.operation.operation
    if text.strip().casefold() in _RELATIVE:
        today = now().astimezone(ZoneInfo(op.timezone)).date()
        day = today + timedelta(days=_RELATIVE[text.strip().casefold()])
    else:
        day = parse_date(text)  # its syntax was checked before solving
    if not op.start <= day <= op.end:
        fail_usage(
            t(
                "--date: {day} is not a day of the operation; it runs from {start} to {end}",
                day=day,
                start=op.start,
                end=op.end,
            )
        )
    return day


def sites_of(scenario: Scenario) -> list[str]:
    """Sites one may filter on: the operation's, and the reserve's (which may be elsewhere)."""
    sites = [s.id for s in scenario.operation.sites]
    reserve = scenario.policy.reserve
    return [*sites, reserve.site] if reserve.fraction and reserve.site not in sites else sites


def one_of(option: str, value: str | None, choices: list[str]) -> None:
    if value is not None and value not in choices:
        fail_usage(
            t(
                "{option}: unknown '{value}'{hint} (there are: {choices})",
                option=option,
                value=value,
                hint=suggest(value, choices),
                choices=", ".join(choices),
            )
        )


def solving(work: Callable[[], T]) -> T:
    """Run the pipeline, with a spinner when a person watches standard error."""
    err = console(stderr=True)
    try:
        if err.is_terminal:
            with err.status(say(run_language(), "Solving...")):
                return work()
        return work()
    except pipeline.UsageError as exc:
        fail_usage(exc.msg)
        raise  # unreachable: fail_usage exits
