#!/bin/bash
# The fixture of the cluster tests: the sample class graded by one grade --batch on this machine,
# into OUT (made afresh), which they compare their own grading with. They all grade with
# OUT.rubric.yaml, the course rubric with time limits twelve times as long: on a loaded machine
# a slow (not endless) training check can otherwise pass its 5 s on one run and not on another,
# which would be the machine's load, not a difference sharding made.
# one_machine_batch.sh GRADE SOURCE_DIR OUT CACHE
set -euo pipefail
grade=$1 source=$2 out=$3 cache=$4
rm -rf "$out"
mkdir -p "$(dirname "$out")"
sed 's/wall_seconds: 5, cpu_seconds: 5, call_seconds: 1,/wall_seconds: 60, cpu_seconds: 60, call_seconds: 12,/' \
  "$source/rubrics/cw3.yaml" >"$out.rubric.yaml"
grep -q "wall_seconds: 60, cpu_seconds: 60, call_seconds: 12," "$out.rubric.yaml" || {
  echo "rubrics/cw3.yaml's limits line changed: update one_machine_batch.sh"
  exit 1
}
"$grade" --batch "$source/samples/class" --out "$out" --cache "$cache" --jobs 2 \
  --rubric "$out.rubric.yaml" \
  --canvas-gradebook "$source/samples/gradebook.csv" >"$out.log" 2>&1 || {
  cat "$out.log"
  exit 1
}
test "$(ls "$out"/*/result.json | wc -l)" -eq 10
echo "one machine: 10 results in $out"
