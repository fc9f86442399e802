from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sinjai_ops.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sinjai-2024"
CASES = Path(__file__).resolve().parent / "cases"

Run = Callable[..., "Result"]


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run the CLI in-process; assert the exit code; never swallow a traceback."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    # English unless a test or the files say otherwise, whatever the machine's locale.
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

    def invoke(*args: str, code: int | None = 0) -> Result:
        """`code=None` takes a verdict either way: 0 (valid) or 1 (invalid)."""
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == code or (code is None and result.exit_code in (0, 1)), (
            f"exit {result.exit_code}, wanted {code}\n{result.stdout}\n{result.stderr}"
        )
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke
