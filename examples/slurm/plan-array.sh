#!/usr/bin/env bash
# A Slurm job array that plans one Polres per task: task N plans the folder on line N of the
# list, with one CPU (the solver runs one thread), into OUTDIR/<folder name>/plan.json.
#
#   ls -d polda/* > folders.txt
#   sbatch --array=1-$(wc -l < folders.txt)%16 examples/slurm/plan-array.sh
#
# LIST and OUTDIR may be set in the environment (sbatch passes it on); see docs/cluster.md.
#SBATCH --job-name=sinjai-plan
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=00:30:00
#SBATCH --output=sinjai-plan-%A_%a.log
set -euo pipefail

LIST=${LIST:-folders.txt}
OUTDIR=${OUTDIR:-out}
: "${SLURM_ARRAY_TASK_ID:?run me as a job array: sbatch --array=1-N $0}"

folder=$(sed -n "${SLURM_ARRAY_TASK_ID}p" "$LIST")
folder=${folder%/}
if [ -z "$folder" ]; then
  echo "no line ${SLURM_ARRAY_TASK_ID} in ${LIST}" >&2
  exit 2
fi
name=$(basename "$folder")
mkdir -p "$OUTDIR/$name"
# Written atomically: a task killed midway leaves no half plan. The exit code is plan's
# (0, 1 invalid input, 2 misuse); `sacct -j JOBID` lists each task's.
exec sinjai-ops plan "$folder" --format json --quiet -o "$OUTDIR/$name/plan.json"
