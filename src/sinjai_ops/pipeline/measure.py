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
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from sinjai_ops.demand import derive_demand
from sinjai_ops.models.plan import Demand
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.remedies import Trial, trials, untied_trial
from sinjai_ops.solve.program_rows import Reached


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
    """`missing`: the heads a fresh plan of a trial's scenario leaves empty; `workers`: the
    cores to measure on. Used as a context manager: leaving it waits for every trial started
    (a trial never outlives the command)."""

    def __init__(self, missing: Callable[[Trial], int], workers: int) -> None:
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
            self._started[trial.key] = self._pool.submit(self._measure, trial)

    def _measure(self, trial: Trial) -> int:
        with self._cores:
            return self._missing(trial)

    def __call__(self, trial: Trial) -> int:
        if trial.key in self._started:
            return self._started[trial.key].result()
        if trial.key not in self._measured:
            self._measured[trial.key] = self._missing(trial)
        return self._measured[trial.key]

    def __enter__(self) -> Self:
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


class PlanTrials(Measurer):
    """The remedies' trials of one plan (`pipeline.plan`): measured against its scenario and
    demand, started as soon as its coverage is solved (`covered`, given to `make_plan`).
    `remedies`: measure the remedies' trials (else only neutrality's); `moment`: the plan is a
    re-plan from that moment, whose coverage is of the future alone (it says nothing of what a
    fresh plan reaches)."""

    def __init__(
        self,
        scenario: Scenario,
        demand: Demand,
        time_limit: float,
        remedies: bool,
        moment: datetime | None,
        workers: int | None,
    ) -> None:
        super().__init__(self._missing, cores() if workers is None else workers)
        self._scenario, self._demand, self._time_limit = scenario, demand, time_limit
        self._remedies, self._moment = remedies, moment
        self._reached: Reached | None = None

    def _missing(self, trial: Trial) -> int:
        changed = trial.changed
        same = self._demand if same_demand(self._scenario, changed) else None
        # What the plan's coverage reached: a trial that only adds what officers may do
        # reaches at least as much.
        reached = self._reached if trial.relaxes else None
        return missing_in(changed, self._time_limit, same, reached)

    def covered(self, days: dict[str, set[date]], reached: Reached | None) -> None:
        """Heads stay empty on `days` once the coverage is solved: the remedies for them are
        measured while the later stages run, and found again by their keys (made of the days)
        once the plan is made; those whose days the plan moved, measured then. The costliest
        first (perwira, then recalls, then drills)."""
        if self._moment is None:
            self._reached = reached
        scenario = self._scenario
        early = [
            *reversed(trials(scenario, days) if self._remedies else []),
            untied_trial(scenario),
        ]
        for trial in early if days else []:
            if trial is not None:
                self.start(trial)


def same_demand(scenario: Scenario, changed: Scenario) -> bool:
    """Whether `changed` has the demand of `scenario` without deriving it again: the demand is
    made of the operation, the arrivals, the policy and, of the roster, only the candidates
    some officer is tied to (`demand._avoid`)."""
    same = (
        changed.operation is scenario.operation
        and changed.arrivals is scenario.arrivals
        and changed.policy is scenario.policy
    )

    def ties(s: Scenario) -> set[str]:
        return {c for p in s.roster.personnel for c in p.ties}

    return same and ties(changed) == ties(scenario)


def missing_in(
    changed: Scenario,
    time_limit: float,
    demand: Demand | None = None,
    reached: Reached | None = None,
) -> int:
    """The heads a fresh plan of `changed` leaves empty: the most heads at the best weighted
    coverage, by the coverage model alone; by planning in full only when that is not proven in
    the time. `demand`: its demand, when known. `reached`: what a whole plan of a scenario that
    `changed` relaxes reaches (`coverage.best_coverage`)."""
    from sinjai_ops.solve.plan import coverage, make_plan, with_duty

    demand = derive_demand(changed) if demand is None else demand
    best = coverage(changed, demand, time_limit, reached)
    if best is None:
        made = make_plan(changed, demand, time_limit)
        return sum(s.missing for s in made.shortfalls) + sum(s.missing for s in made.tps_shortfalls)
    # On a voting day the heads of the TPS and the Padal count too.
    return sum(n.heads for n in with_duty(changed, demand).needs) - best.heads
