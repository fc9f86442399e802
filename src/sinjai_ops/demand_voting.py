"""Scenario to the voting day's duty: the TPS groups, a Padal per kecamatan, the Linmas per
desa (formats.md, "Voting day"). The one home of those rules; the voting day's reserve, which
replaces the policy's on that day, is a rule of `demand` beside the other reserve.

A pure function of the scenario, like `demand.derive_demand`: nothing is named here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sinjai_ops.models.policy import Policy
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import (
    Category,
    LinmasNeed,
    Tps,
    TpsGroupNeed,
    TpsPolicy,
    VotingDemand,
    VotingSection,
)
from sinjai_ops.validate.tps import same_name


def duty_window(voting: VotingSection, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """From `report` to `counting_until` on the voting day (the next day when counting ends at
    or before the report time; `24:00` is the midnight that ends the day)."""
    start = datetime.combine(voting.date, voting.report, tzinfo=zone)
    until = voting.counting_until
    end_day = voting.date if until > voting.report else voting.date + timedelta(days=1)
    return start, datetime.combine(end_day, until, tzinfo=zone)


def eve_window(voting: VotingSection, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The day before the voting day, midnight to midnight: an island TPS's officers have no
    other duty that overlaps it."""
    eve = voting.date - timedelta(days=1)
    return (
        datetime.combine(eve, time(0), tzinfo=zone),
        datetime.combine(voting.date, time(0), tzinfo=zone),
    )


def tps_weight(category: str, policy: Policy, tps: TpsPolicy) -> int:
    """The priority of one TPS head: `policy.tps.priorities` by category, else a post's."""
    weights: dict[str, int] = {str(k): v for k, v in tps.priorities.items()}
    return weights.get(category, policy.priorities.post)


def padal_rank(voting: VotingSection, policy: Policy) -> str:
    """The least rank of a Padal: `padal.least_rank`, and a perwira whatever that says."""
    ranks = policy.ranks
    least = voting.padal.least_rank
    perwira = policy.rank_roles.perwira_from
    return least if ranks.index(least) >= ranks.index(perwira) else perwira


def tps_groups(stations: list[Tps], policy: Policy, tps: TpsPolicy) -> list[TpsGroupNeed]:
    """TPS of one desa, one category (and alike reached by boat or not), in number order, in
    chunks of at most the pattern's `tps`; sorted by kecamatan, desa, first TPS."""
    alike: dict[tuple[str, str, Category, bool], list[Tps]] = defaultdict(list)
    for station in stations:
        alike[(station.kecamatan, station.desa, station.category, station.island)].append(station)
    groups = []
    for (kecamatan, desa, category, island), members in alike.items():
        pattern = tps.pattern[category]
        numbers = sorted((s.tps for s in members), key=_number)
        for at in range(0, len(numbers), pattern.tps):
            # Built from values the TPS list and the policy have validated already: thousands
            # of groups at a Polda's scale, planned several times by the remedies.
            groups.append(
                TpsGroupNeed.model_construct(
                    kecamatan=kecamatan,
                    desa=desa,
                    category=category,
                    island=island,
                    tps=numbers[at : at + pattern.tps],
                    officers=pattern.officers,
                    weight=tps_weight(category, policy, tps),
                )
            )
    return sorted(groups, key=lambda g: (g.kecamatan, g.desa, _number(g.tps[0]), g.category))


def _number(tps: str) -> tuple[int, str]:
    return (int(tps), tps) if tps.isdigit() else (0, tps)


def spelled(stations: list[Tps]) -> list[Tps]:
    """The TPS with each kecamatan and desa spelled as the list first spells it: place names
    are compared in any case with single spaces (`validate.tps.same_name`), so `BALANGNIPA` and
    `Balangnipa` are one desa here as in validate."""
    kecamatan: dict[str, str] = {}
    desa: dict[tuple[str, str], str] = {}
    out = []
    for station in stations:
        k = kecamatan.setdefault(same_name(station.kecamatan), station.kecamatan)
        d = desa.setdefault((same_name(k), same_name(station.desa)), station.desa)
        if (k, d) != (station.kecamatan, station.desa):
            station = station.model_copy(update={"kecamatan": k, "desa": d})
        out.append(station)
    return out


def linmas_needs(stations: list[Tps], tps: TpsPolicy) -> list[LinmasNeed]:
    """`linmas_per_tps` for every TPS, counted per desa."""
    count: dict[tuple[str, str], int] = defaultdict(int)
    for station in stations:
        count[(station.kecamatan, station.desa)] += tps.linmas_per_tps
    return [LinmasNeed(kecamatan=k, desa=d, need=n) for (k, d), n in sorted(count.items())]


def derive_voting(scenario: Scenario) -> VotingDemand | None:
    """The voting day's duty; None for a scenario without a `voting:` section (or without the
    TPS patterns in its policy)."""
    voting = scenario.operation.voting
    policy = scenario.policy
    if voting is None or policy.tps is None:
        return None
    zone = ZoneInfo(scenario.operation.operation.timezone)
    start, end = duty_window(voting, zone)
    stations = spelled(scenario.tps)
    named = {same_name(s.kecamatan): s.kecamatan for s in stations}
    areas: dict[str, list[str]] = {}
    for area in voting.areas:
        covered = areas.setdefault(area.unit, [])
        covered += [named.get(same_name(k), k) for k in area.kecamatan]
    return VotingDemand(
        date=voting.date,
        start=start,
        end=end,
        groups=tps_groups(stations, policy, policy.tps),
        padal=sorted({s.kecamatan for s in stations}),
        padal_rank=padal_rank(voting, policy),
        padal_weight=policy.priorities.commander,
        linmas=linmas_needs(stations, policy.tps),
        areas=areas,
    )


def voting_day(scenario: Scenario) -> date | None:
    voting = scenario.operation.voting
    return None if voting is None else voting.date
