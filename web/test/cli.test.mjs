// The CLI module under the page's WASI shim, in Node.js (no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const module = new WebAssembly.Module(readFileSync(join(ROOT, 'target/web/wxwork-migrate.wasm')));
const files = { 'pages/index/index.js': new TextEncoder().encode('const a = 1\nwx.login()\n') };

test('the CLI in the page sees no terminal: no colours in its diff and findings', () => {
  const { code, stdout, stderr } = runCli(module, ['pages/index/index.js'], files);
  assert.equal(code, 0);
  assert.match(stdout, /^\+;\(wx\.getSystemInfoSync\(\)\.environment === "wxwork" \? wx\.qy : wx\)\.login\(\)$/m);
  assert.match(stderr, /^pages\/index\/index\.js:2:1: WX101 /m);
  assert.doesNotMatch(stdout + stderr, /\x1b\[/);
});
