// The whole-project view: a folder read into memory, the CLI's dry run on it, its patch to
// download, and (where the File System Access API exists) the changes written back.
import { renderFindings, parseFindings } from './findings.js';
import { splitPatch, applyHunks } from './patch.js';
import { t } from './i18n.js';
import { readinessOf, renderReadiness } from './readiness.js';

/** Folders the CLI always skips: not even read, since node_modules alone can be huge. */
const SKIPPED = new Set(['node_modules', 'miniprogram_npm', '.git']);

const $ = (id) => document.getElementById(id);

function keep(path) {
  return path.split('/').every((part) => !SKIPPED.has(part));
}

/** `<input webkitdirectory>` gives paths under the chosen folder's own name: strip it. */
async function readFileList(fileList) {
  const files = {};
  for (const file of fileList) {
    const path = file.webkitRelativePath.split('/').slice(1).join('/');
    if (path && keep(path)) files[path] = new Uint8Array(await file.arrayBuffer());
  }
  return files;
}

async function children(directory) {
  const reader = directory.createReader();
  const all = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function readEntry(entry, prefix, files) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    files[prefix + entry.name] = new Uint8Array(await file.arrayBuffer());
  } else if (!SKIPPED.has(entry.name)) {
    for (const child of await children(entry)) await readEntry(child, `${prefix}${entry.name}/`, files);
  }
}

/** A dropped folder's files, relative to it (as the CLI's paths are when run inside it). */
async function readDrop(dataTransfer) {
  const files = {};
  for (const entry of [...dataTransfer.items].map((item) => item.webkitGetAsEntry()).filter(Boolean)) {
    if (entry.isDirectory) {
      for (const child of await children(entry)) await readEntry(child, '', files);
    } else {
      await readEntry(entry, '', files);
    }
  }
  return files;
}

async function readHandle(dir, prefix, files) {
  for await (const [name, handle] of dir.entries()) {
    if (handle.kind === 'file') files[prefix + name] = new Uint8Array(await (await handle.getFile()).arrayBuffer());
    else if (!SKIPPED.has(name)) await readHandle(handle, `${prefix}${name}/`, files);
  }
  return files;
}

/** Writes one file under `dir` through a writable stream, which the browser swaps in on close. */
async function writeFile(dir, path, text) {
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
  const handle = await dir.getFileHandle(parts[parts.length - 1], { create: true });
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
}

function patchLines(text) {
  const pre = document.createElement('pre');
  pre.className = 'patch';
  for (const line of text.split('\n')) {
    const span = document.createElement('span');
    span.className = { '+': 'add', '-': 'del', '@': 'hunk' }[line[0]] ?? '';
    if (line.startsWith('+++') || line.startsWith('---')) span.className = 'head';
    span.textContent = `${line}\n`;
    pre.append(span);
  }
  return pre;
}

/** The CLI's stderr less its finding lines, which the findings list shows: notes, summary, next steps. */
function withoutFindings(stderr, findings) {
  const prefixes = new Set(findings.map((f) => `${f.path}:${f.start.line}:${f.start.column}: `));
  return stderr
    .split('\n')
    .filter((line) => ![...prefixes].some((prefix) => line.startsWith(prefix)))
    .join('\n')
    .trim();
}

export class ProjectView {
  constructor({ runner, commonArgs, lang }) {
    this.runner = runner;
    this.commonArgs = commonArgs;
    this.lang = lang;
    this.files = null;
    this.handle = null;
    this.patch = '';
    this.findings = [];
    this.readiness = null;
    this.runs = 0;
    $('folder').addEventListener('change', async (event) => {
      this.handle = null;
      await this.load(() => readFileList(event.target.files));
    });
    const drop = $('drop');
    drop.addEventListener('dragover', (event) => {
      event.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', async (event) => {
      event.preventDefault();
      drop.classList.remove('over');
      this.handle = null;
      await this.load(() => readDrop(event.dataTransfer));
    });
    const canWrite = 'showDirectoryPicker' in window;
    $('open-folder').hidden = !canWrite;
    $('write-only-patch').hidden = canWrite;
    $('open-folder').addEventListener('click', async () => {
      const handle = await window.showDirectoryPicker({ mode: 'readwrite' }).catch(() => null);
      if (!handle) return;
      this.handle = handle;
      await this.load(() => readHandle(handle, '', {}));
    });
    $('write').addEventListener('click', () => this.write());
  }

  setLanguage(lang) {
    this.lang = lang;
    if (this.files) this.render();
  }

  async load(read) {
    $('project-status').textContent = t(this.lang, 'reading');
    this.files = await read();
    await this.rerun();
  }

  /**
   * Runs the CLI on the folder (the dry run, the findings, the readiness report); a run
   * overtaken by a newer one (another guard, other clients) is dropped.
   */
  async rerun() {
    if (!this.files) return;
    const run = ++this.runs;
    const args = this.commonArgs();
    // The report is a run of its own, so that what only it trips on fails it alone (see main.js).
    const [outcome, report] = await Promise.all([
      this.runner.run(this.files, [args, [...args, '--output-format', 'json']]),
      this.runner.run(this.files, [[...args, '--readiness', '--output-format', 'json']]),
    ]);
    if (run !== this.runs) return;
    this.take(outcome);
    this.readiness = readinessOf(report);
    this.render();
  }

  /** Keeps the dry run's patch and summary and the findings, or the failure. */
  take(outcome) {
    if (outcome.failure) {
      this.patch = '';
      this.summary = `${t(this.lang, outcome.failure)} (${outcome.message})`;
      this.findings = [];
    } else {
      const [text, json] = outcome.results;
      this.patch = text.stdout;
      this.findings = parseFindings(json.stdout) ?? [];
      this.summary = withoutFindings(text.stderr, this.findings);
    }
  }

  /** Opens a changed file's diff and scrolls to it. */
  openDiff(path) {
    const details = [...$('project-diffs').children].find((el) => el.dataset.path === path);
    details.open = true;
    details.scrollIntoView({ block: 'start' });
    details.querySelector('summary').focus();
  }

  render() {
    $('project-status').textContent = '';
    $('project-summary').textContent = this.summary;
    const download = $('download-patch');
    URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(new Blob([this.patch], { type: 'text/x-diff' }));
    download.hidden = this.patch === '';
    $('write').hidden = !this.handle || this.patch === '';
    const diffs = $('project-diffs');
    diffs.replaceChildren();
    const changed = splitPatch(this.patch);
    for (const file of changed) {
      const details = document.createElement('details');
      details.dataset.path = file.path;
      details.open = true;
      const summary = document.createElement('summary');
      summary.textContent = file.path;
      details.append(summary, patchLines(file.text));
      diffs.append(details);
    }
    renderFindings($('project-findings'), this.findings, {
      lang: this.lang,
      withPath: true,
      emptyText: t(this.lang, 'noFindings'),
      docsText: t(this.lang, 'docs'),
    });
    this.renderReadiness(changed);
  }

  /** The readiness report, whose changed files open their diff. */
  renderReadiness(changed) {
    const paths = new Set(changed.map((file) => file.path));
    renderReadiness($('project-readiness'), this.readiness, {
      lang: this.lang,
      navigation: { canOpen: (path) => paths.has(path), onOpen: (path) => this.openDiff(path) },
    });
  }

  async write() {
    const changed = splitPatch(this.patch);
    if (!confirm(t(this.lang, 'confirmWrite', changed.length))) return;
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for (const file of changed) {
      const original = file.created ? '' : decoder.decode(this.files[file.path]);
      await writeFile(this.handle, file.path, applyHunks(original, file.hunks));
    }
    this.files = await readHandle(this.handle, '', {});
    await this.rerun();
    $('project-status').textContent = t(this.lang, 'written', changed.length);
  }
}
