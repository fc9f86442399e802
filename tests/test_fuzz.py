"""Malformed and random YAML never makes `validate` crash: exit 0 or 1, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sinjai_ops.cli import app
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.slow

RUNNER = CliRunner()
NAMES = ("operation.yaml", "roster.yaml", "arrivals.yaml")

scalars = st.one_of(
    st.sampled_from(
        [
            "",
            "~",
            "no",
            "yes",
            "8:30",
            "11:00",
            "01040117",
            "-1",
            "1e9",
            "2024-02-30",
            "2024-08-26",
            "kpu",
            "paslon-1",
            "Ipda",
            "dalmas",
            "!!binary x",
            "*a",
            "&a x",
            "'",
            '"',
        ]
    ),
    st.text(max_size=12),
    st.integers(-5, 10_000).map(str),
)
keys = st.sampled_from(
    [
        "operation",
        "shifts",
        "sites",
        "personnel",
        "candidates",
        "nrp",
        "name",
        "rank",
        "skills",
        "visits",
        "site",
        "date",
        "arrive",
        "depart",
        "supporters",
        "policy",
        "rest",
        "id",
        "need",
        "from",
        "to",
        "drills",
        "risk",
        "rivals",
        "x",
    ]
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


def _render(node: object, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(node, dict):
        if not node:
            return "{}"
        return "\n" + "\n".join(f"{pad}{k}: {_render(v, indent + 2)}" for k, v in node.items())
    if isinstance(node, list):
        if not node:
            return "[]"
        return "\n" + "\n".join(f"{pad}- {_render(v, indent + 2)}" for v in node)
    return str(node)


def _validate(files: dict[str, bytes]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for name, raw in files.items():
            (Path(tmp) / name).write_bytes(raw)
        result = RUNNER.invoke(app, ["validate", tmp], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stdout
    return result.exit_code


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), raw=st.binary())
def test_random_bytes(name: str, raw: bytes) -> None:
    files = {n: (EXAMPLE / n).read_bytes() for n in NAMES}
    files[name] = raw
    # Random bytes can never be a valid file of the three (each needs its own top-level key).
    assert _validate(files) == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), tree=trees)
def test_random_yaml_trees(name: str, tree: object) -> None:
    files = {n: (EXAMPLE / n).read_bytes() for n in NAMES}
    files[name] = _render(tree).lstrip("\n").encode("utf-8")
    _validate(files)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_example_with_one_line_mangled(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["operation.yaml", "arrivals.yaml"]))
    lines = (EXAMPLE / name).read_text(encoding="utf-8").splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(st.text(max_size=30))
    files = {n: (EXAMPLE / n).read_bytes() for n in NAMES}
    files[name] = "\n".join(lines).encode("utf-8")
    _validate(files)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from([*NAMES, "checklists.yaml", "notes.yaml"]), tree=trees)
def test_random_single_files(name: str, tree: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(_render(tree).lstrip("\n"), encoding="utf-8")
        result = RUNNER.invoke(app, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stdout


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_plan_and_checklist_on_mangled_examples(data: st.DataObject) -> None:
    """What validate accepts, plan and checklist carry through; what it refuses, they refuse."""
    name = data.draw(st.sampled_from(["operation.yaml", "arrivals.yaml", "roster.yaml"]))
    lines = (EXAMPLE / name).read_text(encoding="utf-8").splitlines()
    index = data.draw(st.integers(0, min(len(lines) - 1, 120)))
    lines[index] = data.draw(st.sampled_from(["", "    supporters: 5000", "  - x", "x: 1"]))
    files = {n: (EXAMPLE / n).read_bytes() for n in NAMES}
    files[name] = "\n".join(lines).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for file, raw in files.items():
            (Path(tmp) / file).write_bytes(raw)
        verdict = RUNNER.invoke(app, ["validate", tmp], catch_exceptions=False).exit_code
        for command in ("plan", "checklist"):
            result = RUNNER.invoke(app, [command, tmp, "--format", "json"], catch_exceptions=False)
            assert result.exit_code == verdict, (command, result.stdout)
