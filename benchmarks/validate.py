"""Time `validate` on generated rosters of growing size.

python benchmarks/validate.py            # prints a table, writes benchmarks/results/validate.json
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import scenario_texts

from sinjai_ops import pipeline

SIZES = [500, 2000, 5000]
REPEATS = 3


def measure(folder: Path, paths: list[Path]) -> tuple[float, float, int]:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        results = pipeline.check(paths)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    pipeline.check(paths)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    errors = sum(p.severity == "error" for r in results for p in r.problems)
    return best, peak / 2**20, errors


def main() -> None:
    rows = []
    for size in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for name, text in scenario_texts(size, 7).items():
                (folder / name).write_text(text, encoding="utf-8")
            for label, paths in (
                ("roster.yaml alone", [folder / "roster.yaml"]),
                ("whole scenario", [folder]),
            ):
                seconds, peak_mb, errors = measure(folder, paths)
                rows.append(
                    {
                        "officers": size,
                        "input": label,
                        "seconds (best of 3)": round(seconds, 3),
                        "peak MiB (tracemalloc)": round(peak_mb, 1),
                        "errors": errors,
                    }
                )
    print(tabulate(rows, headers="keys", tablefmt="github"))
    out = Path(__file__).resolve().parent / "results" / "validate.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
