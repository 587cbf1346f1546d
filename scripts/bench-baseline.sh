#!/usr/bin/env bash
# This build against an earlier one, in one run: `--check` and the dry run of both binaries,
# taken in turn on the benchmark's trees (the same ones scripts/bench.sh generates), and `rg -l`
# for the names the tool looks for. Not a test: run it by hand before and after a change that
# may cost time.
#
#   scripts/bench-baseline.sh REV          # e.g. main, a tag, or a commit
#
# Environment: BENCH_SIZES (default "1000 10000"), BENCH_RUNS (default 7), BENCH_CORPUS as in
# scripts/bench.sh. REV is built in .bench-cache/baseline (a git worktree, a target folder of its
# own). Results: a table on stdout; the ratio is this build's median over the baseline's.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
REV=${1:?usage: scripts/bench-baseline.sh REV}
CACHE=$ROOT/.bench-cache
SIZES=${BENCH_SIZES:-"1000 10000"}
RUNS=${BENCH_RUNS:-7}
mkdir -p "$CACHE/trees"

command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }

echo "building this tree and $REV (release)" >&2
cargo build --release --locked --quiet
TOOL=${CARGO_TARGET_DIR:-$ROOT/target}/release/wxwork-migrate
BASE_SRC=$CACHE/baseline
git worktree remove --force "$BASE_SRC" 2>/dev/null || rm -rf "$BASE_SRC"
git worktree add --detach --force "$BASE_SRC" "$REV" >/dev/null 2>&1
(cd "$BASE_SRC" && CARGO_TARGET_DIR=$CACHE/baseline-target cargo build --release --locked --quiet)
BASE=$CACHE/baseline-target/release/wxwork-migrate
git worktree remove --force "$BASE_SRC"
BENCH=$(cargo bench --locked --bench bench --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)

PATTERN=$(scripts/check-names.sh)

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { # seconds COMMAND...: wall time of one run
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
}

printf '%-16s %-9s %10s %10s %7s\n' tree what baseline this ratio
compare() { # compare LABEL TREE
  local label=$1 tree=$2 what i
  find "$tree" -type f -exec cat {} + >/dev/null
  for what in check dry-run; do
    local flags=(--color never) base=() this=()
    [ "$what" = check ] && flags+=(--check)
    for ((i = 0; i < RUNS; i++)); do
      base+=("$(seconds "$BASE" "${flags[@]}" "$tree")")
      this+=("$(seconds "$TOOL" "${flags[@]}" "$tree")")
    done
    local b t
    b=$(printf '%s\n' "${base[@]}" | median)
    t=$(printf '%s\n' "${this[@]}" | median)
    printf '%-16s %-9s %9.3fs %9.3fs %6.2fx\n' "$label" "$what" "$b" "$t" \
      "$(awk -v a="$t" -v b="$b" 'BEGIN { print a / b }')"
  done
  local rg=()
  for ((i = 0; i < RUNS; i++)); do
    rg+=("$(seconds rg -l --no-messages -g '*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,vue,wpy,mpx}' \
      -g '!node_modules' -g '!miniprogram_npm' "$PATTERN" "$tree")")
  done
  printf '%-16s %-9s %10s %9.3fs\n' "$label" "rg -l" "" "$(printf '%s\n' "${rg[@]}" | median)"
}

compare demo "$ROOT/fixtures/demo-miniprogram"
for size in $SIZES; do
  for flavour in parse-all realistic; do
    dir=$CACHE/trees/$flavour-$size
    [ -e "$dir/.complete" ] || "$BENCH" gen "$dir" --files "$size" --flavour "$flavour" >&2
    compare "$flavour-$size" "$dir"
  done
done
CORPUS=${BENCH_CORPUS:-}
[ -z "$CORPUS" ] && [ -d .corpus-cache/src ] && CORPUS=.corpus-cache/src
if [ -n "$CORPUS" ] && [ "$CORPUS" != none ]; then
  compare corpus "$CORPUS"
fi
