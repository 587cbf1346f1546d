'use strict';
// Which optional package carries this machine's native binary. npm installs only the one whose
// `os`, `cpu` and `libc` match, so the one installed is the one to run; glibc and musl builds
// share an OS and a CPU, so when both are there (a forced install) the C library decides.

const path = require('node:path');

/** The platform packages, by `process.platform`-`process.arch`, then by C library. */
const PACKAGES = {
  'linux-x64': { glibc: '@wxwork-migrate/linux-x64-gnu', musl: '@wxwork-migrate/linux-x64-musl' },
  'linux-arm64': { glibc: '@wxwork-migrate/linux-arm64-gnu' },
  'win32-x64': { msvcrt: '@wxwork-migrate/win32-x64' },
  'win32-arm64': { ucrt: '@wxwork-migrate/win32-arm64' },
  'darwin-x64': { libsystem: '@wxwork-migrate/darwin-x64' },
  'darwin-arm64': { libsystem: '@wxwork-migrate/darwin-arm64' },
};

/** Asking Node for its report takes tens of milliseconds: only done when it must decide. */
function libc() {
  return process.report.getReport().header.glibcVersionRuntime ? 'glibc' : 'musl';
}

function installed(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** The native binary's path, or null when no matching package is installed. */
function nativeBinary() {
  const candidates = PACKAGES[`${process.platform}-${process.arch}`] ?? {};
  const found = Object.entries(candidates)
    .map(([lib, name]) => [lib, installed(name)])
    .filter(([, dir]) => dir);
  const chosen = found.length > 1 ? found.find(([lib]) => lib === libc()) : found[0];
  if (!chosen) return null;
  const exe = process.platform === 'win32' ? 'wxwork-migrate.exe' : 'wxwork-migrate';
  return path.join(chosen[1], exe);
}

module.exports = { nativeBinary };
