#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image. The autograder zip
# holds this project's source under /autograder/source (make it with make-autograder-zip.sh).
#
# Base images: Gradescope's default is Ubuntu 22.04 (gradescope/autograder_samples
# docs/base_images.md); 24.04 and Debian 12 work the same way. tools/install-deps.sh installs
# the same package names on all three (g++ cmake make libeigen3-dev libfmt-dev libyaml-cpp-dev
# nlohmann-json3-dev libcli11-dev libboost-dev libboost-filesystem-dev libarchive-dev libcsv-dev
# pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev googletest libgtest-dev bubblewrap).
# Where they differ:
#   - Ubuntu: libcli11-dev, libcsv-dev, libcmark-gfm*-dev and nlohmann-json3-dev are in
#     "universe", which
#     Ubuntu's images enable; if apt cannot find them, enable it (below).
#   - the build needs Boost >= 1.74 (CMakeLists.txt): 22.04 and Debian 12 have 1.74, 24.04
#     1.83; the other libraries' versions differ between the three and were not tried on
#     Ubuntu here (this project's machines are Debian 12): "Test Autograder" on Gradescope once.
#   - bubblewrap may not work inside Gradescope's container (no user namespaces): checks then
#     run with resource limits alone, and results.json says which ("containment").
set -euo pipefail
cd /autograder/source
if [ -r /etc/os-release ] && . /etc/os-release && [ "${ID:-}" = ubuntu ] &&
  ! grep -rqs '^[^#].* universe' /etc/apt/sources.list /etc/apt/sources.list.d/ &&
  ! grep -rqs '^Components:.*universe' /etc/apt/sources.list.d/; then
  apt-get update -qq && apt-get install -y -qq software-properties-common
  add-apt-repository -y universe
fi
tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)" --target grade
cmake --install build --prefix /autograder/grader
