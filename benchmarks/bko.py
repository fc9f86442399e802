"""`bko` on a synthetic Polda: 24 Polres plans and about 20 units.

    python benchmarks/bko.py            # 24 plans, 20 units, 3 runs of bko
    python benchmarks/bko.py --runs 1   # one run

Each of the 24 scenarios is `synth.scenario_texts(officers, days, seed)` (as it is, with its
operation's `unit` renamed to a Polres of South Sulawesi so that the plans are of 24 Polres),
small enough (`--sizes some`: 420 to 696 officers, 4 days; `most`: 350 to 695 officers, 4 or
5 days; all in the same week) that some of them (or most) ask for BKO; each is planned by the whole command `plan DIR --format json -o DIR/plan.json
--no-remedies` (the remedies do not change the BKO request). units.yaml holds 20 invented units
(Brimob SSK and SST, Sabhara and Dalmas platoons, squads) at 5 bases with travel hours to
every Polres. `bko` is then run as a whole command (`-f json -o`), `--runs` times; the figure
is the median, beside the machine's load average (1 minute) at its start: on a shared machine
a figure means little without it. The allocation is checked by tests/bko_check.py (not by the
model). Writes benchmarks/results/bko-SIZES.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.synth import scenario_texts  # noqa: E402
from tests.bko_check import check_allocation  # noqa: E402

POLRES = [
    "Sinjai", "Bone", "Gowa", "Maros", "Bulukumba", "Bantaeng", "Jeneponto", "Takalar",
    "Kepulauan Selayar", "Wajo", "Soppeng", "Barru", "Pangkep", "Sidrap", "Pinrang", "Enrekang",
    "Luwu", "Luwu Utara", "Luwu Timur", "Tana Toraja", "Toraja Utara", "Palopo", "Parepare",
    "Pelabuhan Makassar",
]  # fmt: skip
BASES = ["Makassar", "Bone", "Parepare", "Palopo", "Bulukumba"]
KINDS = [("ssk", 100, ["dalmas"]), ("sst", 30, ["dalmas"]), ("peleton", 30, ["dalmas", "samapta"]),
         ("peleton", 38, ["samapta", "lantas"]), ("regu", 10, ["samapta", "binmas"])]  # fmt: skip


SIZES = {"few": (500, 10, 0), "some": (420, 12, 0), "most": (350, 15, 1)}
"""Officers of the first Polres, more for each next one, and whether every other one plans 5
days (else 4): `few` asks BKO in a few plans, `some` in some, `most` in most (harder)."""


def scenario_folders(base: Path, sizes: str = "some") -> list[Path]:
    first, step, longer = SIZES[sizes]
    folders = []
    for k, polres in enumerate(POLRES):
        folder = base / polres.lower().replace(" ", "-")
        folder.mkdir(parents=True)
        texts = scenario_texts(first + step * k, 4 + longer * (k % 2), k + 1)
        texts["operation.yaml"] = texts["operation.yaml"].replace(
            "unit: Polres Sintetis", f"unit: Polres {polres}"
        )
        for name, text in texts.items():
            (folder / name).write_text(text, "utf-8")
        folders.append(folder)
    return folders


def units_text(seed: int = 7) -> str:
    rng = random.Random(seed)
    units = []
    for i in range(20):
        kind, size, skills = KINDS[i % len(KINDS)]
        strength = size - rng.randint(0, size // 10)  # units are seldom at full strength
        units.append(
            {
                "id": f"{kind}-{i + 1}",
                "name": f"{kind.upper()} {i + 1}",
                "kind": kind,
                "strength": strength,
                "skills": list(skills),
                "commander": {"name": f"Komandan {i + 1}", "rank": "AKP" if kind == "ssk" else "Ipda",
                              "nrp": f"8{i + 1:07d}"},
                "base": rng.choice(BASES),
                "available": {"from": "2024-08-22", "to": "2024-08-28" if i % 4 else "2024-08-24"},
            }
        )  # fmt: skip
    travel = {b: {f"Polres {p}": rng.choice([1, 2, 3, 4, 6, 8]) for p in POLRES} for b in BASES}
    return yaml.safe_dump({"units": units, "travel_hours": travel}, sort_keys=False)


def plan_all(folders: list[Path]) -> float:
    started = time.perf_counter()
    for folder in folders:
        subprocess.run(
            [sys.executable, "-m", "sinjai_ops", "plan", str(folder), "--format", "json", "-o",
             str(folder / "plan.json"), "--no-remedies", "-q"],
            check=False, capture_output=True,
        )  # fmt: skip
        assert (folder / "plan.json").exists(), folder
    return time.perf_counter() - started


def run_bko(plans: list[Path], units: Path, out: Path, limit: float) -> tuple[float, float]:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sinjai_ops", "bko", *map(str, plans), "--units", str(units),
         "-f", "json", "-o", str(out), "-q", "--time-limit", str(limit)],
        check=True,
    )  # fmt: skip
    return time.perf_counter() - started, load


def requests_of(plans: list[Path]) -> list[dict[str, Any]]:
    found = []
    for path in plans:
        body = json.loads(path.read_text("utf-8"))
        for r in body["reinforcements"]:
            line = {k: v for k, v in r.items() if k != "causes"}
            found.append(line | {"plan": path.parent.name, "polres": body["unit"]})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="plan into this folder, or reuse its plans")
    parser.add_argument("--sizes", choices=sorted(SIZES), default="some")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per aim")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        planning = 0.0
        if args.keep and (base / "polda").is_dir():
            folders = sorted(p for p in (base / "polda").iterdir() if p.is_dir())
        else:
            folders = scenario_folders(base / "polda", args.sizes)
            planning = plan_all(folders)
        plans = [f / "plan.json" for f in folders]
        units = base / "units.yaml"
        units.write_text(units_text(), "utf-8")
        out = base / "allocation.json"
        runs = [run_bko(plans, units, out, args.time_limit) for _ in range(args.runs)]
        allocation = json.loads(out.read_text("utf-8"))
        data = yaml.safe_load(units.read_text("utf-8"))
        for u in data["units"]:
            u["available"] = {k: str(v) for k, v in u["available"].items()}
        requests = requests_of(plans)
        check_allocation(allocation, data["units"], data["travel_hours"], requests)
    q = allocation["quality"]
    result = {
        "sizes": args.sizes,
        "time_limit_per_aim": args.time_limit,
        "plans": len(plans),
        "plans_with_bko": len({r["plan"] for r in requests}),
        "requests": len(requests),
        "units": len(data["units"]),
        "seconds_planning_24": round(planning, 1),
        "seconds_bko": round(statistics.median(s for s, _ in runs), 2),
        "seconds_bko_runs": [round(s, 2) for s, _ in runs],
        "load_average_1min": round(statistics.median(load for _, load in runs), 2),
        "cores": os.cpu_count(),
        **q,
        "allocations": len(allocation["allocations"]),
        "unmet_lines": len(allocation["unmet"]),
        "checked": "tests/bko_check.py: whole units, one place at a time, travel, days, skills, "
        "strength, every head accounted for",
    }
    print(json.dumps(result, indent=2))
    (ROOT / "benchmarks" / "results" / f"bko-{args.sizes}.json").write_text(
        json.dumps(result, indent=2) + "\n", "utf-8"
    )


if __name__ == "__main__":
    main()
