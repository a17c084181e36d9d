#!/usr/bin/env bash
# Quick start, command 1: install whatever is missing, then start the portal on
# the embedded Metal3 lab: frontend on http://localhost:3000, backend on :7007.
set -euo pipefail
# shellcheck source=scripts/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
ensure_dependencies
cd "$REPO_ROOT"
exec yarn start "$@"
