"""The size limits: no function over 60 lines and no module over 400 lines in src, counted as
physical lines (a function from its first statement after the docstring, so a command's options
in its signature do not count; a module in full). A reader takes in a function at one look and a
module at one sitting; what grows past them is split by meaning."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_FUNCTION = 60
MAX_MODULE = 400


def _sizes() -> dict[str, int]:
    out: dict[str, int] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE:
            out[name] = lines
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            body = node.body
            first = body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                body = body[1:]
            if not body:
                continue
            size = (body[-1].end_lineno or body[-1].lineno) - body[0].lineno + 1
            if size > MAX_FUNCTION:
                out[f"{name}:{node.name}"] = size
    return out


def test_no_function_or_module_is_over_the_limits() -> None:
    over = _sizes()
    assert not over, f"over the limits (functions {MAX_FUNCTION}, modules {MAX_MODULE}): {over}"
