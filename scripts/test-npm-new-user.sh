#!/usr/bin/env bash
# Tries the npm package as a new user would, on a machine without a Rust toolchain: a clean
# $HOME (so a fresh npm cache and no configuration), a PATH with neither cargo nor rustup, and
# only the tarballs of target/npm/ (scripts/build-npm.sh). Installs the package into a new npm
# project holding a copy of the demo, runs the three modes through `npx wxwork-migrate`, then
# installs husky and lint-staged from the registry and commits through the hook.
#
#   scripts/test-npm-new-user.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/hook-project.sh
source scripts/hook-project.sh

npm_tarballs

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wxwork-new-user.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/bin"
# node, npm, npx and git, and nothing of Rust's.
for tool in node npm npx git; do ln -s "$(command -v "$tool")" "$WORK/bin/$tool"; done
export HOME=$WORK/home PATH=$WORK/bin:/usr/bin:/bin
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export NO_COLOR=1 FORCE_COLOR=0 GIT_CONFIG_NOSYSTEM=1
unset WXWORK_MIGRATE_BACKEND CARGO_HOME RUSTUP_HOME HUSKY
printf '[user]\n\tname = new user\n\temail = new@example.invalid\n[init]\n\tdefaultBranch = main\n' >"$HOME/.gitconfig"
for tool in cargo rustc rustup; do
  if command -v "$tool" >/dev/null; then
    echo "FAILED: $tool is still on PATH" >&2
    exit 1
  fi
done

PROJ=$WORK/project
cp -r "$ROOT/fixtures/demo-miniprogram" "$PROJ"
cd "$PROJ"
printf '{ "name": "demo", "private": true }\n' >package.json
run npm install --save-dev "${TARBALLS[@]}"
if [[ $rc -eq 0 ]]; then pass "npm install -D from the tarballs"; else fail "npm install (exit $rc)" "$out"; fi

for backend in native wasm; do
  export WXWORK_MIGRATE_BACKEND=$backend
  cp -r "$PROJ" "$WORK/$backend" && cd "$WORK/$backend"
  run npx wxwork-migrate --version
  [[ $rc -eq 0 && $out == "wxwork-migrate "*"($( [[ $backend == wasm ]] && echo WebAssembly || echo native))" ]] \
    && pass "$backend: --version names the backend" || fail "$backend: --version (exit $rc)" "$out"
  run npx wxwork-migrate
  [[ $rc -eq 0 && $out == *'+  ;(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx).checkSession({'* ]] \
    && git diff --no-index --quiet "$PROJ/utils" utils \
    && pass "$backend: dry run prints the diff and writes nothing" || fail "$backend: dry run (exit $rc)" "$out"
  run npx wxwork-migrate --check
  [[ $rc -eq 1 && $out == *"utils/session.js:11:3: WX102 "* ]] \
    && pass "$backend: --check exits 1 on pending rewrites" || fail "$backend: --check (exit $rc)" "$out"
  run npx wxwork-migrate --write
  [[ $rc -eq 0 ]] && grep -q 'wx.qy : wx).checkSession' utils/session.js \
    && pass "$backend: --write migrates" || fail "$backend: --write (exit $rc)" "$out"
  run npx wxwork-migrate --check
  [[ $rc -eq 1 && $out != *WX101* && $out != *WX102* ]] \
    && pass "$backend: a second --check finds only what a person must port" || fail "$backend: second --check (exit $rc)" "$out"
  cd "$PROJ"
done
unset WXWORK_MIGRATE_BACKEND

# The lint-staged hook in a real commit, set up as docs/integrations.md says.
mkdir -p "$WORK/hooked" && cd "$WORK/hooked"
git init -q
printf 'node_modules/\n' >.gitignore
cat >package.json <<'JSON'
{
  "name": "hooked",
  "private": true,
  "lint-staged": {
    "*.{js,ts,jsx,tsx,mjs,cjs,mts,cts,vue,wpy,mpx,wxml}": "npx wxwork-migrate --check --force-exclude"
  }
}
JSON
run npm install --save-dev "${TARBALLS[@]}" husky@9.1.7 lint-staged@16.4.0
[[ $rc -eq 0 ]] || { fail "npm install of husky and lint-staged (exit $rc)" "$out"; exit 1; }
npx --no-install husky init >/dev/null
echo "npx lint-staged" >.husky/pre-commit
git add -A && git commit -q --no-verify -m setup
write_sample_page
git add pages/index/index.js
run git commit -m "index page"
[[ $rc -ne 0 && $out == *"pages/index/index.js:3:5: WX101 "* ]] \
  && pass "lint-staged hook refuses a commit with a pending rewrite" || fail "hooked commit (exit $rc)" "$out"
cp "$WORK/expected.js" pages/index/index.js
git add pages/index/index.js
run git commit -m "index page, migrated"
[[ $rc -eq 0 ]] && pass "lint-staged hook lets the migrated page through" || fail "second commit (exit $rc)" "$out"

echo "new user: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
