#!/usr/bin/env bash
# What containment costs a batch: `grade --batch` on N copies of samples/class with a warm cache
# (nothing compiled: every check of every submission run), under each containment this machine
# gives (as root: bubblewrap, chroot, user; otherwise bubblewrap and rlimits), against the same
# batch graded by BASELINE_BUILD_DIR's grade when one is given (a build of an earlier commit:
# "today" before a change), else against the cheapest containment measured here.
#   bench/containment_bench.sh [BUILD_DIR] [N] [BASELINE_BUILD_DIR]
# Prints seconds and ratios, best of 3 each. Asserts nothing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/bench_common.sh"
source_dir=$(dirname "$here")
build_dir=$(cd "${1:-$source_dir/build}" && pwd) || exit 2
copies=${2:-2}
baseline_dir=${3:-}
load_toolchain "$build_dir"
[[ -x $GRADE ]] || { echo "no $GRADE: build the target grade first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/containment_bench.XXXXXX")
cleanup_on_exit "$work"
BENCH_LOG=$work/bench.log
export BENCH_LOG
unset NN_GRADE_CACHE
class=$work/class
python3 "$here/make_class_copies.py" "$source_dir/samples/class" "$class" "$copies" >>"$BENCH_LOG"
jobs=${JOBS:-$(nproc)}

# grade_with GRADE ISOLATION: one batch into a fresh OUT, with that grade's own warm cache.
grade_with() {
  local grade=$1 isolation=$2 cache
  cache=$work/cache-$(echo "$1" | cksum | cut -d' ' -f1)
  rm -rf "$work/out"
  "$grade" --batch "$class" --out "$work/out" --jobs "$jobs" --cache "$cache" \
    --isolation "$isolation"
}
current() { grade_with "$GRADE" "$ISOLATION"; }
baseline() { grade_with "$baseline_dir/bin/grade" "$ISOLATION"; }

machine_line containment_bench
echo "$(find "$class" -mindepth 1 -maxdepth 1 -type d | wc -l) submissions, $jobs jobs, warm cache"
echo

if ((EUID == 0)); then isolations=(auto unprivileged none); else isolations=(auto none); fi
declare -A seconds baseline_seconds
for ISOLATION in "${isolations[@]}"; do
  current >>"$BENCH_LOG" 2>&1  # warms the cache
  best_of 3 no_setup current
  seconds[$ISOLATION]=$BEST
  if [[ -n $baseline_dir ]]; then
    baseline >>"$BENCH_LOG" 2>&1
    best_of 3 no_setup baseline
    baseline_seconds[$ISOLATION]=$BEST
  fi
done

cheapest=${seconds[none]}
row "isolation (containment as root / not root)" "seconds" "÷ base" "baseline"
for ISOLATION in "${isolations[@]}"; do
  if [[ -n $baseline_dir ]]; then
    base=${baseline_seconds[$ISOLATION]}
    row "--isolation $ISOLATION" "${seconds[$ISOLATION]}" \
      "$(ratio "${seconds[$ISOLATION]}" "$base")" "$base s ($baseline_dir)"
  else
    row "--isolation $ISOLATION" "${seconds[$ISOLATION]}" \
      "$(ratio "${seconds[$ISOLATION]}" "$cheapest")" "--isolation none here"
  fi
done
