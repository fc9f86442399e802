"""Time, memory and quality of `plan` at regency scale and beyond, beside a direct CP-SAT model.

    python benchmarks/plan.py                 # all sizes, CP-SAT baseline with a 60 s limit
    python benchmarks/plan.py --quick         # the smallest size only
    python benchmarks/plan.py --sizes 500x7,2000x14 --cpsat-limit 0   # some sizes, no baseline
    python benchmarks/plan.py --runs 5        # whole commands per figure (the median is given)
    python benchmarks/plan.py --cpsat-limit 0 # skip the baseline
    python benchmarks/plan.py --cpsat-max-officers 5000   # the baseline at every size

The whole `plan` command (start of Python to the last byte written, `--format json -o FILE`) is
run `--runs` times with the remedies and as many times without (`--no-remedies`), in turn (on,
off, on, off, ...) so that a drift of the machine's speed touches both alike; each figure is the
median of its runs, the ratio the median of the pairs' ratios, and beside them stands the
machine's load average (1 minute, `os.getloadavg`) at the start of each run, as its median: on
a shared machine a figure means little without it. Peak memory is each command's own (its
rusage), the largest of its runs.

The direct CP-SAT model of 5,000 officers x 14 days passed 22 GB while it was still being built
on this 24 GB machine, so by default the baseline runs up to 2,000 officers; its child process is
capped at 16 GiB of address space, so that a larger attempt fails alone.

Each engine runs in a child process, so that its peak memory (max RSS) is its own. Every plan
of our engine is checked against the hard rules by the independent audit. Coverage is measured
against the linear-relaxation bound of the class model (the best weighted coverage any plan can
reach); the CP-SAT baseline (needs `pip install -e '.[bench]'`) is one boolean per officer, slot
and need, with the same rules, and is measured against the same bound. Writes
benchmarks/results/plan.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import scenario_texts

SIZES = [
    ("regency", 500, 7),
    ("regency, a month", 500, 28),
    ("regency, campaign", 500, 60),
    ("large", 2000, 14),
    ("large, campaign", 2000, 60),
    ("national-scale Polda", 5000, 14),
    ("province at once", 20000, 14),
]
QUICK = 1
"""--quick runs the first size only."""


def _scenario(folder: Path) -> Any:
    from sinjai_ops import pipeline

    checked = pipeline.load_scenario([folder])
    assert checked.scenario is not None, checked.problems
    return checked.scenario


def ours(folder: Path, queue: Any) -> None:
    from sinjai_ops.demand import derive_demand
    from sinjai_ops.solve.audit import audit
    from sinjai_ops.solve.causes import explain_shortfalls
    from sinjai_ops.solve.plan import make_plan

    start = time.perf_counter()
    scenario = _scenario(folder)
    loaded = time.perf_counter()
    demand = derive_demand(scenario)
    derived = time.perf_counter()
    plan = make_plan(scenario, demand)
    solved = time.perf_counter()
    plan = explain_shortfalls(scenario, demand, plan)
    explained = time.perf_counter()
    problems = audit(scenario, demand, plan)
    q = plan.quality
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    queue.put(
        {
            "engine": "sinjai-ops (HiGHS, class flow)",
            "status": q.status,
            "load+validate s": round(loaded - start, 2),
            "demand s": round(derived - loaded, 2),
            "solve s": round(solved - derived, 2),
            "causes s": round(explained - solved, 2),
            "heads": q.heads_needed,
            "filled": q.heads_filled,
            "weighted": q.weighted_filled,
            "bound": q.weighted_bound,
            "max load": q.load.max,
            "load bound": q.load.max_lower_bound,
            "median load": q.load.median,
            "rule breaks": len(problems),
            "peak MiB": peak,
        }
    )


def cpsat(folder: Path, limit: float, queue: Any) -> None:
    from ortools.sat.python import cp_model

    from sinjai_ops.demand import derive_demand
    from sinjai_ops.solve.classes import Role, role_of

    cap = 16 * 2**30
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    scenario = _scenario(folder)
    demand = derive_demand(scenario)
    start = time.perf_counter()
    policy = scenario.policy
    model = cp_model.CpModel()
    slot_of = {(s.date, s.shift): i for i, s in enumerate(demand.slots)}
    x: dict[tuple[int, int], list[Any]] = {}
    per_need: dict[int, list[Any]] = {}
    objective = []
    by_day_role: dict[tuple[Any, Role], list[int]] = {}
    for n, need in enumerate(demand.needs):
        by_day_role.setdefault((need.date, role_of(need)), []).append(n)
    for p, person in enumerate(scenario.roster.personnel):
        for (day, role), needs in by_day_role.items():
            if not role.fits(person, day, policy):
                continue
            for n in needs:
                need = demand.needs[n]
                var = model.new_bool_var(f"x_{person.nrp}_{n}")
                x.setdefault((p, slot_of[(need.date, need.shift)]), []).append(var)
                per_need.setdefault(n, []).append(var)
                objective.append(need.weight * var)
    for n, vs in per_need.items():
        model.add(sum(vs) <= demand.needs[n].heads)
    rest = policy.rest.min_rest_hours * 3600
    slots = demand.slots
    for vs in x.values():
        model.add_at_most_one(vs)
    works: dict[tuple[int, int], Any] = {}
    for (p, t), vs in x.items():
        w = model.new_bool_var(f"w_{p}_{t}")
        model.add(sum(vs) == w)
        works[(p, t)] = w
    by_person: dict[int, list[int]] = {}
    for p, t in works:
        by_person.setdefault(p, []).append(t)
    for p, ts in by_person.items():
        ts.sort()
        for i, a in enumerate(ts):
            for b in ts[i + 1 :]:
                sa, sb = slots[a], slots[b]
                if sb.start.timestamp() - sa.end.timestamp() < rest - 1e-6:
                    model.add(works[(p, a)] + works[(p, b)] <= 1)
        per_day: dict[Any, list[tuple[int, float]]] = {}
        for t in ts:
            per_day.setdefault(slots[t].date, []).append((t, slots[t].hours))
        for items in per_day.values():
            if sum(h for _, h in items) > policy.rest.max_hours_per_day:
                model.add(
                    sum(int(h * 60) * works[(p, t)] for t, h in items)
                    <= int(policy.rest.max_hours_per_day * 60)
                )
    model.maximize(sum(objective))
    built = time.perf_counter()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    done = time.perf_counter()
    filled = (
        sum(1 for vs in x.values() for v in vs if solver.value(v))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        else 0
    )
    loads = (
        [sum(solver.value(works[(p, t)]) for t in ts) for p, ts in by_person.items()]
        if filled
        else [0]
    )
    queue.put(
        {
            "engine": f"CP-SAT direct, {limit:g} s, 2 workers",
            "status": solver.status_name(status).lower(),
            "load+demand s": round(built - start, 2),
            "solve s": round(done - built, 2),
            "heads": sum(n.heads for n in demand.needs),
            "filled": filled,
            "weighted": round(solver.objective_value) if filled else 0,
            "bound": None,
            "max load": max(loads),
            "load bound": None,
            "median load": statistics.median(loads),
            "rule breaks": None,
            "peak MiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        }
    )


def _command(folder: Path, remedies: bool) -> tuple[float, int]:
    """One whole `plan` command: its wall seconds and its peak memory (MiB)."""
    out = folder / "plan.json"
    command = [sys.executable, "-m", "sinjai_ops", "plan", str(folder), "--format", "json"]
    command += ["-q", "-o", str(out), *([] if remedies else ["--no-remedies"])]
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0, f"plan exited {child.returncode}"
    return wall, usage.ru_maxrss // 1024


def whole_commands(folder: Path, runs: int) -> dict[str, Any]:
    """The whole command with and without remedies, `runs` times each, in turn."""
    on: list[float] = []
    off: list[float] = []
    loads: list[float] = []
    peaks = {True: 0, False: 0}
    for _ in range(runs):
        for remedies, times in ((True, on), (False, off)):
            loads.append(os.getloadavg()[0])
            wall, peak = _command(folder, remedies)
            times.append(wall)
            peaks[remedies] = max(peaks[remedies], peak)
    ratios = [a / b for a, b in zip(on, off, strict=True)]
    return {
        "plan s (median)": round(statistics.median(on), 2),
        "plan s (min-max)": f"{min(on):.2f}-{max(on):.2f}",
        "--no-remedies s (median)": round(statistics.median(off), 2),
        "--no-remedies s (min-max)": f"{min(off):.2f}-{max(off):.2f}",
        "remedies ratio": round(statistics.median(ratios), 2),
        "load avg": round(statistics.median(loads), 2),
        "plan peak MiB": peaks[True],
        "--no-remedies peak MiB": peaks[False],
        "runs": runs,
    }


def run_child(target: Any, *args: Any) -> dict[str, Any] | None:
    context = mp.get_context("spawn")
    queue: Any = context.Queue()
    child = context.Process(target=target, args=(*args, queue))
    child.start()
    while child.is_alive() or not queue.empty():
        try:
            result: dict[str, Any] = queue.get(timeout=5)
        except Exception:  # queue.Empty: keep waiting while the child lives
            continue
        child.join()
        return result
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cpsat-limit", type=float, default=60.0)
    parser.add_argument("--cpsat-max-officers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5, help="whole commands per figure")
    parser.add_argument("--sizes", help="OFFICERSxDAYS,... (default: every size)")
    args = parser.parse_args()
    sizes = SIZES[:QUICK] if args.quick else SIZES
    if args.sizes:
        wanted = [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",")]
        sizes = [s for s in SIZES if (s[1], s[2]) in wanted]
    rows: list[dict[str, Any]] = []
    for label, officers, days in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for name, text in scenario_texts(officers, days).items():
                (folder / name).write_text(text, encoding="utf-8")
            mine = run_child(ours, folder)
            assert mine is not None, "the engine's process died"
            mine.update(whole_commands(folder, args.runs))
            results = [mine]
            if args.cpsat_limit > 0 and officers <= args.cpsat_max_officers:
                try:
                    import ortools  # noqa: F401
                except ImportError:
                    print("ortools not installed: no CP-SAT baseline", file=sys.stderr)
                else:
                    base = run_child(cpsat, folder, args.cpsat_limit)
                    if base is None:
                        print("CP-SAT baseline died (memory cap?)", file=sys.stderr)
                    else:
                        base["bound"] = mine["bound"]
                        results.append(base)
            for r in results:
                share = 100 * r["weighted"] / r["bound"] if r["bound"] else 100.0
                rows.append(
                    {
                        "scenario": f"{label}: {officers} officers, {days} days",
                        **r,
                        "coverage of bound %": round(share, 3),
                    }
                )
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(tabulate(rows, headers="keys", tablefmt="github"))
    out = Path(__file__).resolve().parent / "results" / "plan.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
