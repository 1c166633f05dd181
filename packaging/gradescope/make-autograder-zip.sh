#!/usr/bin/env bash
# Writes autograder.zip for Gradescope: setup.sh and run_autograder at its root, the project's
# source beside them. Usage: packaging/gradescope/make-autograder-zip.sh [OUT.zip]
#
# The source is the working tree as it is now (so a rubric edited a minute ago is in it; a
# warning lists every uncommitted change taken along), less what would hand a student the
# answers on the grading image: reference/ (the model answer: its four .cpp files are replaced by
# the template's stubs, which the build still compiles), tests/ (the corpus and the tests built
# on the reference; an empty tests/CMakeLists.txt stands in) and samples/ (its sample class hands
# in copies of the reference).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(realpath -m "${1:-autograder.zip}")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

changes=$(git -C "$root" status --porcelain --untracked-files=all -- . ':!reference' ':!tests' \
  ':!samples')
if [ -n "$changes" ]; then
  echo "warning: the zip takes the working tree as it is, with these uncommitted changes:" >&2
  echo "$changes" | sed 's/^/  /' >&2
fi

# Every file git tracks or would track (ignored ones, such as build/, left out), as it is now.
git -C "$root" ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do
    case "$file" in reference/* | tests/* | samples/*) continue ;; esac
    [ -f "$root/$file" ] || continue # deleted in the working tree
    mkdir -p "$stage/$(dirname "$file")"
    cp -p "$root/$file" "$stage/$file"
  done

mkdir -p "$stage/reference" "$stage/tests"
cp "$root/reference/CMakeLists.txt" "$stage/reference/"
for name in layers.cpp model.cpp losses.cpp optimizer.cpp; do
  cp "$root/student_template/$name" "$stage/reference/$name"
done
echo "# The project's tests are not part of the autograder (make-autograder-zip.sh)." \
  >"$stage/tests/CMakeLists.txt"

# Nothing on the image may be the model answer, under any name.
for name in layers.cpp model.cpp losses.cpp optimizer.cpp; do
  copies=$(find "$stage" -type f -exec cmp -s "$root/reference/$name" {} \; -print)
  if [ -n "$copies" ]; then
    echo "make-autograder-zip: copies of reference/$name would be in the zip, stopping:" >&2
    echo "$copies" | sed "s|^$stage/|  |" >&2
    exit 1
  fi
done

cp "$root/packaging/gradescope/setup.sh" "$root/packaging/gradescope/run_autograder" "$stage/"
chmod +x "$stage/setup.sh" "$stage/run_autograder"
rm -f "$out"
(cd "$stage" && python3 -m zipfile -c "$out" $(ls -A))
echo "wrote $out"
