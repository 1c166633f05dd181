#!/usr/bin/env bash
# What a TA waits for: `grade --batch` on N copies of the sample class (every file made unique:
# see make_class_copies.py), against (b) compiling the
# same files with the same flags and no precompiled header, in parallel on the same cores, and
# (c) a plain CMake + GoogleTest project per submission (bench/ta_baseline/), as a TA would
# script it: configure, build -j, ctest -j, one submission after another.
#   bench/batch_bench.sh [BUILD_DIR] [N]     (defaults: build/ next to bench/, 3)
# Env: JOBS (default: nproc); TA_SAMPLE=K times (c) on K submissions spread over the class
# (every N/K-th) and scales it to the class, printed as such. Prints seconds and ratios
# measured in this run; asserts nothing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/bench_common.sh"
source_dir=$(dirname "$here")
build_dir=$(cd "${1:-$source_dir/build}" && pwd) || exit 2
copies=${2:-3}
jobs=${JOBS:-$(nproc)}
load_toolchain "$build_dir"
[[ -x $GRADE ]] || { echo "no $GRADE: build the target grade first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/batch_bench.XXXXXX")
cleanup_on_exit "$work"
BENCH_LOG=$work/bench.log
export BENCH_LOG
unset NN_GRADE_CACHE  # every run names its cache with --cache

class=$work/class
python3 "$here/make_class_copies.py" "$source_dir/samples/class" "$class" "$copies" >>"$BENCH_LOG"
mapfile -t submissions < <(find "$class" -mindepth 1 -maxdepth 1 -type d | sort)
mapfile -t sources < <(find "$class" -mindepth 2 -maxdepth 2 \
  \( -name layers.cpp -o -name model.cpp -o -name losses.cpp -o -name optimizer.cpp \) | sort)
ta_count=${TA_SAMPLE:-${#submissions[@]}}
((ta_count > ${#submissions[@]})) && ta_count=${#submissions[@]}

grade_batch() { "$GRADE" --batch "$class" --out "$work/$1" --jobs "$jobs" --cache "$work/cache"; }
grade_fresh() { grade_batch out; }
grade_resume() { grade_batch out; }
grade_new_out() { grade_batch out-warm; }

compile_one() {  # SOURCE: to bare/<student>_<file>.o
  local student
  student=$(basename "$(dirname "$1")")
  "$COMPILER" "${BARE_FLAGS[@]}" -c "$1" -o "$work/bare/${student}_$(basename "$1" .cpp).o"
}
compile_bare() {
  mkdir -p "$work/bare"
  export -f compile_one
  export COMPILER work
  export BARE_FLAGS_TEXT="${BARE_FLAGS[*]}"
  # Every file, even when one fails to compile (Mensah's does): xargs then exits 123.
  # shellcheck disable=SC2016  # $BARE_FLAGS_TEXT and $1 are the inner bash's
  printf '%s\0' "${sources[@]}" |
    xargs -0 -P "$jobs" -n 1 bash -c 'BARE_FLAGS=($BARE_FLAGS_TEXT); compile_one "$1"' _
  return 0
}

ta_grade_one() {  # SUBMISSION_DIR BUILD_DIR: configure, build, test; a failure ends only this one
  cmake -S "$here/ta_baseline" -B "$2" -DSUBMISSION_DIR="$1" -DNN_GRADE_SOURCE_DIR="$source_dir" &&
    cmake --build "$2" -j "$jobs" &&
    ctest --test-dir "$2" -j "$jobs"
  local rc=$?
  echo "ta_baseline ${1##*/}: exit $rc"
}
ta_grade_sample() {
  local i index
  for ((i = 0; i < ta_count; i++)); do
    index=$((i * ${#submissions[@]} / ta_count))
    ta_grade_one "${submissions[index]}" "$work/ta/$index"
  done
  return 0
}

machine_line batch_bench
echo "class: --jobs $jobs, ${#submissions[@]} submissions ($copies copies of samples/class)," \
  "${#sources[@]} files"
echo

timed grade_fresh
batch=$SECONDS_TAKEN batch_rc=$RC
timed grade_resume
resume=$SECONDS_TAKEN
timed grade_new_out
warm=$SECONDS_TAKEN
timed compile_bare
bare=$SECONDS_TAKEN
timed ta_grade_sample
ta_sample=$SECONDS_TAKEN
ta=$(awk -v t="$ta_sample" -v k="$ta_count" -v n="${#submissions[@]}" \
  'BEGIN { printf "%.3f", t * n / k }')
ta_label="(c) TA: cmake + build + ctest per submission"
((ta_count < ${#submissions[@]})) &&
  ta_label="(c) TA, ${ta_count} timed (${ta_sample} s), scaled to ${#submissions[@]}"
if ((batch_rc != 0)); then
  echo "  note: grade --batch exited $batch_rc (see $BENCH_LOG)" >&2
  BENCH_FAILED=1
fi
grep -q "ta_baseline.*exit 0" "$BENCH_LOG" ||
  echo "  note: no TA project passed (see $BENCH_LOG)" >&2

row "measure" "seconds" "ratio" "goal"
row "(a) grade --batch, fresh cache" "$batch" "" ""
row "(b) bare: same files, same flags, no PCH, -P $jobs" "$bare" "" ""
row "(a) / (b)" "" "$(ratio "$batch" "$bare")" "<= 1.15"
row "$ta_label" "$ta" "" ""
row "(c) / (a)" "" "$(ratio "$ta" "$batch")" ">= 3"
row "(a') grade --batch again, same --out (resume)" "$resume" "$(ratio "$resume" "$batch")" ""
row "(a'') grade --batch, warm cache, new --out" "$warm" "$(ratio "$warm" "$batch")" ""
