"""The summary of a batch for people: one row per folder (its Polres, heads filled of those
needed, the BKO it asks by skill, seconds, status), and a total; the numbers as the language
writes them, and at 80 columns the Polres, the figures and the status each on one line."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence

from rich import box
from rich.console import Console, ConsoleOptions
from rich.table import Table

from sinjai_ops.i18n import N_, number, plural, say
from sinjai_ops.models.batch import FAILED, INVALID, PLANNED, SHORTFALL, Outcome

_STATUS = {
    PLANNED: N_("planned"),
    SHORTFALL: N_("heads missing"),
    INVALID: N_("invalid"),
    FAILED: N_("failed"),
}

_WHOLE = (1, 2, 4, 5)
"""The columns whose cells never wrap when the width allows: Polres, filled / needed, seconds
and the status word (the folder's name folds, the BKO wraps between skills)."""
_ROOM = 9
"""What a folder's name and the BKO of one skill need at least beside the whole columns."""


def _status(outcome: Outcome, lang: str) -> str:
    return say(lang, _STATUS.get(outcome.status, outcome.status))


def status_label(outcome: Outcome, lang: str) -> str:
    said = _status(outcome, lang)
    if outcome.retried:
        said = say(lang, "{status} (retried)", status=said)
    return said


def _bko(outcome: Outcome, lang: str) -> str:
    """By the skills' ids, as the files name them: the column stays narrow."""
    return ", ".join(f"{k} {number(lang, n)}" for k, n in outcome.bko.items() if n)


def _seconds(outcome: Outcome, lang: str) -> str:
    """A skipped folder took no time: said so in its place."""
    return say(lang, "skipped") if outcome.skipped else number(lang, outcome.seconds, 1)


def _rows(outcomes: Sequence[Outcome], lang: str, wall: float) -> list[list[str]]:
    rows = [
        [
            o.name,
            o.unit,
            f"{number(lang, o.filled)} / {number(lang, o.heads)}"
            if o.status in (PLANNED, SHORTFALL)
            else "",
            _bko(o, lang),
            _seconds(o, lang),
            status_label(o, lang),
        ]
        for o in outcomes
    ]
    filled = number(lang, sum(o.filled for o in outcomes))
    heads = number(lang, sum(o.heads for o in outcomes))
    bko = sum(sum(o.bko.values()) for o in outcomes)
    total = [
        say(lang, "Total"),
        "",
        f"{filled} / {heads}",
        say(lang, "{n} heads", n=number(lang, bko)) if bko else "",
        number(lang, wall, 1),
        "",
    ]
    return [*rows, total]


class _Fitted:
    """The table built for the width it is printed at."""

    def __init__(self, outcomes: Sequence[Outcome], lang: str, wall: float) -> None:
        self.outcomes, self.lang, self.wall = outcomes, lang, wall

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        yield _table(self.outcomes, self.lang, self.wall, options.max_width)


def _table(outcomes: Sequence[Outcome], lang: str, wall: float, width: int) -> Table:
    rows = _rows(outcomes, lang, wall)
    words = [_status(o, lang) for o in outcomes]
    least = {c: max(len(r[c]) for r in rows) for c in _WHOLE[:-1]}
    least[_WHOLE[-1]] = max(map(len, words), default=0)
    # The whole columns, a folder's name and the BKO of one skill side by side, a blank after
    # each column: else too narrow for them all, and rich wraps where it must.
    whole = sum(least.values()) + 2 * _ROOM + 2 * 6 <= width
    title = plural(lang, "Batch: {n} folder", "Batch: {n} folders", len(outcomes))
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0))
    for c, (header, justify) in enumerate(
        (
            (say(lang, "Folder"), "left"),
            (say(lang, "Polres"), "left"),
            (say(lang, "Filled / needed"), "right"),
            (say(lang, "BKO heads by skill"), "left"),
            (say(lang, "Seconds"), "right"),
            (say(lang, "Status"), "left"),
        )
    ):
        if whole and c in least:  # the header wraps by hand: a column that never wraps
            header = textwrap.fill(header, max(least[c], *map(len, header.split())))
        table.add_column(header, justify=justify, no_wrap=whole and c in least, overflow="fold")  # type: ignore[arg-type]
    for row in rows[:-1]:
        table.add_row(*row)
    table.add_section()
    table.add_row(*rows[-1])
    return table


def summary_table(outcomes: Sequence[Outcome], lang: str, wall: float) -> _Fitted:
    """`wall`: the batch's own seconds, start to end (the folders' add up to more when they
    ran side by side)."""
    return _Fitted(outcomes, lang, wall)
