#!/usr/bin/env bash
# What a student waits for: `grade --local` on the model answer, against compiling the same four
# files with the same flags and no precompiled header ("bare"), as a student would by hand.
#   bench/local_bench.sh [BUILD_DIR]      (default: build/ next to this folder's parent)
# Prints seconds and ratios against bare, measured in this run. Asserts nothing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/bench_common.sh"
source_dir=$(dirname "$here")
build_dir=$(cd "${1:-$source_dir/build}" && pwd) || exit 2
load_toolchain "$build_dir"
[[ -x $GRADE ]] || { echo "no $GRADE: build the target grade first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/local_bench.XXXXXX")
cleanup_on_exit "$work"
BENCH_LOG=$work/bench.log
export BENCH_LOG
unset NN_GRADE_CACHE  # every run names its cache with --cache
mkdir -p "$work/bare" "$work/touched"
cp "$source_dir"/reference/*.cpp "$work/bare/"
cp "$source_dir"/reference/*.cpp "$work/touched/"

compile_bare() (  # a subshell: the cd stays in it
  cd "$work/bare" &&
    "$COMPILER" "${BARE_FLAGS[@]}" -c layers.cpp model.cpp losses.cpp optimizer.cpp
)
fresh_cache() { rm -rf "$work/cache"; mkdir "$work/cache"; }
grade_reference() { "$GRADE" --local "$source_dir/reference" --cache "$work/cache"; }
touch_layers() { echo "// touched $1" >>"$work/touched/layers.cpp"; }
grade_touched() { "$GRADE" --local "$work/touched" --cache "$work/cache"; }

machine_line local_bench
echo "bare: $COMPILER ${BARE_FLAGS[*]} -c layers.cpp model.cpp losses.cpp optimizer.cpp"
echo

best_of 3 no_setup compile_bare
bare=$BEST
best_of 3 fresh_cache grade_reference
cold=$BEST
grade_reference >>"$BENCH_LOG" 2>&1  # the cache holds the reference, whatever ran last
best_of 5 no_setup grade_reference
warm=$BEST
grade_touched >>"$BENCH_LOG" 2>&1  # the other three files of the copy are in the cache too
best_of 3 touch_layers grade_touched
touched=$BEST

row "measure" "seconds" "÷ bare" "goal"
row "(a) bare compile, 4 files, best of 3" "$bare" "1.00" ""
row "(b) grade --local, cold cache, best of 3" "$cold" "$(ratio "$cold" "$bare")" "÷ bare <= 1.2"
row "(c) grade --local, warm cache, best of 5" "$warm" "$(ratio "$warm" "$bare")" "<= 0.5 s"
row "(d) grade --local, layers.cpp touched, best of 3" "$touched" "$(ratio "$touched" "$bare")" ""
