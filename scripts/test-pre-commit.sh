#!/usr/bin/env bash
# Tests the `language: node` hooks of .pre-commit-hooks.yaml for real with the pre-commit
# framework: installs pre-commit from PyPI into .integration-cache/venv (git ignores the folder),
# makes a throwaway mini-program git repo with staged files, runs both hooks through
# `pre-commit try-repo`, then uses a .pre-commit-config.yaml like docs/integrations.md's: `pre-commit run`
# on clean files, and the installed git hook on a real `git commit`.
#
#   scripts/test-pre-commit.sh
#
# The hooks install the npm package named in their additional_dependencies; here that is the
# packed tarballs in target/npm/ (scripts/build-npm.sh) instead of the registry's, so the
# snapshot below names them. PRE_COMMIT_HOME is in the cache folder, so the config-based part
# reuses its installed hook while the tree is unchanged.
#
# What is tested is the working tree as it is, committed or not. `try-repo` on its own snapshots
# modified tracked files and staged files but not untracked ones (a new .pre-commit-hooks.yaml, a
# new source file), so the script copies the tree (tracked and untracked files that git does not
# ignore, without the .*-cache folders) into .integration-cache/snapshot, commits it there with
# fixed dates (the same tree gives the same revision on every run) and points pre-commit at it.
# Prints "SKIPPED: ..." and exits 0 only when pre-commit is not installed and PyPI cannot be
# reached.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/hook-project.sh
source scripts/hook-project.sh
CACHE=$ROOT/.integration-cache
PRE_COMMIT_VERSION=4.7.0
VENV=$CACHE/venv
SNAP=$CACHE/snapshot
mkdir -p "$CACHE"

npm_tarballs
export PRE_COMMIT_HOME=$CACHE/pre-commit
export PRE_COMMIT_COLOR=never NO_COLOR=1
export PIP_DISABLE_PIP_VERSION_CHECK=1
# Git as on a fresh machine: no user or system config (hooksPath, templates, signing) leaks in.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/wxwork-pre-commit.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
printf '[user]\n\tname = integration test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n' >"$WORK/gitconfig"
export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1

# --- pre-commit ------------------------------------------------------------------------------
if ! "$VENV/bin/pre-commit" --version 2>/dev/null | grep -qx "pre-commit $PRE_COMMIT_VERSION"; then
  echo "installing pre-commit $PRE_COMMIT_VERSION into $VENV" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  if ! "$VENV/bin/pip" install -q "pre-commit==$PRE_COMMIT_VERSION" >&2; then
    if ! "$VENV/bin/pip" index versions pre-commit >/dev/null 2>&1; then
      rm -rf "$VENV"
      # CI must run every step: there a missing index is a failure, not a skip.
      [ "${CI:-}" = true ] && { echo "pre-commit integration: the Python package index cannot be reached" >&2; exit 1; }
      echo "SKIPPED: pre-commit integration: the Python package index cannot be reached"
      exit 0
    fi
    echo "pip install pre-commit==$PRE_COMMIT_VERSION failed" >&2
    exit 1
  fi
fi
PC=$VENV/bin/pre-commit

# --- snapshot of the working tree ------------------------------------------------------------
rm -rf "$SNAP"
mkdir -p "$SNAP"
git -C "$ROOT" ls-files -z --cached --others --exclude-standard \
  | grep -zv -E '^(\.[^/]*-cache|target)/' \
  | while IFS= read -r -d '' f; do [[ -e "$f" || -L "$f" ]] && printf '%s\0' "$f"; done \
  | tar -C "$ROOT" --null -T - -cf - | tar -C "$SNAP" -xf -
(
  cd "$SNAP"
  # The published package's place: the tarballs built from this tree.
  list=$(printf '%s, ' "${TARBALLS[@]}")
  sed -i "s|additional_dependencies: \[wxwork-migrate@[^]]*\]|additional_dependencies: [${list%, }]|" \
    .pre-commit-hooks.yaml
  cat "${TARBALLS[@]}" | sha256sum >tarballs.sha256  # a new build is a new revision
  export GIT_AUTHOR_DATE=2000-01-01T00:00:00Z GIT_COMMITTER_DATE=2000-01-01T00:00:00Z
  git init -q
  git add -A
  git commit -q --no-verify -m "working tree snapshot for scripts/test-pre-commit.sh"
)
REV=$(git -C "$SNAP" rev-parse HEAD)
# Installed hooks are keyed by (repo, rev): drop the ones built from an older tree.
if [[ "$(cat "$CACHE/pre-commit.rev" 2>/dev/null)" != "$REV" ]]; then
  "$PC" clean >/dev/null
  echo "$REV" >"$CACHE/pre-commit.rev"
fi

# --- the mini-program under test -------------------------------------------------------------
PROJ=$WORK/project
mkdir -p "$PROJ/pages/index" "$PROJ/utils" "$PROJ/miniprogram_npm/sdk"
cd "$PROJ"
git init -q
write_sample_page
cat >utils/format.js <<'EOF'
export const pad = (n) => String(n).padStart(2, '0')
EOF
git add -A


# 1. try-repo, check hook: fails, prints the finding, changes nothing.
run "$PC" try-repo "$SNAP" wxwork-migrate-check-node --files pages/index/index.js utils/format.js
if [[ $rc -ne 0 ]] && grep -q '^pages/index/index.js:3:5: WX101 ' <<<"$out" \
  && cmp -s pages/index/index.js "$WORK/original.js"; then
  pass "try-repo wxwork-migrate-check-node fails on a pending rewrite and prints the finding"
else
  fail "try-repo wxwork-migrate-check-node (exit $rc)" "$out"
fi

# 2. try-repo, fix hook: fails because it modified the file, which now has the guard.
run "$PC" try-repo "$SNAP" wxwork-migrate-fix-node --files pages/index/index.js utils/format.js
if [[ $rc -ne 0 ]] && grep -q 'files were modified by this hook' <<<"$out" \
  && cmp -s pages/index/index.js "$WORK/expected.js"; then
  pass "try-repo wxwork-migrate-fix-node rewrites the file and fails the commit"
else
  fail "try-repo wxwork-migrate-fix-node (exit $rc)" "$out"$'\n'"--- file now:"$'\n'"$(cat pages/index/index.js)"
fi
git add pages/index/index.js

# From here on, docs/integrations.md's .pre-commit-config.yaml. Each try-repo above installed the package
# anew in a throwaway store; this config's hooks are installed once per tree and kept in
# PRE_COMMIT_HOME.
git commit -q --no-verify -m base
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $SNAP
    rev: $REV
    hooks:
      - id: wxwork-migrate-fix-node
      - id: wxwork-migrate-check-node
EOF

# 3. Check hook on clean files and a staged file under miniprogram_npm/: passes.
run "$PC" run wxwork-migrate-check-node --files pages/index/index.js utils/format.js miniprogram_npm/sdk/index.js
if [[ $rc -eq 0 ]] && grep -q 'wxwork-migrate (check).*Passed' <<<"$out"; then
  pass "wxwork-migrate-check-node passes clean files and skips miniprogram_npm/"
else
  fail "wxwork-migrate-check-node on clean files (exit $rc)" "$out"
fi

# 4. Installed as the git hook: a commit with a pending rewrite is blocked and the file fixed;
#    staging the fix lets the commit through.
"$PC" install >/dev/null
cat >utils/session.js <<'EOF'
export function ensureSession (relogin) {
  wx.checkSession({ fail: relogin })
}
EOF
git add .pre-commit-config.yaml utils/session.js
run git commit -m "add session helper"
if [[ $rc -ne 0 ]] && grep -q '^utils/session.js:2:3: WX102 ' <<<"$out" \
  && [[ -z "$(git log --format=%H -1 -- utils/session.js)" ]] \
  && grep -q '(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx).checkSession' utils/session.js; then
  git add utils/session.js
  run git commit -m "add session helper"
  if [[ $rc -eq 0 ]] && git show HEAD:utils/session.js | grep -q 'wx.qy : wx).checkSession'; then
    pass "pre-commit git hook blocks the commit and fixes the file; the fixed file commits"
  else
    fail "second git commit with the fixed file (exit $rc)" "$out"
  fi
else
  fail "git commit with a pending rewrite (exit $rc)" "$out"
fi

echo "pre-commit: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
