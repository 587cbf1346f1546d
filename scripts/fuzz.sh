#!/usr/bin/env bash
# Fuzzes the tool with cargo-fuzz/libFuzzer, one target after the other:
#   migrate    the per-file pipeline on JavaScript/TypeScript (fuzz/fuzz_targets/migrate.rs)
#   component  `.vue`/`.wpy` components and `.wxml` templates (fuzz/fuzz_targets/component.rs)
#   tree       the whole command line, dry run, --check and --write, on a generated tree
#              (fuzz/fuzz_targets/tree.rs)
# The first two also pad inputs past the 32 KiB from which nesting is estimated; the tree
# target sets --max-file-size around its files' sizes.
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]    # default: 600 seconds a target
#   FUZZ_TARGETS="component tree" scripts/fuzz.sh 300         # some targets only
#
# cargo-fuzz needs nightly; RUSTC_BOOTSTRAP=1 lets the stable toolchain take its -Z flags.
# Seeds come from the fixtures and the demo mini-program. Crashes land in
# fuzz/artifacts/<target>/; keep one as a regression fixture in tests/fixtures/fuzz/<name>/
# (for migrate and component: the input without its first byte, under the matching name).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=(${FUZZ_TARGETS:-migrate component tree})

command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz

# A seed file: its name from its content's hash, so reruns do not pile up copies.
seed() {
  local dir="$1" prefix="$2" file="$3"
  local name
  name="seed-$( { printf '%s' "$prefix"; cat "$file"; } | sha1sum | cut -c1-16)"
  { printf '%s' "$prefix"; cat "$file"; } >"$dir/$name"
}

sources() {
  find tests/fixtures tests/fixtures-wxml fixtures -type f ! -name 'output.*' \
    \( "$@" \) -print0
}

mkdir -p fuzz/corpus/migrate fuzz/corpus/component fuzz/corpus/tree
while IFS= read -r -d '' file; do
  case "$file" in
    *.tsx) seed fuzz/corpus/migrate x "$file" ;;
    *.ts | *.mts | *.cts) seed fuzz/corpus/migrate t "$file" ;;
    *) seed fuzz/corpus/migrate j "$file" ;;
  esac
  # The tree target: the file as a page, beside itself in node_modules, --max-file-size 4 KiB.
  # A pick byte is the folder (low three bits) and kind (the next three): see tree.rs.
  { printf '\100\001'; cat "$file"; printf '\377\004'; cat "$file"; } \
    >"fuzz/corpus/tree/seed-$(sha1sum <"$file" | cut -c1-16)"
done < <(sources -name '*.js' -o -name '*.ts' -o -name '*.tsx' -o -name '*.jsx' -o -name '*.mjs' \
  -o -name '*.cjs' -o -name '*.mts' -o -name '*.cts')
while IFS= read -r -d '' file; do
  case "$file" in
    *.vue) seed fuzz/corpus/component v "$file" ;;
    *.wpy) seed fuzz/corpus/component w "$file" ;;
    *) seed fuzz/corpus/component m "$file" ;;
  esac
done < <(sources -name '*.vue' -o -name '*.wpy' -o -name '*.wxml')

cd fuzz
for target in "${targets[@]}"; do
  echo "== $target: $seconds s" >&2
  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --release "$target" -- \
    -dict=migrate.dict -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=4096 \
    -print_final_stats=1 "$@"
done
