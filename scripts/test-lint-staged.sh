#!/usr/bin/env bash
# Tests the husky + lint-staged setup from docs/integrations.md for real: makes a throwaway npm project
# with a git repo, installs husky and lint-staged from the npm registry into it (npm's cache is
# kept in .integration-cache/npm-cache, which git ignores) and wxwork-migrate from the packed
# tarballs in target/npm/ (scripts/build-npm.sh), and commits through the hook, which runs
# `npx wxwork-migrate`: with `--check` a pending rewrite blocks the commit, with `--write` the
# rewritten file is committed.
#
#   scripts/test-lint-staged.sh          # both backends: the native binary, then WebAssembly
#   scripts/test-lint-staged.sh wasm     # one of them
#
# Prints "SKIPPED: ..." and exits 0 only when the packages are neither cached nor reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/hook-project.sh
source scripts/hook-project.sh
CACHE=$ROOT/.integration-cache
# lint-staged 17 needs Node 22; 16.x runs on the Node 20 that the machines have.
HUSKY_VERSION=9.1.7
LINT_STAGED_VERSION=16.4.0
mkdir -p "$CACHE/npm-cache"
export npm_config_cache=$CACHE/npm-cache
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export NO_COLOR=1 FORCE_COLOR=0
unset HUSKY # HUSKY=0 would turn the hooks off.

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wxwork-lint-staged.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Git as on a fresh machine: no user or system config (hooksPath, templates, signing) leaks in.
printf '[user]\n\tname = integration test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n' >"$WORK/gitconfig"
export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1

if [[ $# -eq 0 ]]; then
  bash "$0" native && bash "$0" wasm
  exit
fi
export WXWORK_MIGRATE_BACKEND=$1
echo "lint-staged with the $1 backend" >&2
npm_tarballs

# --- the mini-program project ----------------------------------------------------------------
PROJ=$WORK/project
mkdir -p "$PROJ/pages/index" "$PROJ/utils" "$PROJ/miniprogram_npm/sdk"
cd "$PROJ"
git init -q
printf 'node_modules/\n' >.gitignore
cat >package.json <<'EOF'
{
  "name": "demo-miniprogram",
  "private": true,
  "lint-staged": {
    "*.{js,ts,jsx,tsx,mjs,cjs,mts,cts,vue,wpy,mpx,wxml}": "npx wxwork-migrate --check --force-exclude"
  }
}
EOF
if ! npm install --save-dev --prefer-offline --loglevel=error \
  "husky@$HUSKY_VERSION" "lint-staged@$LINT_STAGED_VERSION" "${TARBALLS[@]}" >"$WORK/npm.log" 2>&1; then
  if ! npm ping >/dev/null 2>&1; then
    # CI must run every step: there a missing registry is a failure, not a skip.
    [ "${CI:-}" = true ] && { echo "lint-staged integration: the npm registry cannot be reached" >&2; exit 1; }
    echo "SKIPPED: lint-staged integration: the npm registry cannot be reached"
    exit 0
  fi
  cat "$WORK/npm.log" >&2
  echo "npm install of husky and lint-staged failed" >&2
  exit 1
fi
npx --no-install husky init >/dev/null
echo "npx lint-staged" >.husky/pre-commit
git add -A
git commit -q --no-verify -m "project with husky and lint-staged"

write_sample_page
cat >utils/format.ts <<'EOF'
export const pad = (n: number): string => String(n).padStart(2, '0')
EOF

committed() { git cat-file -e "HEAD:$1" 2>/dev/null; }

# 1. --check: clean files and a file under miniprogram_npm/ commit fine.
git add utils/format.ts miniprogram_npm/sdk/index.js
run git commit -m "utils and vendored sdk"
if [[ $rc -eq 0 ]] && committed utils/format.ts && committed miniprogram_npm/sdk/index.js; then
  pass "--check lets clean files and miniprogram_npm/ through"
else
  fail "commit of clean files with --check (exit $rc)" "$out"
fi

# 2. --check: a pending rewrite blocks the commit; the file is neither committed nor changed.
git add pages/index/index.js
run git commit -m "index page"
if [[ $rc -ne 0 ]] && grep -q 'pages/index/index.js:3:5: WX101 ' <<<"$out" \
  && ! committed pages/index/index.js && cmp -s pages/index/index.js "$WORK/original.js" \
  && git diff --cached --name-only | grep -qx pages/index/index.js; then
  pass "--check blocks a commit with a pending rewrite and prints the finding"
else
  fail "commit of a pending rewrite with --check (exit $rc)" "$out"
fi

# 3. --write: the same commit goes through, with the rewritten file; lint-staged re-stages it.
node -e '
  const fs = require("fs")
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"))
  pkg["lint-staged"]["*.{js,ts,jsx,tsx,mjs,cjs,mts,cts,vue,wpy,mpx,wxml}"] = "npx wxwork-migrate --write --force-exclude"
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n")
'
git add package.json
run git commit -m "index page"
if [[ $rc -eq 0 ]] && committed pages/index/index.js \
  && cmp -s <(git show HEAD:pages/index/index.js) "$WORK/expected.js" \
  && cmp -s pages/index/index.js "$WORK/expected.js" \
  && [[ -z "$(git status --porcelain)" ]]; then
  pass "--write commits the rewritten file"
else
  fail "commit of a pending rewrite with --write (exit $rc)" \
    "$out"$'\n'"--- committed:"$'\n'"$(git show HEAD:pages/index/index.js 2>&1)"$'\n'"--- status:"$'\n'"$(git status --porcelain)"
fi

# 4. --write: vendored files are left alone even when staged.
echo "// bump" >>miniprogram_npm/sdk/index.js
git add miniprogram_npm/sdk/index.js
run git commit -m "bump sdk"
if [[ $rc -eq 0 ]] && git show HEAD:miniprogram_npm/sdk/index.js | grep -q '=> wx.login({})'; then
  pass "--write leaves a staged file under miniprogram_npm/ alone"
else
  fail "commit of a vendored file with --write (exit $rc)" "$out"
fi

echo "lint-staged ($1): $passed passed, $failed failed"
[[ $failed -eq 0 ]]
