"""configs/policy.yaml and an operation's overrides, beyond their shape."""

from __future__ import annotations

from sinjai_ops.i18n import N_, t
from sinjai_ops.models.common import Path, suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.problem import Problem
from sinjai_ops.validate.identities import _dupes


def ranks_known(policy: Policy) -> bool:
    """The ranks the demand's rank bands are made of are ranks of the policy: demand can be
    derived (else `check_policy` has told which is not)."""
    named = (policy.rank_roles.perwira_from, policy.teams.leader_least_rank)
    return all(rank in policy.ranks for rank in named)


def check_policy(policy: Policy, doc: Document) -> list[Problem]:
    out = _dupes(doc, policy.skills, lambda i: ("skills", i), N_("skill"))
    out += _dupes(doc, policy.ranks, lambda i: ("ranks", i), N_("rank"))
    skills = set(policy.skills)
    uses: list[tuple[Path, str]] = [
        (("visits", "crowd", "skill"), policy.visits.crowd.skill),
        (("visits", "escort", "skill"), policy.visits.escort.skill),
        (("visits", "protection", "skill"), policy.visits.protection.skill),
        (("reserve", "skill"), policy.reserve.skill),
    ]
    uses += [(("drills", "max_age_days", s), s) for s in policy.drills.max_age_days]
    rank = policy.rank_roles.perwira_from
    if rank not in policy.ranks:
        out.append(
            problem_at(
                doc,
                ("rank_roles", "perwira_from"),
                t(
                    "unknown rank '{rank}'{hint}; name the lowest perwira rank of `ranks`",
                    rank=rank,
                    hint=suggest(rank, policy.ranks),
                ),
            )
        )
    leader = policy.teams.leader_least_rank
    if leader not in policy.ranks:
        out.append(
            problem_at(
                doc,
                ("teams", "leader_least_rank"),
                t(
                    "unknown rank '{rank}'{hint}; name the least rank of a team's leader from "
                    "`ranks`",
                    rank=leader,
                    hint=suggest(leader, policy.ranks),
                ),
            )
        )
    for path, skill in uses:
        if skill not in skills:
            out.append(
                problem_at(
                    doc,
                    path,
                    t("unknown skill '{value}'{hint}", value=skill, hint=suggest(skill, skills)),
                    key=path[0] == "drills",
                )
            )
    return out
