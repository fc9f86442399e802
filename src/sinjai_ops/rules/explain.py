"""Every reason of the rules in words: the one place that says them, for validate's pins,
who-fits and any view. `words` keeps the sentence for later (a `Msg`); `explain` says it in a
language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sinjai_ops.i18n import Msg, t
from sinjai_ops.rules.reasons import Code, Reason


def _moment(value: datetime) -> str:
    return format(value, "%Y-%m-%d %H:%M")


def _leave(r: Reason) -> Msg:
    return t("on leave ({reason}) until {day}", reason=r["why"] or t("leave"), day=r["until"])


def _absent(r: Reason) -> Msg:
    return t(
        "absent ({reason}) until {moment}",
        reason=r["why"] or t("no reason given"),
        moment=_moment(r["until"]),
    )


def _drill_expired(r: Reason) -> Msg:
    return t("{skill} drill expired on {day}", skill=r["skill"], day=r["until"])


def _drill_later(r: Reason) -> Msg:
    return t(
        "{skill} drill recorded on {drilled}, after {day}",
        skill=r["skill"],
        drilled=r["drilled"],
        day=r["day"],
    )


def _busy(r: Reason) -> Msg:
    if "post" in r.facts:
        return t("already on {post} ({site}) in this shift", post=r["post"], site=r["site"])
    return t("already on a head in this shift")


def _rest(r: Reason) -> Msg:
    other = r["other"]
    if "free" in r.facts:
        return t(
            "rests until {moment} after {shift} of {day}",
            moment=_moment(datetime.fromtimestamp(r["free"], r["zone"])),
            shift=other.shift,
            day=other.date,
        )
    return t("works {shift} of {day}: too little rest between", shift=other.shift, day=other.date)


def _long_day(r: Reason) -> Msg:
    return t(
        "{hours} h on {day}, more than max_hours_per_day ({most})",
        hours=format(r["hours"], "g"),
        day=r["day"],
        most=format(r["most"], "g"),
    )


def _nights(r: Reason) -> Msg:
    return t(
        "{n} night shifts in a row ({first} to {last}), more than max_consecutive_nights ({most})",
        n=r["nights"],
        first=r["first"],
        last=r["last"],
        most=r["most"],
    )


WORDS: dict[Code, Callable[[Reason], Msg]] = {
    Code.NOT_ASSIGNABLE: lambda r: t("not plotted (assignable: false)"),
    Code.ON_LEAVE: _leave,
    Code.ABSENT: _absent,
    Code.NO_SKILL: lambda r: t("does not hold {skill}", skill=r["skill"]),
    Code.BELOW_COMMAND: lambda r: t(
        "rank {rank} is below the commander head's {least}", rank=r["rank"], least=r["least"]
    ),
    Code.NO_DRILL: lambda r: t("no {skill} drill recorded", skill=r["skill"]),
    Code.DRILL_EXPIRED: _drill_expired,
    Code.DRILL_LATER: _drill_later,
    Code.TIED: lambda r: t(
        "tied to {candidates} (neutrality)", candidates=", ".join(r["candidates"])
    ),
    Code.NOT_PERWIRA: lambda r: t("the post asks for perwira; {rank} is not", rank=r["rank"]),
    Code.PERWIRA_POLICY: lambda r: t(
        "{rank} is perwira: perwira fill rank-and-file heads only when policy "
        "rank_roles.perwira_on_rank_and_file is true",
        rank=r["rank"],
    ),
    Code.OUTRANKS: lambda r: t(
        "{rank} would outrank the post's commander ({most} at most)",
        rank=r["rank"],
        most=r["most"],
    ),
    Code.BUSY: _busy,
    Code.REST: _rest,
    Code.LONG_DAY: _long_day,
    Code.NIGHTS: _nights,
    Code.TPS_DUTY: lambda r: t("on TPS duty ({start}-{end})", start=r["start"], end=r["end"]),
}
"""One sentence for each reason (a test keeps every `Code` here)."""


def words(reason: Reason) -> Msg:
    """The reason as a sentence to be said later, in the reader's language."""
    return WORDS[reason.code](reason)


def explain(reason: Reason, lang: str) -> str:
    """The reason in `lang`."""
    return words(reason).say(lang)
