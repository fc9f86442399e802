"""The plan as plain data, in the field order of the file contract (formats.md)."""

from __future__ import annotations

from typing import Any

from sinjai_ops.models.plan import Plan

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
        "assignments": rows(plan.assignments),
        "shortfalls": rows(plan.shortfalls),
        "conflicts": rows(plan.conflicts),
        "reinforcements": reinforcement_rows(plan),
        "commanders": rows(plan.commanders),
        "quality": plan.quality.model_dump(mode="json", exclude_none=True),
        "days": rows(plan.days),
        "people": rows(plan.people),
    }
    if plan.neutrality is not None:
        body["neutrality"] = plan.neutrality.model_dump(mode="json")
    if plan.remedies:
        body["remedies"] = [r.model_dump(mode="json", exclude_none=True) for r in plan.remedies]
    if plan.perwira_as_members:
        body["perwira_as_members"] = rows(plan.perwira_as_members)
    if plan.changes is not None:
        body["changes"] = rows(plan.changes)
    return body


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
