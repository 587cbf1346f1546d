#!/usr/bin/env bash
# The benchmark: wxwork-migrate against the read floor, swc parse-only, ast-grep, jscodeshift
# and rg, on the same generated trees, in one run. Not a test: run it by hand.
#
#   scripts/bench.sh                 1k and 10k trees of both flavours (about 10 and 100 MB)
#   BENCH_SIZES="1000 10000 50000" scripts/bench.sh      add the 50k tree for the scaling figure
#
# Environment:
#   BENCH_SIZES        tree sizes in files (default "1000 10000")
#   BENCH_RUNS         runs per measurement, the median is reported (default 3)
#   BENCH_STARTUP_RUNS runs per start-up and pre-commit measurement (default 20)
#   BENCH_JSCS_MAX     largest tree size jscodeshift runs on (default 10000); it is ~100x slower
#   BENCH_JSCS_RUNS    runs for jscodeshift (default BENCH_RUNS)
#   BENCH_CORPUS       a folder of real code (the reliability corpus); also measured when set,
#                      or when .corpus-cache/src exists (scripts/corpus.sh); "none" skips it
#
# The npm package's WebAssembly backend is measured too (rows `wasm-*`: one thread, as WASI has
# no others), from the tarballs of scripts/build-npm.sh (built when missing), installed into
# .bench-cache/npm-package and run through its launcher, as `npx wxwork-migrate` runs it: on
# the demo, the trees and the corpus. Start-up (an empty folder) and a pre-commit hook (a git
# repository with ten staged files and both packages installed, .bench-cache/hook-project) are
# measured through `npx`, through node_modules/.bin and for the native binary alone, beside
# Node's own start and `npx` of a package that does nothing: where the time goes.
#
# Every copy a timed write changed is kept until the end (see fresh_copy): about 15 copies of each
# tree, 3.3 GB with the default sizes and 4.5 GB more with a 50k tree.
#
# Installs what is missing: ripgrep, GNU time and hyperfine with apt-get, @ast-grep/cli and
# jscodeshift with npm into .bench-cache/npm. Trees go to .bench-cache/trees (git ignores both).
# Results: a table on stdout, and the raw figures in .bench-cache/results.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.bench-cache
SIZES=${BENCH_SIZES:-"1000 10000"}
RUNS=${BENCH_RUNS:-3}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-20}
JSCS_MAX=${BENCH_JSCS_MAX:-10000}
JSCS_RUNS=${BENCH_JSCS_RUNS:-$RUNS}
JOBS=$(nproc)
WRITE_JOBS=$((JOBS * 2)) # the tool's default for --write
AST_GREP_VERSION=0.51.1
JSCODESHIFT_VERSION=17.4.0
mkdir -p "$CACHE/trees" "$CACHE/npm"

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
command -v hyperfine >/dev/null || missing+=(hyperfine)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} with apt-get" >&2
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NPM_BIN=$CACHE/npm/node_modules/.bin
if [ ! -x "$NPM_BIN/ast-grep" ] || [ ! -x "$NPM_BIN/jscodeshift" ] \
  || ! "$NPM_BIN/ast-grep" --version | grep -q "$AST_GREP_VERSION"; then
  echo "installing @ast-grep/cli@$AST_GREP_VERSION and jscodeshift@$JSCODESHIFT_VERSION with npm" >&2
  [ -f "$CACHE/npm/package.json" ] || echo '{"private": true}' >"$CACHE/npm/package.json"
  npm install --prefix "$CACHE/npm" --no-audit --no-fund --silent \
    "@ast-grep/cli@$AST_GREP_VERSION" "jscodeshift@$JSCODESHIFT_VERSION" >&2
fi
SG=$NPM_BIN/ast-grep
JSCS=$NPM_BIN/jscodeshift

echo "building (release)" >&2
cargo build --release --locked --quiet
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
TOOL=$TARGET_DIR/release/wxwork-migrate
[ -e target/npm/stage ] || bash scripts/build-npm.sh >&2
PKG=$CACHE/npm-package
rm -rf "$PKG" && mkdir -p "$PKG" && echo '{"private": true}' >"$PKG/package.json"
npm install --prefix "$PKG" --no-audit --no-fund --silent target/npm/wxwork-migrate-[0-9]*.tgz >&2
WASM_TOOL=$PKG/node_modules/.bin/wxwork-migrate
export WXWORK_MIGRATE_BACKEND=wasm
# rg -l looks for what `--check` looks for.
CHECK_NAMES=$(scripts/check-names.sh)
BENCH=$(cargo bench --locked --bench bench --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)
[ -x "$BENCH" ] || { echo "could not build benches/bench/main.rs" >&2; exit 2; }

# --- measuring ---------------------------------------------------------------------------------
RESULTS=$CACHE/results.tsv
printf 'tree\tname\tfiles\tbytes\tseconds\tpeak_kb\tcpu_seconds\n' >"$RESULTS"
SKIP_GLOBS=(--globs '!node_modules' --globs '!miniprogram_npm')

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure TREE NAME RUNS PREPARE -- COMMAND...: runs PREPARE (untimed) then COMMAND, RUNS times;
# records the median wall time, the largest peak RSS (GNU time's %M: the biggest process) and
# the median CPU time (user + sys), which other load on the machine disturbs less than wall time.
measure() {
  local tree=$1 name=$2 runs=$3 prepare=$4 i
  shift 4
  for ((i = 0; i < runs; i++)); do
    run_once "$name" "$prepare" "$@"
  done
  record "$tree" "$name"
}

# run_once NAME PREPARE -- COMMAND...: one timed run of COMMAND after PREPARE, kept under NAME.
declare -A TIMES CPUS PEAKS
run_once() {
  local name=$1 prepare=$2 start end kb user sys
  shift 3
  eval "$prepare"
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$CACHE/time.out" "$@" >/dev/null 2>"$CACHE/last.err" || true
  end=$(date +%s%N)
  read -r kb user sys < <(tail -1 "$CACHE/time.out")
  CPUS[$name]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') "
  TIMES[$name]+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", (b - a) / 1e9 }') "
  ((kb > ${PEAKS[$name]:-0})) && PEAKS[$name]=$kb
  return 0
}

# record TREE NAME: the row of NAME's runs so far, which are then forgotten.
record() {
  local tree=$1 name=$2 t cpu rss=${PEAKS[$2]:-0}
  t=$(printf '%s\n' ${TIMES[$name]} | median)
  cpu=$(printf '%s\n' ${CPUS[$name]} | median)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tree" "$name" "$FILES" "$BYTES" "$t" "$rss" "$cpu" >>"$RESULTS"
  printf '  %-22s %8.3f s  cpu %8.2f s  %8d KB   (runs: %s)\n' "$name" "$t" "$cpu" "$rss" "${TIMES[$name]% }" >&2
  unset "TIMES[$name]" "CPUS[$name]" "PEAKS[$name]"
}

# The dry run and `--write`, alternately: their ratio is the target, and runs taken in turn share
# whatever the machine is doing, where five of one then five of the other would not.
measure_dry_and_write() {
  local tree=$1 runs=$2 i
  for ((i = 0; i < runs; i++)); do
    run_once dry-run : -- "$TOOL" --color never "$TREE"
    run_once write fresh_copy -- "$TOOL" --write --color never "$COPY"
  done
  record "$tree" dry-run
  record "$tree" write
}

# The copy is flushed to disk first, so that its writeback does not slow the timed writes.
# Spent copies are parked in $SPENT and deleted only when the benchmark ends: ext4 without a
# journal (this machine's) passes over every inode freed in the last one to six minutes when it
# creates a file, so a tree deleted before a timed `--write` slowed each of its temporary files
# (perf: `find_inode_bit` 7% of the run, the whole gap to the dry run), which no user's project
# has.
# Copies left by a run that was killed are parked too, not deleted now. The run's own deletion at
# the end frees hundreds of thousands of inodes: leave six minutes before the next run.
SPENT=$CACHE/trees/.spent
mkdir -p "$SPENT"
trap 'rm -rf "$SPENT"' EXIT
COPIES=0
for left in "$CACHE"/trees/.copy "$CACHE"/trees/.copy.old-*; do
  [ ! -e "$left" ] || mv "$left" "$SPENT/left-$((++COPIES))"
done
park_copy() {
  [ ! -e "$COPY" ] || mv "$COPY" "$SPENT/$((++COPIES))"
}
# Each copy is also read once before its sync, as the tree the other rows run on has been: `cp -a`
# keeps the files' access times but gives them a new change time, so relatime stamps each file's
# access time on its first read, and the timed run's `syncfs` would write back 14,000 inodes that
# the dry run on the tree never dirtied.
fresh_copy() {
  park_copy
  cp -a "$TREE" "$COPY" && find "$COPY" -type f -exec cat {} + >/dev/null && sync
}

jscodeshift_both() { # the .js files with babel's parser, then the .ts files with its TypeScript one
  local dir=$1
  shift
  "$JSCS" -t benches/jscodeshift-transform.js --cpus="$JOBS" --extensions=js --parser=babel \
    --ignore-pattern='**/node_modules/**' --ignore-pattern='**/miniprogram_npm/**' "$@" "$dir" \
    && "$JSCS" -t benches/jscodeshift-transform.js --cpus="$JOBS" --extensions=ts --parser=ts \
      --ignore-pattern='**/node_modules/**' --ignore-pattern='**/miniprogram_npm/**' "$@" "$dir"
}
export -f jscodeshift_both
export JSCS JOBS

# The native binary on one thread, and the WebAssembly backend, on $TREE (the native binary on
# all cores is the `check`, `dry-run` and `write` rows).
bench_backends() {
  local label=$1
  measure "$label" jobs-1-check "$RUNS" : -- "$TOOL" --check --color never --jobs 1 "$TREE"
  measure "$label" wasm-check "$RUNS" : -- "$WASM_TOOL" --check --color never "$TREE"
  measure "$label" wasm-dry-run "$RUNS" : -- "$WASM_TOOL" --color never "$TREE"
  measure "$label" wasm-write "$RUNS" fresh_copy -- "$WASM_TOOL" --write --color never "$COPY"
}

bench_tree() { # bench_tree LABEL DIR FULL(1|0|backends)
  local label=$1 full=$3
  TREE=$2
  COPY=$CACHE/trees/.copy
  read -r FILES BYTES < <("$BENCH" read "$TREE" | sed 's/files=\([0-9]*\) bytes=\([0-9]*\)/\1 \2/')
  echo "== $label: $FILES files, $((BYTES / 1000000)) MB" >&2
  find "$TREE" -type f -exec cat {} + >/dev/null # warm the page cache: every figure is a warm run
  if [ "$full" = backends ]; then
    measure "$label" check "$RUNS" : -- "$TOOL" --check --color never "$TREE"
    measure_dry_and_write "$label" "$RUNS"
    bench_backends "$label"
    park_copy
    return 0
  fi
  measure "$label" read "$RUNS" : -- "$BENCH" read "$TREE"
  measure "$label" parse-only "$RUNS" : -- "$BENCH" parse "$TREE"
  # The files the tool changes, parsed once more: the verification re-parse's share.
  "$TOOL" --check --color never "$TREE" 2>/dev/null | grep -E ': WX10[12] ' | cut -d: -f1 | sort -u \
    >"$CACHE/changed.txt" || true
  if [ -s "$CACHE/changed.txt" ]; then
    measure "$label" reparse-changed "$RUNS" : -- "$BENCH" parse --list "$CACHE/changed.txt"
  else
    measure "$label" reparse-changed "$RUNS" : -- true
  fi
  measure "$label" check "$RUNS" : -- "$TOOL" --check --color never "$TREE"
  measure_dry_and_write "$label" "$RUNS"
  # The same files replaced the same way with their own bytes: the disk's share of `write`.
  sed "s#^${TREE#"$ROOT"/}/#${COPY#"$ROOT"/}/#" "$CACHE/changed.txt" >"$CACHE/changed-copy.txt"
  if [ -s "$CACHE/changed.txt" ]; then
    measure "$label" write-floor "$RUNS" fresh_copy -- "$BENCH" write-floor --jobs "$WRITE_JOBS" \
      --list "$CACHE/changed-copy.txt"
    # The way `--write` wrote before batches: one sync per file before its rename.
    measure "$label" write-floor-per-file "$RUNS" fresh_copy -- "$BENCH" write-floor \
      --durability per-file --jobs "$WRITE_JOBS" --list "$CACHE/changed-copy.txt"
  else
    measure "$label" write-floor "$RUNS" : -- true
  fi
  measure "$label" rg "$RUNS" : -- rg -l --no-messages -g '*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}' \
    -g '!node_modules' -g '!miniprogram_npm' "$CHECK_NAMES" "$TREE"
  [ "$full" = 1 ] || return 0
  bench_backends "$label"
  measure "$label" ast-grep-diff "$RUNS" : -- "$SG" scan -c benches/ast-grep/sgconfig.yml \
    --color never "${SKIP_GLOBS[@]}" "$TREE"
  measure "$label" ast-grep-write "$RUNS" fresh_copy -- "$SG" scan -c benches/ast-grep/sgconfig.yml \
    -U "${SKIP_GLOBS[@]}" "$COPY"
  # jscodeshift is ~100x slower: on realistic trees it runs at 1k only (the ratio only grows).
  local size=${label##*-}
  [[ $size =~ ^[0-9]+$ ]] || size=$FILES
  if [ "$size" -le "$JSCS_MAX" ] && { [ "$size" -le 1000 ] || [[ $label != realistic-* ]]; }; then
    measure "$label" jscodeshift-dry "$JSCS_RUNS" : -- bash -c 'jscodeshift_both "$1" -d -s' _ "$TREE"
  fi
  park_copy
}

tree_for() { # tree_for FLAVOUR FILES: generates the tree once, then reuses it
  local dir=$CACHE/trees/$1-$2
  [ -e "$dir/.complete" ] || "$BENCH" gen "$dir" --files "$2" --flavour "$1" >&2
  echo "$dir"
}

bench_tree demo "$ROOT/fixtures/demo-miniprogram" backends
for size in $SIZES; do
  for flavour in parse-all realistic; do
    full=1
    [ "$size" -gt 10000 ] && full=0 # 50k: the tool's scaling only
    [ "$size" -gt 10000 ] && [ "$flavour" = realistic ] && continue
    bench_tree "$flavour-$size" "$(tree_for "$flavour" "$size")" "$full"
  done
done
CORPUS=${BENCH_CORPUS:-}
[ -z "$CORPUS" ] && [ -d .corpus-cache/src ] && CORPUS=.corpus-cache/src
if [ -n "$CORPUS" ] && [ "$CORPUS" != none ]; then
  bench_tree corpus "$CORPUS" 1
fi

# Pre-commit: ten staged files of the realistic tree, the binary warm.
PRE_TREE=$(tree_for realistic "$(echo "$SIZES" | awk '{ print $1 }')")
mapfile -t STAGED < <(cd "$PRE_TREE" && find pages utils services -name '*.[jt]s' | sort | head -10)
(cd "$PRE_TREE" && hyperfine -N --warmup 5 --runs 50 --export-json "$CACHE/precommit.json" \
  "$TOOL --check ${STAGED[*]}" >/dev/null 2>&1) || true

# --- start-up and a pre-commit hook, through npm ---------------------------------------------
# A project as `npm install -D wxwork-migrate` leaves it on this machine (the main package and
# the native one, from their tarballs), plus `noop`, a package whose bin does nothing: `npx noop`
# is what npx and Node cost before any code of ours runs.
HOOK=$CACHE/hook-project
rm -rf "$HOOK" && mkdir -p "$HOOK/noop"
printf '{"name": "noop", "version": "1.0.0", "bin": {"noop": "noop.js"}}\n' >"$HOOK/noop/package.json"
printf '#!/usr/bin/env node\n' >"$HOOK/noop/noop.js"
(
  cd "$HOOK"
  git init -q
  printf 'node_modules/\n' >.gitignore
  echo '{"private": true}' >package.json
  npm install --no-audit --no-fund --silent "$ROOT"/target/npm/wxwork-migrate-[0-9]*.tgz \
    "$ROOT"/target/npm/wxwork-migrate-linux-x64-gnu-*.tgz ./noop >&2
  for f in "${STAGED[@]}"; do
    mkdir -p "$(dirname "$f")" && cp "$PRE_TREE/$f" "$f"
  done
  git add "${STAGED[@]}"
)
FILES=${#STAGED[@]}
BYTES=$(cd "$HOOK" && cat "${STAGED[@]}" | wc -c)
HOOK_BIN=$HOOK/node_modules/.bin/wxwork-migrate
NATIVE_BIN=$HOOK/node_modules/@wxwork-migrate/linux-x64-gnu/wxwork-migrate
# The hook as the README's plain git hook runs it: the staged names, through npx.
HOOK_CMD='git diff --cached --name-only --diff-filter=ACM -z | xargs -0 -r npx wxwork-migrate --check --force-exclude'
echo "== start-up (an empty folder) and pre-commit (10 staged files)" >&2
mkdir -p "$CACHE/empty"
(
  cd "$CACHE/empty"
  measure start-up node "$STARTUP_RUNS" : -- node -e 0
  measure start-up native "$STARTUP_RUNS" : -- "$NATIVE_BIN" --check
  measure start-up bin-native "$STARTUP_RUNS" : -- env WXWORK_MIGRATE_BACKEND=native "$HOOK_BIN" --check
  measure start-up bin-wasm "$STARTUP_RUNS" : -- env WXWORK_MIGRATE_BACKEND=wasm "$HOOK_BIN" --check
)
(
  cd "$HOOK"
  measure pre-commit npx-version "$STARTUP_RUNS" : -- npx --version
  measure pre-commit npx-noop "$STARTUP_RUNS" : -- npx noop
  measure pre-commit native "$STARTUP_RUNS" : -- "$NATIVE_BIN" --check --force-exclude "${STAGED[@]}"
  measure pre-commit bin-native "$STARTUP_RUNS" : -- env WXWORK_MIGRATE_BACKEND=native "$HOOK_BIN" \
    --check --force-exclude "${STAGED[@]}"
  measure pre-commit bin-wasm "$STARTUP_RUNS" : -- env WXWORK_MIGRATE_BACKEND=wasm "$HOOK_BIN" \
    --check --force-exclude "${STAGED[@]}"
  measure pre-commit npx-native "$STARTUP_RUNS" : -- env WXWORK_MIGRATE_BACKEND=native bash -c "$HOOK_CMD"
  measure pre-commit npx-wasm "$STARTUP_RUNS" : -- env WXWORK_MIGRATE_BACKEND=wasm bash -c "$HOOK_CMD"
)
PRECOMMIT_MS=$(node -e 'const r=require(process.argv[1]).results[0]; console.log((r.median*1000).toFixed(1))' \
  "$CACHE/precommit.json" 2>/dev/null || echo "?")

# --- the table ---------------------------------------------------------------------------------
node - "$RESULTS" "$PRECOMMIT_MS" "$JOBS" <<'EOF'
const fs = require('fs');
const [file, precommit, jobs] = process.argv.slice(2);
const rows = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => {
  const [tree, name, files, bytes, seconds, kb, cpu] = l.split('\t');
  return { tree, name, files: +files, bytes: +bytes, s: +seconds, kb: +kb, cpu: +cpu };
});
const startup = ['start-up', 'pre-commit'];
const trees = [...new Set(rows.map((r) => r.tree))].filter((t) => !startup.includes(t));
const get = (tree, name) => rows.find((r) => r.tree === tree && r.name === name);
const ratio = (a, b) => (a && b ? `${(a.s / b.s).toFixed(2)}× (cpu ${(a.cpu / b.cpu).toFixed(2)}×)` : '');
console.log(`\n## wxwork-migrate benchmark (${jobs} jobs, median of runs, warm cache)\n`);
console.log('| tree | what | wall | cpu | files/s | MB/s | peak RSS | / parse-only | / ast-grep |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const pair = { check: 'ast-grep-diff', 'dry-run': 'ast-grep-diff', write: 'ast-grep-write' };
for (const tree of trees) {
  const parse = get(tree, 'parse-only');
  for (const r of rows.filter((x) => x.tree === tree)) {
    const sg = pair[r.name] ? get(tree, pair[r.name]) : undefined;
    const vsParse = r.name === 'parse-only' ? '' : ratio(r, parse);
    console.log(`| ${tree} (${r.files} files, ${(r.bytes / 1e6).toFixed(0)} MB) | ${r.name} | ` +
      `${r.s.toFixed(3)} s | ${r.cpu.toFixed(2)} s | ${Math.round(r.files / r.s)} | ${(r.bytes / 1e6 / r.s).toFixed(1)} | ` +
      `${(r.kb / 1024).toFixed(0)} MB | ${vsParse} | ${sg ? ratio(r, sg) : ''} |`);
  }
}
console.log('\n## targets\n');
for (const tree of trees.filter((t) => get(t, 'parse-only'))) {
  const p = get(tree, 'parse-only'), c = get(tree, 'check'), d = get(tree, 'dry-run'),
    w = get(tree, 'write'), rp = get(tree, 'reparse-changed'), rd = get(tree, 'read');
  const x = (a, b) => `${(a.s / b.s).toFixed(2)} (cpu ${(a.cpu / b.cpu).toFixed(2)})`;
  const budget = { s: p.s + rp.s, cpu: p.cpu + rp.cpu };
  const wf = get(tree, 'write-floor');
  const writeBudget = { s: budget.s + wf.s, cpu: budget.cpu + wf.cpu };
  const line = [`${tree}: check/parse-only ${x(c, p)}`,
    `dry-run/(parse-only+re-parse) ${x(d, budget)}`, `write/(parse-only+re-parse) ${x(w, budget)}`,
    `write/(parse-only+re-parse+write-floor) ${x(w, writeBudget)}`,
    `check/read ${x(c, rd)}`, `check/rg -l ${x(c, get(tree, 'rg'))}`];
  const sgD = get(tree, 'ast-grep-diff'), sgW = get(tree, 'ast-grep-write');
  if (sgD) line.push(`ast-grep/tool: check ${x(sgD, c)}, dry ${x(sgD, d)}, write ${x(sgW, w)}`);
  const j = get(tree, 'jscodeshift-dry');
  if (j) line.push(`jscodeshift/dry-run ${x(j, d)}`);
  const j1 = get(tree, 'jobs-1-check');
  if (j1) line.push(`check --jobs 1/--jobs ${jobs} ${x(j1, c)}`);
  const wc = get(tree, 'wasm-check');
  if (wc && j1) line.push(`WebAssembly check/native --jobs 1 ${x(wc, j1)}, /native --jobs ${jobs} ${x(wc, c)}`);
  console.log('- ' + line.join('; '));
}
const checks = rows.filter((r) => r.name === 'check' && r.tree.startsWith('parse-all'));
if (checks.length > 1) {
  console.log('- scaling (parse-all --check): ' + checks.map((r) =>
    `${r.files} files ${r.s.toFixed(2)} s (${Math.round(r.files / r.s)} files/s, ${(r.kb / 1024).toFixed(0)} MB peak)`).join(', '));
}
console.log(`- pre-commit, 10 files, warm: ${precommit} ms median`);
const demo = get('demo', 'wasm-check'), demo1 = get('demo', 'jobs-1-check');
// GNU time counts CPU in hundredths of a second: the native run on the demo can show none.
if (demo && demo1) console.log(`- demo: WebAssembly check/native --jobs 1 ${(demo.s / demo1.s).toFixed(2)}` +
  (demo1.cpu > 0 ? ` (cpu ${(demo.cpu / demo1.cpu).toFixed(2)})` : ''));
console.log('\n## start-up (an empty folder) and pre-commit (10 staged files), medians\n');
console.log('| what | wall | cpu | peak RSS |');
console.log('| --- | ---: | ---: | ---: |');
const what = {
  node: 'Node.js alone (`node -e 0`)', native: 'the native binary alone',
  'bin-native': 'node_modules/.bin, native backend', 'bin-wasm': 'node_modules/.bin, WebAssembly backend',
  'npx-version': '`npx --version`', 'npx-noop': '`npx` of a bin that does nothing (the floor)',
  'npx-native': 'the git hook through `npx`, native backend', 'npx-wasm': 'the git hook through `npx`, WebAssembly backend',
};
for (const r of rows.filter((x) => startup.includes(x.tree))) {
  console.log(`| ${r.tree}: ${what[r.name] ?? r.name} | ${(r.s * 1000).toFixed(0)} ms | ` +
    `${(r.cpu * 1000).toFixed(0)} ms | ${(r.kb / 1024).toFixed(0)} MB |`);
}
EOF
