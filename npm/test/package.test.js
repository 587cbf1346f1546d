'use strict';
// The packed packages, installed from their tarballs into a scratch project, against the native
// binary cargo builds: the same stdout, stderr (timings masked), exit code and written tree, with
// each backend. Needs scripts/build-npm.sh and `cargo build --release` first.

const assert = require('node:assert/strict');
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, before } = require('node:test');
const { ROOT, TARBALLS, REFERENCE, PROJECTS, version, run, tree, interruptMidway } = require('../test-support/compare.js');

const MODES = [[], ['--write'], ['--check'], ['--output-format', 'json'], ['--jobs', '3', '--check']];

let scratch;
let launcher;

before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wxwork-migrate-npm-'));
  const install = path.join(scratch, 'install');
  fs.mkdirSync(install);
  fs.writeFileSync(path.join(install, 'package.json'), '{"private": true}\n');
  // npm refuses a platform package for another machine: the main one and this machine's.
  const tarballs = fs.readdirSync(TARBALLS).filter((f) => /^wxwork-migrate-(\d|linux-x64-gnu-)/.test(f));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...tarballs.map((f) => path.join(TARBALLS, f))], {
    cwd: install,
    stdio: 'inherit',
  });
  launcher = path.join(install, 'node_modules', '.bin', 'wxwork-migrate');
});

function copy(project) {
  const dir = fs.mkdtempSync(path.join(scratch, 'tree-'));
  fs.cpSync(path.join(ROOT, project), dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** Runs `args` in a fresh copy of `project` with the native binary and with the package. */
function compare(project, args, backend, input) {
  const expectedDir = copy(project);
  const actualDir = copy(project);
  const expected = run(REFERENCE, args, expectedDir, {}, input);
  const actual = run(launcher, args, actualDir, { WXWORK_MIGRATE_BACKEND: backend }, input);
  const label = `${project} ${args.join(' ')} (${backend})`;
  assert.equal(actual.stdout, expected.stdout, `stdout of ${label}`);
  assert.equal(actual.stderr, expected.stderr, `stderr of ${label}`);
  assert.equal(actual.status, expected.status, `exit code of ${label}`);
  assert.deepEqual(tree(actualDir), tree(expectedDir), `tree written by ${label}`);
}

for (const backend of ['wasm', 'native']) {
  for (const project of PROJECTS) {
    test(`${backend}: ${project} in every mode, as the native binary`, () => {
      for (const args of MODES) compare(project, args, backend);
    });
  }

  test(`${backend}: --stdin-filename, as the native binary`, () => {
    const source = fs.readFileSync(path.join(ROOT, 'fixtures/demo-miniprogram/utils/session.js'));
    compare('fixtures/demo-miniprogram', ['--stdin-filename', 'utils/session.js'], backend, source);
    compare('fixtures/demo-miniprogram', ['--stdin-filename', 'utils/session.js', '--diff'], backend, source);
  });

  test(`${backend}: a file on which swc's parser panics, among others`, () => {
    const dir = path.join(scratch, `crash-${backend}`);
    fs.mkdirSync(dir);
    const page = "Page({ onLoad () { wx.login({ success: () => {} }) } })\n";
    fs.writeFileSync(path.join(dir, 'a.js'), page);
    fs.copyFileSync(path.join(ROOT, 'tests/fixtures/fuzz/jsx-namespaced-member/input.js'), path.join(dir, 'b.js'));
    fs.copyFileSync(path.join(ROOT, 'tests/fixtures/fuzz/template-bad-escape/input.js'), path.join(dir, 'c.js'));
    fs.writeFileSync(path.join(dir, 'd.js'), page);
    for (const args of [[], ['--check'], ['--write'], ['--output-format', 'json']]) {
      compare(path.relative(ROOT, dir), args, backend);
    }
    const crashing = fs.readFileSync(path.join(dir, 'b.js'));
    compare(path.relative(ROOT, dir), ['--stdin-filename', 'b.js'], backend, crashing);
    const checked = run(launcher, ['--check'], dir, { WXWORK_MIGRATE_BACKEND: backend });
    assert.match(checked.stderr, /b\.js:1:1: error: WX901 /);
    assert.match(checked.stdout, /d\.js:1:20: WX101 /);
  });

  test(`${backend}: input nested as deep as the tool's limits allow, and deeper`, () => {
    const dir = path.join(scratch, `deep-${backend}`);
    fs.mkdirSync(dir);
    const nest = (open, close, n, inner) => open.repeat(n) + inner + close.repeat(n);
    fs.writeFileSync(path.join(dir, 'parens.js'), `wx.login(${nest('(', ')', 4990, '1')})\n`);
    fs.writeFileSync(path.join(dir, 'arrays.js'), `wx.login(${nest('[', ']', 4990, '1')})\n`);
    fs.writeFileSync(path.join(dir, 'blocks.js'), `${nest('{', '}', 490, 'wx.checkSession()')}\n`);
    fs.writeFileSync(path.join(dir, 'deeper.js'), `wx.login(${nest('(', ')', 6000, '1')})\n`);
    for (const args of [[], ['--check'], ['--write']]) compare(path.relative(ROOT, dir), args, backend);
    const checked = run(launcher, ['--check'], dir, { WXWORK_MIGRATE_BACKEND: backend });
    assert.match(checked.stdout, /parens\.js:1:1: WX101 /);
    assert.match(checked.stdout, /blocks\.js:1:491: WX102 /);
    assert.doesNotMatch(checked.stderr, /WX903/);
  });

  test(`${backend}: a file that cannot be read, and a path outside the current folder`, () => {
    const dir = copy('fixtures/demo-miniprogram');
    const outside = copy('fixtures/demo-uniapp');
    for (const args of [['missing.js', 'app.js'], [path.relative(dir, outside)], [outside, '--check']]) {
      const expected = run(REFERENCE, args, dir, {});
      const actual = run(launcher, args, dir, { WXWORK_MIGRATE_BACKEND: backend });
      assert.deepEqual(actual, expected, args.join(' '));
    }
  });

  test(`${backend}: --write keeps a file's mode and refuses a read-only file`, () => {
    for (const command of [REFERENCE, launcher]) {
      const dir = copy('fixtures/demo-miniprogram');
      fs.chmodSync(path.join(dir, 'app.js'), 0o755);
      fs.chmodSync(path.join(dir, 'utils/session.js'), 0o444);
      const result = run(command, ['--write'], dir, { WXWORK_MIGRATE_BACKEND: backend });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /utils\/session\.js: error: WX904 not written: the file is read-only/);
      assert.equal(fs.statSync(path.join(dir, 'app.js')).mode & 0o777, 0o755);
    }
  });

  test(`${backend}: colour follows the real terminal`, () => {
    // util-linux's `script` runs a command on a pseudo-terminal.
    const onTerminal = (command) =>
      run('script', ['-qec', `${command} --check`, '/dev/null'], path.join(ROOT, 'fixtures/demo-miniprogram'), {
        WXWORK_MIGRATE_BACKEND: backend,
      });
    const expected = onTerminal(REFERENCE);
    assert.match(expected.stdout, /\x1b\[/);
    assert.deepEqual(onTerminal(launcher), expected);
  });

  test(`${backend}: --version names the backend and the crate's version`, () => {
    const name = backend === 'wasm' ? 'WebAssembly' : 'native';
    assert.equal(run(launcher, ['--version'], scratch, { WXWORK_MIGRATE_BACKEND: backend }).stdout, `wxwork-migrate ${version()} (${name})\n`);
  });
}

test("wasm: with no language variable, the locale Node.js reports chooses, as the desktop's does natively", () => {
  const demo = path.join(ROOT, 'fixtures/demo-miniprogram');
  const check = (locale, variables = {}) =>
    run(launcher, ['--check', 'app.js'], demo, {
      WXWORK_MIGRATE_BACKEND: 'wasm',
      WXWORK_MIGRATE_LANG: undefined,
      LC_ALL: undefined,
      LC_MESSAGES: undefined,
      LANG: undefined,
      NODE_OPTIONS: `--require ${path.join(__dirname, '..', 'test-support', 'locale.js')}`,
      WXWORK_MIGRATE_TEST_LOCALE: locale,
      ...variables,
    }).stdout;
  assert.match(check('zh-CN'), /^app\.js:\d+:\d+: WX101 wx\.login 已加判断/m);
  assert.match(check('zh-Hant-TW'), /已加判断/);
  assert.match(check('en-US'), /^app\.js:\d+:\d+: WX101 wx\.login guarded/m);
  assert.match(check('ja-JP'), /guarded/);
  // A variable the user set comes first.
  assert.match(check('zh-CN', { LANG: 'en_US.UTF-8' }), /guarded/);
  assert.match(check('en-US', { WXWORK_MIGRATE_LANG: 'zh' }), /已加判断/);
});

test('every package carries the crate version', () => {
  for (const tarball of fs.readdirSync(TARBALLS).filter((f) => f.endsWith('.tgz'))) {
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', path.join(TARBALLS, tarball), 'package/package.json'], { encoding: 'utf8' }));
    assert.equal(manifest.version, version(), tarball);
    for (const pinned of Object.values(manifest.optionalDependencies ?? {})) assert.equal(pinned, version());
  }
});

test('npm publish --dry-run passes for every package', () => {
  for (const tarball of fs.readdirSync(TARBALLS).filter((f) => f.endsWith('.tgz'))) {
    const result = spawnSync('npm', ['publish', '--dry-run', path.join(TARBALLS, tarball)], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${tarball}: ${result.stderr}`);
  }
});

test('the pre-commit hooks and their shell package carry the crate version', () => {
  const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const pinned = [...hooks.matchAll(/additional_dependencies: \[wxwork-migrate@([^\]]*)\]/g)].map((m) => m[1]);
  assert.deepEqual(pinned, [version(), version()]);
  assert.equal(require(path.join(ROOT, 'package.json')).version, version());
});

test('the musl binary gives the native output', () => {
  const dir = fs.mkdtempSync(path.join(scratch, 'musl-'));
  const tarball = fs.readdirSync(TARBALLS).find((f) => f.includes('linux-x64-musl'));
  execFileSync('tar', ['-xzf', path.join(TARBALLS, tarball), '-C', dir]);
  const binary = path.join(dir, 'package', 'wxwork-migrate');
  for (const args of MODES) {
    const expectedDir = copy('fixtures/demo-miniprogram');
    const actualDir = copy('fixtures/demo-miniprogram');
    assert.deepEqual(run(binary, args, actualDir, {}), run(REFERENCE, args, expectedDir, {}), args.join(' '));
    assert.deepEqual(tree(actualDir), tree(expectedDir));
  }
});

test('native: a Ctrl-C midway through --write reaches the binary, and the launcher waits for it', async () => {
  const root = fs.mkdtempSync(path.join(scratch, 'interrupt-'));
  // A terminal's Ctrl-C goes to its whole foreground process group: the launcher and the binary.
  const ctrlC = (child) => process.kill(-child.pid, 'SIGINT');
  const env = { WXWORK_MIGRATE_BACKEND: 'native' };
  const ended = await interruptMidway(root, launcher, ['--write', '--color', 'never'], env, ctrlC);
  assert.deepEqual([ended.code, ended.signal], [130, null], ended.stderr);
  assert.ok(ended.written > 0 && ended.written < ended.total, `${ended.written} of ${ended.total} written`);
  assert.match(ended.stderr, new RegExp(`interrupted: ${ended.written} files written`));
  assert.deepEqual(ended.temporary, []);
});
