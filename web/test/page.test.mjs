// The page against the native CLI: every fixture, a share link, the demo project, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ROOT, SCREENSHOTS, start, paste, patchOf, settled } from './browser.mjs';

const CLI = resolve(process.env.WXWORK_MIGRATE ?? join(ROOT, 'target/release/wxwork-migrate'));

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.close(); });

function inputs(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return inputs(path);
    return name.startsWith('input.') ? [path] : [];
  });
}

/** The CLI's dry run on `name` holding `text`, run where the file is, as a user would. */
function cliDiff(name, bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'wxwork-cli-'));
  writeFileSync(join(dir, name), bytes);
  return spawnSync(CLI, [name], { cwd: dir, encoding: 'utf8' });
}

test('every fixture pasted into the page gives the CLI dry run diff byte for byte', async () => {
  const page = await browser.open();
  const root = join(ROOT, 'tests/fixtures');
  let compared = 0;
  for (const input of inputs(root).sort()) {
    const name = input.split('/').pop();
    const bytes = readFileSync(input);
    await paste(page, name, bytes.toString('utf8'));
    const expected = cliDiff(name, bytes);
    // The fuzz fixtures hold input on which swc's parser panics: natively a WX901, and under
    // WASI an abort that the page must resume from the same way.
    const problem = await page.getByTestId('error').textContent();
    assert.ok(!problem.includes('internal error'), `${relative(root, input)}: ${problem}`);
    assert.equal(await patchOf(page), expected.stdout, `${relative(root, input)}: the page's diff differs from the CLI's`);
    compared++;
  }
  assert.ok(compared > 100, `only ${compared} fixtures compared`);
  await page.close();
});

/** The file the CLI's --write leaves from `name` holding `text`. */
function cliWritten(name, text) {
  const dir = mkdtempSync(join(tmpdir(), 'wxwork-cli-'));
  writeFileSync(join(dir, name), text);
  execFileSync(CLI, ['--write', name], { cwd: dir, stdio: 'ignore' });
  return readFileSync(join(dir, name), 'utf8');
}

test('pasted CRLF text keeps CRLF: the diff, the migrated text copied from the page and an edit are the CLI\'s', async () => {
  const page = await browser.open();
  const name = 'index.js';
  const source = 'Page({\r\n  onLoad() {\r\n    wx.login({ success: (res) => this.setData({ code: res.code }) })\r\n  },\r\n})\r\n';
  await paste(page, name, source);
  const patch = await patchOf(page);
  assert.match(patch, /^\+ {4}\(wx\.getSystemInfoSync\(\).*\.login\(.*\r$/m);
  assert.equal(patch, cliDiff(name, source).stdout);

  // Selected with the mouse from the first line to the (empty) last one, as a person copies it.
  const lines = page.locator('#merge .cm-merge-b .cm-line');
  const first = await lines.first().boundingBox();
  const last = await lines.last().boundingBox();
  await page.mouse.move(first.x + 1, first.y + first.height / 2);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width - 1, last.y + last.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Control+C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), cliWritten(name, source));

  await page.getByTestId('source').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('wx.checkSession({})');
  await page.keyboard.press('Enter');
  await page.locator('body[data-pending="false"]').waitFor();
  const edited = `${source}wx.checkSession({})\r\n`;
  assert.equal(await patchOf(page), cliDiff(name, edited).stdout);
  await page.close();
});

test('the example on first load shows the ;-prefixed guard and its findings', async () => {
  const page = await browser.open();
  assert.match(await patchOf(page), /^\+    ;\(wx\.getSystemInfoSync\(\)\.environment === "wxwork" \? wx\.qy : wx\)\.login\(\{$/m);
  const codes = await page.getByTestId('findings').locator('li').evaluateAll((items) => items.map((li) => li.dataset.code));
  assert.deepEqual(codes, ['WX101', 'WX201']);
  assert.equal(await page.getByTestId('findings').locator('a.code').first().getAttribute('href'), 'docs/codes/WX101.html');
  await page.screenshot({ path: join(SCREENSHOTS, 'example.png'), clip: { x: 0, y: 0, width: 1280, height: 700 } });
  await page.close();
});

/** The heading of the page that `link` (a finding's code) leads to, and that page's own links. */
async function pageBehind(link) {
  const docs = await browser.context.newPage();
  const response = await docs.goto(await link.evaluate((a) => a.href));
  assert.equal(response.status(), 200, docs.url());
  const heading = await docs.locator('h1').textContent();
  const links = await docs.locator('main a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
  await docs.close();
  return { heading, links };
}

test('a finding\'s code links to its page in the page\'s language, and follows a switch', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('wxwork-migrate.lang', 'zh'));
  await page.goto(browser.server.url);
  await settled(page);
  const code = (id) => page.getByTestId('findings').locator(`li[data-code="${id}"] a.code`).first();
  assert.equal(await code('WX201').getAttribute('href'), 'docs/zh-CN/codes/WX201.html');
  const zh = await pageBehind(code('WX101'));
  assert.match(zh.heading, /^WX101: wx\.login 已加判断/);
  assert.deepEqual(zh.links, ['../../codes/WX101.html', 'README.html']);
  await page.locator('#lang').click();
  await page.getByTestId('findings').locator('li[data-code="WX101"]', { hasText: 'guarded' }).first().waitFor();
  assert.equal(await code('WX101').getAttribute('href'), 'docs/codes/WX101.html');
  const en = await pageBehind(code('WX201'));
  assert.match(en.heading, /^WX201: wx\.getUserInfo has no WeCom equivalent/);
  assert.deepEqual(en.links, ['../zh-CN/codes/WX201.html', 'README.html']);
  await page.close();
});

test('a semicolon-free page gets the ;-prefixed guard, and its share link restores it in a new tab', async () => {
  const page = await browser.open();
  const source = "const app = getApp()\nPage({\n  onLoad () {\n    const started = Date.now()\n    wx.login({ success: ({ code }) => app.signIn(code, started) })\n  }\n})\n";
  await paste(page, 'pages/index/index.js', source);
  assert.match(await patchOf(page), /^\+    ;\(wx\.getSystemInfoSync\(\)\.environment === "wxwork" \? wx\.qy : wx\)\.login\(/m);
  assert.equal(await page.getByTestId('findings').locator('li').first().getAttribute('data-code'), 'WX101');
  await page.screenshot({ path: join(SCREENSHOTS, 'file.png') });

  await page.locator('#copy-link').click();
  const link = await page.locator('#copy-link[data-link]').getAttribute('data-link');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.match(link, /#v1\/pages%2Findex%2Findex\.js\/[\w-]+$/);
  assert.ok(!link.includes('?'), 'nothing in the query string');

  const shared = await browser.open(link.slice(link.indexOf('#')));
  assert.equal(await shared.getByTestId('filename').inputValue(), 'pages/index/index.js');
  assert.equal((await shared.locator('#editor .cm-line').allTextContents()).join('\n'), source);
  assert.equal(await patchOf(shared), await patchOf(page));
  await shared.screenshot({ path: join(SCREENSHOTS, 'shared.png') });
  await shared.close();
  await page.close();
});

async function downloadedPatch(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-patch').click()]);
  return readFileSync(await download.path(), 'utf8');
}

test('the demo project through the folder input: the downloaded patch is the CLI dry run, and git applies it', async () => {
  // The demo, plus code that the discovery rules must leave out: an npm dependency and a folder
  // that .gitignore excludes.
  const demo = mkdtempSync(join(tmpdir(), 'wxwork-demo-'));
  cpSync(join(ROOT, 'fixtures/demo-miniprogram'), demo, { recursive: true });
  for (const skipped of ['node_modules/sdk/index.js', 'generated/login.js']) {
    mkdirSync(join(demo, skipped, '..'), { recursive: true });
    writeFileSync(join(demo, skipped), 'wx.login({ success () {} })\n');
  }
  writeFileSync(join(demo, '.gitignore'), `${readFileSync(join(demo, '.gitignore'), 'utf8')}generated/\n`);
  const expected = spawnSync(CLI, [], { cwd: demo, encoding: 'utf8' });
  assert.match(expected.stdout, /^--- a\//);
  assert.doesNotMatch(expected.stdout, /node_modules|generated|miniprogram_npm|cloudfunctions/);
  const page = await browser.open();
  await page.getByRole('tab', { name: 'Whole project' }).click();
  await page.getByTestId('folder').setInputFiles(demo);
  await page.getByTestId('summary').filter({ hasText: /scanned/ }).waitFor();
  const patch = await downloadedPatch(page);
  assert.equal(patch, expected.stdout);
  const untimed = (text) => text.trim().replace(/ in \d+\.\d+s$/m, '');
  const notes = expected.stderr.split('\n').filter((line) => !/^[\w/.-]+:\d+:\d+: /.test(line)).join('\n');
  assert.match(notes, /^14 files scanned/m);
  assert.equal(untimed(await page.getByTestId('summary').textContent()), untimed(notes));
  assert.equal(await page.getByTestId('project-findings').locator('li').count(), expected.stderr.split('\n').length - notes.split('\n').length);
  const copy = mkdtempSync(join(tmpdir(), 'wxwork-demo-'));
  cpSync(demo, copy, { recursive: true });
  writeFileSync(join(copy, 'fix.patch'), patch);
  execFileSync('git', ['apply', 'fix.patch'], { cwd: copy });
  assert.equal(spawnSync(CLI, [], { cwd: copy, encoding: 'utf8' }).stdout, '', 'a second run changes nothing');
  await page.screenshot({ path: join(SCREENSHOTS, 'project.png'), fullPage: true });
  await page.close();
});

test('a syntax error shows its line and column and no diff', async () => {
  const page = await browser.open();
  await paste(page, 'pages/index/index.js', 'Page({\n  onLoad () {\n    wx.login({ success () {} )\n  }\n})\n');
  const expected = cliDiff('index.js', 'Page({\n  onLoad () {\n    wx.login({ success () {} )\n  }\n})\n');
  assert.equal(expected.status, 2);
  const position = expected.stderr.match(/index\.js:(\d+:\d+): error: (WX901 .*)/);
  assert.ok(position, expected.stderr);
  const problem = await page.getByTestId('error').textContent();
  assert.ok(problem.includes(`pages/index/index.js:${position[1]}: ${position[2]}`), problem);
  assert.equal(await patchOf(page), '');
  assert.ok(await page.locator('#merge').isHidden());
  await page.screenshot({ path: join(SCREENSHOTS, 'syntax-error.png') });
  await page.close();
});

test('a file nested too deeply for the browser is named as such, and the next file still runs', async () => {
  const page = await browser.open();
  await paste(page, 'deep.js', `wx.login(${'('.repeat(1000)}1${')'.repeat(1000)})\n`);
  const problem = await page.getByTestId('error').textContent();
  assert.ok(problem.includes('too deeply nested'), problem);
  assert.equal(await patchOf(page), '');
  await paste(page, 'index.js', 'wx.login()\n');
  assert.match(await patchOf(page), /wx\.qy : wx\)\.login\(\)/);
  await page.close();
});

test('Chinese for a Chinese browser, switchable to English', async () => {
  const context = await browser.context.browser()?.newContext({ locale: 'zh-CN' }) ?? null;
  const page = context ? await context.newPage() : await browser.context.newPage();
  await page.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh'] }));
  await page.goto(browser.server.url);
  await settled(page);
  assert.equal(await page.locator('.tagline').textContent(), '在你的浏览器里运行：代码不会发送到任何地方。');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.match(await page.locator('#merge').textContent(), /\d+ 行未改动/);
  // The tool's own findings follow the page's language too (the CLI's --lang).
  const finding = page.getByTestId('findings').locator('li[data-code="WX101"]').first();
  assert.match(await finding.textContent(), /已加判断/);
  assert.match(await page.locator('#status').textContent(), /^共扫描 1 个文件/);
  await page.screenshot({ path: join(SCREENSHOTS, 'chinese.png') });
  await page.locator('#lang').click();
  assert.equal(await page.locator('.tagline').textContent(), 'Runs in your browser: your code is never sent anywhere.');
  await page.getByTestId('findings').locator('li[data-code="WX101"]', { hasText: 'guarded' }).first().waitFor();
  await page.reload();
  await settled(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'the choice is remembered');
  await page.close();
});

test('clicking a finding moves the cursor to it', async () => {
  const page = await browser.open();
  await paste(page, 'index.js', 'const a = 1\n\n// 中文\nconst b = 2; wx.getUserInfo({})\n');
  await page.getByTestId('findings').locator('li[data-code="WX201"] .where').click();
  const cursor = await page.evaluate(() => {
    const selection = document.getSelection();
    return { line: selection.focusNode.parentElement.closest('.cm-line').textContent, offset: selection.focusOffset };
  });
  assert.equal(cursor.line, 'const b = 2; wx.getUserInfo({})');
  await page.close();
});

/** Every file under `dir`, as `[relative path, text]`. */
function tree(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tree(path, `${prefix}${name}/`) : [[prefix + name, readFileSync(path, 'utf8')]];
  });
}

test('"Write changes" writes what git apply of the CLI patch writes, and a second run finds nothing', async () => {
  const demo = join(ROOT, 'fixtures/demo-miniprogram');
  const expected = mkdtempSync(join(tmpdir(), 'wxwork-demo-'));
  cpSync(demo, expected, { recursive: true });
  writeFileSync(join(expected, '.fix.patch'), spawnSync(CLI, [], { cwd: demo, encoding: 'utf8' }).stdout);
  execFileSync('git', ['apply', '.fix.patch'], { cwd: expected });
  const page = await browser.open();
  await page.getByRole('tab', { name: 'Whole project' }).click();
  // The browser's origin-private file system gives a real directory handle to write to; the
  // folder picker, which a test cannot click through, returns it.
  await page.evaluate(async (files) => {
    const root = await navigator.storage.getDirectory();
    for (const [path, text] of files) {
      let dir = root;
      const parts = path.split('/');
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
    }
    window.showDirectoryPicker = async () => root;
  }, tree(demo));
  await page.locator('#open-folder').click();
  await page.locator('#write').waitFor();
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('#write').click();
  await page.locator('#project-status', { hasText: 'written' }).waitFor();
  const written = await page.evaluate(async () => {
    const out = [];
    const walk = async (dir, prefix) => {
      for await (const [name, handle] of dir.entries()) {
        if (handle.kind === 'file') out.push([prefix + name, await (await handle.getFile()).text()]);
        else await walk(handle, `${prefix}${name}/`);
      }
    };
    await walk(await navigator.storage.getDirectory(), '');
    return out.sort();
  });
  assert.deepEqual(written, tree(expected).filter(([path]) => path !== '.fix.patch').sort());
  assert.match(await page.getByTestId('summary').textContent(), /: 0 to change \(0 rewrites\)/);
  assert.ok(await page.getByTestId('download-patch').isHidden());
  await page.close();
});

test('a guard expression of the project is used as the CLI uses it, and a bad one shows the CLI error', async () => {
  const page = await browser.open();
  const source = 'App({\n  onLaunch () {\n    wx.checkSession({ fail: () => wx.login() })\n  }\n})\n';
  await page.locator('#guard').fill('getApp().globalData.isWxWork');
  await paste(page, 'app.js', source);
  const dir = mkdtempSync(join(tmpdir(), 'wxwork-cli-'));
  writeFileSync(join(dir, 'app.js'), source);
  const expected = spawnSync(CLI, ['--guard-expr', 'getApp().globalData.isWxWork', 'app.js'], { cwd: dir, encoding: 'utf8' });
  assert.match(expected.stdout, /getApp\(\)\.globalData\.isWxWork \? wx\.qy : wx/);
  assert.equal(await patchOf(page), expected.stdout);

  await page.locator('#guard').fill('a b');
  await page.locator('body[data-pending="false"]').waitFor();
  const refused = spawnSync(CLI, ['--guard-expr', 'a b', 'app.js'], { cwd: dir, encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.equal(await page.getByTestId('error').textContent(), refused.stderr.trim());
  assert.equal(await patchOf(page), '');
  await page.close();
});

test('opened from disk (file://), the page says to serve it instead of loading forever', async () => {
  const page = await browser.context.newPage();
  await page.goto(`file://${join(ROOT, 'target/web/index.html')}`);
  await page.getByTestId('error').filter({ hasText: 'python3 -m http.server' }).waitFor();
  assert.ok(await page.getByTestId('source').isVisible());
  await page.close();
});

test('a folder dropped on the page gives the same patch as the CLI', async () => {
  const demo = join(ROOT, 'fixtures/demo-miniprogram');
  const page = await browser.open();
  await page.getByRole('tab', { name: 'Whole project' }).click();
  // Chromium's own drag and drop, with the folder from disk: the page reads it through
  // webkitGetAsEntry as it does a folder dragged from the file manager.
  const box = await page.locator('#drop').boundingBox();
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [demo], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await cdp.send('Input.dispatchDragEvent', { type, x: box.x + box.width / 2, y: box.y + box.height / 2, data });
  }
  await page.getByTestId('summary').filter({ hasText: /scanned/ }).waitFor();
  assert.equal(await downloadedPatch(page), spawnSync(CLI, [], { cwd: demo, encoding: 'utf8' }).stdout);
  await page.close();
});

/** The readiness section as shown: `{ standing: { heading, names, entries: { name: text } } }`. */
async function readinessOf(page, testId) {
  return page.getByTestId(testId).locator('.group').evaluateAll((groups) => Object.fromEntries(groups.map((group) => {
    const entries = [...group.querySelectorAll('li.entry')];
    return [group.dataset.standing, {
      heading: group.querySelector('h3').textContent,
      names: entries.map((li) => li.dataset.name),
      entries: Object.fromEntries(entries.map((li) => [li.dataset.name, li.textContent])),
    }];
  })));
}

/** Each group's heading and names, the part of a report that both sides show. */
function headsAndNames(report) {
  return Object.fromEntries(Object.entries(report).map(([standing, { heading, names }]) => [standing, { heading, names }]));
}

/** The native CLI in a folder holding `files` (path → text), or in `dir`. */
function cliIn(files, args, dir = mkdtempSync(join(tmpdir(), 'wxwork-cli-'))) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return spawnSync(CLI, args, { cwd: dir, encoding: 'utf8' });
}

/**
 * The native CLI's readiness report as the page should show it: the JSON report's names and
 * files by standing, under the text report's headings (its group lines, after the first line).
 */
function cliReadiness(files, args, dir) {
  const { used } = JSON.parse(cliIn(files, [...args, '--readiness', '--output-format', 'json'], dir).stdout).readiness;
  const text = cliIn(files, [...args, '--readiness'], dir).stdout.split('\n').slice(1);
  const headings = text.filter((line) => /^\S.* \(\d+\)$/.test(line));
  const standings = [...new Set(used.map((entry) => entry.standing))];
  assert.equal(headings.length, standings.length, text.join('\n'));
  return Object.fromEntries(standings.map((standing, i) => {
    const entries = used.filter((entry) => entry.standing === standing);
    return [standing, {
      heading: headings[i],
      names: entries.map((entry) => entry.name),
      files: Object.fromEntries(entries.map((entry) => [entry.name, entry.files])),
    }];
  }));
}

const MIXED = [
  'const { windowWidth } = wx.getWindowInfo()',
  'wx.getSystemInfoAsync({ success () {} })',
  'wx.login({ success () {} })',
  'wx.request({ url: "/a" })',
  'wx.openBluetoothAdapter()',
  '',
].join('\n');

test('the demo project\'s readiness report: wx.login under "differs", and the CLI\'s groups, headings, files and sources', async () => {
  const demo = join(ROOT, 'fixtures/demo-miniprogram');
  const expected = cliReadiness({}, [], demo);
  const { readiness } = JSON.parse(cliIn({}, ['--readiness', '--output-format', 'json'], demo).stdout);
  const page = await browser.open();
  await page.getByRole('tab', { name: 'Whole project' }).click();
  await page.getByTestId('folder').setInputFiles(demo);
  const section = page.getByTestId('project-readiness');
  await section.locator('.group').first().waitFor();
  const shown = await readinessOf(page, 'project-readiness');
  assert.deepEqual(headsAndNames(shown), headsAndNames(expected));
  assert.equal(shown.differs.heading, 'Different in WeCom (3)');
  assert.ok(shown.differs.names.includes('wx.login'), JSON.stringify(shown.differs));
  // Every file, the ones past the third folded away as in the CLI's text report.
  assert.deepEqual(await section.locator('li[data-name="wx.login"] .file').allTextContents(), expected.differs.files['wx.login']);
  assert.equal(await section.locator('li[data-name="wx.login"] .more summary').textContent(), `and ${expected.differs.files['wx.login'].length - 3} more`);
  assert.deepEqual(await section.locator('.sources a').evaluateAll((links) => links.map((a) => a.href)), readiness.sources);
  assert.match(await section.locator('.sources').textContent(), new RegExp(`tables of ${readiness.tableDate}`));
  await page.screenshot({ path: join(SCREENSHOTS, 'project-readiness.png'), fullPage: true });

  // A changed file opens its diff; an unchanged one is plain text.
  const diff = page.locator('#project-diffs details[data-path="pages/index/index.js"]');
  await diff.evaluate((details) => { details.open = false; });
  await section.locator('li[data-name="wx.login"] button.file', { hasText: 'pages/index/index.js' }).click();
  assert.equal(await diff.evaluate((details) => details.open), true);
  assert.equal(await diff.evaluate((details) => document.activeElement === details.querySelector('summary')), true);
  const top = await diff.evaluate((details) => details.getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 2, `the diff is at ${top}px, not scrolled to the top`);
  assert.equal(await section.locator('li[data-name="<swiper>"] button.file').count(), 0);
  assert.equal(await section.locator('li[data-name="<swiper>"] .file').textContent(), 'pages/index/index.wxml');
  await page.close();
});

test('a pasted wx.getWindowInfo is under "missing", and with Android alone the mobile-only APIs leave the missing groups', async () => {
  const files = { 'pages/index/index.js': MIXED };
  const page = await browser.open();
  await paste(page, 'pages/index/index.js', MIXED);
  const all = await readinessOf(page, 'readiness');
  assert.deepEqual(headsAndNames(all), headsAndNames(cliReadiness(files, [])));
  assert.deepEqual(all.missing.names, ['wx.getWindowInfo']);
  assert.equal(all.missing.heading, 'Missing in WeCom (1)');
  assert.match(all.missing.entries['wx.getWindowInfo'], /不支持/);
  assert.deepEqual(all['missing-on-some'].names, ['wx.getSystemInfoAsync', 'wx.openBluetoothAdapter']);
  assert.match(all['missing-on-some'].entries['wx.getSystemInfoAsync'], /missing on Windows, Mac.*仅移动端支持/);
  assert.deepEqual(all.differs.names, ['wx.login']);

  const targets = page.getByTestId('targets');
  for (const client of ['Windows', 'Mac', 'iOS']) await targets.getByRole('checkbox', { name: client }).uncheck();
  await page.locator('body[data-pending="false"]').waitFor();
  const android = await readinessOf(page, 'readiness');
  assert.deepEqual(headsAndNames(android), headsAndNames(cliReadiness(files, ['--targets', 'android'])));
  const missing = ['missing', 'missing-on-some'].flatMap((standing) => android[standing]?.names ?? []);
  assert.deepEqual(missing, ['wx.getWindowInfo']);
  assert.deepEqual(android.supported.names, ['wx.getSystemInfoAsync', 'wx.openBluetoothAdapter', 'wx.request']);
  assert.match(await page.getByTestId('readiness').locator('.sources').textContent(), /For WeCom on Android,/);
  // The findings follow the clients too: no WX502 for what Android has.
  const expected = JSON.parse(cliIn(files, ['--targets', 'android', '--output-format', 'json', 'pages/index/index.js']).stdout).findings;
  assert.deepEqual(await page.getByTestId('findings').locator('li').evaluateAll((items) => items.map((li) => li.dataset.code)), expected.map((f) => f.code));
  // The last client stays ticked: the CLI takes no empty list.
  await targets.getByRole('checkbox', { name: 'Android' }).click();
  assert.equal(await targets.getByRole('checkbox', { name: 'Android' }).isChecked(), true);
  await page.screenshot({ path: join(SCREENSHOTS, 'readiness.png'), fullPage: true });
  await page.close();
});

test('the readiness headings in Chinese are the CLI\'s, and follow a switch to English', async () => {
  const files = { 'pages/index/index.js': MIXED };
  const page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('wxwork-migrate.lang', 'zh'));
  await page.goto(browser.server.url);
  await settled(page);
  await paste(page, 'pages/index/index.js', MIXED);
  const zh = await readinessOf(page, 'readiness');
  assert.deepEqual(headsAndNames(zh), headsAndNames(cliReadiness(files, ['--lang', 'zh'])));
  assert.equal(zh.missing.heading, '企业微信不支持 (1)');
  assert.equal(zh.differs.heading, '企业微信中不同 (1)');
  assert.match(zh['missing-on-some'].entries['wx.getSystemInfoAsync'], /Windows、Mac 端不支持/);
  assert.equal(await page.getByTestId('readiness').locator('h2').textContent(), '企业微信适配情况');
  await page.getByTestId('readiness').screenshot({ path: join(SCREENSHOTS, 'readiness-zh.png') });
  await page.locator('#lang').click();
  await page.getByTestId('readiness').locator('h3', { hasText: 'Missing in WeCom' }).waitFor();
  await page.locator('body[data-pending="false"]').waitFor();
  assert.deepEqual(headsAndNames(await readinessOf(page, 'readiness')), headsAndNames(cliReadiness(files, ['--lang', 'en'])));
  await page.close();
});

test('a file too deeply nested for the readiness run alone still shows its diff and findings, as before', async () => {
  // No WeChat API: the dry run and the findings skip it unparsed, where the readiness report
  // parses it, and overflows the browser's stack.
  const page = await browser.open();
  await paste(page, 'deep.js', `foo(${'('.repeat(1000)}1${')'.repeat(1000)})\n`);
  assert.equal(await page.getByTestId('error').textContent(), '');
  assert.ok(await page.getByTestId('error').isHidden());
  assert.ok(await page.locator('#no-change').isVisible());
  assert.ok(await page.getByTestId('readiness').isHidden());
  await paste(page, 'index.js', 'wx.getWindowInfo()\n');
  assert.deepEqual((await readinessOf(page, 'readiness')).missing?.names, ['wx.getWindowInfo']);
  await page.close();
});
