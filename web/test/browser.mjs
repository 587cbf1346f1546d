// Debian's Chromium, driven by playwright-core, with the page served from target/web/.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './serve.mjs';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const SCREENSHOTS = join(ROOT, 'target/web-screenshots');

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Starts the server and the browser; `open(hash, options)` gives a page with the tool loaded. */
export async function start() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await serve(join(ROOT, 'target/web'));
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'wxwork-web-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    locale: 'en-US',
    viewport: { width: 1280, height: 860 },
    permissions: ['clipboard-read', 'clipboard-write'],
    acceptDownloads: true,
  });
  const open = async (hash = '') => {
    const page = await context.newPage();
    await page.goto(server.url + hash);
    await settled(page);
    return page;
  };
  return { server, context, open, close: async () => { await context.close(); await server.close(); } };
}

/** Waits until the tool's version is shown and no run is pending. */
export async function settled(page) {
  await page.locator('#version').filter({ hasText: /\S/ }).waitFor();
  await page.locator('body[data-pending="false"]').waitFor();
}

/** Names the file, then pastes `text` over the whole editor, as a person does with Ctrl+A, Ctrl+V. */
export async function paste(page, name, text) {
  await page.getByTestId('filename').fill(name);
  await page.getByTestId('source').click();
  await page.keyboard.press('Control+A');
  await page.getByTestId('source').evaluate((el, clip) => {
    const data = new DataTransfer();
    data.setData('text/plain', clip);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await page.locator('body[data-pending="false"]').waitFor();
}

export async function patchOf(page) {
  return page.getByTestId('diff').getAttribute('data-patch');
}
