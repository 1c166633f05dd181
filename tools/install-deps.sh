#!/usr/bin/env bash
# Installs the Debian 12 packages the grader builds and runs with, where they are missing.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  g++ cmake make
  libeigen3-dev libfmt-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
  libboost-dev libboost-filesystem-dev libarchive-dev libcsv-dev
  googletest libgtest-dev
  bubblewrap
  slurm-wlm munge
  zip unzip git python3
  dpkg-dev
  chromium
)

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
