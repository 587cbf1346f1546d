// Builds the page into a folder of static files: node build.mjs <wasm> <docs> <out>
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Marked } from 'marked';
import { gfmHeadingId } from 'marked-gfm-heading-id';

const [wasm, docs, out] = process.argv.slice(2);
const here = (path) => new URL(path, import.meta.url).pathname;
mkdirSync(out, { recursive: true });

// Plain scripts rather than ES modules, so that nothing needs a module-aware server.
await build({
  entryPoints: { main: here('src/main.js'), worker: here('src/worker.js') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(here('index.html'), `${out}/index.html`);
copyFileSync(here('page.css'), `${out}/page.css`);
copyFileSync(wasm, `${out}/wxwork-migrate.wasm`);

// The finding codes' pages (docs/codes/, docs/zh-CN/codes/) as HTML at the same paths, so that a
// finding's code links to its page on any static host, offline too; with GitHub's heading ids, and
// their links to each other's .md read as .html.
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
for (const folder of ['codes', 'zh-CN/codes']) {
  mkdirSync(`${out}/docs/${folder}`, { recursive: true });
  const lang = folder.startsWith('zh-CN/') ? 'zh-CN' : 'en';
  const root = '../'.repeat(folder.split('/').length + 1);
  for (const name of readdirSync(`${docs}/${folder}`).filter((file) => file.endsWith('.md'))) {
    const markdown = readFileSync(`${docs}/${folder}/${name}`, 'utf8');
    const title = markdown.match(/^# (.*)$/m)[1].replaceAll('`', '');
    const body = new Marked()
      .use(gfmHeadingId())
      .use({ walkTokens: (token) => { if (token.type === 'link') token.href = token.href.replace(/^([^:]*)\.md$/, '$1.html'); } })
      .parse(markdown);
    writeFileSync(`${out}/docs/${folder}/${name.replace(/\.md$/, '.html')}`, `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><link rel="stylesheet" href="${root}page.css"></head>
<body><main>${body}</main></body></html>
`);
  }
}
