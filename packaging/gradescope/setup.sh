#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image. The autograder zip
# holds this project's source under /autograder/source (make it with make-autograder-zip.sh).
set -euo pipefail
cd /autograder/source
tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)" --target grade
cmake --install build --prefix /autograder/grader
