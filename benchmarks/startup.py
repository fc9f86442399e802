"""Start-up: a bare Python, `--help`, `--version` and `validate` of the example, as whole
processes.

    python benchmarks/startup.py            # 20 rounds; prints a table, writes results
    python benchmarks/startup.py --runs 5

Each round runs every command once, in turn, so that a drift of the machine's speed touches
them alike; a figure is the median of its runs, a ratio the median of the rounds' ratios, and
beside them stands the machine's load average (1 minute) at the start of the rounds, as its
median. Writes benchmarks/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sinjai-2024"
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "--help": [sys.executable, "-m", "sinjai_ops", "--help"],
    "--version": [sys.executable, "-m", "sinjai_ops", "--version"],
    "validate example": [sys.executable, "-m", "sinjai_ops", "validate", str(EXAMPLE)],
}


def _seconds(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20, help="rounds of every command")
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    loads = []
    for _ in range(args.runs):
        loads.append(os.getloadavg()[0])
        for name, command in COMMANDS.items():
            times[name].append(_seconds(command))

    def ratio(over: str, under: str) -> float:
        pairs = zip(times[over], times[under], strict=True)
        return round(statistics.median(a / b for a, b in pairs), 2)

    rows = [
        {
            "command": name,
            "median s": round(statistics.median(runs), 3),
            "min-max s": f"{min(runs):.3f}-{max(runs):.3f}",
        }
        for name, runs in times.items()
    ]
    ratios = {
        "--help / python -c pass": ratio("--help", "python -c pass"),
        "validate / --help": ratio("validate example", "--help"),
        "load average": round(statistics.median(loads), 2),
        "runs": args.runs,
    }
    print(tabulate(rows, headers="keys", tablefmt="github"))
    print(tabulate(ratios.items(), tablefmt="github"))
    out = Path(__file__).resolve().parent / "results" / "startup.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"commands": rows, **ratios}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
