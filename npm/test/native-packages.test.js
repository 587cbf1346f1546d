'use strict';
// The seven native packages of target/npm/, each read from its tarball: the manifest's `os`,
// `cpu` and `libc` are the machine the table below names, and the binary's own header (ELF
// e_machine, PE Machine, Mach-O cputype; ../test-support/headers.js) says the same format and
// CPU, with what that OS's loader needs before it runs the program.
//
// The Linux and Windows x64 binaries also run here, in package.test.js and cross.test.js
// (natively, or under qemu-user and wine). The macOS ones and Windows arm64 do not: nothing on
// this machine runs a Mach-O program or an arm64 PE, so these checks of their bytes are all
// that is proven of them here. They are first run in the release workflow
// (.github/workflows/release.yml), which builds those three packages again on runners of their
// own OS and CPU, runs them through the launcher there, and publishes those builds (ci.yml
// does the same for darwin-arm64 on every push).
// Needs scripts/build-npm.sh, and rustc for the minimum macOS it targets.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { TARBALLS, version } = require('../test-support/compare.js');
const { readHeader } = require('../test-support/headers.js');

const NATIVE = [
  { name: 'linux-x64-gnu', os: 'linux', cpu: 'x64', libc: 'glibc' },
  { name: 'linux-x64-musl', os: 'linux', cpu: 'x64', libc: 'musl' },
  { name: 'linux-arm64-gnu', os: 'linux', cpu: 'arm64', libc: 'glibc' },
  { name: 'win32-x64', os: 'win32', cpu: 'x64' },
  { name: 'win32-arm64', os: 'win32', cpu: 'arm64' },
  { name: 'darwin-x64', os: 'darwin', cpu: 'x64' },
  { name: 'darwin-arm64', os: 'darwin', cpu: 'arm64' },
];
const FORMATS = { linux: 'ELF', win32: 'PE', darwin: 'Mach-O' };
const MACOS_TARGETS = { x64: 'x86_64-apple-darwin', arm64: 'aarch64-apple-darwin' };
/** The dynamic loader a glibc binary asks for, by CPU; the musl build is static and asks for none. */
const GLIBC_LOADERS = { x64: '/lib64/ld-linux-x86-64.so.2', arm64: '/lib/ld-linux-aarch64.so.1' };
const PE_CONSOLE_SUBSYSTEM = 3;
/** DLLs of Windows 10 and 11 themselves (the API sets name the Universal CRT among them): a DLL
 * of the toolchain's (libunwind, libgcc, winpthread) would be missing on a user's machine, and
 * the program would not start. */
const WINDOWS_DLLS = /^(api-ms-win-[a-z0-9-]+|kernel32|ntdll|msvcrt|advapi32|bcryptprimitives|userenv|ws2_32)\.dll$/i;
/** Where macOS keeps its own libraries; anything else would be missing on a user's Mac. */
const MACOS_LIBRARIES = /^(\/usr\/lib\/|\/System\/Library\/)/;

function tarball(name) {
  return path.join(TARBALLS, `wxwork-migrate-${name}-${version()}.tgz`);
}

function executable(os) {
  return os === 'win32' ? 'wxwork-migrate.exe' : 'wxwork-migrate';
}

function extract(name, file) {
  return execFileSync('tar', ['-xOzf', tarball(name), `package/${file}`], { maxBuffer: 256 * 1024 * 1024 });
}

/** rustc's default minimum macOS for `cpu`: the one the release workflow's builds on macOS get. */
function rustcMinimumMacos(cpu) {
  const printed = execFileSync('rustc', ['--print', 'deployment-target', '--target', MACOS_TARGETS[cpu]], { encoding: 'utf8' });
  return printed.match(/^MACOSX_DEPLOYMENT_TARGET=(\d+\.\d+)/m)[1];
}

test('target/npm/ holds the main package and the seven native packages, no other', () => {
  const built = fs.readdirSync(TARBALLS).filter((f) => f.endsWith('.tgz')).sort();
  const expected = ['wxwork-migrate', ...NATIVE.map((p) => `wxwork-migrate-${p.name}`)].map((n) => `${n}-${version()}.tgz`);
  assert.deepEqual(built, expected.sort());
});

for (const native of NATIVE) {
  const exe = executable(native.os);

  test(`${native.name}: the manifest names its machine, and the tarball holds only it and the binary`, () => {
    const manifest = JSON.parse(extract(native.name, 'package.json'));
    assert.equal(manifest.name, `@wxwork-migrate/${native.name}`);
    assert.equal(manifest.version, version());
    assert.deepEqual(manifest.os, [native.os]);
    assert.deepEqual(manifest.cpu, [native.cpu]);
    assert.deepEqual(manifest.libc, native.libc && [native.libc]);
    assert.deepEqual(manifest.files, [exe]);
    const listing = execFileSync('tar', ['-tzf', tarball(native.name)], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    assert.deepEqual(listing, ['package/package.json', `package/${exe}`]);
  });

  test(`${native.name}: the binary's header is ${FORMATS[native.os]} for ${native.cpu}`, () => {
    const header = readHeader(extract(native.name, exe));
    assert.equal(header.format, FORMATS[native.os]);
    assert.equal(header.cpu, native.cpu);
    if (header.format === 'ELF') {
      assert.equal(header.interpreter, native.libc === 'glibc' ? GLIBC_LOADERS[native.cpu] : null);
    } else if (header.format === 'PE') {
      assert.equal(header.subsystem, PE_CONSOLE_SUBSYSTEM);
      assert.deepEqual(header.dlls.filter((dll) => !WINDOWS_DLLS.test(dll)), []);
    } else {
      assert.deepEqual(header.libraries.filter((library) => !MACOS_LIBRARIES.test(library)), []);
      assert.equal(header.minimumMacos, rustcMinimumMacos(native.cpu));
      // macOS on arm64 kills a program whose pages do not match its signature, and runs none
      // unsigned (the linker's ad hoc signature is enough); x64 Macs run unsigned programs, but
      // a signature there must hold too.
      if (native.cpu === 'arm64') assert.ok(header.signature, 'an arm64 macOS binary must be signed');
      if (header.signature) assert.notEqual(header.signature.directories.length, 0);
      for (const directory of header.signature?.directories ?? []) {
        assert.equal(directory.codeLimit, header.signature.offset, 'the signature covers the whole file before it');
        assert.ok(directory.coversEveryPage, 'a hash for every page up to the code limit');
        assert.deepEqual(directory.mismatchedPages, []);
      }
    }
  });
}
