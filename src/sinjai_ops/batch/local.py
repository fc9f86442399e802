"""The folders of a batch planned on this machine: each in a process of its own (forked from a
server that has the pipeline imported already, so that a worker starts in milliseconds), as
many at once as the cores and the memory allow. A worker that dies (killed by a signal, or
gone without an answer) is started once more; a second death is the folder's failure, and the
other folders go on."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Protocol

from sinjai_ops.models.batch import FAILED, Job, Outcome

PRELOAD = [
    "sinjai_ops.batch.worker",
    "sinjai_ops.pipeline.inputs",  # the package imports its modules on first use
    "sinjai_ops.pipeline.commands",
    "sinjai_ops.solve.plan",
    "sinjai_ops.solve.causes",
    "sinjai_ops.remedies",
    "sinjai_ops.render.plan_json",
    "sinjai_ops.cli.output",
]
"""Imported once by the fork server: what every worker needs, shared by all of them."""

BASE_MIB = 150
PER_INPUT_MIB = 300
"""A worker's peak memory, estimated from its folder before any has run: 150 MiB and 300 times
the folder's files (measured: 65 to 100 MiB at 80 to 1,030 officers over 7 days, 640 MiB at
20,000 officers over 14 days). Once workers have finished, the largest peak measured (with a
quarter more) is used when it is larger."""


class Watcher(Protocol):
    """Told as the batch goes: the progress bar."""

    def started(self, job: Job) -> None: ...

    def retried(self, job: Job, why: str) -> None: ...

    def finished(self, outcome: Outcome) -> None: ...


def estimate_mib(folder: Path) -> int:
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
    return BASE_MIB + PER_INPUT_MIB * size // 2**20


def available_mib() -> int:
    """Memory available to new processes now (MemAvailable), in MiB."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES") // 2**20


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers(folders: Sequence[Path]) -> int:
    """The cores the memory allows: at most one worker per core, per folder, and per the
    largest estimated peak that fits in the memory available now."""
    peak = max((estimate_mib(f) for f in folders), default=BASE_MIB)
    return max(1, min(cores(), len(folders), available_mib() // peak))


@dataclass
class _Running:
    job: Job
    process: BaseProcess
    conn: Connection
    began: float


def _child(job: Job, conn: Connection) -> None:
    from sinjai_ops.batch.worker import run

    conn.send(run(job))
    conn.close()


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


def _start_server() -> None:
    """The fork server, started (once per process) with this process's import path, so that
    it imports the same sinjai_ops: Python 3.11's fork server ignores the parent's `sys.path`
    and reads PYTHONPATH again, where a relative entry (`PYTHONPATH=src`) would now name
    another folder."""
    from multiprocessing import forkserver

    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if os.path.isabs(p))
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


class _Pool:
    def __init__(self, workers: int, jobs: Sequence[Job], watcher: Watcher) -> None:
        self.context = mp.get_context("forkserver")
        self.context.set_forkserver_preload(PRELOAD)
        _start_server()
        self.workers = workers
        self.estimates = {j.name: estimate_mib(Path(j.folder)) for j in jobs}
        self.memory = available_mib()
        self.measured = 0
        self.watcher = watcher
        self.running: list[_Running] = []
        self.spent: dict[str, float] = {}

    def room(self, job: Job) -> bool:
        """One more worker fits: a core is free, and (beside one at least) the memory."""
        if len(self.running) >= self.workers:
            return False
        peak = max(self.estimates[job.name], self.measured * 5 // 4)
        return not self.running or peak * (len(self.running) + 1) <= self.memory

    def start(self, job: Job) -> None:
        mine, theirs = self.context.Pipe(duplex=False)
        process = self.context.Process(target=_child, args=(job, theirs), daemon=True)
        process.start()
        theirs.close()
        self.running.append(_Running(job, process, mine, time.perf_counter()))
        self.watcher.started(job)

    def collect(self, done: _Running) -> Outcome | None:
        """The outcome of a worker that has answered or died; None when it died first."""
        outcome = None
        try:
            if done.conn.poll():
                outcome = done.conn.recv()
        except (EOFError, OSError):
            outcome = None
        done.process.join()
        done.conn.close()
        self.running.remove(done)
        name = done.job.name
        self.spent[name] = self.spent.get(name, 0.0) + time.perf_counter() - done.began
        if isinstance(outcome, Outcome):
            self.measured = max(self.measured, outcome.peak_kib // 1024)
            return replace(outcome, seconds=round(self.spent[name], 2))
        return None


def run_local(jobs: Sequence[Job], workers: int, watcher: Watcher) -> list[Outcome]:
    """Every job's outcome, in the order of `jobs`."""
    if not jobs:
        return []
    pool = _Pool(workers, jobs, watcher)
    waiting = deque(jobs)
    outcomes: dict[str, Outcome] = {}
    while waiting or pool.running:
        while waiting and pool.room(waiting[0]):
            pool.start(waiting.popleft())
        ready = wait([r.conn for r in pool.running] + [r.process.sentinel for r in pool.running])
        for done in [r for r in pool.running if r.conn in ready or r.process.sentinel in ready]:
            outcome = pool.collect(done)
            if outcome is None:
                why = _death(done.process.exitcode)
                if done.job.attempt == 1:
                    watcher.retried(done.job, why)
                    waiting.appendleft(done.job.again())
                    continue
                seconds = round(pool.spent[done.job.name], 2)
                outcome = Outcome(done.job.name, FAILED, error=why, seconds=seconds)
            if done.job.attempt > 1:
                outcome = replace(outcome, retried=True)
            outcomes[done.job.name] = outcome
            watcher.finished(outcome)
    return [outcomes[j.name] for j in jobs]
