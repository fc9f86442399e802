"""The summary of a batch for people: one row per folder (its Polres, heads filled of those
needed, the BKO it asks by skill, seconds, status), and a total."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from sinjai_ops.batch.jobs import FAILED, INVALID, PLANNED, SHORTFALL, Outcome
from sinjai_ops.i18n import N_, plural, say

_STATUS = {
    PLANNED: N_("planned"),
    SHORTFALL: N_("heads missing"),
    INVALID: N_("invalid"),
    FAILED: N_("failed"),
}


def status_label(outcome: Outcome, lang: str) -> str:
    said = say(lang, _STATUS.get(outcome.status, outcome.status))
    if outcome.skipped:
        said = say(lang, "{status} (skipped)", status=said)
    if outcome.retried:
        said = say(lang, "{status} (retried)", status=said)
    return said


def _bko(outcome: Outcome) -> str:
    """By the skills' ids, as the files name them: the column stays narrow."""
    return ", ".join(f"{k} {n:,}" for k, n in outcome.bko.items() if n)


def summary_table(outcomes: Sequence[Outcome], lang: str, wall: float) -> Table:
    """`wall`: the batch's own seconds, start to end (the folders' add up to more when they
    ran side by side)."""
    title = plural(lang, "Batch: {n} folder", "Batch: {n} folders", len(outcomes))
    table = Table(title=title)
    for header, justify in (
        (say(lang, "Folder"), "left"),
        (say(lang, "Polres"), "left"),
        (say(lang, "Filled / needed"), "right"),
        (say(lang, "BKO heads by skill"), "left"),
        (say(lang, "Seconds"), "right"),
        (say(lang, "Status"), "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for o in outcomes:
        planned = o.status in (PLANNED, SHORTFALL)
        table.add_row(
            o.name,
            o.unit,
            f"{o.filled:,} / {o.heads:,}" if planned else "",
            _bko(o),
            f"{o.seconds:.1f}",
            status_label(o, lang),
        )
    filled = sum(o.filled for o in outcomes)
    heads = sum(o.heads for o in outcomes)
    bko = sum(sum(o.bko.values()) for o in outcomes)
    table.add_section()
    table.add_row(
        say(lang, "Total"),
        "",
        f"{filled:,} / {heads:,}",
        say(lang, "{n} heads", n=f"{bko:,}") if bko else "",
        f"{wall:.1f}",
        "",
    )
    return table
