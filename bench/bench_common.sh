# shellcheck shell=bash disable=SC2034  # sets variables for the scripts that source it
# Sourced by the bench scripts: the toolchain `grade` uses, timing, and table printing.
# Times are printed, never asserted: the machine is shared and figures vary from run to run.

# load_toolchain BUILD_DIR: sets GRADE, COMPILER, and BARE_FLAGS (an array): the flags `grade`
# compiles a submission file with (toolchain.json's flags, Eigen, the headers), minus the
# precompiled prelude.
load_toolchain() {
  local build_dir=$1
  GRADE=$build_dir/bin/grade
  local toolchain=$build_dir/share/nn-grade/toolchain.json
  [[ -f $toolchain ]] || { echo "no $toolchain: build the grader first" >&2; exit 2; }
  eval "$(python3 - "$toolchain" "$build_dir" <<'PY'
import json, os, shlex, sys
toolchain = json.load(open(sys.argv[1]))
include_dir = os.path.join(sys.argv[2], toolchain["include_dir"])
flags = toolchain["flags"] + ["-isystem", toolchain["eigen_include"], "-I", include_dir]
print("COMPILER=" + shlex.quote(toolchain["compiler"]))
print("BARE_FLAGS=(" + " ".join(shlex.quote(f) for f in flags) + ")")
PY
)"
}

# timed CMD...: runs CMD with its output appended to $BENCH_LOG; sets SECONDS_TAKEN and RC.
timed() {
  local start=$EPOCHREALTIME
  "$@" >>"$BENCH_LOG" 2>&1
  RC=$?
  SECONDS_TAKEN=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
}

# best_of N SETUP RUN: calls SETUP (untimed) then times RUN, N times; sets BEST to the least.
# Warns when RUN exits non-zero (the figure is still printed: the log says why).
best_of() {
  local times=$1 setup=$2 run=$3 i
  BEST=
  for ((i = 1; i <= times; i++)); do
    "$setup" "$i"
    timed "$run" "$i"
    if ((RC != 0)); then
      echo "  note: $run run $i exited $RC (see $BENCH_LOG)" >&2
      BENCH_FAILED=1
    fi
    BEST=$(awk -v a="$SECONDS_TAKEN" -v b="${BEST:-$SECONDS_TAKEN}" \
      'BEGIN { printf "%.3f", (a < b ? a : b) }')
  done
}

no_setup() { :; }

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# row LABEL SECONDS RATIO GOAL: one line of the result table.
row() { printf '%-52s %9s %9s   %s\n' "$1" "$2" "$3" "$4"; }

# cleanup_on_exit DIR: removes DIR at exit, unless a run failed or KEEP_WORK is set (then DIR
# and its bench.log, every command's output, stay).
cleanup_on_exit() {
  BENCH_WORK=$1
  trap remove_work EXIT
}
remove_work() {
  if [[ -n ${BENCH_FAILED:-}${KEEP_WORK:-} ]]; then
    echo "kept $BENCH_WORK: bench.log holds every command's output" >&2
  else
    rm -rf "$BENCH_WORK"
  fi
}

# class_work NAME SOURCE_DIR COPIES: a work folder for bench NAME (removed at exit, as
# cleanup_on_exit says) holding bench.log and COPIES copies of samples/class
# (make_class_copies.py): sets work, BENCH_LOG (exported) and class.
class_work() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  cleanup_on_exit "$work"
  BENCH_LOG=$work/bench.log
  export BENCH_LOG
  class=$work/class
  python3 "$(dirname "${BASH_SOURCE[0]}")/make_class_copies.py" "$2/samples/class" "$class" "$3" \
    >>"$BENCH_LOG"
}

# machine_line NAME: the line every bench starts with: when, where, how busy.
machine_line() {
  echo "$1: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)," \
    "$("$COMPILER" --version | head -1)"
}
