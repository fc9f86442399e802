"""Who could take one more head at a site in a shift, now: the officers that every rule of the
plan allows there, best first, and why each of the others cannot (the rules asked are those of
the model, through `causes.out_of_reach`, and said in the words of `rules.explain`)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sinjai_ops.demand import member_band
from sinjai_ops.i18n import N_, t
from sinjai_ops.models.plan import Assignment, Demand, Names, Slot
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.roster import Person
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.whofits import Fit, NotFit, WhoFits
from sinjai_ops.names import names_for_people
from sinjai_ops.rules import Code, Reason, Role, role_of, words
from sinjai_ops.rules.reasons import reason
from sinjai_ops.solve.causes import holds, out_of_reach


def who_fits(
    scenario: Scenario,
    demand: Demand,
    assignments: list[Assignment],
    day: date,
    shift: str,
    site: str,
    skill: str | None = None,
    duty: list[tuple[str, Slot]] | None = None,
) -> WhoFits:
    """`duty`: the voting day's TPS and Padal officers, each with the slot of his duty."""
    policy = scenario.policy
    kept: dict[str, list[Slot]] = {}
    for nrp, held in duty or []:
        kept.setdefault(nrp, []).append(held)
    slots = {(s.date, s.shift): s for s in demand.slots}
    slot = slots[(day, shift)]
    roles = _roles_there(demand, policy, day, shift, site, skill)
    # A published plan's assignments of shifts this operation no longer has cannot bind anyone
    # (as in a re-plan, where they are not kept either).
    assignments = [a for a in assignments if (a.date, a.shift) in slots]
    roles = _open_leads(roles, demand, assignments, (day, shift, site))
    worked: dict[str, list[Assignment]] = {}
    for a in assignments:
        worked.setdefault(a.nrp, []).append(a)
    here = [a for a in assignments if (a.date, a.shift, a.site) == (day, shift, site)]
    units_here = Counter(
        p.unit for p in scenario.roster.personnel if p.nrp in {a.nrp for a in here}
    )
    names = names_for_people(scenario)
    site_names = names.sites
    fits: list[tuple[tuple[object, ...], Fit]] = []
    nots: list[NotFit] = []
    for person in scenario.roster.personnel:
        if not holds(person, roles, policy.ranks):
            continue
        mine = [slots[(a.date, a.shift)] for a in worked.get(person.nrp, [])]
        why = out_of_reach(scenario, person, slot, roles, mine + kept.get(person.nrp, []))
        if why is None:
            before = sorted(
                {a.date for a in worked.get(person.nrp, []) if a.site == site and a.date <= day}
            )
            same_unit = units_here.get(person.unit, 0) > 0
            text = _FREE[(bool(before), same_unit)]
            said = t(
                text,
                shift=shift,
                n=len(mine),
                site=site_names.get(site, site),
                day=before[-1] if before else "",
                unit=person.unit,
            )
            key = (len(mine), not before, not same_unit, person.nrp)
            fits.append((key, Fit(**_who(person), shifts=len(mine), reason=str(said), msg=said)))
        else:
            if why.code == Code.BUSY:
                why = _busy_at(names, worked[person.nrp], slot)
            said = words(why)
            nots.append(NotFit(**_who(person), reason=str(said), code=why.cause, msg=said))
    return WhoFits(
        date=day,
        shift=shift,
        site=site,
        skill=skill,
        fits=[f for _, f in sorted(fits, key=lambda kv: kv[0])],
        names=names,
        **{"not": sorted(nots, key=lambda n: (n.code, n.nrp))},
    )


def _roles_there(
    demand: Demand, policy: Policy, day: date, shift: str, site: str, skill: str | None
) -> list[Role]:
    """The heads at the site in that shift (of that skill), as roles."""
    roles: list[Role] = sorted(
        {
            role_of(n)
            for n in demand.needs
            if (n.date, n.shift, n.site) == (day, shift, site)
            and (skill is None or n.skill == skill)
        }
    )
    if not roles and skill is not None:
        # No head of that skill there yet: one more would be a rank-and-file head.
        low, high = member_band(None, policy)
        roles = [Role(skill, "", low or "", high or "")]
    return roles


def _open_leads(
    roles: list[Role],
    demand: Demand,
    assignments: list[Assignment],
    where: tuple[date, str, str],
) -> list[Role]:
    """`roles` less the commander heads there that the plan fills already (a site has one
    commander a head: nobody takes one more of it), as long as some head is left to take. So
    a perwira fits a rank-and-file head only where the policy lets him stand on one."""
    taken = Counter((a.post, a.skill) for a in assignments if (a.date, a.shift, a.site) == where)
    open_roles = {
        role_of(n)
        for n in demand.needs
        if (n.date, n.shift, n.site) == where and taken[(n.post, n.skill)] < n.heads
    }
    kept = [r for r in roles if not r.leads or r in open_roles]
    return kept or roles


_FREE = {
    (False, False): N_("free in {shift}; {n} shifts so far"),
    (True, False): N_("free in {shift}; {n} shifts so far; stood at {site} on {day}"),
    (False, True): N_("free in {shift}; {n} shifts so far; {unit} already on duty there"),
    (True, True): N_(
        "free in {shift}; {n} shifts so far; stood at {site} on {day}; {unit} already on duty there"
    ),
}
"""Why an officer fits, by (stood at this site before, their unit is on duty there)."""


def _who(person: Person) -> dict[str, str]:
    return {"nrp": person.nrp, "name": person.name, "rank": person.rank, "unit": person.unit}


def _busy_at(names: Names, mine: list[Assignment], slot: Slot) -> Reason:
    """Another head in this shift, named: the post (or visit) and its site."""
    same = next(a for a in mine if (a.date, a.shift) == (slot.date, slot.shift))
    cid = same.post.removeprefix("visit:")
    post = (
        t("the visit of {candidate}", candidate=names.candidates.get(cid, cid))
        if same.post.startswith("visit:")
        else names.posts.get(same.post, same.post)
    )
    return reason(Code.BUSY, post=post, site=names.sites.get(same.site, same.site))
