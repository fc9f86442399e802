"""Start-up: the help, the version and completion answer without importing the pipeline, the
models, the renderers or the solver; each command imports what it needs when it runs."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

app_module = importlib.import_module("sinjai_ops.cli.app")

_PROBE = """
import sys
from sinjai_ops.cli import app
try:
    app(prog_name="sinjai-ops")
except SystemExit:
    pass
heavy = ("sinjai_ops.pipeline", "sinjai_ops.models", "sinjai_ops.render", "sinjai_ops.validate",
         "sinjai_ops.solve", "sinjai_ops.checklists", "numpy", "highspy", "rich", "yaml")
print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)
"""


def _imported(*args: str, env: dict[str, str] | None = None) -> tuple[str, str]:
    """What the command printed, and the heavy modules it imported (as a list's text)."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
        cwd=ROOT,
    )
    return done.stdout, done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args", [("--help",), ("-h",), ("--version",), ("plan", "--help"), ("batch", "--help")]
)
def test_help_and_version_import_no_pipeline_models_or_solver(args: tuple[str, ...]) -> None:
    out, heavy = _imported(*args)
    assert out.strip()
    assert heavy == "[]"


def test_completion_imports_no_pipeline_models_or_solver() -> None:
    out, heavy = _imported(
        env={
            "_SINJAI_OPS_COMPLETE": "complete_bash",
            "COMP_WORDS": "sinjai-ops plan --la",
            "COMP_CWORD": "2",
        }
    )
    assert out.split() == ["--lang"]
    assert heavy == "[]"


def test_validate_imports_neither_the_solver_nor_the_checklists() -> None:
    _, heavy = _imported("validate", str(ROOT / "examples" / "sinjai-2024"))
    assert "'sinjai_ops.pipeline'" in heavy
    for module in ("numpy", "highspy", "sinjai_ops.solve.model", "sinjai_ops.checklists"):
        assert f"'{module}'" not in heavy


def test_validate_imports_no_plan_renderer() -> None:
    """The verdict's renderer comes from the `render` package, which brings no plan renderer
    (the table, markdown, CSV, JSON): `validate` is the command run most often."""
    _, heavy = _imported("validate", str(ROOT / "examples" / "sinjai-2024"))
    assert "'sinjai_ops.render.problems'" in heavy
    for module in ("plan_table", "plan_markdown", "plan_csv", "plan_json", "plan_rows"):
        assert f"'sinjai_ops.render.{module}'" not in heavy


def test_the_choices_in_the_help_are_the_formats_the_renderers_write() -> None:
    from sinjai_ops.models.plan import DEFAULT_TIME_LIMIT
    from sinjai_ops.render import PLAN_RENDERERS
    from sinjai_ops.render.anev import ANEV_RENDERERS
    from sinjai_ops.render.checklist import CHECKLIST_RENDERERS
    from sinjai_ops.render.drills import DRILL_RENDERERS
    from sinjai_ops.render.problems import PROBLEM_RENDERERS
    from sinjai_ops.render.whofits import WHO_FITS_RENDERERS

    assert tuple(PLAN_RENDERERS) == app_module.PLAN_FORMATS
    assert tuple(CHECKLIST_RENDERERS) == app_module.CHECKLIST_FORMATS
    assert tuple(WHO_FITS_RENDERERS) == app_module.WHO_FITS_FORMATS
    assert tuple(ANEV_RENDERERS) == app_module.ANEV_FORMATS
    assert tuple(DRILL_RENDERERS) == app_module.DRILL_FORMATS
    assert tuple(PROBLEM_RENDERERS) == app_module.PROBLEM_FORMATS
    assert app_module.DEFAULT_TIME_LIMIT == DEFAULT_TIME_LIMIT
