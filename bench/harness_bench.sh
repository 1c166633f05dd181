#!/usr/bin/env bash
# Times the whole check suite on the reference: every check in its own runner process,
# sequentially (as the driver runs them), and all in one process for comparison; the baseline
# is the cost of starting a runner at all (`--list`). Builds nothing.
#   bench/harness_bench.sh BUILD_DIR [SEED]
# Needs reference_runner and harness_inprocess_bench built in BUILD_DIR.
set -euo pipefail

build=${1:?usage: harness_bench.sh BUILD_DIR [SEED]}
seed=${2:-12345}
runner=$build/bin/reference_runner
inprocess=$build/bin/harness_inprocess_bench
for exe in "$runner" "$inprocess"; do
  [[ -x $exe ]] || { echo "harness_bench: $exe is missing: build it first" >&2; exit 1; }
done

# Runs "$@" with a pipe on fd 3 (the result channel) that is read and dropped.
with_channel() { "$@" 3> >(cat >/dev/null); }

ids=$("$runner" --list --human | python3 -c \
  'import json, sys; print(" ".join(c["id"] for c in json.load(sys.stdin)["checks"]))')

# Baseline: starting a runner that does no check, ten times.
start=$EPOCHREALTIME
for _ in $(seq 10); do with_channel "$runner" --list; done
baseline=$(echo "($EPOCHREALTIME - $start) / 10" | bc -l)

# The suite, one process per check.
per_check=$(mktemp)
trap 'rm -f "$per_check"' EXIT
suite_start=$EPOCHREALTIME
for id in $ids; do
  t0=$EPOCHREALTIME
  with_channel "$runner" --check "$id" --seed "$seed"
  echo "$(echo "$EPOCHREALTIME - $t0" | bc -l) $id" >>"$per_check"
done
suite=$(echo "$EPOCHREALTIME - $suite_start" | bc -l)
count=$(wc -l <"$per_check")

# The same checks in one process.
in_start=$EPOCHREALTIME
in_lines=$("$inprocess" "$seed")
in_total=$(echo "$EPOCHREALTIME - $in_start" | bc -l)

printf 'checks:                         %d (seed %s)\n' "$count" "$seed"
printf 'runner start-up (--list):       %.4f s\n' "$baseline"
printf 'suite, one process per check:   %.4f s  (%.1f start-ups; %.4f s per check)\n' \
  "$suite" "$(echo "$suite / $baseline" | bc -l)" "$(echo "$suite / $count" | bc -l)"
printf 'suite, in one process:          %.4f s\n' "$in_total"
printf 'process overhead:               %.4f s  (suite - in-process)\n' \
  "$(echo "$suite - $in_total" | bc -l)"
echo 'slowest 5, own process (s):'
sort -rn "$per_check" | head -5 | awk '{printf "  %.4f  %s\n", $1, $2}'
echo 'slowest 5, in-process (s):'
echo "$in_lines" | sort -rn | head -5 | awk '{printf "  %.4f  %s\n", $1, $2}'
