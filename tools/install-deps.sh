#!/usr/bin/env bash
# Installs the Debian 12 packages this project needs, where they are missing. Needs root (or
# sudo) only when something is missing.
#
#   tools/install-deps.sh           what building `grade` and grading need (the README's first command)
#   tools/install-deps.sh --kit     that, and what `cmake --build build --target kit` needs
#   tools/install-deps.sh --tests   that, and what the tests need (the README's test command)
set -euo pipefail

# Building grade (the configure step also finds GoogleTest) and grading: the compiler and Eigen
# build each submission, bubblewrap contains it.
grading=(
  g++ cmake make
  libeigen3-dev libfmt-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
  libboost-dev libboost-filesystem-dev libarchive-dev libcsv-dev
  pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
  googletest libgtest-dev
  bubblewrap
)
# The student kit (docs/student-kit.md): CPack's DEB generator runs dpkg-shlibdeps and `file`.
kit=(dpkg-dev file)
# The tests: a single-node Slurm cluster (tests/cluster), the Gradescope zip (zip, unzip, git),
# the class page in a browser (tests/cli), the kit checked by lintian (tests/kit), scripts.
tests=(slurm-wlm munge zip unzip git python3 lintian chromium)

usage="usage: tools/install-deps.sh [--kit | --tests]"
packages=("${grading[@]}")
case "${1:-}" in
  "") ;;
  --kit) packages+=("${kit[@]}") ;;
  --tests) packages+=("${kit[@]}" "${tests[@]}") ;;
  -h | --help)
    echo "$usage"
    exit 0
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
if (($# > 1)); then
  echo "$usage" >&2
  exit 2
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: every package is installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if ((EUID != 0)); then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
