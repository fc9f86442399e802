"""Why an officer may not take a head: one value per rule, with the facts that matter.

Every rule of `eligibility` and `schedule` answers with one of these (or None); `explain` is
the one place that puts a reason into words, so that a pin refused by validate, who-fits and
the BKO causes say the same thing for the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Cause = Literal["not_assignable", "leave", "drill", "rank", "busy", "tps", "rest"]
"""The words the plan counts reasons by (`Causes`, who-fits' `code`)."""


class Code(StrEnum):
    NOT_ASSIGNABLE = "not_assignable"
    ON_LEAVE = "on_leave"
    ABSENT = "absent"
    NO_SKILL = "no_skill"
    BELOW_COMMAND = "below_command"
    NO_DRILL = "no_drill"
    DRILL_EXPIRED = "drill_expired"
    DRILL_LATER = "drill_later"
    TIED = "tied"
    NOT_PERWIRA = "not_perwira"
    PERWIRA_POLICY = "perwira_policy"
    OUTRANKS = "outranks"
    BUSY = "busy"
    REST = "rest"
    LONG_DAY = "long_day"
    NIGHTS = "nights"
    TPS_DUTY = "tps_duty"


CAUSE: dict[Code, Cause] = {
    Code.NOT_ASSIGNABLE: "not_assignable",
    Code.ON_LEAVE: "leave",
    Code.ABSENT: "leave",
    Code.NO_SKILL: "drill",
    Code.BELOW_COMMAND: "rank",
    Code.NO_DRILL: "drill",
    Code.DRILL_EXPIRED: "drill",
    Code.DRILL_LATER: "drill",
    Code.TIED: "rank",
    Code.NOT_PERWIRA: "rank",
    Code.PERWIRA_POLICY: "rank",
    Code.OUTRANKS: "rank",
    Code.BUSY: "busy",
    Code.REST: "rest",
    Code.LONG_DAY: "rest",
    Code.NIGHTS: "rest",
    Code.TPS_DUTY: "tps",
}
"""Each reason under the word the plan counts it by: a skill not held counts with the drills
(the callers that count causes ask only officers who hold the skill), neutrality with the
ranks (a head the officer may not fill), every schedule rule with the rest, but a shift that
the voting day's TPS (or Padal) duty overlaps or keeps from its rest under `tps`."""


@dataclass(frozen=True)
class Reason:
    code: Code
    facts: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def cause(self) -> Cause:
        return CAUSE[self.code]

    def __getitem__(self, name: str) -> Any:
        return self.facts[name]


def reason(code: Code, **facts: Any) -> Reason:
    return Reason(code, facts)
