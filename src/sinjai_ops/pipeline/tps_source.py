"""Where a voting-day scenario's TPS list is: `voting.tps` of operation.yaml (relative to the
scenario folder), else tps.csv, tps.xlsx or tps.yaml beside operation.yaml; two of them is an
error. Read only for a group that holds an operation."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sinjai_ops.i18n import t, why
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.problem import Problem
from sinjai_ops.validate.voting import TpsFile

TPS_NAMES = ("tps.csv", "tps.xlsx", "tps.yaml", "tps.yml")


def _named(operation: Document) -> Any:
    data = operation.data
    voting = data.get("voting") if isinstance(data, dict) else None
    return voting.get("tps") if isinstance(voting, dict) else None


def find_tps(
    folder: Path | None, operation: Document | None, display: Any, given: Any = None
) -> tuple[TpsFile | None, dict[str, str], list[Problem]]:
    """The TPS list of the scenario (None when there is none; not `complete` when it cannot
    be read), its sha256 by file name for `inputs`, and the problems of finding and reading
    it. `given`: the list named on the command line (a `Source`), read whether or not an
    operation is given with it."""
    if given is not None:
        return _read_list(given.name, given.raw)
    if folder is None or operation is None:
        return None, {}, []
    named = _named(operation)
    if isinstance(named, str) and named.strip():
        file = folder / named.strip()
        if not file.is_file():
            return (
                TpsFile(display(file), [], complete=False),
                {},
                [
                    problem_at(
                        operation,
                        ("voting", "tps"),
                        t(
                            "no TPS list at {path}; give the location of tps.csv, tps.xlsx "
                            "or tps.yaml relative to the scenario folder",
                            path=display(file),
                        ),
                    )
                ],
            )
        files = [file]
    else:
        files = [folder / n for n in TPS_NAMES if (folder / n).is_file()]
    if not files:
        return None, {}, []
    if len(files) > 1:
        shown = ", ".join(display(f) for f in files)
        message = t("two TPS lists in one scenario ({files}); keep one", files=shown)
        unread = TpsFile(display(files[1]), [], complete=False)
        return unread, {}, [Problem.at(display(files[1]), 1, 1, message)]
    try:
        raw = files[0].read_bytes()
    except OSError as exc:
        message = t("cannot read {path}: {why}", path=display(files[0]), why=why(exc))
        unread = TpsFile(display(files[0]), [], complete=False)
        return unread, {}, [Problem.at(display(files[0]), 1, 1, message)]
    return _read_list(display(files[0]), raw)


def _read_list(name: str, raw: bytes) -> tuple[TpsFile, dict[str, str], list[Problem]]:
    from sinjai_ops.tps_list import read_tps  # the sheet readers, only for a voting day

    rows, problems = read_tps(raw, name)
    sha = {Path(name).name: "sha256:" + hashlib.sha256(raw).hexdigest()}
    complete = not any(p.severity == "error" for p in problems)
    return TpsFile(name, rows, complete), sha, problems
