"""JSON Schema of the three input files, for editors with yaml-language-server.

The schemas are built from the models (`generated_schema`) when the package is made, and shipped
beside this module (`schemas/KIND.schema.json`): `validate` reads them instead of having pydantic
build them on every run. tests/test_schema.py holds the shipped files to what the models give;
after changing a model, write them again with `python -m sinjai_ops.schema`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.models.units import UnitsFile

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "operation": OperationFile,
    "roster": RosterFile,
    "arrivals": ArrivalsFile,
    "units": UnitsFile,
}


def _optional_everywhere(node: Any) -> Any:
    """An override may name any part of the policy: nothing in it is required."""
    if isinstance(node, dict):
        return {k: _optional_everywhere(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_optional_everywhere(v) for v in node]
    return node


def policy_override_schema() -> dict[str, Any]:
    """`policy:` of operation.yaml: the shape of configs/policy.yaml, every key optional."""
    body = _optional_everywhere(Policy.model_json_schema(by_alias=True))
    defs = body.pop("$defs", {})
    return {"schema": body, "defs": defs}


def _closed(node: Any) -> Any:
    """A mapping keyed by pattern (skills to drill dates, to heads) takes no other key."""
    if isinstance(node, dict):
        out = {k: _closed(v) for k, v in node.items()}
        if "patternProperties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


SHIPPED = Path(__file__).parent / "schemas"


def shipped_text(kind: str) -> str:
    """What is shipped for a file kind: the generated schema, its keys in the models' order."""
    return json.dumps(generated_schema(kind), ensure_ascii=False, separators=(",", ":")) + "\n"


@cache
def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file kind, as shipped (one object, shared: read it, do not change
    it)."""
    data: dict[str, Any] = json.loads((SHIPPED / f"{kind}.schema.json").read_text("utf-8"))
    return data


def generated_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file kind, built from its model."""
    body = _closed(SCHEMA_MODELS[kind].model_json_schema(by_alias=True))
    if kind == "operation":
        override = policy_override_schema()
        body["$defs"] = {**body.get("$defs", {}), **override["defs"]}
        body["properties"]["policy"] = {
            **override["schema"],
            "description": "Overrides of configs/policy.yaml: a mapping replaces only the keys "
            "it names, a list replaces the whole list.",
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"sinjai-ops/{kind}.schema.json",
        "title": f"sinjai-ops {kind}.yaml",
        **body,
    }


def schema_texts() -> dict[str, str]:
    """File name to schema text, byte-stable."""
    return {
        f"{kind}.schema.json": json.dumps(schema_for(kind), indent=2, sort_keys=True) + "\n"
        for kind in SCHEMA_MODELS
    }


def write_shipped() -> None:
    """Write the shipped schemas from the models."""
    SHIPPED.mkdir(exist_ok=True)
    for kind in SCHEMA_MODELS:
        (SHIPPED / f"{kind}.schema.json").write_text(shipped_text(kind), "utf-8")


if __name__ == "__main__":
    write_shipped()
