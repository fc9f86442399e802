"""The schemas `validate` reads are shipped with the package; they must be what the models give,
or an editor and `validate` would disagree about a file."""

from __future__ import annotations

import json

import pytest

from sinjai_ops.schema import SCHEMA_MODELS, SHIPPED, generated_schema, schema_for, shipped_text


@pytest.mark.parametrize("kind", sorted(SCHEMA_MODELS))
def test_the_shipped_schema_is_the_one_the_models_give(kind: str) -> None:
    shipped = (SHIPPED / f"{kind}.schema.json").read_text("utf-8")
    assert shipped == shipped_text(kind), "run `python -m sinjai_ops.schema` to write it again"
    # The same keys in the same order: validate walks the schema as the models built it.
    assert json.dumps(schema_for(kind)) == json.dumps(generated_schema(kind))
