#!/usr/bin/env bash
# What grading in shards costs, and what a class of 1,000 would take on a cluster: `grade
# --batch` on N copies of the sample class (make_class_copies.py: no two submissions share a
# file), (a) on this machine in one run; (b) the same class as K shards run one after another
# (each its own fresh cache, so no shard finds another's work) and the head step; (c) one shard
# with nothing left to grade (its fixed cost: start, discovery, fingerprints); (d) the head step
# on the graded OUT. From (a), the cost of one submission in core-seconds; from (b) and (c), a
# shard's overhead; with (d), the expected wall time of 1,000 students on N nodes of C cores.
#   bench/cluster_bench.sh [BUILD_DIR] [COPIES] [SHARDS]     (defaults: build/, 2, 3)
# Env: JOBS (default: nproc). Prints seconds measured in this run; asserts nothing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/bench_common.sh"
source_dir=$(dirname "$here")
build_dir=$(cd "${1:-$source_dir/build}" && pwd) || exit 2
copies=${2:-2}
shards=${3:-3}
jobs=${JOBS:-$(nproc)}
load_toolchain "$build_dir"
[[ -x $GRADE ]] || { echo "no $GRADE: build the target grade first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cluster_bench.XXXXXX")
cleanup_on_exit "$work"
BENCH_LOG=$work/bench.log
export BENCH_LOG
unset NN_GRADE_CACHE

class=$work/class
python3 "$here/make_class_copies.py" "$source_dir/samples/class" "$class" "$copies" >>"$BENCH_LOG"
count=$(find "$class" -mindepth 1 -maxdepth 1 -type d | wc -l)

one_machine() { "$GRADE" --batch "$class" --out "$work/one" --jobs "$jobs" --cache "$work/cache-one"; }
in_shards() {
  local k
  for ((k = 1; k <= shards; k++)); do
    "$GRADE" --batch "$class" --out "$work/sharded" --jobs "$jobs" --cache "$work/cache-$k" \
      --shard "$k/$shards" || return
  done
  "$GRADE" --batch "$class" --out "$work/sharded" --jobs "$jobs" --cache "$work/cache-1"
}
empty_shard() { "$GRADE" --batch "$class" --out "$work/one" --jobs "$jobs" --cache "$work/cache-one" --shard "1/$shards"; }
head_step() { "$GRADE" --batch "$class" --out "$work/one" --jobs "$jobs" --cache "$work/cache-one"; }

machine_line cluster_bench
echo "class: $count submissions ($copies copies of samples/class), --jobs $jobs, $shards shards"
echo
timed one_machine
one=$SECONDS_TAKEN
timed in_shards
sharded=$SECONDS_TAKEN
timed empty_shard
empty=$SECONDS_TAKEN
timed head_step
head=$SECONDS_TAKEN

per_submission=$(awk -v t="$one" -v j="$jobs" -v n="$count" 'BEGIN { printf "%.2f", t * j / n }')
overhead=$(awk -v s="$sharded" -v o="$one" -v h="$head" -v k="$shards" \
  'BEGIN { x = (s - o - h) / k; printf "%.2f", x < 0 ? 0 : x }')
row "measure" "seconds" "" ""
row "(a) grade --batch, one run, fresh cache" "$one" "" ""
row "(b) $shards shards in sequence + head step" "$sharded" "$(ratio "$sharded" "$one")" ""
row "(c) a shard with nothing to grade" "$empty" "" ""
row "(d) the head step, nothing to grade" "$head" "" ""
row "one submission, core-seconds: (a) x $jobs / $count" "$per_submission" "" ""
row "a shard's overhead: ((b) - (a) - (d)) / $shards" "$overhead" "" ""
echo
echo "Expected wall time for 1,000 students, minutes (Slurm's queueing not included): the"
echo "largest shard (mean + 3 sd of a hash partition) x $per_submission core-s / C cores, plus"
echo "the larger of (c) and a shard's overhead, plus the head step scaled to 1,000 ((d) x 1000/$count):"
printf '%-10s' "N \\ C"
for cores in 4 8 16 32; do printf '%8s' "$cores"; done
echo
for nodes in 1 5 10 20 50; do
  printf '%-10s' "$nodes"
  for cores in 4 8 16 32; do
    awk -v n="$nodes" -v c="$cores" -v p="$per_submission" -v o="$overhead" -v e="$empty" \
      -v d="$head" -v m="$count" 'BEGIN {
        mean = 1000 / n; largest = mean + 3 * sqrt(mean); if (largest > 1000) largest = 1000
        fixed = (o > e ? o : e)
        printf "%8.1f", (fixed + largest * p / c + d * 1000 / m) / 60 }'
  done
  echo
done
