#!/usr/bin/env bash
# Times the whole check suite on the reference: every check in its own checker process with its
# own student server, sequentially (as `grade` runs them, rlimits alone), and every check in one
# process (each still with its own server) for comparison; the baselines are the cost of starting
# a checker at all (`--list`) and of one call between checker and server. Builds nothing.
#   bench/harness_bench.sh BUILD_DIR [SEED]
# Needs nn-checker, reference_server and harness_inprocess_bench built in BUILD_DIR.
set -euo pipefail

build=${1:?usage: harness_bench.sh BUILD_DIR [SEED]}
seed=${2:-12345}
checker=$build/lib/nn-grade/nn-checker
server=$build/bin/reference_server
inprocess=$build/bin/harness_inprocess_bench
for exe in "$checker" "$server" "$inprocess"; do
  [[ -x $exe ]] || { echo "harness_bench: $exe is missing: build it first" >&2; exit 1; }
done

# Runs "$@" with a pipe on fd 3 (the result channel) that is read and dropped.
with_channel() { "$@" 3> >(cat >/dev/null); }

spec="{\"argv\": [\"$server\"]}"
ids=$("$checker" --list --human | python3 -c \
  'import json, sys; print(" ".join(c["id"] for c in json.load(sys.stdin)["checks"]))')

# Baseline: starting a checker that does no check, ten times.
start=$EPOCHREALTIME
for _ in $(seq 10); do with_channel "$checker" --list; done
baseline=$(echo "($EPOCHREALTIME - $start) / 10" | bc -l)

# The suite, one process per check.
per_check=$(mktemp)
trap 'rm -f "$per_check"' EXIT
suite_start=$EPOCHREALTIME
for id in $ids; do
  t0=$EPOCHREALTIME
  with_channel "$checker" --check "$id" --seed "$seed" --server "$spec"
  echo "$(echo "$EPOCHREALTIME - $t0" | bc -l) $id" >>"$per_check"
done
suite=$(echo "$EPOCHREALTIME - $suite_start" | bc -l)
count=$(wc -l <"$per_check")

# The same checks in one process.
in_start=$EPOCHREALTIME
all_lines=$("$inprocess" "$server" "$seed")
in_lines=$(echo "$all_lines" | grep -v -E ' (call|start)$')
call=$(echo "$all_lines" | awk '$2 == "call" {print $1}')
server_start=$(echo "$all_lines" | awk '$2 == "start" {print $1}')
in_total=$(echo "$EPOCHREALTIME - $in_start" | bc -l)

printf 'checks:                         %d (seed %s)\n' "$count" "$seed"
printf 'checker start-up (--list):      %.4f s\n' "$baseline"
printf 'suite, one process per check:   %.4f s  (%.1f start-ups; %.4f s per check)\n' \
  "$suite" "$(echo "$suite / $baseline" | bc -l)" "$(echo "$suite / $count" | bc -l)"
printf 'suite, in one process:          %.4f s\n' "$in_total"
printf 'one call, checker <-> server:   %.2f us  (ReLU::forward, 5 x 4, mean of 10000)\n' \
  "$(echo "$call * 1000000" | bc -l)"
printf 'one server start and end:       %.4f s  (mean of 20)\n' "$server_start"
printf 'process overhead:               %.4f s  (suite - in-process)\n' \
  "$(echo "$suite - $in_total" | bc -l)"
echo 'slowest 5, own process (s):'
sort -rn "$per_check" | head -5 | awk '{printf "  %.4f  %s\n", $1, $2}'
echo 'slowest 5, in-process (s):'
echo "$in_lines" | sort -rn | head -5 | awk '{printf "  %.4f  %s\n", $1, $2}'
