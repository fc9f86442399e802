"""The remedies' trials measured side by side (`remedies.Measure`).

Each trial is one coverage model solved by HiGHS, which lets go of Python's lock while it
solves, so trials on threads run together on a machine of several cores. They start as soon as
the plan's coverage is solved (`model.Covered`): the days each skill has heads left empty there
make the trials (`remedies.trials`), measured while the plan's later stages run; once the plan
is made its own trials are found again by their keys, and only those whose days the later
stages moved are measured then. While the plan is being made it keeps a core of its own: more
threads than cores made the whole run slower, not faster.

Each trial's figure is its own solve's (one HiGHS thread, a fixed seed): the same whichever
thread measures it and in whichever order, so the output stays byte for byte the same. On one
core, or with `workers=1` (a batch's worker, which has a core of its own), a trial is measured
when it is asked for and nothing is started ahead.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from sinjai_ops.models.scenario import Scenario
from sinjai_ops.remedies import Trial


def cores() -> int:
    """The cores this process may run on: those it is bound to, and no more than a container's
    CPU quota (cgroup v2 `cpu.max`) grants."""
    try:
        bound = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        bound = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text(encoding="ascii").split()[:2]
        if quota != "max":
            bound = min(bound, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return bound


class Measurer:
    """`missing`: the heads a fresh plan of a changed scenario leaves empty; `workers`: the
    cores to measure on. Used as a context manager: leaving it waits for every trial started
    (a trial never outlives the command)."""

    def __init__(self, missing: Callable[[Scenario], int], workers: int) -> None:
        workers = max(1, workers)
        self._missing = missing
        self._pool = ThreadPoolExecutor(workers) if workers > 1 else None
        # A core each: the plan, while it is being made, holds one of them (`planned`), so
        # that more threads than cores never share them (which made the run slower).
        self._cores = threading.Semaphore(workers)
        self._cores.acquire()
        self._planning = True
        self._started: dict[str, Future[int]] = {}
        self._measured: dict[str, int] = {}

    def planned(self) -> None:
        """The plan is made: its core is free for the trials."""
        if self._planning:
            self._planning = False
            self._cores.release()

    def start(self, trial: Trial) -> None:
        if self._pool is not None and trial.key not in self._started:
            self._started[trial.key] = self._pool.submit(self._measure, trial.changed)

    def _measure(self, changed: Scenario) -> int:
        with self._cores:
            return self._missing(changed)

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
        self.planned()
        if self._pool is None:
            return
        self._pool.shutdown(wait=True, cancel_futures=True)
        if error is None:
            # A trial started ahead and never asked for (the plan moved its days) failed:
            # the same code measures the trials that are asked for, so say so, never hide it.
            for future in self._started.values():
                failed = None if future.cancelled() else future.exception()
                if failed is not None:
                    raise failed
