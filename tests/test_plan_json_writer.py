"""The plan's JSON is written without the standard library's slow pure-Python encoder, byte for
byte as `json.dumps(..., ensure_ascii=False, indent=2)` writes it: scripts and diffs of plans
see no change."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinjai_ops.render.plan_json import dumps

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
data = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def _standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=300, deadline=None)
@given(data)
def test_written_as_the_standard_encoder_writes_it(value: Any) -> None:
    assert dumps(value) == _standard(value)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [{}], "d": [[]]},
        {"name": "Andi Ma\u2019ruf \u00e9", "line": 'a\nb\t"c"\\', "ctrl": "\x00\x1f\u2028"},
        {1: "one", 2.5: [1], False: {"x": None}, None: 0},
        [float("nan"), -math.inf, -0.0, 1e300, 10**30],
        ("a", ("b",)),
        {"rows": [{"nrp": "00013353", "date": "2024-08-22", "missing": 4, "ok": True}]},
    ],
)
def test_edge_cases(value: Any) -> None:
    assert dumps(value) == _standard(value)


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [object()], {(1, 2): 3}, {(1, 2): [3]}])
def test_what_the_standard_encoder_refuses_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        _standard(value)
    with pytest.raises(TypeError):
        dumps(value)
