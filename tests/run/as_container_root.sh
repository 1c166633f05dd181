#!/usr/bin/env bash
# Runs the containment probes (run_tests' Sandbox.*) again as root without CAP_SYS_ADMIN, as in a
# Docker container (Gradescope's): no mount or network namespace can be made there, and every
# check must still run, never a grader_error (the probes say what is left open). Exit 77
# (skipped) only when not root: there is no capability to take away.
set -euo pipefail
run_tests=$1
if ((EUID != 0)); then
  echo "skipped: not root (uid $EUID), so there is no CAP_SYS_ADMIN to take away"
  exit 77
fi
exec setpriv --bounding-set -sys_admin --inh-caps -sys_admin "$run_tests" --gtest_filter='Sandbox.*'
