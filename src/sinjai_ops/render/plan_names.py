"""How the plan's sites, posts and heads are called for people: by their names, a visit's heads
and the reserve by what they are, in the chosen language."""

from __future__ import annotations

from datetime import date

from sinjai_ops.i18n import say
from sinjai_ops.models.plan import COMMAND, RESERVE_POST, Names, Plan
from sinjai_ops.render.labels import skill_label, word


def site_name(plan: Plan, site: str) -> str:
    return site_label(plan.names, site)


def site_label(names: Names, site: str) -> str:
    return names.sites.get(site, site)


def post_label(names: Names, post: str, lang: str) -> str:
    """The post's name; a visit's heads and the reserve get what they are."""
    if post.startswith("visit:"):
        candidate = post.removeprefix("visit:")
        return word(lang, "visit_post", candidate=names.candidates.get(candidate, candidate))
    if post == RESERVE_POST:
        return word(lang, "reserve_post")
    return names.posts.get(post, post)


def task_force(plan: Plan, post: str, skill: str) -> str:
    """The task force (Satgas) that owns a head, by its post, else its skill; or nothing."""
    return plan.names.post_forces.get(post) or plan.names.skill_forces.get(skill, "")


def post_name(plan: Plan, post: str, lang: str) -> str:
    return post_label(plan.names, post, lang)


def platoon(plan: Plan, day: date, site: str, post: str) -> bool:
    """The voting day's reserve: a platoon (30 heads and more) whose commander head asks a
    perwira (`voting.padal.least_rank`), led by a Danton rather than a Danru."""
    voting = plan.names.voting
    reserve = voting.reserve if voting is not None else None
    return (
        reserve is not None
        and voting is not None
        and post == RESERVE_POST
        and day == voting.date
        and site == reserve.site
    )


def head_label(lang: str, post: str, skill: str, led_by_perwira: bool = False) -> str:
    """The skill of a head, and for a commander head what it leads: the Katim of a visit team,
    the Danru of the reserve (the Danton of a reserve led by a perwira: `platoon`), a post's
    commander."""
    if skill == COMMAND and post.startswith("visit:"):
        return say(lang, "Team leader")
    if skill == COMMAND and post == RESERVE_POST:
        if led_by_perwira:
            return say(lang, "Platoon leader")
        return say(lang, "Squad leader")
    return skill_label(lang, skill)


def visit_or_post(names: Names, post: str, lang: str) -> str:
    """A post's name, a visit team's without the candidates' names (`Visit security: Paslon
    2`): where space is short."""
    if post.startswith("visit:"):
        candidate = post.removeprefix("visit:")
        label = names.candidates.get(candidate, candidate).split(": ", 1)[0]
        return word(lang, "visit_post", candidate=label)
    return post_label(names, post, lang)
