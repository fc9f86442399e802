"""The plan as plain data, in the field order of the file contract (formats.md)."""

from __future__ import annotations

from typing import Any

from sinjai_ops.models.plan import Assignment, Plan
from sinjai_ops.models.policy import RestPolicy
from sinjai_ops.models.received import UnitHead
from sinjai_ops.render.received import heads_by_unit
from sinjai_ops.render.voting_days import days_with_voting

MOMENT = "%Y-%m-%dT%H:%M"
"""A local moment as the plan's JSON writes it (formats.md)."""


def plan_data(plan: Plan) -> dict[str, Any]:
    def rows(items: list[Any]) -> list[dict[str, Any]]:
        return [item.model_dump(mode="json") for item in items]

    body = {
        "operation": plan.operation,
        "unit": plan.unit,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "inputs": dict(sorted(plan.inputs.items())),
        "assignments": assignments(plan),
        "shortfalls": rows(plan.shortfalls),
        "conflicts": rows(plan.conflicts),
        "reinforcements": reinforcement_rows(plan),
        "commanders": rows(plan.commanders),
        "quality": plan.quality.model_dump(mode="json", exclude_none=True),
        "days": rows(days_with_voting(plan, plan.days)),
        "people": rows(plan.people),
    }
    if plan.rest is not None:
        body["rules"] = rules(plan.rest)
    if plan.tps_groups or plan.padal:
        _voting(plan, body)
    if plan.names.received:
        body["received_units"] = received_units(plan)
    if plan.neutrality is not None:
        body["neutrality"] = plan.neutrality.model_dump(mode="json")
    if plan.remedies:
        body["remedies"] = [r.model_dump(mode="json", exclude_none=True) for r in plan.remedies]
    if plan.perwira_as_members:
        body["perwira_as_members"] = rows(plan.perwira_as_members)
    if plan.changes is not None:
        body["changes"] = rows(plan.changes)
    return body


def rules(rest: RestPolicy) -> dict[str, float]:
    """`rules`: the rest and daily hours the plan's people obey, read by `bko` (a received
    unit's members obey them too); whole hours written as whole numbers."""

    def number(value: float) -> float:
        return int(value) if float(value).is_integer() else value

    return {
        "min_rest_hours": number(rest.min_rest_hours),
        "max_hours_per_day": number(rest.max_hours_per_day),
    }


def _voting(plan: Plan, body: dict[str, Any]) -> None:
    """The voting day (formats.md): the TPS groups, the Padal, the Linmas, and the missing TPS
    officers and Padal after the shifts' lines of `shortfalls` and `reinforcements`."""
    missing = [
        {
            "date": s.date.isoformat(),
            "kecamatan": s.kecamatan,
            "category": s.category,
            "skill": None,
            "missing": s.missing,
            "from": s.start,
            "until": s.until,
            "weight": s.weight,
        }
        for s in plan.tps_shortfalls
    ]
    body["shortfalls"] = body["shortfalls"] + missing
    body["reinforcements"] = body["reinforcements"] + [dict(m) for m in missing]
    body["tps_groups"] = [
        g.model_dump(mode="json", exclude=None if g.members else {"members"})
        for g in plan.tps_groups
    ]
    body["padal"] = [p.model_dump(mode="json") for p in plan.padal]
    body["linmas"] = [m.model_dump(mode="json") for m in plan.linmas]


def assignments(plan: Plan) -> list[dict[str, Any]]:
    """The assignments in the contract's order; a received unit's member as `{"unit": id,
    "member": k}` in place of `"nrp"`, after the officers with an NRP on the same head."""
    order = {(s.date, s.shift): s.order for s in plan.slots}

    def key(item: Assignment | UnitHead) -> tuple[object, ...]:
        return (item.date, order.get((item.date, item.shift), -1), item.site, item.post, item.skill)

    named = [(key(a), 0, a.model_dump(mode="json")) for a in plan.assignments]
    counted = [(key(h), 1, h.model_dump(mode="json")) for h in plan.unit_heads]
    # Both lists are in that order already: a stable sort by the head and kind keeps it.
    return [row for _, _, row in sorted([*named, *counted], key=lambda r: (r[0], r[1]))]


def received_units(plan: Plan) -> list[dict[str, Any]]:
    """Each received unit with its commander, its window and the heads its members fill."""
    heads = heads_by_unit(plan)
    return [
        {
            "id": u.id,
            "name": u.name,
            "kind": u.kind,
            "strength": u.strength,
            "skills": list(u.skills),
            "commander": u.commander.model_dump(mode="json"),
            "from": f"{u.start:%Y-%m-%dT%H:%M}",
            "to": f"{u.end:%Y-%m-%dT%H:%M}",
            "heads": heads.get(u.id, 0),
        }
        for u in plan.names.received
    ]


def reinforcement_rows(plan: Plan) -> list[dict[str, Any]]:
    """The BKO request, each line with the local moments of its shift (`from`, `until`) after
    its weight, so that the Polda can allocate units to it (`bko`) without the scenario."""
    moments = {
        (s.date, s.shift): (s.start.strftime(MOMENT), s.end.strftime(MOMENT)) for s in plan.slots
    }
    rows = []
    for line in plan.reinforcements:
        row = line.model_dump(mode="json", exclude_none=True)
        moment = moments.get((line.date, line.shift))
        if moment is not None:
            causes = row.pop("causes", None)
            row["from"], row["until"] = moment
            if causes is not None:
                row["causes"] = causes
        rows.append(row)
    return rows
