"""Time and memory of planning a voting day: Sinjai (427 TPS), a large Polres (2,270 TPS, as
Polres Bone) and a Polda in one scenario (14,548 TPS, 9,351 officers, as Polda Sulsel).

    python benchmarks/voting.py               # every size
    python benchmarks/voting.py --sizes 427   # some sizes (by TPS)

Each size is planned in a child process (its peak memory, max RSS, is its own): load and
validate, the demand, the solve (TPS, Padal and the multi-day shifts in one program), and the
independent audit, which must find nothing. Beside the figures stands the machine's load
average (1 minute) at the start: on a shared machine a figure means little without it. Writes
benchmarks/results/voting.json. Targets (issue 19): 14,548 TPS with 9,351 officers under 30 s
and 2 GB; 427 TPS under 2 s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_voting import voting_texts

SIZES = [
    ("Sinjai", 427, 311),
    ("large Polres (Bone)", 2270, 1030),
    ("Polda (Sulsel) in one scenario", 14548, 9351),
]


def plan_once(folder: Path, queue: Any) -> None:
    from sinjai_ops import pipeline
    from sinjai_ops.demand import derive_demand
    from sinjai_ops.solve.audit import audit
    from sinjai_ops.solve.plan import make_plan

    start = time.perf_counter()
    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None, checked.problems
    scenario = checked.scenario
    assert scenario.tps, "the TPS list was not read"
    loaded = time.perf_counter()
    demand = derive_demand(scenario)
    derived = time.perf_counter()
    plan = make_plan(scenario, demand)
    solved = time.perf_counter()
    problems = audit(scenario, demand, plan)
    audited = time.perf_counter()
    q = plan.quality
    queue.put(
        {
            "status": q.status,
            "TPS": len(scenario.tps),
            "groups": len(plan.tps_groups),
            "officers": len(scenario.roster.personnel),
            "load+validate s": round(loaded - start, 2),
            "demand s": round(derived - loaded, 2),
            "solve s": round(solved - derived, 2),
            "plan s (demand+solve)": round(solved - loaded, 2),
            "audit s": round(audited - solved, 2),
            "heads": q.heads_needed,
            "filled": q.heads_filled,
            "TPS heads missing": sum(g.missing for g in plan.tps_groups),
            "Padal missing": sum(1 for p in plan.padal if p.nrp is None),
            "rule breaks": len(problems),
            "peak MiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        }
    )


def run_child(folder: Path) -> dict[str, Any] | None:
    queue: Any = mp.get_context("spawn").Queue()
    child = mp.get_context("spawn").Process(target=plan_once, args=(folder, queue))
    child.start()
    child.join()
    return None if queue.empty() else queue.get()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", help="TPS,... (default: every size)")
    args = parser.parse_args()
    sizes = SIZES
    if args.sizes:
        wanted = {int(n) for n in args.sizes.split(",")}
        sizes = [s for s in SIZES if s[1] in wanted]
    rows = []
    for label, tps, officers in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for name, text in voting_texts(tps, officers).items():
                (folder / name).write_text(text, encoding="utf-8")
            load = os.getloadavg()[0]
            found = run_child(folder)
            assert found is not None, "the planning process died"
            rows.append({"scenario": label, "load average": round(load, 2), **found})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(tabulate(rows, headers="keys", tablefmt="github"))
    out = Path(__file__).resolve().parent / "results" / "voting.json"
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
