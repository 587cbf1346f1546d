#!/usr/bin/env bash
# Tests the migration page in Debian's Chromium against the native CLI: every fixture, a share
# link, the demo project's patch, errors, the two languages; measures load, re-run and size
# (target/web-metrics.json) and takes screenshots (target/web-screenshots/).
#
#   scripts/test-web.sh
#
# Installs Chromium with apt when it is missing; fails when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/chromium ]]; then
  apt-get update
  apt-get install -y chromium
fi
cargo build --release --locked --bin wxwork-migrate
bash scripts/build-web.sh
cd web
WXWORK_MIGRATE="$PWD/../target/release/wxwork-migrate" node --test --test-concurrency=1 test/*.test.mjs
