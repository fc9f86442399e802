"""`batch`: many Polres planned at once give each the plan `plan` gives alone, skip what has
not changed, survive a worker killed, an invalid folder, and run the same on a Dask cluster."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from benchmarks.synth import scenario_texts

from sinjai_ops.cli.batch import BATCH_FORMATS
from sinjai_ops.models.batch import FILE_OF, KILL_HOOK
from tests.conftest import ROOT, Run
from tests.helpers import BOSS, officer


def _polda(root: Path, count: int, officers: tuple[int, int] = (40, 90)) -> list[Path]:
    """`count` synthetic Polres of 3 days, from `officers[0]` to `officers[1]` officers."""
    folders = []
    low, high = officers
    for k in range(count):
        folder = root / "polda" / f"polres-{k + 1:02d}"
        folder.mkdir(parents=True)
        size = low + (high - low) * k // max(1, count - 1)
        for name, text in scenario_texts(size, 3, seed=k + 1).items():
            (folder / name).write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def _full(root: Path, name: str = "polres-full") -> Path:
    """A Polres whose every head is filled."""
    folder = root / "polda" / name
    folder.mkdir(parents=True)
    texts = {
        "operation.yaml": {
            "operation": {
                "name": "Uji",
                "unit": "Polres Uji",
                "timezone": "Asia/Makassar",
                "start": "2024-08-26",
                "end": "2024-08-26",
                "commander": "70010001",
            },
            "shifts": [{"id": "pagi", "start": "06:00", "end": "14:00"}],
            "sites": [
                {"id": "kpu", "name": "KPU", "posts": [{"id": "jaga", "need": {"samapta": 1}}]}
            ],
            "policy": {"reserve": {"fraction": 0, "site": "kpu"}},
        },
        "roster.yaml": {"personnel": [BOSS, officer("90010001"), officer("90010002")]},
        "arrivals.yaml": {
            "candidates": [{"id": "paslon-1", "names": ["Uji"], "risk": "low", "visits": []}]
        },
    }
    for file, body in texts.items():
        (folder / file).write_text(yaml.safe_dump(body), encoding="utf-8")
    return folder


def _index(outdir: Path) -> dict[str, dict[str, object]]:
    plans = json.loads((outdir / "index.json").read_text(encoding="utf-8"))["plans"]
    return {p["name"]: p for p in plans}


def _alone(run: Run, folder: Path, tmp: Path) -> bytes:
    """The plan `plan FOLDER --format json` writes."""
    out = tmp / f"{folder.name}.alone.json"
    run("plan", folder, "--format", "json", "-q", "-o", out)
    return out.read_bytes()


@pytest.mark.slow
def test_each_plan_is_the_one_plan_prints_alone(run: Run, tmp_path: Path) -> None:
    folders = _polda(tmp_path, 3)
    out = tmp_path / "out"
    shown = run("batch", *folders, "-o", out, "--jobs", "2")
    printed = subprocess.run(
        [sys.executable, "-m", "sinjai_ops", "plan", str(folders[0]), "--format", "json"],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    ).stdout
    assert (out / "polres-01" / "plan.json").read_bytes() == printed
    for folder in folders[1:]:
        assert (out / folder.name / "plan.json").read_bytes() == _alone(run, folder, tmp_path)
    index = _index(out)
    assert list(index) == ["polres-01", "polres-02", "polres-03"]
    plan = json.loads(printed)
    first = index["polres-01"]
    assert first["heads"] == plan["quality"]["heads_needed"]
    assert first["filled"] == plan["quality"]["heads_filled"]
    assert first["status"] == "shortfall" and first["skipped"] is False
    assert "Polres Sintetis" in shown.stdout
    quality = plan["quality"]
    assert f"{quality['heads_filled']:,} / {quality['heads_needed']:,}" in shown.stdout


@pytest.mark.slow
def test_24_polres_each_the_bytes_of_plan_alone(run: Run, tmp_path: Path) -> None:
    folders = _polda(tmp_path, 24)
    out = tmp_path / "out"
    run("batch", *folders, "-o", out)
    for folder in folders:
        assert (out / folder.name / "plan.json").read_bytes() == _alone(run, folder, tmp_path)
    again = run("batch", *folders, "-o", out)
    assert all(p["skipped"] for p in _index(out).values())
    assert again.stdout.count(" skipped ") == 24


@pytest.mark.slow
def test_the_formats_asked_are_the_files_plan_and_report_write(run: Run, tmp_path: Path) -> None:
    (folder,) = _polda(tmp_path, 1)
    out = tmp_path / "out"
    run("batch", folder, "-o", out, "--format", "xlsx,html", "--format", "csv")
    place = out / folder.name
    assert sorted(p.name for p in place.iterdir()) == [
        "plan.csv",
        "plan.json",
        "plan.xlsx",
        "report.html",
        "stamp.json",
    ]
    run("plan", folder, "-q", "-o", tmp_path / "alone.xlsx")
    run("report", folder, "-q", "-o", tmp_path / "alone.html")
    assert (place / "plan.xlsx").read_bytes() == (tmp_path / "alone.xlsx").read_bytes()
    assert (place / "report.html").read_bytes() == (tmp_path / "alone.html").read_bytes()
    # Asked no more, a format's file is taken away with the next run.
    run("batch", folder, "-o", out, "--format", "xlsx")
    assert not (place / "plan.csv").exists() and (place / "plan.xlsx").exists()


@pytest.mark.slow
def test_a_second_run_skips_every_folder_until_a_file_it_reads_changes(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _polda(tmp_path, 3)
    out = tmp_path / "out"
    run("batch", *folders, "-o", out)
    written = {f.name: (out / f.name / "plan.json").stat().st_mtime_ns for f in folders}
    run("batch", *folders, "-o", out)
    assert all(p["skipped"] for p in _index(out).values())
    assert {f.name: (out / f.name / "plan.json").stat().st_mtime_ns for f in folders} == written
    # One roster changed (a comment is enough: the file is not the one the plan was made from).
    with (folders[1] / "roster.yaml").open("a", encoding="utf-8") as roster:
        roster.write("# one more line\n")
    run("batch", *folders, "-o", out)
    assert {n: p["skipped"] for n, p in _index(out).items()} == {
        "polres-01": True,
        "polres-02": False,
        "polres-03": True,
    }
    # An adjustments.yaml added is a file the plan reads.
    (folders[0] / "adjustments.yaml").write_text("pins: []\n", encoding="utf-8")
    run("batch", *folders, "-o", out)
    assert [p["skipped"] for p in _index(out).values()] == [False, True, True]
    # Another version of the tool, or a plan.json changed by hand: planned again.
    monkeypatch.setattr("sinjai_ops.batch.outdir.__version__", "9.9.9")
    run("batch", *folders, "-o", out)
    assert not any(p["skipped"] for p in _index(out).values())
    monkeypatch.undo()
    run("batch", *folders, "-o", out)
    # Other shipped defaults (configs/policy.yaml changed by an upgrade): planned again.
    shipped = {"policy.yaml": "sha256:0", "checklists.yaml": "sha256:0"}
    monkeypatch.setattr("sinjai_ops.batch.defaults", lambda: shipped)
    run("batch", *folders, "-o", out)
    assert not any(p["skipped"] for p in _index(out).values())
    monkeypatch.undo()
    run("batch", *folders, "-o", out)
    (out / "polres-03" / "plan.json").write_text("{}\n", encoding="utf-8")
    run("batch", *folders, "-o", out)
    assert [p["skipped"] for p in _index(out).values()] == [True, True, False]
    assert (out / "polres-03" / "plan.json").read_bytes() == _alone(run, folders[2], tmp_path)


def test_a_voting_day_is_skipped_until_its_tps_list_changes(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "polda" / "polres-c"
    shutil.copytree(ROOT / "examples" / "sinjai-2024-pemungutan", folder)
    out = tmp_path / "out"
    run("--lang", "id", "batch", folder, "-o", out)
    written = (out / "polres-c" / "plan.json").stat().st_mtime_ns
    again = run("--lang", "id", "batch", folder, "-o", out)
    assert _index(out)["polres-c"]["skipped"] is True
    assert "dilewati" in again.stdout
    assert (out / "polres-c" / "plan.json").stat().st_mtime_ns == written
    # The TPS list is a file the plan reads: one more line in it, and it is planned again.
    with (folder / "tps.csv").open("a", encoding="utf-8") as tps:
        tps.write("\n")
    run("--lang", "id", "batch", folder, "-o", out)
    assert _index(out)["polres-c"]["skipped"] is False


def test_the_indonesian_summary_fits_80_columns_with_its_numbers_written_as_indonesian(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = [tmp_path / "polda" / "polres-a", tmp_path / "polda" / "polres-c"]
    shutil.copytree(ROOT / "examples" / "sinjai-2024", folders[0])
    shutil.copytree(ROOT / "examples" / "sinjai-2024-pemungutan", folders[1])
    out = tmp_path / "out"
    monkeypatch.setenv("COLUMNS", "80")
    for skipped in (False, True):
        shown = run("--lang", "id", "batch", *folders, "-o", out).stdout
        index = _index(out)
        filled = sum(int(str(p["filled"])) for p in index.values())
        heads = sum(int(str(p["heads"])) for p in index.values())
        assert heads > 999
        lines = shown.splitlines()
        assert "Rencana sekaligus: 2 folder skenario" in lines[0]
        assert all(len(line) <= 80 for line in lines), shown
        total = next(line for line in lines if line.startswith("Jumlah"))
        assert f"{filled:,} / {heads:,}".replace(",", ".") in total
        row = next(line for line in lines if line.startswith("polres-a"))
        assert "Polres Sinjai" in row and "kurang personel" in row
        assert ("dilewati" in row) is skipped
        seconds = float(str(index["polres-c"]["seconds"]))
        shown_c = next(line for line in lines if line.startswith("polres-c"))
        assert skipped or f"{seconds:.1f}".replace(".", ",") in shown_c


def test_a_worker_killed_is_planned_again_and_named(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _polda(tmp_path, 3)
    out = tmp_path / "out"
    monkeypatch.setenv(KILL_HOOK, "polres-02")
    shown = run("batch", *folders, "-o", out, "--jobs", "2")
    assert "polres-02: the worker died (SIGKILL); planning it once more" in shown.stderr
    row = next(line for line in shown.stdout.splitlines() if "polres-02" in line)
    assert "(retried)" in row
    assert _index(out)["polres-02"]["status"] == "shortfall"
    monkeypatch.delenv(KILL_HOOK)
    assert (out / "polres-02" / "plan.json").read_bytes() == _alone(run, folders[1], tmp_path)


def test_an_invalid_folder_is_told_as_validate_tells_it_and_stops_no_other(
    run: Run, tmp_path: Path
) -> None:
    good = _polda(tmp_path, 2)
    bad = tmp_path / "polda" / "polres-bad"
    bad.mkdir()
    for name in ("operation.yaml", "arrivals.yaml"):
        (bad / name).write_bytes((good[0] / name).read_bytes())
    roster = (good[0] / "roster.yaml").read_text(encoding="utf-8")
    (bad / "roster.yaml").write_text(roster.replace("rank: ", "rank: Jenderal", 1), "utf-8")
    out = tmp_path / "out"
    shown = run("batch", good[0], bad, good[1], "-o", out, code=1)
    told = run("validate", bad, code=1).stdout
    errors = [line for line in told.splitlines() if ": error: " in line]
    assert errors and all(line in shown.stderr for line in errors)
    index = _index(out)
    assert [p["status"] for p in index.values()] == ["shortfall", "invalid", "shortfall"]
    assert not (out / "polres-bad").exists()
    assert (out / "polres-02" / "plan.json").read_bytes() == _alone(run, good[1], tmp_path)


def test_the_exit_code_is_the_worst_of_the_folders(run: Run, tmp_path: Path) -> None:
    full = _full(tmp_path)
    (short,) = _polda(tmp_path, 1)
    out = tmp_path / "out"
    run("batch", full, "-o", out, "--fail-on-shortfall", code=0)
    assert _index(out)["polres-full"]["status"] == "planned"
    run("batch", full, short, "-o", out, "--fail-on-shortfall", code=3)
    run("batch", full, short, "-o", out, code=0)
    broken = tmp_path / "polda" / "polres-broken"
    broken.mkdir()
    (broken / "operation.yaml").write_text("operation: [\n", encoding="utf-8")
    run("batch", full, short, broken, "-o", out, "--fail-on-shortfall", code=1)
    # Skipped folders count as they were planned.
    run("batch", full, short, "-o", out, "--fail-on-shortfall", code=3)


def test_misuse_is_told_before_anything_is_planned(run: Run, tmp_path: Path) -> None:
    (folder,) = _polda(tmp_path, 1)
    twin = tmp_path / "elsewhere" / folder.name
    twin.mkdir(parents=True)
    out = tmp_path / "out"
    said = run("batch", folder, twin, "-o", out, code=2).stderr
    assert "are both named polres-01" in said
    said = run("batch", folder, tmp_path / "polda" / "polres-01", "-o", out, code=2).stderr
    assert "is given twice" in said
    assert set(BATCH_FORMATS) == set(FILE_OF)  # the choices are the files the worker writes
    said = run("batch", folder, "-o", out, "--format", "pdf", code=2).stderr
    assert "--format: unknown 'pdf'" in said and "xlsx, html" in said
    run("batch", tmp_path / "nothing", "-o", out, code=2)
    assert not out.exists()


@pytest.fixture(scope="module")
def cluster() -> object:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_bytes(run: Run, tmp_path: Path, cluster: object) -> None:
    folders = _polda(tmp_path, 3)
    here, there = tmp_path / "here", tmp_path / "there"
    run("batch", *folders, "-o", here, "--jobs", "2")
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    run("batch", *folders, "-o", there, "--scheduler", address)
    for folder in folders:
        name = folder.name
        assert (there / name / "plan.json").read_bytes() == (here / name / "plan.json").read_bytes()
    assert [p["status"] for p in _index(there).values()] == ["shortfall"] * 3


def test_the_workers_are_the_cores_the_memory_allows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sinjai_ops.batch import local

    folders = _polda(tmp_path, 3)
    monkeypatch.setattr(local, "cores", lambda: 8)
    monkeypatch.setattr(local, "available_mib", lambda: 64_000)
    assert local.default_workers(folders) == 3  # no more than there are folders
    assert local.default_workers(folders * 4) == 8  # no more than the cores
    peak = max(local.estimate_mib(f) for f in folders)
    monkeypatch.setattr(local, "available_mib", lambda: 2 * peak + 1)
    assert local.default_workers(folders * 4) == 2  # no more than the memory holds
    monkeypatch.setattr(local, "available_mib", lambda: 10)
    assert local.default_workers(folders) == 1  # and one at least


def test_a_progress_bar_only_where_a_person_watches(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder,) = _polda(tmp_path, 1)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # standard error taken for a terminal
    watched = run("batch", folder, "-o", tmp_path / "a").stderr
    assert "ETA" in watched and "1/1" in watched
    monkeypatch.setenv("CI", "true")
    assert "ETA" not in run("batch", folder, "-o", tmp_path / "b").stderr
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.delenv("CI")
    assert "ETA" not in run("batch", folder, "-o", tmp_path / "c").stderr
