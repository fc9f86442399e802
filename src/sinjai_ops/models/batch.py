"""What one folder of a batch is asked (`Job`) and what came of it (`Outcome`): plain values
that cross a process (or a Dask cluster) and back, and the exit code each outcome gives."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

PLANNED, SHORTFALL, INVALID, FAILED = "planned", "shortfall", "invalid", "failed"
"""The statuses of index.json: every head filled; heads missing (a BKO request); the folder's
files are invalid (its problems are printed as `validate` prints them); the worker failed
(crashed twice, or an internal error)."""

EXIT_OK, EXIT_INVALID, EXIT_SHORTFALL = 0, 1, 3

FILE_OF = {
    "json": "plan.json",
    "yaml": "plan.yaml",
    "csv": "plan.csv",
    "markdown": "plan.md",
    "table": "plan.txt",
    "xlsx": "plan.xlsx",
    "html": "report.html",
}
"""The file of each format under OUTDIR/NAME: plan.json always, the others on request
(`--format`), each the bytes `plan -o FILE` (or, for html, `report -o FILE`) writes."""

KILL_HOOK = "SINJAI_BATCH_TEST_KILL"
"""Test hook: a folder name; the first worker that plans a folder of that name kills itself
with SIGKILL before it starts, as a worker killed by the kernel's out-of-memory killer would
be. The batch must retry it and name it."""


@dataclass(frozen=True)
class Job:
    """One folder to plan. `folder` as the worker opens it; `cwd`, when given, the folder the
    worker works from (so that problems name files as `validate` run here names them)."""

    name: str
    folder: str
    formats: tuple[str, ...] = ("json",)
    time_limit: float = 120.0
    remedies: bool = True
    lang: str | None = None
    env_lang: str = "en"
    cwd: str | None = None
    attempt: int = 1
    kill_first: bool = False

    def again(self) -> Job:
        return replace(self, attempt=self.attempt + 1)


@dataclass(frozen=True)
class Outcome:
    """What a worker made of one folder (or what a batch knew of it without planning)."""

    name: str
    status: str
    unit: str = ""
    heads: int = 0
    filled: int = 0
    bko: dict[str, int] = field(default_factory=dict)
    """Heads asked of the BKO, by skill."""
    files: dict[str, bytes] = field(default_factory=dict)
    """The files to write under OUTDIR/NAME, by name."""
    inputs: dict[str, str] = field(default_factory=dict)
    """The plan's `inputs`: each file read, by its sha256."""
    problems: str = ""
    """For an invalid folder: its problems as `validate` prints them (rich markup)."""
    notes: tuple[str, ...] = ()
    """Warnings told in full (those `validate` cannot give)."""
    warnings: int = 0
    error: str = ""
    """What went wrong when the worker failed."""
    version: str = ""
    peak_kib: int = 0
    """The worker's peak resident memory."""
    seconds: float = 0.0
    skipped: bool = False
    retried: bool = False

    def exit_code(self, fail_on_shortfall: bool) -> int:
        if self.status in (INVALID, FAILED):
            return EXIT_INVALID
        if self.status == SHORTFALL and fail_on_shortfall:
            return EXIT_SHORTFALL
        return EXIT_OK


def worst(codes: list[int]) -> int:
    """The exit code of the batch: 1 over 3 over 0."""
    for code in (EXIT_INVALID, EXIT_SHORTFALL):
        if code in codes:
            return code
    return EXIT_OK
