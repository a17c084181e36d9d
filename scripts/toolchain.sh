# shellcheck shell=bash
# Sourced by scripts/start.sh, scripts/test.sh and .ci/run: makes Node 22+ and the
# committed Yarn release available without touching the machine outside this repo.
#
# Why: Backstage 1.55, msw 3 and @kubernetes/client-node 2 need Node >= 22, and many
# machines (ours included) ship Node 20. The npm registry carries the official Node
# binaries *with headers* (package node-linux-<arch>), so we install one into the
# ignored folder .toolchain/ and build native addons (better-sqlite3) against its
# headers: prebuilt-binary and header downloads are not possible on closed networks.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
# The Node version, in one place: .node-version (the Dockerfile's NODE_VERSION build arg too).
NODE_PACKAGE_VERSION="$(cat "$REPO_ROOT/.node-version")"
YARN_RELEASE="$REPO_ROOT/$(sed -n 's/^yarnPath: *//p' "$REPO_ROOT/.yarnrc.yml")"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node_major)" -ge 22 ]; then
    return 0
  fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "toolchain: no Node 22 package for $(uname -m); install Node 22+ yourself" >&2; return 1 ;;
  esac
  local pkg="node-linux-$arch"
  local dir="$TOOLCHAIN_DIR/node_modules/$pkg"
  if [ ! -x "$dir/bin/node" ] || [ "$("$dir/bin/node" -p 'process.versions.node')" != "$NODE_PACKAGE_VERSION" ]; then
    command -v npm >/dev/null 2>&1 || { echo "toolchain: npm is required to fetch Node 22" >&2; return 1; }
    echo "toolchain: installing Node $NODE_PACKAGE_VERSION from the npm registry into .toolchain/" >&2
    mkdir -p "$TOOLCHAIN_DIR"
    npm install --prefix "$TOOLCHAIN_DIR" --no-save --no-package-lock --no-audit --no-fund \
      "$pkg@$NODE_PACKAGE_VERSION" >&2 || return 1
  fi
  export PATH="$dir/bin:$PATH"
  # node-gyp reads this: build native addons against the headers shipped in the package.
  export npm_config_nodedir="$dir"
}

ensure_yarn() {
  mkdir -p "$TOOLCHAIN_DIR/bin"
  cat >"$TOOLCHAIN_DIR/bin/yarn" <<SHIM
#!/bin/sh
exec node "$YARN_RELEASE" "\$@"
SHIM
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$PATH"
  # Corepack's signature check fails on closed networks; the committed yarnPath is enough.
  export COREPACK_ENABLE_STRICT=0 COREPACK_ENABLE_AUTO_PIN=0
}

ensure_dependencies() {
  # Cheap check first: a full `yarn install` costs seconds even when nothing changed.
  local stamp="$REPO_ROOT/node_modules/.yarn-state.yml"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$REPO_ROOT/yarn.lock" ] && [ "$(cat "$TOOLCHAIN_DIR/.node-abi" 2>/dev/null)" = "$(node -p process.versions.modules)" ]; then
    return 0
  fi
  (cd "$REPO_ROOT" && yarn install --immutable) || return 1
  node -p process.versions.modules >"$TOOLCHAIN_DIR/.node-abi"
}

ensure_node && ensure_yarn
