#!/usr/bin/env bash
# Quick start, command 2: install whatever is missing, then run every test:
# the Jest suites of all packages (unit, component and lab integration tests)
# and the browser tests in headless Chromium. Prints the totals last, as
# "tests: N passed, N failed".
set -uo pipefail
# shellcheck source=scripts/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh" || exit 1
ensure_dependencies || exit 1
# shellcheck source=scripts/system-packages.sh
source "$REPO_ROOT/scripts/system-packages.sh"
ensure_system_packages || exit 1
cd "$REPO_ROOT"

mkdir -p e2e-test-report
export CI="${CI:-true}" # Jest: no watch mode, fail on snapshot writes
# @kubernetes/client-node 2 is ESM-only and loaded with import(): Jest needs VM modules.
export NODE_OPTIONS="${NODE_OPTIONS:-} --no-node-snapshot --experimental-vm-modules"

# 1. Jest, every package. --json keeps a machine-readable summary for the totals.
yarn backstage-cli repo test --ci --json --outputFile="$REPO_ROOT/e2e-test-report/jest.json"
jest_rc=$?

# 2. Browser tests: Playwright drives Debian's Chromium against `yarn start`.
yarn playwright test
e2e_rc=$?

node "$REPO_ROOT/scripts/test-totals.mjs" \
  "$REPO_ROOT/e2e-test-report/jest.json" "$REPO_ROOT/e2e-test-report/results.json"
totals_rc=$?

[ $jest_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $totals_rc -eq 0 ]
