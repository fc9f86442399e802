"""OUTDIR: each folder's files under OUTDIR/NAME (written atomically, a stamp last), the stamp
that lets the next run skip a folder whose plan is still the one its files give, and
OUTDIR/index.json.

The stamp (OUTDIR/NAME/stamp.json) holds what a plan was made from: the sha256 of every file
the folder gave (the plan's own `inputs`), of the shipped defaults (configs/policy.yaml and
checklists.yaml), the tool's version, the options that shape the files, and the sha256 of each
file written. A folder is skipped only when all of them match now.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sinjai_ops import __version__
from sinjai_ops.models.batch import FILE_OF, Job, Outcome

STAMP = "stamp.json"
INDEX = "index.json"
DEFAULTS = ("policy.yaml", "checklists.yaml")
"""The shipped defaults a plan reads."""


def _sha(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file `plan` reads from `folder` (a voting day's TPS list too), by its sha256,
    keyed as the plan's `inputs`."""
    from sinjai_ops.pipeline.inputs import fingerprint as read_inputs

    return dict(sorted(read_inputs(folder).items()))


def defaults() -> dict[str, str]:
    from sinjai_ops.pipeline.inputs import configs_dir

    return {name: _sha((configs_dir() / name).read_bytes()) for name in DEFAULTS}


def options(job: Job) -> dict[str, Any]:
    """What a job asks that shapes the files it writes."""
    return {
        "formats": sorted(job.formats),
        "time_limit": job.time_limit,
        "remedies": job.remedies,
        "lang": job.lang or job.env_lang,
    }


def _stamp(job: Job, outcome: Outcome, shipped: dict[str, str]) -> dict[str, Any]:
    return {
        "version": __version__,
        "inputs": dict(sorted(outcome.inputs.items())),
        "defaults": shipped,
        "options": options(job),
        "files": {name: _sha(data) for name, data in sorted(outcome.files.items())},
        "outcome": {
            "status": outcome.status,
            "unit": outcome.unit,
            "heads": outcome.heads,
            "filled": outcome.filled,
            "bko": outcome.bko,
        },
    }


def _read_stamp(place: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads((place / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def unchanged(job: Job, outdir: Path, shipped: dict[str, str]) -> Outcome | None:
    """The outcome of the plan already in OUTDIR/NAME when the folder's files, the defaults,
    the version and the options are those it was made from, and its files are still as
    written; else None (plan it)."""
    place = outdir / job.name
    stamp = _read_stamp(place)
    if stamp is None or stamp.get("version") != __version__:
        return None
    if stamp.get("defaults") != shipped or stamp.get("options") != options(job):
        return None
    files = stamp.get("files")
    if not isinstance(files, dict) or set(files) != {FILE_OF[f] for f in job.formats}:
        return None
    try:
        if stamp.get("inputs") != fingerprint(Path(job.folder)):
            return None
        if any(_sha((place / name).read_bytes()) != sha for name, sha in files.items()):
            return None
    except Exception:  # an unreadable file or folder: plan it, and let the worker say why
        return None
    made = stamp.get("outcome") or {}
    return Outcome(
        job.name,
        str(made.get("status", "")),
        unit=str(made.get("unit", "")),
        heads=int(made.get("heads", 0)),
        filled=int(made.get("filled", 0)),
        bko={str(k): int(v) for k, v in dict(made.get("bko") or {}).items()},
        skipped=True,
    )


def write_atomically(path: Path, data: bytes) -> None:
    """`data` into `path` through a temporary file beside it: never half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store(job: Job, outcome: Outcome, outdir: Path, shipped: dict[str, str]) -> None:
    """A planned folder's files under OUTDIR/NAME, then its stamp; the files an earlier run
    wrote there in a format no longer asked are removed. Nothing is stored of an invalid or
    failed folder: what is there stays."""
    if not outcome.files:
        return
    place = outdir / job.name
    place.mkdir(parents=True, exist_ok=True)
    before = _read_stamp(place) or {}
    (place / STAMP).unlink(missing_ok=True)  # no stamp while the files change
    for name, data in sorted(outcome.files.items()):
        write_atomically(place / name, data)
    for name in before.get("files") or {}:
        if name not in outcome.files and name in FILE_OF.values():
            (place / name).unlink(missing_ok=True)
    stamp = _stamp(job, outcome, shipped)
    write_atomically(place / STAMP, (json.dumps(stamp, indent=2) + "\n").encode("utf-8"))


def write_index(outdir: Path, outcomes: Sequence[Outcome]) -> None:
    """OUTDIR/index.json, one entry per folder in the order given."""
    plans = [
        {
            "name": o.name,
            "status": o.status,
            "heads": o.heads,
            "filled": o.filled,
            "seconds": o.seconds,
            "skipped": o.skipped,
        }
        for o in outcomes
    ]
    text = json.dumps({"plans": plans}, indent=2, ensure_ascii=False) + "\n"
    write_atomically(outdir / INDEX, text.encode("utf-8"))
