// The page's reading of the CLI's diff: applying each fixture's dry-run diff to its input gives
// the fixture's expected output, byte for byte (CRLF, BOM, no final newline included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitPatch, applyHunks } from '../src/patch.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = process.env.WXWORK_MIGRATE ?? join(ROOT, 'target/release/wxwork-migrate');

function inputs(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return inputs(path);
    return name.startsWith('input.') ? [path] : [];
  });
}

test('applying the CLI diff to each fixture input gives its expected output', () => {
  let applied = 0;
  for (const input of inputs(join(ROOT, 'tests/fixtures'))) {
    const name = input.split('/').pop();
    const output = input.replace(/input(\.\w+)$/, 'output$1');
    if (!existsSync(output)) continue;
    // An output that imports the WeCom module comes from a project, which text from standard
    // input (the page's) is not: there those calls stay, with WX202 or WX402.
    if (readFileSync(output, 'utf8').includes('.isWxWork()')) continue;
    const source = readFileSync(input, 'utf8');
    const diff = spawnSync(CLI, ['--stdin-filename', name, '--diff'], { input: source, encoding: 'utf8' }).stdout;
    const files = splitPatch(diff);
    assert.equal(files.length, 1, input);
    assert.equal(applyHunks(source, files[0].hunks), readFileSync(output, 'utf8'), input);
    applied++;
  }
  assert.ok(applied > 50, `only ${applied} fixtures with an expected output`);
});

test('a removed line that starts with "-- " is a line of the hunk, not the next file', () => {
  const patch = '--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n--- a/y.js\n+++ b/y.js\n';
  const [file, ...rest] = splitPatch(patch);
  assert.equal(rest.length, 0);
  assert.equal(applyHunks('-- a/y.js\n', file.hunks), '++ b/y.js\n');
});

test('a created file (from /dev/null) is all its added lines', () => {
  const [file] = splitPatch('--- /dev/null\n+++ b/typings/wxwork.d.ts\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  assert.equal(file.path, 'typings/wxwork.d.ts');
  assert.ok(file.created);
  assert.equal(applyHunks('', file.hunks), 'a\nb\n');
});
