"""The folders of a batch planned on a Dask distributed cluster (`--scheduler ADDRESS`, the
optional extra `cluster`): the same worker function as on this machine, submitted as one task
per folder. The workers read the folders at the paths given here (a shared file system, as
GNU parallel and Slurm need too) and send the files back: only this machine writes OUTDIR.
Dask starts a task again when its worker dies (its `allowed-failures`); a task that fails for
good is the folder's failure, and the other folders go on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sinjai_ops import __version__
from sinjai_ops.batch.local import Watcher
from sinjai_ops.batch.worker import run
from sinjai_ops.models.batch import FAILED, Job, Outcome


class ClusterUnavailable(Exception):
    """Dask is not installed, or the scheduler cannot be reached."""


def run_on_cluster(jobs: Sequence[Job], address: str, watcher: Watcher) -> list[Outcome]:
    """Every job's outcome, in the order of `jobs`."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ClusterUnavailable("pip install 'sinjai-ops[cluster]'") from exc
    try:
        client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterUnavailable(str(exc) or type(exc).__name__) from exc
    outcomes: dict[str, Outcome] = {}
    with client:
        futures = {}
        for job in jobs:
            absolute = replace(job, folder=str(Path(job.folder).resolve()), cwd=None)
            futures[client.submit(run, absolute, pure=False)] = job
            watcher.started(job)
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            job = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a worker lost for good: told, the others go on
                outcome = Outcome(job.name, FAILED, error=f"{type(exc).__name__}: {exc}")
            if outcome.status != FAILED and outcome.version != __version__:
                why = f"the worker runs sinjai-ops {outcome.version}, this is {__version__}"
                outcome = Outcome(job.name, FAILED, error=why)
            outcomes[job.name] = outcome
            watcher.finished(outcome)
    return [outcomes[j.name] for j in jobs]
