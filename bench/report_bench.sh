#!/usr/bin/env bash
# Times OUT/report.html for a class of N synthetic students (default 1000) against writing
# summary.csv for the same results, measured in the same run; and feedback.html for every
# student against feedback.md. Builds nothing.
#   bench/report_bench.sh BUILD_DIR [N] [RUNS]
# Needs report_bench built in BUILD_DIR (cmake --build BUILD_DIR --target report_bench).
set -euo pipefail

build=${1:?usage: report_bench.sh BUILD_DIR [N] [RUNS]}
students=${2:-1000}
runs=${3:-5}
bench=$build/bin/report_bench
[[ -x $bench ]] || { echo "report_bench: $bench is missing: build it first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "report_bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" "$students" "$runs" "$work"
