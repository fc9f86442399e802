"""JSON Schema of the three input files, for editors with yaml-language-server."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.roster import RosterFile

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "operation": OperationFile,
    "roster": RosterFile,
    "arrivals": ArrivalsFile,
}


def schema_for(kind: str) -> dict[str, Any]:
    body = SCHEMA_MODELS[kind].model_json_schema(by_alias=True)
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
