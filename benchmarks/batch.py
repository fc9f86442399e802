"""A Polda of 24 Polres planned one after the other and with `batch --jobs 2`, and a second run
that finds every plan current.

    python benchmarks/batch.py            # 24 Polres of 200 to 1,030 officers, 7 days each
    python benchmarks/batch.py --quick    # 4 Polres across the same range (to check it works)
    python benchmarks/batch.py --jobs 4 --days 7

Serial: one whole `sinjai-ops plan FOLDER --format json -q -o FILE` after the other, each its
own process; its seconds and peak memory (its rusage, os.wait4) per plan. Batch: the function
the `batch` command calls (`sinjai_ops.batch.plan_folders`), run in a fresh Python process so
that its seconds include the start-up as the command's do; each worker's peak memory is its own
(its RUSAGE_SELF, reported back). Second run: the whole `sinjai-ops batch` command again on the
same folders and OUTDIR, every plan skipped. Every batch plan is checked to be the bytes of the
serial one. Beside each figure stands the load average (1 minute) when it started: on a shared
machine a figure means little without it. The estimate for a 64-core server follows from the
serial per-plan seconds and peaks (all 24 at once, each on its own core), and is labelled as
such. Writes benchmarks/results/batch.json.

Targets (issue 20): the second run under 2 s; two workers at most 0.65 times the serial run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import scenario_texts

SRC = Path(__file__).resolve().parents[1] / "src"
ENV = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
_CHILD = """
import json, sys
from pathlib import Path
from sinjai_ops.batch import Asked, plan_folders

class Quiet:
    def started(self, job): pass
    def retried(self, job, why): print("retried", job.name, why, file=sys.stderr)
    def finished(self, outcome): pass

out, jobs, *folders = sys.argv[1:]
done = plan_folders([Path(f) for f in folders], Path(out), Asked(), Quiet(), int(jobs))
print(json.dumps([{"name": o.name, "status": o.status, "seconds": o.seconds,
                   "peak MiB": o.peak_kib // 1024} for o in done]))
"""


def polda(root: Path, count: int, days: int) -> list[Path]:
    """`count` Polres from 200 to 1,030 officers, evenly spread."""
    folders = []
    for k in range(count):
        officers = 200 + (1030 - 200) * k // max(1, count - 1)
        folder = root / "polda" / f"polres-{k + 1:02d}-{officers}"
        folder.mkdir(parents=True)
        for name, text in scenario_texts(officers, days, seed=k + 1).items():
            (folder / name).write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def serial(folders: list[Path], out: Path) -> tuple[float, list[dict[str, Any]]]:
    rows = []
    began = time.perf_counter()
    for folder in folders:
        (out / folder.name).mkdir(parents=True)
        target = out / folder.name / "plan.json"
        command = [sys.executable, "-m", "sinjai_ops", "plan", str(folder), "--format", "json"]
        start = time.perf_counter()
        child = subprocess.Popen([*command, "-q", "-o", str(target)], env=ENV)
        _, status, usage = os.wait4(child.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, f"plan {folder} failed"
        rows.append(
            {
                "name": folder.name,
                "seconds": round(time.perf_counter() - start, 2),
                "peak MiB": usage.ru_maxrss // 1024,
            }
        )
    return time.perf_counter() - began, rows


def batch(folders: list[Path], out: Path, jobs: int) -> tuple[float, list[dict[str, Any]]]:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(out), str(jobs), *map(str, folders)],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - began, json.loads(done.stdout)


def again(folders: list[Path], out: Path) -> tuple[float, bool]:
    command = [sys.executable, "-m", "sinjai_ops", "batch", *map(str, folders), "-o", str(out)]
    began = time.perf_counter()
    subprocess.run([*command, "-q"], env=ENV, capture_output=True, check=True)
    seconds = time.perf_counter() - began
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))["plans"]
    return seconds, all(p["skipped"] for p in index)


def estimate_64(rows: list[dict[str, Any]], polres: int = 24) -> dict[str, Any]:
    """A Polda of `polres` Polres on 64 cores, each plan on a core of its own (all at once up
    to 64): about the longest plan's seconds per 64 plans, and the mean peak times the plans
    running at once."""
    waves = -(-polres // 64)
    mean_peak = sum(r["peak MiB"] for r in rows) / len(rows)
    return {
        "64-core server, 24 Polres (estimate) s": round(max(r["seconds"] for r in rows) * waves, 1),
        "64-core server, 24 Polres (estimate) MiB": round(mean_peak * min(polres, 64)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="4 Polres, not 24")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args()
    count = 4 if args.quick else 24
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = polda(root, count, args.days)
        load_serial = os.getloadavg()[0]
        serial_s, plans = serial(folders, root / "serial")
        load_batch = os.getloadavg()[0]
        batch_s, workers = batch(folders, root / "batch", args.jobs)
        for folder in folders:
            mine = (root / "batch" / folder.name / "plan.json").read_bytes()
            assert mine == (root / "serial" / folder.name / "plan.json").read_bytes(), folder
        load_again = os.getloadavg()[0]
        again_s, skipped = again(folders, root / "batch")
    per_plan = [
        {**p, "worker s": w["seconds"], "worker peak MiB": w["peak MiB"], "status": w["status"]}
        for p, w in zip(plans, workers, strict=True)
    ]
    summary = {
        "polres": count,
        "days": args.days,
        "officers": "200-1030",
        "cores": os.cpu_count(),
        "serial s": round(serial_s, 2),
        "load avg (serial)": round(load_serial, 2),
        f"batch --jobs {args.jobs} s": round(batch_s, 2),
        "load avg (batch)": round(load_batch, 2),
        "batch / serial": round(batch_s / serial_s, 2),
        "speed-up": round(serial_s / batch_s, 2),
        "second run s": round(again_s, 2),
        "second run all skipped": skipped,
        "load avg (second run)": round(load_again, 2),
        "max worker peak MiB": max(w["peak MiB"] for w in workers),
        **estimate_64(plans),
    }
    print(tabulate(per_plan, headers="keys", tablefmt="github"))
    print()
    print(tabulate(list(summary.items()), tablefmt="github"))
    out = Path(__file__).resolve().parent / "results" / "batch.json"
    out.parent.mkdir(exist_ok=True)
    body = {"summary": summary, "plans": per_plan}
    out.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
