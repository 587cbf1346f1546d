#!/usr/bin/env bash
# Builds the migration page into target/web/: static files only (HTML, CSS, two scripts, the
# CLI's WASI module, the finding codes' pages of docs/ as HTML), for any static host.
#
#   scripts/build-web.sh
#
# Reuses target/wasi/wxwork-migrate.wasm (scripts/build-wasm.sh) unless the crate changed since.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM=target/wasi/wxwork-migrate.wasm
if [[ ! -f "$WASM" ]] || [[ -n "$(find src Cargo.toml Cargo.lock -newer "$WASM" -print -quit)" ]]; then
  bash scripts/build-wasm.sh
fi
(cd web && npm ci --silent --no-audit --no-fund)
rm -rf target/web
node web/build.mjs "$WASM" docs target/web
du -bs target/web/* | awk '{print "built " $2 ": " $1 " bytes"}'
