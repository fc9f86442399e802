"""roster.yaml on its own, beyond its shape."""

from __future__ import annotations

from sinjai_ops.i18n import N_, t
from sinjai_ops.models.common import Path
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.validate.identities import _dupes


def check_roster(roster: RosterFile, policy: Policy, doc: Document) -> list[Problem]:
    out: list[Problem] = []
    for i, person in enumerate(roster.personnel):
        base: Path = ("personnel", i)
        out += _dupes(doc, person.skills, lambda k, b=base: (*b, "skills", k), N_("skill"))
        for k, leave in enumerate(person.unavailable):
            if leave.end < leave.start:
                out.append(
                    problem_at(
                        doc,
                        (*base, "unavailable", k, "to"),
                        t(
                            "leave ends ({end}) before it starts ({start})",
                            end=leave.end,
                            start=leave.start,
                        ),
                    )
                )
    return out
