'use strict';
// The cross-built native packages, linux-arm64-gnu under qemu-user and win32-x64 under wine,
// installed from their tarballs as npm installs them on those machines and run through the
// launcher on every fixture project and demo: stdout, stderr (timings masked), exit code and
// written tree as the x64 binary's. On Windows the tool names files the OS's way, with `\`, as
// ruff does, while diff headers keep git's `/`: that difference is asserted, exactly.
// The packages for macOS and Windows arm64 cannot run here: for them, npm's choice of package
// and the launcher's choice of binary are tested, with a stand-in that names the binary it was
// asked to run (native-packages.test.js reads the binaries' headers; the release workflow
// first runs them, built again on their own OS).
// Needs scripts/build-npm.sh (it installs qemu-user and wine64) and `cargo build --release`.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, before } = require('node:test');
const { ROOT, TARBALLS, REFERENCE, PROJECTS, version, run, tree, interruptMidway } = require('../test-support/compare.js');

const WINE = '/usr/lib/wine/wine64';
const WINE_ENV = { WINEPREFIX: path.join(ROOT, 'target', 'wine'), WINEDEBUG: '-all' };
const CROSS = [
  {
    name: 'linux-arm64-gnu',
    machine: { os: 'linux', cpu: 'arm64', libc: 'glibc' },
    exe: 'wxwork-migrate',
    emulator: ['qemu-aarch64', '-L', '/usr/aarch64-linux-gnu'],
    env: {},
  },
  {
    name: 'win32-x64',
    machine: { os: 'win32', cpu: 'x64' },
    exe: 'wxwork-migrate.exe',
    emulator: [WINE],
    env: WINE_ENV,
  },
];
/** The packages no emulator here runs, and the stand-in for one: it prints the binary's path. */
const NOT_RUN_HERE = [
  { name: 'win32-arm64', machine: { os: 'win32', cpu: 'arm64' }, exe: 'wxwork-migrate.exe' },
  { name: 'darwin-x64', machine: { os: 'darwin', cpu: 'x64' }, exe: 'wxwork-migrate' },
  { name: 'darwin-arm64', machine: { os: 'darwin', cpu: 'arm64' }, exe: 'wxwork-migrate' },
];
const NAMES_THE_BINARY = [process.execPath, '-e', 'process.stdout.write(process.argv[1])'];
const MODES = [[], ['--write'], ['--check'], ['--output-format', 'json']];
/** The declarations the tool adds to a TypeScript project: a dry run names it before it exists. */
const TYPINGS = 'typings/wxwork.d.ts';

let scratch;

/** `@wxwork-migrate/win32-x64` for wxwork-migrate-win32-x64-<version>.tgz. */
function packageName(file) {
  return `@wxwork-migrate/${file.slice('wxwork-migrate-'.length, -`-${version()}.tgz`.length)}`;
}

function tarball(name) {
  const file = fs.readdirSync(TARBALLS).find((f) => f === `${name}-${version()}.tgz`);
  assert.ok(file, `no ${name} tarball in ${TARBALLS}`);
  return path.join(TARBALLS, file);
}

/** A wine prefix in target/ (made once: wine's first start takes seconds), with the DLL that
 * Rust's standard library needs and Debian's wine lacks (see ../test-support/wine/bcryptprimitives.c). */
function prepareWine() {
  const env = { ...process.env, ...WINE_ENV };
  if (!fs.existsSync(path.join(WINE_ENV.WINEPREFIX, 'system.reg'))) {
    execFileSync(WINE, ['wineboot', '--init'], { env, stdio: 'ignore' });
  }
  const dll = path.join(WINE_ENV.WINEPREFIX, 'drive_c', 'windows', 'system32', 'bcryptprimitives.dll');
  const source = path.join(__dirname, '..', 'test-support', 'wine', 'bcryptprimitives.c');
  execFileSync('x86_64-w64-mingw32-gcc', ['-O2', '-shared', '-s', '-o', dll, source, '-ladvapi32']);
}

/** npm's flags that install for another machine, as if npm ran there. */
function machineFlags({ os: system, cpu, libc }) {
  return [`--os=${system}`, `--cpu=${cpu}`, ...(libc ? [`--libc=${libc}`] : [])];
}

/** Installs the main package as npm would on `machine`, its optional platform packages taken
 * from target/npm/ instead of the registry; the platform packages npm chose. */
function npmInstall(machine) {
  const dir = fs.mkdtempSync(path.join(scratch, 'install-'));
  const platforms = fs.readdirSync(TARBALLS).filter((f) => f.endsWith('.tgz') && !/^wxwork-migrate-\d/.test(f));
  const overrides = Object.fromEntries(platforms.map((f) => [packageName(f), `file:${path.join(TARBALLS, f)}`]));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, overrides }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...machineFlags(machine), tarball('wxwork-migrate')], {
    cwd: dir,
    stdio: 'inherit',
  });
  const scope = path.join(dir, 'node_modules', '@wxwork-migrate');
  const chosen = fs.existsSync(scope) ? fs.readdirSync(scope) : [];
  return { dir, chosen };
}

/** The launcher installed for `cross`'s machine, and the environment that makes this one pass
 * for it (see ../test-support/emulate.js), running the binary with `emulator`. */
function installFor(cross, emulator = cross.emulator) {
  const { dir, chosen } = npmInstall(cross.machine);
  assert.deepEqual(chosen, [cross.name]);
  const env = {
    ...cross.env,
    NODE_OPTIONS: `--require ${path.join(__dirname, '..', 'test-support', 'emulate.js')}`,
    WXWORK_MIGRATE_TEST_PLATFORM: `${cross.machine.os}-${cross.machine.cpu}`,
    WXWORK_MIGRATE_TEST_EMULATOR: JSON.stringify(emulator),
  };
  return { dir, launcher: path.join(dir, 'node_modules', '.bin', 'wxwork-migrate'), env };
}

/** What the Windows binary prints where Linux prints `output`: each of `files` named with `\`
 * where the tool names an OS path (findings, messages, JSON's "path"); a diff's headers and
 * lines keep git's `/`. */
function withWindowsPaths(output, files, json) {
  const windows = (name) => name.replaceAll('/', '\\');
  if (json) {
    return output.replace(/^(\s*"path": ")([^"]*)"/gm, (_, key, name) => `${key}${windows(name).replaceAll('\\', '\\\\')}"`);
  }
  const names = files.filter((f) => f.includes('/')).sort((a, b) => b.length - a.length);
  return output
    .split('\n')
    .map((line) => (/^[-+@ \\]/.test(line) ? line : names.reduce((l, name) => l.replaceAll(name, windows(name)), line)))
    .join('\n');
}

function copy(project) {
  const dir = fs.mkdtempSync(path.join(scratch, 'tree-'));
  fs.cpSync(path.join(ROOT, project), dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wxwork-migrate-cross-'));
  prepareWine();
});

test('the main package lists every platform package at the crate version', () => {
  const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball('wxwork-migrate'), 'package/package.json'], { encoding: 'utf8' }));
  const platforms = fs
    .readdirSync(TARBALLS)
    .filter((f) => f.endsWith('.tgz') && !/^wxwork-migrate-\d/.test(f))
    .map(packageName)
    .sort();
  assert.deepEqual(manifest.optionalDependencies, Object.fromEntries(platforms.map((name) => [name, version()])));
  for (const cross of CROSS) assert.ok(platforms.includes(`@wxwork-migrate/${cross.name}`), cross.name);
});

test('npm installs the one platform package that matches the machine, or none', () => {
  const machines = [
    [{ os: 'win32', cpu: 'x64' }, ['win32-x64']],
    [{ os: 'linux', cpu: 'arm64', libc: 'glibc' }, ['linux-arm64-gnu']],
    [{ os: 'linux', cpu: 'x64', libc: 'glibc' }, ['linux-x64-gnu']],
    [{ os: 'linux', cpu: 'x64', libc: 'musl' }, ['linux-x64-musl']],
    [{ os: 'win32', cpu: 'arm64' }, ['win32-arm64']],
    [{ os: 'darwin', cpu: 'x64' }, ['darwin-x64']],
    [{ os: 'darwin', cpu: 'arm64' }, ['darwin-arm64']],
    [{ os: 'linux', cpu: 'arm64', libc: 'musl' }, []],
    [{ os: 'freebsd', cpu: 'x64' }, []],
  ];
  for (const [machine, expected] of machines) {
    assert.deepEqual(npmInstall(machine).chosen, expected, JSON.stringify(machine));
  }
});

for (const cross of CROSS) {
  test(`${cross.name}: the launcher picks it, and --version names the native backend`, () => {
    const { dir, launcher, env } = installFor(cross);
    assert.deepEqual(run(launcher, ['--version'], dir, env), {
      status: 0,
      stdout: `wxwork-migrate ${version()} (native)\n`,
      stderr: '',
    });
  });

  test(`${cross.name}: every fixture project and demo in every mode, as the x64 binary`, () => {
    const { launcher, env } = installFor(cross);
    for (const project of PROJECTS) {
      for (const args of MODES) {
        const expectedDir = copy(project);
        const actualDir = copy(project);
        const expected = run(REFERENCE, args, expectedDir, {});
        const actual = run(launcher, args, actualDir, { ...env, WXWORK_MIGRATE_BACKEND: 'native' });
        const label = `${project} ${args.join(' ')} (${cross.name})`;
        if (cross.machine.os === 'win32') {
          const files = [...Object.keys(tree(expectedDir)), TYPINGS];
          expected.stdout = withWindowsPaths(expected.stdout, files, args.includes('json'));
          expected.stderr = withWindowsPaths(expected.stderr, files, false);
        }
        assert.equal(actual.stdout, expected.stdout, `stdout of ${label}`);
        assert.equal(actual.stderr, expected.stderr, `stderr of ${label}`);
        assert.equal(actual.status, expected.status, `exit code of ${label}`);
        assert.deepEqual(tree(actualDir), tree(expectedDir), `tree written by ${label}`);
      }
    }
  });
}

for (const native of NOT_RUN_HERE) {
  test(`${native.name}: the launcher runs its binary, not the WebAssembly module`, () => {
    const { dir, launcher, env } = installFor(native, NAMES_THE_BINARY);
    const binary = path.join(dir, 'node_modules', '@wxwork-migrate', native.name, native.exe);
    assert.deepEqual(run(launcher, ['--version'], dir, env), { status: 0, stdout: binary, stderr: '' });
  });
}

/** The win32-x64 binary as npm installed it, and its name for cmd (wine's drive Z: is `/`). */
function windowsBinary() {
  const cross = CROSS.find((c) => c.name === 'win32-x64');
  const { dir } = installFor(cross);
  const exe = path.join(dir, 'node_modules', '@wxwork-migrate', cross.name, cross.exe);
  return { exe, cmdName: `Z:${exe.replaceAll('/', '\\')}` };
}

test("win32-x64: with no language variable, Windows' display language chooses", () => {
  const { cmdName } = windowsBinary();
  const project = copy('fixtures/demo-miniprogram');
  // wine takes the display language (GetUserDefaultUILanguage) from its own LC_ALL, installed
  // locale or not, and nothing else: HKCU\Control Panel\International is rewritten from it at
  // every start, and Desktop\PreferredUILanguages is not read. A program that wine starts
  // keeps wine's language but gets the environment its parent gives it: cmd's `set LC_ALL=`
  // leaves the tool no language variable at all.
  const noVariables = { ...WINE_ENV, WXWORK_MIGRATE_LANG: undefined, LC_MESSAGES: undefined, LANG: undefined };
  const check = (wineLocale) =>
    run(WINE, ['cmd', '/c', `set LC_ALL=&& ${cmdName} --check app.js`], project, { ...noVariables, LC_ALL: wineLocale });
  const chinese = check('zh_CN.UTF-8');
  assert.match(chinese.stdout, /^app\.js:\d+:\d+: WX101 wx\.login 已加判断/m, chinese.stderr);
  assert.match(chinese.stderr, /共扫描 1 个文件/);
  const english = check('en_US.UTF-8');
  assert.match(english.stdout, /^app\.js:\d+:\d+: WX101 wx\.login guarded/m, english.stderr);
});

test('win32-x64: --write keeps a file hidden and system', () => {
  const { exe } = windowsBinary();
  const project = copy('fixtures/demo-miniprogram');
  // wine's attrib takes one attribute a call.
  for (const flag of ['+h', '+s']) run(WINE, ['cmd', '/c', `attrib ${flag} app.js`], project, WINE_ENV);
  const attributes = () => run(WINE, ['cmd', '/c', 'attrib app.js'], project, WINE_ENV).stdout.split(/\s+Z:/)[0];
  assert.match(attributes(), /^(?=.*H)(?=.*S)/);
  const before = fs.readFileSync(path.join(project, 'app.js'), 'utf8');
  const written = run(WINE, [exe, '--write', 'app.js'], project, WINE_ENV);
  assert.equal(written.status, 0, written.stderr);
  assert.notEqual(fs.readFileSync(path.join(project, 'app.js'), 'utf8'), before);
  assert.match(attributes(), /^(?=.*H)(?=.*S)/, 'hidden and system after --write');
});

test('win32-x64: globs typed with backslashes, on the command line and in --exclude', () => {
  const { exe } = windowsBinary();
  const project = copy('fixtures/demo-miniprogram');
  const linux = (...args) => run(REFERENCE, ['-l', ...args], project, {}).stdout;
  const windows = (...args) => run(WINE, [exe, '-l', ...args], project, WINE_ENV).stdout;
  const withBackslashes = (list) => list.replaceAll('/', '\\');
  const pages = linux('pages/**/*.js');
  assert.match(pages, /^pages\/\S+\.js$/m);
  assert.equal(windows('pages\\**\\*.js'), withBackslashes(pages));
  const others = linux('--exclude', 'pages/**');
  assert.match(others, /^\S+\.js$/m);
  assert.doesNotMatch(others, /^pages\//m);
  assert.equal(windows('--exclude', 'pages\\**'), withBackslashes(others));
});

test('win32-x64: Ctrl-C midway through --write leaves whole files and no temporary file', async () => {
  // wine turns a SIGINT into the console's Ctrl-C event, as a Ctrl-C in a Windows console is.
  const cross = CROSS.find((c) => c.name === 'win32-x64');
  const { dir } = installFor(cross);
  const exe = path.join(dir, 'node_modules', '@wxwork-migrate', cross.name, cross.exe);
  const root = fs.mkdtempSync(path.join(scratch, 'interrupt-'));
  const run = interruptMidway(root, WINE, [exe, '--write', '--color', 'never'], WINE_ENV, (child) => child.kill('SIGINT'));
  const { code, stderr, written, total, temporary } = await run;
  assert.equal(code, 130, stderr);
  assert.ok(written > 0 && written < total, `${written} of ${total} written`);
  assert.match(stderr, new RegExp(`interrupted: ${written} files written`));
  assert.deepEqual(temporary, []);
});
