#!/usr/bin/env bash
# Fuzzes the whole per-file pipeline (fuzz/fuzz_targets/migrate.rs) with cargo-fuzz/libFuzzer.
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]     # default: 600 seconds
#
# cargo-fuzz needs nightly; RUSTC_BOOTSTRAP=1 lets the stable toolchain take its -Z flags.
# Seeds: every fixture input and the demo mini-program, each prefixed with its dialect byte
# (j/t/x). Crashes land in fuzz/artifacts/migrate/; keep one as a regression fixture in
# tests/fixtures/fuzz/<name>/input.<ext> (without the first byte).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true

command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz

seeds=fuzz/corpus/migrate
mkdir -p "$seeds"
while IFS= read -r -d '' file; do
  case "$file" in
    *.tsx) dialect=x ;;
    *.ts | *.mts | *.cts) dialect=t ;;
    *) dialect=j ;;
  esac
  name="seed-$(printf '%s' "$file" | sha1sum | cut -c1-16)"
  { printf '%s' "$dialect"; cat "$file"; } >"$seeds/$name"
done < <(find tests/fixtures fixtures -type f \
  \( -name '*.js' -o -name '*.ts' -o -name '*.tsx' -o -name '*.jsx' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.mts' -o -name '*.cts' \) \
  ! -name 'output.*' -print0)

cd fuzz
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --release migrate -- \
  -dict=migrate.dict -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=4096 \
  -print_final_stats=1 "$@"
