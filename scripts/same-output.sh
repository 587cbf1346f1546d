#!/usr/bin/env bash
# Shows that two builds of the tool print and write the same bytes: the check for a change that
# must not change any output (moving code, a faster path). Both binaries explain every finding
# code, run over each folder in every output format and listing, in English and Chinese, then
# `--write` over two copies of the folder; every stdout, stderr (but the elapsed time), exit
# code and written tree is compared byte for byte.
#
#   scripts/same-output.sh OLD_BINARY NEW_BINARY DIR...
#
# For example, against the build of the last release:
#   git worktree add /tmp/old v0.1.0 && (cd /tmp/old && cargo build --release)
#   cargo build --release
#   scripts/same-output.sh /tmp/old/target/release/wxwork-migrate target/release/wxwork-migrate \
#     .corpus-cache/src fixtures tests/fixtures
set -euo pipefail

if (($# < 3)); then
  echo "usage: scripts/same-output.sh OLD_BINARY NEW_BINARY DIR..." >&2
  exit 2
fi
old="$(realpath "$1")"
new="$(realpath "$2")"
shift 2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

runs=0
differ=0
# The summary's elapsed time ("in 0.02s", "用时 0.02 秒") is the one part that may differ.
without_time() {
  sed -E 's/ in [0-9]+(\.[0-9]+)?m?s$//; s/用时 [0-9]+(\.[0-9]+)? 毫?秒$//' "$1"
}
# Runs both builds with the same arguments from the same folder, and compares what they print.
compare() {
  local name="$1"
  shift
  local side
  for side in old new; do
    local bin="$old"
    [[ $side == new ]] && bin="$new"
    set +e
    "$bin" "$@" >"$work/$side.out" 2>"$work/$side.raw-err"
    without_time "$work/$side.raw-err" >"$work/$side.err"
    echo "$?" >"$work/$side.code"
    set -e
  done
  runs=$((runs + 1))
  local part
  for part in out err code; do
    if ! cmp -s "$work/old.$part" "$work/new.$part"; then
      differ=$((differ + 1))
      echo "differs: $name ($part)" >&2
      diff "$work/old.$part" "$work/new.$part" | head -20 >&2 || true
    fi
  done
}

# Every code's `explain`, by the codes the old build knows.
for code in $("$old" explain '?' 2>&1 | grep -o 'WX[0-9][0-9][0-9]' | sort -u); do
  for lang in en zh; do
    compare "explain $code --lang $lang" --lang "$lang" explain "$code"
  done
done

for dir in "$@"; do
  for lang in en zh; do
    compare "$dir --lang $lang" --lang "$lang" "$dir"
    for format in concise json github sarif; do
      compare "$dir --check --output-format $format --lang $lang" \
        --check --output-format "$format" --lang "$lang" "$dir"
    done
    compare "$dir --check --statistics --lang $lang" --check --statistics --lang "$lang" "$dir"
    compare "$dir --readiness --lang $lang" --readiness --lang "$lang" "$dir"
    compare "$dir -l --lang $lang" -l --lang "$lang" "$dir"
  done
  # `--write` on two copies; the paths in the output are the copies', so each runs in its own
  # copy under the same name.
  for side in old new; do
    mkdir -p "$work/$side-tree"
    cp -a "$dir" "$work/$side-tree/tree"
  done
  for side in old new; do
    bin="$old"
    [[ $side == new ]] && bin="$new"
    set +e
    (cd "$work/$side-tree" && "$bin" --write --lang en tree >"$work/$side.write.out" 2>"$work/$side.raw-err")
    echo "$?" >"$work/$side.write.code"
    without_time "$work/$side.raw-err" >"$work/$side.write.err"
    set -e
  done
  runs=$((runs + 1))
  for part in write.out write.err write.code; do
    if ! cmp -s "$work/old.$part" "$work/new.$part"; then
      differ=$((differ + 1))
      echo "differs: $dir --write ($part)" >&2
    fi
  done
  if ! diff -r "$work/old-tree/tree" "$work/new-tree/tree" >/dev/null; then
    differ=$((differ + 1))
    echo "differs: the tree $dir --write leaves" >&2
    diff -rq "$work/old-tree/tree" "$work/new-tree/tree" | head -20 >&2 || true
  fi
  files=$(find "$dir" -type f | wc -l)
  echo "$dir: $files files, compared"
  rm -rf "$work/old-tree" "$work/new-tree"
done

echo "$runs runs of each build, $differ differences"
((differ == 0))
