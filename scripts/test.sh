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
# Disk first: a full disk fails every later phase with ENOSPC deep in a stack
# trace. One run writes about $TEST_DISK_NEED_GIB GiB (Jest's cache, the
# production bundle and its install, browser profiles, PostgreSQL, lab files;
# measured in docs/development.md, Disk), in this clone and in the temp folder.
TEST_DISK_NEED_GIB=4
check_free_space() {
  local dir=$1 free_kib
  free_kib=$(df -Pk "$dir" | awk 'NR==2 {print $4}')
  if [ -n "$free_kib" ] && [ "$free_kib" -lt $((TEST_DISK_NEED_GIB * 1024 * 1024)) ]; then
    echo "test: only $((free_kib / 1024)) MiB free on the file system of $dir; the tests need about ${TEST_DISK_NEED_GIB} GiB. Free space (old clones, /tmp/jest_*) and run again." >&2
    return 1
  fi
}
check_free_space "$REPO_ROOT" || exit 1
check_free_space "${TMPDIR:-/tmp}" || exit 1
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
#    The transform cache lives in this clone (.cache/jest, ignored) rather than
#    Jest's default /tmp/jest_0: there it is keyed by the clone's path, so every
#    clone and worktree added ~1 GiB that nothing removed, until a CI run failed
#    with ENOSPC. In the clone, it goes when the clone goes.
t0=$(date +%s)
yarn backstage-cli repo test --ci --json --outputFile="$REPO_ROOT/e2e-test-report/jest.json" \
  --cacheDirectory="$REPO_ROOT/.cache/jest"
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
