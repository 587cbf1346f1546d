// The page: one pasted file (editor, diff, findings, share link) or a whole project folder.
import { Runner } from './runner.js';
import { SourceEditor, MigratedView } from './editor.js';
import { renderFindings, parseFindings, summaryLine } from './findings.js';
import { splitPatch, applyHunks } from './patch.js';
import { encodeShare, decodeShare } from './share.js';
import { initialLanguage, otherLanguage, rememberLanguage, t, translate } from './i18n.js';
import { ProjectView } from './project.js';
import { readinessOf, renderReadiness, targetArgs } from './readiness.js';

const EXAMPLE_NAME = 'pages/index/index.js';
const EXAMPLE = `// 登录页：没有分号的写法
const app = getApp()

Page({
  data: { user: null },

  onLoad () {
    const started = Date.now()
    wx.login({
      success: ({ code }) => this.signIn(code, started)
    })
  },

  signIn (code, started) {
    wx.request({ url: app.globalData.api + '/login', data: { code, started } })
  },

  onShowProfile () {
    wx.getUserInfo({ success: ({ userInfo }) => this.setData({ user: userInfo }) })
  }
})
`;

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const runner = new Runner();
let lang = initialLanguage();
/** Whether this build of the CLI speaks the page's language (`--lang zh|en` in its --help). */
let cliHasLang = false;

/** The WeCom clients ticked, in the CLI's order. */
function chosenTargets() {
  return [...document.querySelectorAll('#targets input:checked')].map((box) => box.value);
}

/** Options shared by the paste view and the project view, as CLI flags. */
function commonArgs() {
  const guard = $('guard').value.trim();
  return [...(guard ? ['--guard-expr', guard] : []), ...targetArgs(chosenTargets()), ...(cliHasLang ? ['--lang', lang] : [])];
}

/** A relative path inside the in-memory folder, or null. */
function cleanName(name) {
  const parts = name.trim().replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.');
  return parts.length && !parts.includes('..') ? parts.join('/') : null;
}

const editor = new SourceEditor($('editor'), () => schedule());
const migrated = new MigratedView($('merge'));
const diff = $('diff');
const status = $('status');
const problem = $('problem');

function showProblem(text) {
  problem.textContent = text ?? '';
  problem.hidden = !text;
}

function showPatch(name, source, patch) {
  diff.dataset.patch = patch;
  const file = splitPatch(patch)[0];
  $('no-change').hidden = Boolean(file) || !problem.hidden;
  $('merge').hidden = !file;
  if (file) migrated.show(name, source, applyHunks(source, file.hunks));
}

let timer = null;
let running = false;
let queued = false;

/** Runs the CLI 120 ms after the last change; `data-pending` tells tests when all is shown. */
function schedule() {
  document.body.dataset.pending = 'true';
  clearTimeout(timer);
  timer = setTimeout(runNow, 120);
}

async function runNow() {
  timer = null;
  if (running) {
    queued = true;
    return;
  }
  running = true;
  const name = cleanName($('filename').value);
  const source = editor.text();
  if (!name) {
    showProblem(t(lang, 'badName'));
    showPatch(name, source, '');
    renderReadiness($('readiness'), null, { lang });
  } else {
    await runFile(name, source);
  }
  running = false;
  if (queued) {
    queued = false;
    runNow();
  } else if (timer === null) {
    document.body.dataset.pending = 'false';
  }
}

/**
 * The runs on the pasted file: its diff and findings, then its readiness report. That report is
 * a run of its own, queued behind the diff on the first worker, so that the diff and findings
 * show as soon as before, and so that what only the report trips on (it parses every file, even
 * one with no WeChat API in it, which may be nested too deeply) fails the report alone.
 */
async function runFile(name, source) {
  const files = { [name]: encoder.encode(source) };
  const args = commonArgs();
  const started = performance.now();
  const runs = runner.run(files, [[...args, name], [...args, '--output-format', 'json', name]]);
  const report = runner.run(files, [[...args, '--readiness', '--output-format', 'json', name]]);
  const outcome = await runs;
  const ms = Math.round(performance.now() - started);
  diff.dataset.runMs = ms;
  editor.setLanguage(name);
  showResult(name, source, outcome, ms);
  const readiness = readinessOf(await report);
  renderReadiness($('readiness'), readiness, { lang });
}

function showResult(name, source, outcome, ms) {
  const list = $('findings');
  if (outcome.failure) {
    showProblem(t(lang, outcome.failure));
    showPatch(name, source, '');
    list.replaceChildren();
    status.textContent = outcome.message;
    return;
  }
  const [text, json] = outcome.results;
  const findings = parseFindings(json.stdout);
  const errors = findings?.filter((finding) => finding.severity === 'error') ?? [];
  if (findings === null) showProblem(json.stderr.trim());
  else if (errors.length) showProblem(`${t(lang, 'parseError')}\n${errors.map((e) => `${e.path}:${e.start.line}:${e.start.column}: ${e.code} ${e.message}`).join('\n')}`);
  else showProblem(null);
  showPatch(name, source, text.stdout);
  renderFindings(list, findings ?? [], {
    lang,
    withPath: false,
    emptyText: t(lang, 'noFindings'),
    docsText: t(lang, 'docs'),
    onPick: (finding) => editor.jumpTo(finding.start.line, finding.start.column),
  });
  status.textContent = `${summaryLine(text.stderr)} · ${t(lang, 'ranIn', ms)}`;
}

async function copyLink() {
  const link = `${location.href.split('#')[0]}${await encodeShare($('filename').value, editor.text())}`;
  history.replaceState(null, '', link);
  try {
    await navigator.clipboard.writeText(link);
    $('copied').textContent = t(lang, 'linkCopied');
  } catch {
    $('copied').textContent = link;
  }
  $('copy-link').dataset.link = link;
}

async function restore() {
  const shared = await decodeShare(location.hash);
  $('filename').value = shared?.name ?? EXAMPLE_NAME;
  editor.setText(shared?.text ?? EXAMPLE);
}

function setLanguage(next) {
  lang = next;
  translate(document.body, lang);
  $('lang').textContent = t(lang, 'language');
  migrated.setPhrases(t(lang, 'editorPhrases'));
  project.setLanguage(lang);
  if (cliHasLang) project.rerun();
  schedule();
}

function showTab(tab) {
  for (const button of document.querySelectorAll('[data-tab]')) button.setAttribute('aria-selected', String(button.dataset.tab === tab));
  $('file-view').hidden = tab !== 'file';
  $('project-view').hidden = tab !== 'project';
}

const project = new ProjectView({ runner, commonArgs, lang });

$('filename').addEventListener('input', schedule);
let projectTimer = null;
$('guard').addEventListener('input', () => {
  schedule();
  clearTimeout(projectTimer);
  projectTimer = setTimeout(() => project.rerun(), 300);
});
$('targets').addEventListener('change', (event) => {
  // At least one client: the CLI takes no empty list.
  if (chosenTargets().length === 0) {
    event.target.checked = true;
    return;
  }
  schedule();
  project.rerun();
});
$('copy-link').addEventListener('click', copyLink);
$('example').addEventListener('click', () => {
  $('filename').value = EXAMPLE_NAME;
  editor.setText(EXAMPLE);
});
$('lang').addEventListener('click', () => {
  rememberLanguage(otherLanguage(lang));
  setLanguage(otherLanguage(lang));
});
for (const button of document.querySelectorAll('[data-tab]')) button.addEventListener('click', () => showTab(button.dataset.tab));
window.addEventListener('hashchange', restore);

setLanguage(lang);
document.body.dataset.editorMs = Math.round(performance.now());
restore();
runner.run({}, [['--version'], ['--help']]).then((outcome) => {
  if (outcome.failure) showProblem(`${t(lang, outcome.failure)}\n${outcome.message}`);
  const [version, help] = outcome.results ?? [];
  cliHasLang = /--lang\b/.test(help?.stdout ?? '');
  if (cliHasLang) schedule();
  $('version').textContent = version?.stdout.trim() ?? '';
  document.body.dataset.cliMs = Math.round(performance.now());
});
