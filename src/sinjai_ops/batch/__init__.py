"""`batch`: many scenario folders (a Polda's Polres) planned at once, each folder in a process
of its own with one solver thread, on this machine or on a Dask cluster.

Each plan is the one `plan FOLDER` makes: the same pipeline, rendered to the same bytes. The
modules: `worker` (the work of one folder, in its process), `local` (the processes of this
machine), `cluster` (Dask), `outdir` (what is written, and the stamp that lets a run skip a
folder whose plan is current). What a folder is
asked and what came of it (`Job`, `Outcome`) are values of `models.batch`, which the summary's
renderer reads too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sinjai_ops.batch.cluster import ClusterUnavailable
from sinjai_ops.batch.local import Watcher, default_workers, run_local
from sinjai_ops.batch.outdir import defaults, store, unchanged, write_index
from sinjai_ops.models.batch import KILL_HOOK, Job, Outcome, worst

__all__ = [
    "Asked",
    "ClusterUnavailable",
    "Job",
    "Outcome",
    "Watcher",
    "default_workers",
    "name_of",
    "plan_folders",
    "worst",
]


@dataclass(frozen=True)
class Asked:
    """What the command line asks of every folder."""

    formats: tuple[str, ...] = ("json",)
    time_limit: float = 120.0
    remedies: bool = True
    lang: str | None = None
    env_lang: str = "en"
    force: bool = False
    """Plan every folder, even those whose plan is current."""


def name_of(folder: Path) -> str:
    """The folder's name under OUTDIR."""
    return folder.resolve().name


def jobs_of(folders: Sequence[Path], asked: Asked) -> list[Job]:
    killed = os.environ.get(KILL_HOOK)
    return [
        Job(
            name=name_of(f),
            folder=str(f),
            formats=("json", *sorted(set(asked.formats) - {"json"})),
            time_limit=asked.time_limit,
            remedies=asked.remedies,
            lang=asked.lang,
            env_lang=asked.env_lang,
            cwd=os.getcwd(),
            kill_first=killed == name_of(f),
        )
        for f in folders
    ]


class _Storing:
    """Stores each folder's files as soon as its worker answers, then tells `watcher`: a batch
    stopped midway keeps every plan finished before."""

    def __init__(self, jobs: Sequence[Job], outdir: Path, watcher: Watcher) -> None:
        self.jobs = {j.name: j for j in jobs}
        self.outdir = outdir
        self.shipped = defaults()
        self.watcher = watcher

    def started(self, job: Job) -> None:
        self.watcher.started(job)

    def retried(self, job: Job, why: str) -> None:
        self.watcher.retried(job, why)

    def finished(self, outcome: Outcome) -> None:
        if not outcome.skipped:
            store(self.jobs[outcome.name], outcome, self.outdir, self.shipped)
        self.watcher.finished(outcome)


def plan_folders(
    folders: Sequence[Path],
    outdir: Path,
    asked: Asked,
    watcher: Watcher,
    workers: int | None = None,
    scheduler: str | None = None,
) -> list[Outcome]:
    """Plan each folder into OUTDIR/NAME (skipping those whose plan is current), then write
    OUTDIR/index.json; every folder's outcome, in the order given."""
    jobs = jobs_of(folders, asked)
    storing = _Storing(jobs, outdir, watcher)
    outdir.mkdir(parents=True, exist_ok=True)
    kept = {} if asked.force else _current(jobs, outdir, storing)
    todo = [j for j in jobs if j.name not in kept]
    if scheduler is not None:
        from sinjai_ops.batch.cluster import run_on_cluster

        ran = run_on_cluster(todo, scheduler, storing)
    else:
        ran = run_local(todo, workers or default_workers([Path(j.folder) for j in todo]), storing)
    outcomes = {**kept, **{o.name: o for o in ran}}
    ordered = [outcomes[j.name] for j in jobs]
    write_index(outdir, ordered)
    return ordered


def _current(jobs: Sequence[Job], outdir: Path, storing: _Storing) -> dict[str, Outcome]:
    kept: dict[str, Outcome] = {}
    for job in jobs:
        outcome = unchanged(job, outdir, storing.shipped)
        if outcome is not None:
            kept[job.name] = outcome
            storing.finished(outcome)
    return kept
