#!/bin/bash
# grade --slurm 3 on a real single-node Slurm cluster started for the test (slurm_cluster.sh):
# the array's three shards and the head step run as Slurm jobs, and every result, summary.csv
# and the Canvas import are what one grade --batch on one machine wrote (REFERENCE_OUT).
# Exits 77 (skipped) when no cluster can start here, saying why: not root, slurm-wlm or munge
# missing, no /proc, or a daemon that exits or does not answer (its state and log are shown).
# Once the cluster is up, anything wrong is a failure.
# slurm_array_test.sh GRADE SOURCE_DIR REFERENCE_OUT
set -uo pipefail
grade=$1 source=$2 reference=$3
here=$(cd "$(dirname "$0")" && pwd)
source "$here/slurm_cluster.sh"
slurm_cluster_can_start || exit 77
tmp=$(mktemp -d /tmp/nn-grade-slurm.XXXXXX)
chmod 755 "$tmp"
out="$tmp/out dir" cache="$tmp/cache dir"  # spaces: the scripts must quote every path
cleanup() {
  [[ -n ${shards:-} ]] && scancel "$shards" "${head:-}" 2>/dev/null
  slurm_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  slurm_cluster_report
  for log in "$out"/slurm/*.log; do
    [[ -f $log ]] && echo "--- $log" && tail -30 "$log"
  done
  exit 1
}

start=$SECONDS
if ! slurm_cluster_start "$tmp/cluster"; then
  echo "SKIP: no Slurm cluster starts here: $slurm_cluster_failure"
  exit 77
fi
echo "cluster up in $((SECONDS - start)) s"

"$grade" --batch "$source/samples/class" --out "$out" --cache "$cache" --rubric "$reference.rubric.yaml" --jobs 1 --slurm 3 \
  --canvas-gradebook "$source/samples/gradebook.csv" --sbatch-arg=--partition=test \
  --sbatch-arg=--comment="nn-grade test" >"$tmp/submit.log" 2>&1 || {
  cat "$tmp/submit.log"
  fail "grade --slurm failed"
}
cat "$tmp/submit.log"
shards=$(sed -nE 's/.* in 3 shards: job ([0-9]+) .*/\1/p' "$tmp/submit.log")
head=$(sed -nE 's/.*the head step: job ([0-9]+),.*/\1/p' "$tmp/submit.log")
[[ -n $shards && -n $head ]] || fail "grade --slurm printed no job ids"
for file in shards.sbatch head.sbatch submit.sh; do
  [[ -f $out/slurm/$file ]] || fail "OUT/slurm/$file was not written"
done
grep -q '^#SBATCH --array=0-2$' "$out/slurm/shards.sbatch" || fail "the array is not 0-2"
scontrol -o show job "$head" | grep -q "Dependency=afterany:${shards}" ||
  scontrol -o show job "$head" | grep -q "JobState=COMPLETED" ||
  fail "the head step does not wait for the shards: $(scontrol -o show job "$head")"

slurm_wait_job "$head" 1500 || fail "the head step did not end in 25 minutes"
echo "shards and head step ended in $((SECONDS - start)) s since the cluster started"
states=$(slurm_job_states "$shards" | sort | uniq -c | tr -s ' ')
[[ $states == " 3 COMPLETED" ]] || fail "the shards ended as: $states"
[[ $(slurm_job_states "$head") == COMPLETED ]] || fail "the head step ended as $(slurm_job_states "$head")"
for task in 0 1 2; do
  echo "--- shard-$task.log"
  cat "$out/slurm/shard-$task.log"
  grep -q "^Grading [0-9]* submissions (0 already graded and unchanged), 1 jobs, seed [0-9]*, shard $((task + 1))/3" \
    "$out/slurm/shard-$task.log" || fail "task $task did not grade shard $((task + 1))/3"
done
echo "--- head.log"
cat "$out/slurm/head.log"
grep -q "^Grading 0 submissions (10 already graded" "$out/slurm/head.log" ||
  fail "the head step found submissions no shard graded"
python3 "$here/compare_outs.py" "$reference" "$out" || fail "the cluster's grades differ"
