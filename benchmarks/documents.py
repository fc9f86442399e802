"""Time and peak memory of the documents at scale: the workbook, the report, the calendars and
the personnel office's sheet (roster export, then import), each as the whole command a user
runs (start of Python to the last byte written).

    python benchmarks/documents.py            # 500 x 7 and 5,000 x 14
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import scenario_texts

SIZES = [(500, 7), (5000, 14)]


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak MiB of one command in a child of its own."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *command], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    rows = []
    for officers, days in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for name, text in scenario_texts(officers, days).items():
                (folder / name).write_text(text, encoding="utf-8")
            base = [sys.executable, "-m", "sinjai_ops"]
            jobs = {
                "plan --format xlsx": [
                    *base,
                    "plan",
                    tmp,
                    "-q",
                    "--no-remedies",
                    "-o",
                    f"{tmp}/p.xlsx",
                ],
                "report --no-remedies": [
                    *base,
                    "report",
                    tmp,
                    "-q",
                    "--no-remedies",
                    "-o",
                    f"{tmp}/r.html",
                ],
                "plan --format ics": [
                    *base,
                    "plan",
                    tmp,
                    "-q",
                    "--no-remedies",
                    "--format",
                    "ics",
                    "-o",
                    f"{tmp}/ics",
                ],
                # The personnel office's sheet: the roster written as a workbook, then read
                # back (every row through the header and rank tables) into roster.yaml.
                "roster export": [
                    *base,
                    "roster",
                    "export",
                    f"{tmp}/roster.yaml",
                    "-o",
                    f"{tmp}/sdm.xlsx",
                ],
                "roster import": [
                    *base,
                    "roster",
                    "import",
                    f"{tmp}/sdm.xlsx",
                    "-q",
                    "-o",
                    f"{tmp}/imported.yaml",
                ],
                "plan --format json (for comparison)": [
                    *base,
                    "plan",
                    tmp,
                    "-q",
                    "--no-remedies",
                    "--format",
                    "json",
                    "-o",
                    f"{tmp}/p.json",
                ],
            }
            for label, command in jobs.items():
                seconds, peak = measure(command)
                rows.append(
                    {
                        "officers x days": f"{officers} x {days}",
                        "command": label,
                        "seconds": round(seconds, 2),
                        "peak MiB": peak,
                    }
                )
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(tabulate(rows, headers="keys", tablefmt="github"))
    out = Path(__file__).resolve().parent / "results" / "documents.json"
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    _ = (resource, time)
    main()
