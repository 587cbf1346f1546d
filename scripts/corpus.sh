#!/usr/bin/env bash
# Runs the codemod over real, public mini-program code: packages from the npm registry at pinned
# versions, unpacked into .corpus-cache/ (git ignores it; CORPUS_CACHE=DIR puts it elsewhere).
# An independent census (scripts/census/: babel's parser and scope analysis) counts the reads
# of the global `wx`'s login, checkSession and getUserInfo in every file, and the uses of a
# framework's wrappers of them (Taro.login, uni.checkSession, wepy.wx.login, mpx.getUserInfo, a
# named import of login from @tarojs/taro). Then the ignored test tests/corpus.rs checks every
# JS/TS file and single-file component (.vue, .wpy, .mpx), migrated both without and with the
# WeCom module: it parses (or the error is reported as a real one), the tool neither panics nor
# fails internally (WX903), every census site is rewritten or reported and every rewrite is a
# census site, a file without a rewrite comes out byte-identical, a rewritten file parses,
# differs from the input only at the rewrite sites (and the module's one import), and does not
# change in a second run. Any failure fails the script.
#
#   scripts/corpus.sh              # fetch what is missing, then check
#   scripts/corpus.sh --release    # the same with an optimised build: a build of its own, a
#                                  # faster check (the default reuses `cargo test`'s build)
#   scripts/corpus.sh --fetch-only
#
# Needs node and npm, and the npm registry for the first fetch (packages and babel).
set -euo pipefail
cd "$(dirname "$0")/.."

fetch_only=false
profile=()
for arg in "$@"; do
  case "$arg" in
    --fetch-only) fetch_only=true ;;
    --release) profile=(--release) ;;
    *) echo "usage: scripts/corpus.sh [--fetch-only | --release]" >&2 && exit 2 ;;
  esac
done

# Pinned: the figures in docs/corpus.md are for exactly these.
PACKAGES=(
  @vant/weapp@1.11.7
  tdesign-miniprogram@1.16.0
  weui-miniprogram@1.5.6
  wux-weapp@3.11.3
  uview-ui@2.0.38
  mp-html@2.5.2
  @leancloud/platform-adapters-weapp@1.6.3
  leancloud-storage@4.15.2
  sa-sdk-miniprogram@1.22.7
  sentry-miniapp@0.11.0
  @cloudbase/adapter-wx_mp@1.3.1
  miniprogram-simulate@1.6.2
  wafer-client-sdk@0.8.4
  wafer2-client-sdk@2.1.0
  # Minified bundles over 32 KiB with real wx.login sites, where the nesting estimate runs.
  @cloudbase/js-sdk@3.7.0
  hydrogen-js-sdk@2.7.3
  umtrack-wx@2.8.0
  # Framework code. Taro: named imports of login, checkSession and getUserInfo from
  # @tarojs/taro (es/), the same through `require` (lib/), and in 1.x a UMD bundle whose `Taro`
  # is a parameter (not the framework).
  taro-hooks@2.2.0
  taro-hooks@1.5.10
  # uni-app: uni.login, uni.checkSession and uni.getUserInfo handed to a promisify (ESM and
  # CommonJS builds), uni.login with callbacks in a .vue page, and a .vue component library.
  @uni-helper/uni-promises@0.2.1
  ai-mind-clone-mp-biz-widgets@1.0.24
  uview-plus@3.8.112
  # WePY 1: the project templates of its CLI, wepy.getUserInfo in app.wpy.
  wepy-cli@1.7.3
)

CACHE="${CORPUS_CACHE:-$PWD/.corpus-cache}"
mkdir -p "$CACHE/tarballs" "$CACHE/src"

# @scope/name@1.2.3 -> scope-name-1.2.3, the name npm pack gives the tarball.
base_of() {
  local name="${1%@*}"
  echo "$(echo "${name#@}" | tr '/' '-')-${1##*@}"
}

# One npm process fetches every missing tarball: its start-up costs more than most downloads.
missing=()
for spec in "${PACKAGES[@]}"; do
  [[ -f "$CACHE/tarballs/$(base_of "$spec").tgz" ]] || missing+=("$spec")
done
if ((${#missing[@]})); then
  echo "fetching ${missing[*]}" >&2
  (cd "$CACHE/tarballs" && npm pack --silent "${missing[@]}" >/dev/null)
fi
for spec in "${PACKAGES[@]}"; do
  base="$(base_of "$spec")"
  dir="$CACHE/src/$base"
  if [[ ! -d "$dir" ]]; then
    mkdir -p "$dir.tmp"
    tar -xzf "$CACHE/tarballs/$base.tgz" -C "$dir.tmp"
    mv "$dir.tmp" "$dir"
  fi
done

# The census's babel, at the versions of its package-lock.json.
census=scripts/census
if [[ ! -f "$census/node_modules/.package-lock.json" ||
  "$census/package-lock.json" -nt "$census/node_modules/.package-lock.json" ]]; then
  (cd "$census" && npm ci --no-audit --no-fund --silent)
fi

$fetch_only && exit 0

node "$census/census.mjs" "$CACHE/src" "$CACHE/census.json"

errors="$CACHE/parse-errors.txt"
rm -f "$errors"
WXWORK_CORPUS="$CACHE/src" WXWORK_CORPUS_CENSUS="$CACHE/census.json" \
  WXWORK_CORPUS_PARSE_ERRORS="$errors" \
  cargo test --locked "${profile[@]}" --test corpus -- --ignored --nocapture

# A second opinion on each file swc rejects: node's own parser (JavaScript only), as a script
# and as a module. The text goes in on standard input: `node --check FILE` skips the check of a
# file with `import` or `export` when the file's package.json does not say it is a module.
if [[ -s "$errors" ]] && command -v node >/dev/null; then
  echo "node --check on the files that do not parse:"
  while IFS= read -r file; do
    case "$file" in
      *.js | *.cjs | *.mjs)
        if node --input-type=commonjs --check <"$file" >/dev/null 2>&1 ||
          node --input-type=module --check <"$file" >/dev/null 2>&1; then
          echo "  parses in node (check swc's verdict): $file"
        else
          echo "  also a syntax error in node: $file"
        fi
        ;;
    esac
  done <"$errors"
fi
