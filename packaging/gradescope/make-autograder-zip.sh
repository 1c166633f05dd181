#!/usr/bin/env bash
# Writes autograder.zip for Gradescope: setup.sh and run_autograder at its root, the project's
# source beside them. Usage: packaging/gradescope/make-autograder-zip.sh [OUT.zip]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(realpath -m "${1:-autograder.zip}")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
git -C "$root" archive --format=tar HEAD | tar -x -C "$stage"
cp "$root/packaging/gradescope/setup.sh" "$root/packaging/gradescope/run_autograder" "$stage/"
rm -f "$out"
(cd "$stage" && python3 -m zipfile -c "$out" $(ls -A))
echo "wrote $out"
