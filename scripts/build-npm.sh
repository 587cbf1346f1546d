#!/usr/bin/env bash
# Builds the npm packages and leaves their tarballs in target/npm/:
#   wxwork-migrate-<version>.tgz                   the launcher and the WASI module (any OS, any CPU)
#   wxwork-migrate-linux-x64-gnu-<version>.tgz     the native binary for Linux x64, glibc
#   wxwork-migrate-linux-x64-musl-<version>.tgz    the native binary for Linux x64, musl
# The main package lists the native ones in optionalDependencies; npm installs the one whose
# os, cpu and libc match. Every version is the crate's, from Cargo.toml.
#
#   scripts/build-npm.sh
#
# Each build is cargo's: one that is up to date (the release build of `cargo test --release`,
# say) is reused. Needs rustup (adds the musl target if missing), musl-gcc (apt's musl-tools:
# mimalloc is C) and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
OUT=target/npm
STAGE="$OUT/stage"
rm -rf "$STAGE" "$OUT"/*.tgz
mkdir -p "$STAGE"

# name target libc: the native packages, built here because this machine can build and run them.
NATIVE=(
  "linux-x64-gnu x86_64-unknown-linux-gnu glibc"
  "linux-x64-musl x86_64-unknown-linux-musl musl"
)

bash scripts/build-wasm.sh
command -v musl-gcc >/dev/null || { echo "build-npm.sh: musl-gcc is missing (apt-get install musl-tools)" >&2; exit 1; }
rustup target list --installed | grep -qx x86_64-unknown-linux-musl \
  || rustup target add x86_64-unknown-linux-musl

optional=()
for entry in "${NATIVE[@]}"; do
  read -r name target libc <<<"$entry"
  if [[ $target == x86_64-unknown-linux-gnu ]]; then
    cargo build --locked --release --bin wxwork-migrate
    binary=target/release/wxwork-migrate
  else
    cargo build --locked --release --target "$target" --bin wxwork-migrate
    binary="target/$target/release/wxwork-migrate"
  fi
  dir="$STAGE/$name"
  mkdir -p "$dir"
  cp "$binary" "$dir/wxwork-migrate"
  strip "$dir/wxwork-migrate"
  node -e '
    const [name, version, libc] = process.argv.slice(1);
    const main = require("./npm/wxwork-migrate/package.json");
    const manifest = {
      name: `@wxwork-migrate/${name}`,
      version,
      description: `The native ${name} binary of wxwork-migrate, installed by it when it matches`,
      license: main.license,
      repository: main.repository,
      os: ["linux"],
      cpu: ["x64"],
      libc: [libc],
      files: ["wxwork-migrate"],
      preferUnplugged: true,
      publishConfig: { access: "public" },
    };
    process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");
  ' "$name" "$VERSION" "$libc" >"$dir/package.json"
  optional+=("@wxwork-migrate/$name")
done

main="$STAGE/wxwork-migrate"
cp -r npm/wxwork-migrate "$main"
rm -rf "$main/test"
cp target/wasi/wxwork-migrate.wasm "$main/"
node -e '
  const fs = require("fs");
  const [file, version, ...optional] = process.argv.slice(1);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  manifest.version = version;
  manifest.optionalDependencies = Object.fromEntries(optional.map((name) => [name, version]));
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
' "$main/package.json" "$VERSION" "${optional[@]}"

for dir in "$STAGE"/*/; do
  npm pack --silent --pack-destination "$OUT" "$dir" >/dev/null
done
for tarball in "$OUT"/*.tgz; do
  echo "built $tarball: $(stat -c %s "$tarball") bytes"
done
