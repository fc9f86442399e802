"""Start-up: the help, the version and completion answer without importing the pipeline, the
models, the renderers or the solver; each command imports what it needs when it runs."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

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
         "sinjai_ops.solve", "sinjai_ops.checklists", "sinjai_ops.demand", "sinjai_ops.rules",
         "numpy", "highspy", "rich", "yaml")
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


def test_validate_imports_none_of_what_only_the_other_commands_need() -> None:
    """`validate` of a scenario without adjustments.yaml: neither the plan's models, the demand,
    the rules the pins are held against, nor the commands' wiring (each comes back by an
    import at the top of a module that `validate` reads)."""
    _, heavy = _imported("validate", str(ROOT / "examples" / "sinjai-2024"))
    for module in (
        "sinjai_ops.models.plan",
        "sinjai_ops.demand",
        "sinjai_ops.rules",
        "sinjai_ops.validate.pins",
        "sinjai_ops.validate.adjustments",
        "sinjai_ops.pipeline.commands",
        "sinjai_ops.pipeline.plan_files",
        "sinjai_ops.pipeline.attendance",
    ):
        assert f"'{module}'" not in heavy


def test_validate_of_pins_still_holds_them_against_the_demand(tmp_path: Path) -> None:
    """The demand and the rules are imported when a scenario has pins to check: a pin to a
    visit in a shift its window does not reach has no heads to hold."""
    for name in ("operation.yaml", "roster.yaml", "arrivals.yaml"):
        (tmp_path / name).write_bytes((ROOT / "examples" / "sinjai-2024" / name).read_bytes())
    (tmp_path / "adjustments.yaml").write_text(
        "pins:\n  - nrp: '76110023'\n    date: 2024-08-27\n    shift: malam\n"
        "    site: kpu\n    post: visit:paslon-1\n",
        "utf-8",
    )
    out, heavy = _imported("validate", "--lang", "en", str(tmp_path))
    assert "visit:paslon-1 has no heads on 2024-08-27 malam" in out
    assert "'sinjai_ops.demand'" in heavy and "'sinjai_ops.validate.pins'" in heavy


_MODELS_PROBE = """
import sys
import sinjai_ops.models.plan as plan
import sinjai_ops.models.drills as drills
built = [m.__name__ for mod in (plan, drills) for m in vars(mod).values()
         if isinstance(m, type) and m.__module__ == mod.__name__ and hasattr(m, "model_fields")
         and m.__pydantic_complete__]
print(built)
"""


def test_importing_the_models_builds_no_validator() -> None:
    """A model's validator is built when it is first used: importing the plan's models (as a
    command that reads only the inputs may) costs no schema building."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _MODELS_PROBE],
        capture_output=True,
        text=True,
        env=environ,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout.strip() == "[]"


_PLUGINS_PROBE = """
import os, sys
from sinjai_ops.cli import main
sys.argv = ["sinjai-ops", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
from pydantic.plugin import _loader
print(repr(os.environ.get("PYDANTIC_DISABLE_PLUGINS")), _loader._plugins is None, file=sys.stderr)
"""


def _plugins_searched(env: dict[str, str]) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run(
        [sys.executable, "-c", _PLUGINS_PROBE, "validate", str(ROOT / "examples" / "sinjai-2024")],
        capture_output=True,
        text=True,
        env={**environ, "PYTHONPATH": str(ROOT / "src"), **env},
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip().splitlines()[-1]


def test_the_command_line_does_not_search_for_pydantic_plugins_unless_asked() -> None:
    """Pydantic reads the entry points of every installed package for plugins before its first
    validator: the command line, which has no use for them, leaves that search off, unless the
    environment sets `PYDANTIC_DISABLE_PLUGINS` itself (empty: search them all)."""
    assert _plugins_searched({}) == "'__all__' True"
    assert _plugins_searched({"PYDANTIC_DISABLE_PLUGINS": ""}) == "'' False"


def test_every_name_of_the_pipeline_comes_from_its_module() -> None:
    """The pipeline package imports its modules when a name is first used; each name it
    offers is its module's own, and a name it does not offer is an AttributeError."""
    from sinjai_ops import pipeline

    homes = vars(pipeline)["_HOME_OF"]
    assert set(pipeline.__all__) == set(homes)
    for name in pipeline.__all__:
        module = importlib.import_module(f"sinjai_ops.pipeline.{homes[name]}")
        assert getattr(pipeline, name) is getattr(module, name)
    with pytest.raises(AttributeError):
        _ = pipeline.no_such_name  # type: ignore[attr-defined]


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
