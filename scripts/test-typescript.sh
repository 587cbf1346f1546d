#!/usr/bin/env bash
# A TypeScript mini-program keeps type-checking under `tsc --strict` after migration: the
# rewritten guards (login, getSystemSetting) and the declarations file the tool adds are what
# `tsc` sees. Installs typescript and miniprogram-api-typings from the npm registry into
# .integration-cache/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
cache="$repo/.integration-cache/typescript"
passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $*"; fi
}

mkdir -p "$cache"
cp tests/typescript-project/package.json "$cache/"
if ! (cd "$cache" && npm install --no-audit --no-fund --loglevel=error >/dev/null); then
  # CI must run every step: there a missing registry is a failure, not a skip.
  [ "${CI:-}" = true ] && { echo "typescript: the npm registry cannot be reached" >&2; exit 1; }
  echo "SKIPPED: the npm registry cannot be reached"
  exit 0
fi
cargo build --locked --quiet
tool="$repo/target/debug/wxwork-migrate"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r tests/typescript-project/. "$work/"
ln -s "$cache/node_modules" "$work/node_modules"
tsc() { (cd "$work" && node "$cache/node_modules/typescript/bin/tsc" -p tsconfig.json); }

check tsc
(cd "$work" && "$tool" --write >/dev/null 2>&1)
check test -f "$work/typings/wxwork.d.ts"
check grep -q 'wx.qy! : wx).login' "$work/miniprogram/app.ts"
# WX103: getSystemSetting reads getSystemInfoSync in WeCom, and its result keeps its type.
check grep -q '"getSystemInfoSync" : "getSystemSetting"\]()' "$work/miniprogram/utils/device.ts"
check grep -q 'return wx.getSystemInfoSync().wifiEnabled' "$work/miniprogram/utils/device.ts"
check tsc
# A second run changes nothing, the declarations file included.
before=$(cd "$work" && find . -path ./node_modules -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
(cd "$work" && "$tool" --write >/dev/null 2>&1)
after=$(cd "$work" && find . -path ./node_modules -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
check test "$before" = "$after"

echo "typescript: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
