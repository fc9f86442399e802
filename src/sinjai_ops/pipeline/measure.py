"""The remedies' trials measured side by side (`remedies.Measure`).

Each trial is one coverage model solved by HiGHS, which lets go of Python's lock while it
solves: on a machine of several cores, trials started together run together on threads, and
the ones that ask nothing of the plan (perwira on rank-and-file heads, the price of neutrality)
start while the plan is still being made, as soon as its first stage shows heads left empty.
Each trial's figure is its own solve's (one HiGHS thread, a fixed seed): the same whichever
thread measures it and in whichever order, so the output stays byte for byte the same. On one
core, or with `workers=1` (a batch's worker, which has a core of its own), a trial is measured
when it is asked for and nothing is started ahead.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from sinjai_ops.models.scenario import Scenario
from sinjai_ops.remedies import Trial


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Measurer:
    """`missing`: the heads a fresh plan of a changed scenario leaves empty; `workers`: the
    cores to measure on. Used as a context manager: leaving it waits for every trial started
    (a trial never outlives the command)."""

    def __init__(self, missing: Callable[[Scenario], int], workers: int) -> None:
        self._missing = missing
        self._workers = workers
        # One thread more than the cores: the command's own thread only waits for the figures.
        self._pool = ThreadPoolExecutor(workers + 1) if workers > 1 else None
        self._started: dict[str, Future[int]] = {}
        self._measured: dict[str, int] = {}

    def ahead(self, trials: list[Trial]) -> None:
        """Start trials while the plan is still being made on the command's own thread: as
        many as leave that thread a core of its own."""
        for trial in trials[: self._workers - 1]:
            self.start(trial)

    def start(self, trial: Trial) -> None:
        if self._pool is not None and trial.key not in self._started:
            self._started[trial.key] = self._pool.submit(self._missing, trial.changed)

    def __call__(self, trial: Trial) -> int:
        if trial.key in self._started:
            return self._started[trial.key].result()
        if trial.key not in self._measured:
            self._measured[trial.key] = self._missing(trial.changed)
        return self._measured[trial.key]

    def __enter__(self) -> Measurer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
