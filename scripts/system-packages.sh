# shellcheck shell=bash
# Debian packages the tests need. Installed only when missing, and only when we
# may (root, or passwordless sudo); otherwise the message says what to install.
#   chromium  - browser tests (Playwright cannot download browsers here)
#   openssl   - the lab creates its CA and certificates with it
#   kubectl is used by the lab tests when present; they skip it otherwise

ensure_system_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "system-packages: please install: ${missing[*]} (apt-get install ${missing[*]})" >&2
      return 1
    fi
  fi
  echo "system-packages: installing ${missing[*]} from Debian" >&2
  $sudo apt-get update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}
