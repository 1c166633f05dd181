#!/usr/bin/env bash
# Runs the containment probes (run_tests' Sandbox.*) again as an unprivileged user, the way a TA
# without root runs grade: where the tests run as root (CI), the containment as root is proven by
# run_tests itself and this proves the other half. Exit 77 (skipped) only for a reason it can
# show: not root (nothing to switch from), or the build tree not reachable by another user.
set -euo pipefail
run_tests=$1
user=65534
if ((EUID != 0)); then
  echo "skipped: already running as a normal user (uid $EUID); run_tests proves that case"
  exit 77
fi
if ! setpriv --reuid "$user" --regid "$user" --clear-groups test -x "$run_tests"; then
  echo "skipped: uid $user cannot reach $run_tests (a build tree under a private home)"
  exit 77
fi
cd /tmp
exec setpriv --reuid "$user" --regid "$user" --clear-groups --inh-caps=-all \
  "$run_tests" --gtest_filter='Sandbox.*'
