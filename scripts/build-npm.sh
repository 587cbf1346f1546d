#!/usr/bin/env bash
# Builds the npm packages and leaves their tarballs in target/npm/:
#   wxwork-migrate-<version>.tgz                   the launcher and the WASI module (any OS, any CPU)
#   wxwork-migrate-linux-x64-gnu-<version>.tgz     the native binary for Linux x64, glibc
#   wxwork-migrate-linux-x64-musl-<version>.tgz    the native binary for Linux x64, musl
#   wxwork-migrate-linux-arm64-gnu-<version>.tgz   the native binary for Linux arm64, glibc
#   wxwork-migrate-win32-x64-<version>.tgz         the native binary for Windows x64
#   wxwork-migrate-win32-arm64-<version>.tgz       the native binary for Windows arm64
#   wxwork-migrate-darwin-x64-<version>.tgz        the native binary for macOS x64
#   wxwork-migrate-darwin-arm64-<version>.tgz      the native binary for macOS arm64
# The main package lists the native ones in optionalDependencies; npm installs the one whose
# os, cpu and libc match. Every version is the crate's, from Cargo.toml.
#
#   scripts/build-npm.sh
#
# Each build is cargo's: one that is up to date (the release build of `cargo test --release`,
# say) is reused. Needs rustup (adds the targets if missing), npm, python3 (for a venv), Debian's
# C cross compilers for mimalloc and the linkers (musl-tools, gcc-aarch64-linux-gnu,
# gcc-mingw-w64), its llvm-strip, and the emulators that run the cross-built binaries in the
# tests (qemu-user, wine64): each is installed with apt-get when missing. zig and cargo-zigbuild
# come from PyPI, at the versions pinned below. The build fails if an install fails.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
OUT=target/npm
STAGE="$OUT/stage"
rm -rf "$STAGE" "$OUT"/*.tgz
mkdir -p "$STAGE"

# name target os cpu libc (- for none) build strip: the native packages. `build` is the cargo
# subcommand. `build` links with Debian's cross compilers, for the machines whose binaries this
# one also runs (natively, or under qemu-user and wine). `zigbuild` (cargo-zigbuild) compiles
# mimalloc's C and links with zig, for macOS and Windows arm64: Debian has no cross compilers
# for them, and zig carries the macOS system libraries' stubs and MinGW-w64's import libraries.
# Nothing here runs those three; they are first run on their own OS in the release workflow.
# Debian's llvm-strip strips Mach-O and arm64 PE too, and signs the arm64 macOS binary again
# (ad hoc, as the linker did), without which macOS on arm64 would not run it.
NATIVE=(
  "linux-x64-gnu x86_64-unknown-linux-gnu linux x64 glibc build strip"
  "linux-x64-musl x86_64-unknown-linux-musl linux x64 musl build strip"
  "linux-arm64-gnu aarch64-unknown-linux-gnu linux arm64 glibc build aarch64-linux-gnu-strip"
  "win32-x64 x86_64-pc-windows-gnu win32 x64 - build x86_64-w64-mingw32-strip"
  "win32-arm64 aarch64-pc-windows-gnullvm win32 arm64 - zigbuild llvm-strip"
  "darwin-x64 x86_64-apple-darwin darwin x64 - zigbuild llvm-strip"
  "darwin-arm64 aarch64-apple-darwin darwin arm64 - zigbuild llvm-strip"
)

# command package: Debian's packages, so a fresh machine (CI's) builds without a manual step.
# libc6-dev-arm64-cross and wine64's own binary are only recommended or not on PATH, so they
# are named by a file they install.
TOOLS=(
  "musl-gcc musl-tools"
  "aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu"
  "/usr/aarch64-linux-gnu/include/stdio.h libc6-dev-arm64-cross"
  "x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64"
  "llvm-strip llvm"
  "qemu-aarch64 qemu-user"
  "/usr/lib/wine/wine64 wine64"
)
missing=()
for entry in "${TOOLS[@]}"; do
  read -r tool package <<<"$entry"
  if [[ $tool == /* ]]; then [[ -e $tool ]] || missing+=("$package")
  else command -v "$tool" >/dev/null || missing+=("$package"); fi
done
if ((${#missing[@]})); then
  echo "build-npm.sh: installing ${missing[*]}" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
    || { echo "build-npm.sh: could not install ${missing[*]} (apt-get, as root)" >&2; exit 1; }
fi

# zig (PyPI's ziglang) and cargo-zigbuild (PyPI's build of the crates.io tool, so nothing is
# compiled), in a venv of their own in .integration-cache/ (git ignores it). Pinned together,
# as cargo-zigbuild's CI tests them: another zig links other binaries. cargo-zigbuild runs zig
# as `python -m ziglang` with the python it is given, this venv's: the pinned zig links even
# where another zig is on PATH.
ZIGBUILD_PACKAGES=(cargo-zigbuild==0.24.1 ziglang==0.16.0)
ZIGBUILD_VENV=$PWD/.integration-cache/zigbuild
if [[ $("$ZIGBUILD_VENV/bin/pip" freeze 2>/dev/null) != "$(printf '%s\n' "${ZIGBUILD_PACKAGES[@]}")" ]]; then
  echo "build-npm.sh: installing ${ZIGBUILD_PACKAGES[*]} into $ZIGBUILD_VENV" >&2
  rm -rf "$ZIGBUILD_VENV"
  { python3 -m venv "$ZIGBUILD_VENV" \
    && PIP_DISABLE_PIP_VERSION_CHECK=1 "$ZIGBUILD_VENV/bin/pip" install -q "${ZIGBUILD_PACKAGES[@]}" >&2; } \
    || { echo "build-npm.sh: could not install ${ZIGBUILD_PACKAGES[*]} (pip, from PyPI)" >&2; exit 1; }
fi
ZIGBUILD_ENV=(PATH="$ZIGBUILD_VENV/bin:$PATH" CARGO_ZIGBUILD_PYTHON_PATH="$ZIGBUILD_VENV/bin/python3")

bash scripts/build-wasm.sh

optional=()
for entry in "${NATIVE[@]}"; do
  read -r name target os cpu libc build strip <<<"$entry"
  exe=wxwork-migrate
  [[ $os == win32 ]] && exe=wxwork-migrate.exe
  if [[ $target == x86_64-unknown-linux-gnu ]]; then
    cargo build --locked --release --bin wxwork-migrate
    binary=target/release/$exe
  else
    rustup target list --installed | grep -qx "$target" || rustup target add "$target"
    build_env=()
    [[ $build == zigbuild ]] && build_env+=("${ZIGBUILD_ENV[@]}")
    # zig's own default minimum macOS (13.0) would shut out versions that Rust supports: ask for
    # rustc's, which the release workflow's builds on macOS get. Without an SDK here rustc warns
    # that xcrun is missing; zig's stubs of the system libraries stand in for the SDK.
    [[ $os == darwin ]] && build_env+=("$(rustc --print deployment-target --target "$target")")
    # zig's C compiler makes __DATE__ an error (-Werror=date-time); mimalloc's build script
    # lets it pass on every OS but Windows, where it expects MSVC or MinGW's GCC.
    [[ $build == zigbuild && $os == win32 ]] && build_env+=("CFLAGS_${target//-/_}=-Wno-error=date-time")
    env "${build_env[@]}" cargo "$build" --locked --release --target "$target" --bin wxwork-migrate
    binary="target/$target/release/$exe"
  fi
  dir="$STAGE/$name"
  mkdir -p "$dir"
  cp "$binary" "$dir/$exe"
  "$strip" "$dir/$exe"
  node -e '
    const [name, version, os, cpu, libc, exe] = process.argv.slice(1);
    const main = require("./npm/wxwork-migrate/package.json");
    const system = { linux: "Linux", win32: "Windows", darwin: "macOS" }[os];
    const label = `${system} ${cpu}${libc === "-" ? "" : ` (${libc})`}`;
    const manifest = {
      name: `@wxwork-migrate/${name}`,
      version,
      description: `The native ${label} binary of wxwork-migrate, which runs it on a matching machine`,
      license: main.license,
      repository: main.repository,
      os: [os],
      cpu: [cpu],
      ...(libc === "-" ? {} : { libc: [libc] }),
      files: [exe],
      preferUnplugged: true,
      publishConfig: { access: "public" },
    };
    process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");
  ' "$name" "$VERSION" "$os" "$cpu" "$libc" "$exe" >"$dir/package.json"
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
