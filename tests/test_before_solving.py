"""A mistyped argument is told before the solver runs, not after a long solve."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE, Run


@pytest.fixture
def no_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the solver ran before the arguments were checked")

    monkeypatch.setattr("sinjai_ops.solve.plan.make_plan", refuse)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("plan", "--site", "kpuu"), "--site: unknown 'kpuu'"),
        (("plan", "--date", "2024-09-30"), "is not a day of the operation"),
        (("plan", "--officer", "99999999"), "--officer: 99999999 is not in the roster"),
        (("plan", "--format", "xlsx"), "a workbook is written to a file: give -o FILE.xlsx"),
        (("plan", "--format", "ics"), "calendars are written into a folder: give -o FOLDER"),
        (("checklist", "--site", "kpuu"), "--site: unknown 'kpuu'"),
        (("checklist", "--format", "xlsx"), "a workbook is written to a file"),
    ],
)
def test_a_bad_argument_is_told_before_solving(
    run: Run, no_solver: None, args: tuple[str, ...], said: str
) -> None:
    command, *rest = args
    err = run(command, EXAMPLE, *rest, "-q", "--lang", "en", code=2).stderr
    assert said in " ".join(err.split()), err
