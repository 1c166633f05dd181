#!/bin/bash
# The fixture of the cluster tests: the sample class graded by one grade --batch on this machine,
# into OUT (made afresh), which they compare their own grading with.
# one_machine_batch.sh GRADE SOURCE_DIR OUT CACHE
set -euo pipefail
grade=$1 source=$2 out=$3 cache=$4
rm -rf "$out"
"$grade" --batch "$source/samples/class" --out "$out" --cache "$cache" --jobs 2 \
  --canvas-gradebook "$source/samples/gradebook.csv" >"$out.log" 2>&1 || {
  cat "$out.log"
  exit 1
}
test "$(ls "$out"/*/result.json | wc -l)" -eq 10
echo "one machine: 10 results in $out"
