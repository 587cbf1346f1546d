# Sourced by scripts/test-lint-staged.sh, scripts/test-pre-commit.sh and
# scripts/test-npm-new-user.sh: the sample page the
# hook setups commit, its expected rewrite, and the bookkeeping of their checks.

# write_sample_page: in the current folder, a page with a pending rewrite and a vendored package
# the hooks must leave alone; the page's text before and after in $WORK/original.js and
# $WORK/expected.js.
write_sample_page() {
  mkdir -p pages/index miniprogram_npm/sdk
  cat >pages/index/index.js <<'PAGE'
Page({
  onLoad () {
    wx.login({ success: (res) => this.setData({ code: res.code }) })
  }
})
PAGE
  cat >"$WORK/expected.js" <<'PAGE'
Page({
  onLoad () {
    (wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx).login({ success: (res) => this.setData({ code: res.code }) })
  }
})
PAGE
  cp pages/index/index.js "$WORK/original.js"
  # Vendored npm output is committed in many mini-programs; --force-exclude keeps the hook off it.
  cat >miniprogram_npm/sdk/index.js <<'PAGE'
module.exports = { login: () => wx.login({}) }
PAGE
}

passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() {
  echo "FAILED: $1"
  printf '%s\n' "$2" | sed 's/^/    | /'
  failed=$((failed + 1))
}
# run CMD...: runs CMD, keeping its combined output in $out and its exit code in $rc.
run() {
  echo "--- $*" >&2
  if out=$("$@" 2>&1); then rc=0; else rc=$?; fi
}

# npm_tarballs: sets TARBALLS to the packed main package and the native package this machine takes
# (npm refuses to install the other), from target/npm/ (scripts/build-npm.sh).
npm_tarballs() {
  shopt -s nullglob
  TARBALLS=("$ROOT"/target/npm/wxwork-migrate-[0-9]*.tgz "$ROOT"/target/npm/wxwork-migrate-linux-x64-gnu-*.tgz)
  shopt -u nullglob
  if [[ ${#TARBALLS[@]} -ne 2 ]]; then
    echo "no npm tarballs in target/npm: run scripts/build-npm.sh" >&2
    exit 1
  fi
}
