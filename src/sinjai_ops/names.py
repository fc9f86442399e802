"""What people call the operation's places, candidates and roles: the one home of the names
that the views made for people show instead of ids."""

from __future__ import annotations

from sinjai_ops.models.checklist import roll_call_lead
from sinjai_ops.models.plan import Names
from sinjai_ops.models.scenario import Scenario


def names_for_people(scenario: Scenario) -> Names:
    """Sites, posts, candidates and the structure as people call them."""
    op = scenario.operation
    candidates = {}
    for c in scenario.arrivals.candidates:
        pair = " - ".join(c.names)
        candidates[c.id] = f"Paslon {c.number}: {pair}" if c.number is not None else pair
    people = {p.nrp: p for p in scenario.roster.personnel}

    def who(nrp: str | None) -> str:
        p = people.get(nrp or "")
        return f"{p.rank} {p.name} ({p.nrp})" if p else (nrp or "-")

    structure = op.structure
    lines: list[str] = []
    post_forces: dict[str, str] = {}
    skill_forces: dict[str, str] = {}
    if structure is not None:
        lines += [f"{r.role}: {who(r.nrp)}" for r in structure.roles]
        for force in structure.task_forces:
            lines.append(f"{force.name}: {who(force.head)}")
            for post in force.posts:
                post_forces.setdefault(post, force.name)
            for skill in force.skills:
                skill_forces.setdefault(skill, force.name)
    return Names(
        sites={s.id: s.name for s in op.sites},
        posts={p.id: p.name or p.id for s in op.sites for p in s.posts},
        candidates=candidates,
        skills=list(scenario.policy.skills),
        structure=lines,
        post_forces=post_forces,
        skill_forces=skill_forces,
        rings={p.id: p.ring for s in op.sites for p in s.posts if p.ring is not None},
        ranks=list(scenario.policy.ranks),
        document=op.document,
        officers={p.nrp: who(p.nrp) for p in scenario.roster.personnel},
        addresses={s.id: s.address for s in op.sites if s.address},
        roll_call_minutes=int(roll_call_lead(scenario.checklists).total_seconds() // 60),
        support={
            p.id: p.support.within(p.shifts)
            for s in op.sites
            for p in s.posts
            if p.support is not None
        },
        received=scenario.received(),
    )
