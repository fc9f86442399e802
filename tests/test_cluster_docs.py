"""docs/cluster.md: its GNU parallel line, run as written, plans each folder as `batch` does; the
Slurm job array's task N plans the folder on line N of the list."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.synth import scenario_texts

from tests.conftest import ROOT, Run

DOCS = ROOT / "docs" / "cluster.md"
SLURM = ROOT / "examples" / "slurm" / "plan-array.sh"


def _parallel_line() -> str:
    """The shell block of docs/cluster.md that runs GNU parallel, as a user copies it."""
    blocks = re.findall(r"```sh\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if b.startswith("parallel ")]
    return block


def _shim(folder: Path) -> Path:
    """A folder holding a `sinjai-ops` that runs this checkout's sources."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "sinjai-ops"
    shim.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec "{sys.executable}" -m sinjai_ops "$@"\n',
        encoding="utf-8",
    )
    shim.chmod(0o755)
    return bin_dir


def _polda(root: Path, count: int) -> list[str]:
    names = []
    for k in range(count):
        folder = root / "polda" / f"polres-{k + 1:02d}"
        folder.mkdir(parents=True)
        for name, text in scenario_texts(40 + 10 * k, 3, seed=k + 1).items():
            (folder / name).write_text(text, encoding="utf-8")
        names.append(f"polda/polres-{k + 1:02d}")
    return names


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("parallel") is None, reason="GNU parallel is not installed")
def test_the_gnu_parallel_line_plans_each_folder_as_batch_does(run: Run, tmp_path: Path) -> None:
    folders = _polda(tmp_path, 3)
    (tmp_path / "folders.txt").write_text("\n".join(folders) + "\n", encoding="utf-8")
    (tmp_path / "nodes.txt").write_text(":\n", encoding="utf-8")  # ':' is this machine
    env = {**os.environ, "PATH": f"{_shim(tmp_path)}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", _parallel_line()],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    log = (tmp_path / "plans.joblog").read_text(encoding="utf-8").splitlines()
    header, *rows = (line.split("\t") for line in log)
    assert len(rows) == 3
    assert all(row[header.index("Exitval")] == "0" for row in rows)
    run("batch", *(tmp_path / f for f in folders), "-o", tmp_path / "batch")
    for folder in folders:
        name = Path(folder).name
        mine = (tmp_path / "out" / name / "plan.json").read_bytes()
        assert mine == (tmp_path / "batch" / name / "plan.json").read_bytes()


def test_the_slurm_script_is_valid_bash_of_one_cpu_per_task() -> None:
    subprocess.run(["bash", "-n", str(SLURM)], check=True)
    text = SLURM.read_text(encoding="utf-8")
    assert "#SBATCH --cpus-per-task=1" in text
    assert 'sed -n "${SLURM_ARRAY_TASK_ID}p" "$LIST"' in text


def test_the_slurm_array_index_picks_the_folder_of_its_line(tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("polda/a\npolda/b/\npolda/c\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "sinjai-ops"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$CALLED"\n', encoding="utf-8")
    fake.chmod(0o755)
    for task, name in ((1, "a"), (2, "b"), (3, "c")):
        env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "SLURM_ARRAY_TASK_ID": str(task),
            "LIST": "list.txt",
            "OUTDIR": "plans",
            "CALLED": str(tmp_path / "called.txt"),
        }
        subprocess.run(["bash", str(SLURM)], cwd=tmp_path, env=env, check=True)
        called = (tmp_path / "called.txt").read_text(encoding="utf-8").split()
        assert called == [
            "plan",
            f"polda/{name}",
            "--format",
            "json",
            "--quiet",
            "-o",
            f"plans/{name}/plan.json",
        ]
        assert (tmp_path / "plans" / name).is_dir()
    env["SLURM_ARRAY_TASK_ID"] = "4"  # past the list's end: said, and nothing planned
    beyond = subprocess.run(
        ["bash", str(SLURM)], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert beyond.returncode == 2 and "no line 4 in list.txt" in beyond.stderr
