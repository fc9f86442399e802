"""The plan as plain data, in the field order of the file contract (formats.md)."""

from __future__ import annotations

from typing import Any

from sinjai_ops.models.plan import Plan


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
        "reinforcements": [
            r.model_dump(mode="json", exclude_none=True) for r in plan.reinforcements
        ],
        "commanders": rows(plan.commanders),
        "quality": plan.quality.model_dump(mode="json", exclude_none=True),
        "days": rows(plan.days),
        "people": rows(plan.people),
    }
    if plan.tps_groups or plan.padal:
        _voting(plan, body)
    if plan.neutrality is not None:
        body["neutrality"] = plan.neutrality.model_dump(mode="json")
    if plan.remedies:
        body["remedies"] = [r.model_dump(mode="json", exclude_none=True) for r in plan.remedies]
    if plan.perwira_as_members:
        body["perwira_as_members"] = rows(plan.perwira_as_members)
    if plan.changes is not None:
        body["changes"] = rows(plan.changes)
    return body


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
    body["tps_groups"] = [g.model_dump(mode="json") for g in plan.tps_groups]
    body["padal"] = [p.model_dump(mode="json") for p in plan.padal]
    body["linmas"] = [m.model_dump(mode="json") for m in plan.linmas]
