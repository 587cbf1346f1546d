// Builds the page into a folder of static files: node build.mjs <wasm> <readme> <out>
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Marked } from 'marked';
import { gfmHeadingId } from 'marked-gfm-heading-id';

const [wasm, readme, out] = process.argv.slice(2);
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

// The README, with GitHub's heading ids, so that findings can link to their codes offline.
const body = new Marked().use(gfmHeadingId()).parse(readFileSync(readme, 'utf8'));
writeFileSync(`${out}/README.html`, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>wxwork-migrate</title><link rel="stylesheet" href="page.css"></head>
<body class="readme"><main>${body}</main></body></html>
`);
