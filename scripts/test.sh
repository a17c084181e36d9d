#!/usr/bin/env bash
# Quick start, command 2: install whatever is missing, then run every test:
# the Jest suites of all packages (unit, component and lab integration tests),
# the browser tests in headless Chromium on `yarn start`, and the production
# end-to-end test (the production bundle on PostgreSQL, OIDC sign-in, the lab
# as a separate cluster). Prints the totals last, as "tests: N passed, N failed".
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

phase() { echo "::: test phase $1 took $(($(date +%s) - $2))s"; }

# 0. A throwaway PostgreSQL server for the tests that need one (PG_TEST_URL,
#    an admin connection), stopped on exit, failures and interrupts included.
if pg_exports="$(node scripts/pg-temp.mjs start)"; then
  eval "$pg_exports"
  trap 'node "$REPO_ROOT/scripts/pg-temp.mjs" stop "$PG_TEST_DIR"' EXIT
else
  echo "test: no PostgreSQL server (see above); the tests that need one fail" >&2
fi

# 1. Jest, every package. --json keeps a machine-readable summary for the totals.
t0=$(date +%s)
yarn backstage-cli repo test --ci --json --outputFile="$REPO_ROOT/e2e-test-report/jest.json"
jest_rc=$?
phase jest "$t0"

# 2. Browser tests: Playwright drives Debian's Chromium against `yarn start`.
t0=$(date +%s)
yarn playwright test
e2e_rc=$?
phase browser "$t0"

# 2b. Approvals: its own development portal (metal3.approvals.required, a
#     second person through a local OpenID Connect provider).
t0=$(date +%s)
yarn playwright test -c playwright.approvals.config.ts
approvals_rc=$?
phase approvals "$t0"

# 3. The production end-to-end test: builds the backend bundle, installs it
#    production-only and runs it (playwright.production.config.ts).
t0=$(date +%s)
yarn playwright test -c playwright.production.config.ts
production_rc=$?
phase production "$t0"

node "$REPO_ROOT/scripts/test-totals.mjs" \
  "$REPO_ROOT/e2e-test-report/jest.json" "$REPO_ROOT/e2e-test-report/results.json" \
  "$REPO_ROOT/e2e-test-report/production.json" \
  "$REPO_ROOT/e2e-test-report/approvals.json"
totals_rc=$?

[ $jest_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $approvals_rc -eq 0 ] && [ $production_rc -eq 0 ] && [ $totals_rc -eq 0 ]
