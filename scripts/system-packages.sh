# shellcheck shell=bash
# Debian packages the tests need. Installed only when missing, and only when we
# may (root, or passwordless sudo); otherwise the message says what to install.
#   chromium  - browser tests (Playwright cannot download browsers here)
#   openssl   - the lab creates its CA and certificates with it
#   kubectl   - the lab's kubectl acceptance tests (skipped when absent)
#   openipmi, ipmitool - the lab's ipmi_sim-backed IPMI hosts (skipped when absent)
#   postgresql - throwaway PostgreSQL servers for the tests (scripts/pg-temp.mjs):
#                the production end-to-end test runs the portal on it

ensure_system_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # Debian's postgresql (15 on bookworm) puts its tools in /usr/lib/postgresql/N/bin.
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || [ -n "${PG_BIN:-}" ] ||
    missing+=(postgresql)
  # Optional: the lab's acceptance tests use the real tools and skip with a
  # message where they are missing; a failed install of these is not fatal.
  local optional=()
  command -v kubectl >/dev/null 2>&1 || optional+=(kubectl)
  command -v ipmi_sim >/dev/null 2>&1 || optional+=(openipmi)
  command -v ipmitool >/dev/null 2>&1 || optional+=(ipmitool)
  [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "system-packages: please install: ${missing[*]} ${optional[*]} (apt-get install ...)" >&2
      [ ${#missing[@]} -eq 0 ]
      return
    fi
  fi
  echo "system-packages: installing ${missing[*]} ${optional[*]} from Debian" >&2
  $sudo apt-get update -qq >&2 || true
  for package in "${optional[@]}"; do
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >&2 ||
      echo "system-packages: $package not installed; the tests that need it are skipped" >&2
  done
  [ ${#missing[@]} -eq 0 ] ||
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}
