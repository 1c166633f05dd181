#!/bin/bash
# Two shards of the sample class run at once on one OUT and one (cold) cache; the larger is
# killed with SIGKILL once it has graded a submission, and run again; then the head step (a
# batch without --shard) finds nothing left to grade, and every result, summary.csv and the
# Canvas import are what one grade --batch on one machine wrote (REFERENCE_OUT).
# shards_test.sh GRADE SOURCE_DIR REFERENCE_OUT
set -euo pipefail
grade=$1 source=$2 reference=$3
here=$(dirname "$0")
tmp=$(mktemp -d /tmp/nn-grade-shards.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

out="$tmp/out dir" cache="$tmp/cache dir"  # spaces: every path is quoted where it is used
shard() {  # shard K: grade shard K/2 of the class, its output in $tmp/shard-K.log
  exec "$grade" --batch "$source/samples/class" --out "$out" --cache "$cache" --rubric "$reference.rubric.yaml" --jobs 1 \
    --shard "$1/2" >>"$tmp/shard-$1.log" 2>&1
}
count() { grep -o "^Grading [0-9]*" "$tmp/shard-$1.log" | head -1 | cut -d' ' -f2; }

shard 1 & pids+=($!); first=$!
shard 2 & pids+=($!); second=$!
for _ in $(seq 1 600); do
  [[ -n $(count 1) && -n $(count 2) ]] && break
  sleep 0.2
done
# The larger shard (the partition is a hash: the same on every run) is the one to kill.
if (($(count 1) >= $(count 2))); then victim=1 victim_pid=$first other_pid=$second
else victim=2 victim_pid=$second other_pid=$first; fi
echo "shard 1 grades $(count 1), shard 2 $(count 2); killing shard $victim after its first result"
for _ in $(seq 1 3000); do
  grep -q "/100 " "$tmp/shard-$victim.log" && break
  sleep 0.1
done
kill -9 "$victim_pid"
status=0
wait "$victim_pid" || status=$?
if ((status != 137)); then
  echo "FAIL: shard $victim was not killed mid-way (exit status $status):"
  cat "$tmp/shard-$victim.log"
  exit 1
fi
graded_before=$(grep -c "/100 " "$tmp/shard-$victim.log" || true)
wait "$other_pid"
echo "--- shard $victim killed after $graded_before results; running it again"
(shard "$victim")
tail -n +1 "$tmp"/shard-*.log
# A result written just before the kill may not have been printed yet: at least as many kept.
rerun=$(grep "^Grading" "$tmp/shard-$victim.log" | tail -1)
read -r todo kept < <(sed -E 's/^Grading ([0-9]+) submissions \(([0-9]+) already.*/\1 \2/' <<<"$rerun")
if ((kept < graded_before || kept == 0 || todo + kept != $(count $victim))); then
  echo "FAIL: the rerun did not resume where the killed shard stopped: $rerun"
  exit 1
fi

"$grade" --batch "$source/samples/class" --out "$out" --cache "$cache" --rubric "$reference.rubric.yaml" --jobs 2 \
  --canvas-gradebook "$source/samples/gradebook.csv" >"$tmp/head.log" 2>&1
cat "$tmp/head.log"
if ! grep -q "^Grading 0 submissions (10 already graded" "$tmp/head.log"; then
  echo "FAIL: the head step found submissions no shard graded"
  exit 1
fi
python3 "$here/compare_outs.py" "$reference" "$out"
