"""Start-up: the help, the version and completion answer without importing the pipeline, the
models, the renderers or the solver; each command imports what it needs when it runs."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_validate_writes_its_verdict_without_rich_when_no_colour_can_show() -> None:
    """Piped (an editor, a hook, CI), the verdict is the text of its markup: rich, a tenth of
    `validate`'s start-up, is not imported for it."""
    out, heavy = _imported("validate", str(ROOT / "examples" / "sinjai-2024"))
    assert out.endswith("(8 peringatan)\n")
    assert "'rich" not in heavy


def _validate(folder: Path, env: dict[str, str]) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "sinjai_ops", "validate", "--lang", "en", str(folder)],
        capture_output=True,
        text=True,
        env={**environ, "PYTHONPATH": str(ROOT / "src"), **env},
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_a_problem_on_line_100_is_placed_there_with_colours_or_without(tmp_path: Path) -> None:
    """`FILE:100:14:` stays a place in both ways of writing the verdict (rich once read `:100:`
    as an emoji code and printed 💯, which no editor can follow), in red where colours show."""
    for name in ("operation.yaml", "roster.yaml", "arrivals.yaml"):
        (tmp_path / name).write_bytes((ROOT / "examples" / "sinjai-2024" / name).read_bytes())
    roster = (tmp_path / "roster.yaml").read_text("utf-8").splitlines(keepends=True)
    assert roster[99] == "    skills: [reskrim, intel]\n"
    roster[99] = "    skills: [reskrimx, intel]\n"
    (tmp_path / "roster.yaml").write_text("".join(roster), "utf-8")
    place = f"{tmp_path}/roster.yaml:100:14: error: personnel[17].skills[0]: unknown skill"
    plain = _validate(tmp_path, {})
    assert place in plain and "\x1b[" not in plain
    coloured = _validate(tmp_path, {"FORCE_COLOR": "1"})
    assert f"\x1b[31m{place}" in coloured


_PRINTED = st.characters(
    codec="utf-8",
    exclude_categories=["Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp", "Zs"],
    exclude_characters="\\",
)
_CLEAN = (
    st.text(alphabet=_PRINTED, max_size=20)
    | st.text(alphabet="[]/:ab1 @#=", max_size=12)
    | st.sampled_from(["[bold]x[/bold]", "[/]", ":100:", ":cop:", "x:1234:y", "[red", "é 日本"])
)
"""Texts without a backslash or a character that does not print as itself (which `visible`
shows as `\\x1b`, `\\u202e`)."""
_ANY = (
    _CLEAN
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
    | st.sampled_from(["a\\", "a\\\\", "\\[red]", "\x1b[31m", "\u202e", "\t", "\\"])
)


def _found(texts: st.SearchStrategy[str]) -> st.SearchStrategy[list[Any]]:
    lines, columns = st.integers(1, 2000), st.integers(1, 200)
    messages = texts.filter(bool)  # an empty message id is gettext's catalog header
    return st.lists(st.tuples(texts, lines, columns, texts, messages, st.booleans()), max_size=4)


def _both_ways(found: list[Any], checked: list[str], lang: str) -> tuple[str | None, str]:
    """The verdict `validate` writes without rich (None: it leaves it to rich), and what rich's
    console writes to a pipe."""
    from sinjai_ops.cli.check import plain_verdict
    from sinjai_ops.cli.output import console
    from sinjai_ops.models.problem import Problem
    from sinjai_ops.render.problems import text

    problems = [
        Problem.at(file, line, column, message, path=path, warning=warning)
        for file, line, column, path, message, warning in found
    ]
    screen = io.StringIO()
    with contextlib.redirect_stdout(screen), _without("FORCE_COLOR", "TTY_COMPATIBLE"):
        said = plain_verdict(problems, checked, lang)
        console().print(text(problems, checked, lang), end="", markup=True)
    return said, screen.getvalue()


@settings(max_examples=150, deadline=None)
@given(
    found=_found(_CLEAN),
    checked=st.lists(_CLEAN, min_size=1, max_size=3),
    lang=st.sampled_from(["en", "id"]),
)
def test_the_plain_verdict_is_what_rich_prints_where_no_colour_shows(
    found: list[Any], checked: list[str], lang: str
) -> None:
    """Whatever the files, places and messages hold (markup, brackets, emoji codes, any
    script), `validate` writes without rich the bytes rich's console writes to a pipe."""
    said, printed = _both_ways(found, checked, lang)
    assert said == printed


@settings(max_examples=150, deadline=None)
@given(found=_found(_ANY), checked=st.lists(_ANY, min_size=1, max_size=3))
def test_a_verdict_with_a_backslash_is_left_to_rich(found: list[Any], checked: list[str]) -> None:
    """A backslash (typed, or showing a control character) may be read by rich's markup:
    such a verdict is printed by rich itself."""
    said, printed = _both_ways(found, checked, "en")
    assert said == printed or (said is None and "\\" in printed + "".join(checked))


@contextlib.contextmanager
def _without(*names: str) -> Iterator[None]:
    kept = {n: os.environ.pop(n) for n in names if n in os.environ}
    try:
        yield
    finally:
        os.environ.update(kept)
