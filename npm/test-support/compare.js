'use strict';
// What the package tests share: where things are, and how a run and a written tree are compared.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const ROOT = path.join(__dirname, '..', '..');
const TARBALLS = path.join(ROOT, 'target', 'npm');
const REFERENCE = path.join(ROOT, 'target', 'release', 'wxwork-migrate');
/** The fixture projects and demos every backend and binary is compared on. */
const PROJECTS = [
  'fixtures/demo-miniprogram',
  'fixtures/demo-uniapp',
  'tests/typescript-project',
  'tests/fixtures',
  'tests/fixtures-wxml',
];

function version() {
  const toml = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  return toml.match(/^version = "(.*)"$/m)[1];
}

/** stdout, stderr (the run's duration masked) and exit code of one run. */
function run(command, args, cwd, env, input) {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, input, encoding: 'utf8' });
  const mask = (text) => text.replace(/ in \d+\.\d+s\b/g, ' in <time>').replace(/"elapsed[^,}]*/g, '"elapsed"');
  return { status: result.status, stdout: mask(result.stdout), stderr: mask(result.stderr) };
}

/** Every file below `dir` by its relative path: its bytes and mode. */
function tree(dir) {
  const files = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile()) files[path.relative(dir, file)] = [fs.readFileSync(file, 'latin1'), fs.statSync(file).mode];
  }
  return files;
}

/** A page with both sites, and the same page migrated. */
function page(n) {
  const old = `// 第 ${n} 个页面\nPage({\n  onShow() {\n    wx.checkSession({ fail: () => wx.login({ success: (res) => this.setData({ code: res.code }) }) })\n  }\n})\n`;
  const guard = '(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)';
  return [old, old.replace('wx.checkSession(', `${guard}.checkSession(`).replace('wx.login(', `${guard}.login(`)];
}

/** Starts a `--write` of 10,000 pages in `root` and calls `interrupt` with the child once the
 * first batch is in place (the run under way and far from done). Then: how the child ended, what
 * it said, how many pages it migrated (each checked whole, old or new) and the temporary files
 * it left. */
async function interruptMidway(root, command, args, env, interrupt) {
  const files = [];
  for (let n = 0; n < 10000; n++) {
    const file = path.join(root, 'pages', `group${Math.floor(n / 100)}`, `page${n % 100}.js`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, page(n)[0]);
    files.push([file, ...page(n)]);
  }
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const temporaryFiles = () => fs.readdirSync(root, { recursive: true }).filter((f) => path.basename(f).startsWith('.wxwork-migrate-'));
  // The temporary files as the child exits: anything still at work after that is too late.
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, temporary: temporaryFiles() })));
  const closed = new Promise((resolve) => child.on('close', resolve));
  while (fs.readFileSync(files[0][0], 'utf8') !== files[0][2]) await sleep(5);
  interrupt(child);
  const { code, signal, temporary } = await exited;
  await closed;
  const written = files.filter(([file, old, migrated]) => {
    const text = fs.readFileSync(file, 'utf8');
    if (text !== old && text !== migrated) throw new Error(`${file} is neither old nor new:\n${text}`);
    return text === migrated;
  }).length;
  return { code, signal, stderr, written, total: files.length, temporary };
}

module.exports = { ROOT, TARBALLS, REFERENCE, PROJECTS, version, run, tree, interruptMidway };
