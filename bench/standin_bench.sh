#!/usr/bin/env bash
# What the stand-ins cost a batch (docs/architecture.md, "Stand-ins"): `grade --batch` on N copies
# of samples/class with the course rubric, whose MLP checks are judged alone (a second server per
# submission, a layer call to the checker per layer method, and the whole picture's runs again),
# against the same batch with the same rubric judging every check end to end (today's way). (a)
# a fresh cache each run (what a first batch pays: the stand-in server is linked per
# submission), (b) a warm cache (every check run, nothing built).
#   bench/standin_bench.sh [BUILD_DIR] [N]
# Prints seconds and ratios, best of RUNS (default 3) each. Asserts nothing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/bench_common.sh"
source_dir=$(dirname "$here")
build_dir=$(cd "${1:-$source_dir/build}" && pwd) || exit 2
copies=${2:-1}
load_toolchain "$build_dir"
[[ -x $GRADE ]] || { echo "no $GRADE: build the target grade first" >&2; exit 2; }

unset NN_GRADE_CACHE
class_work standin_bench "$source_dir" "$copies"
jobs=${JOBS:-$(nproc)}
runs=${RUNS:-3}
course=$source_dir/rubrics/cw3.yaml
end_to_end=$work/cw3-end-to-end.yaml
sed -e 's/, judged: alone}/}/' -e '/^    judged: /d' "$course" >"$end_to_end"

# grade_with RUBRIC CACHE: one batch into a fresh OUT.
grade_with() {
  rm -rf "$work/out"
  "$GRADE" --batch "$class" --out "$work/out" --jobs "$jobs" --cache "$2" --rubric "$1"
}
fresh_cache() { rm -rf "$work/cache"; }
alone() { grade_with "$course" "$work/cache"; }
whole() { grade_with "$end_to_end" "$work/cache"; }

machine_line standin_bench
echo "$(find "$class" -mindepth 1 -maxdepth 1 -type d | wc -l) submissions, $jobs jobs"
echo
best_of "$runs" fresh_cache alone
alone_cold=$BEST
best_of "$runs" fresh_cache whole
whole_cold=$BEST
alone >>"$BENCH_LOG" 2>&1
best_of "$runs" no_setup alone
alone_warm=$BEST
whole >>"$BENCH_LOG" 2>&1
best_of "$runs" no_setup whole
whole_warm=$BEST

row "batch" "seconds" "÷ end to end" "end to end"
row "(a) fresh cache, MLP judged alone" "$alone_cold" "$(ratio "$alone_cold" "$whole_cold")" "$whole_cold s"
row "(b) warm cache, MLP judged alone" "$alone_warm" "$(ratio "$alone_warm" "$whole_warm")" "$whole_warm s"
