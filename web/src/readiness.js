// The readiness report (`--readiness`): every WeChat API and component the code uses, grouped
// by what WeCom's support tables say of it for the chosen clients, with the files that use it.
import { t } from './i18n.js';

const CLIENTS = ['windows', 'mac', 'ios', 'android'];
const CLIENT_NAMES = { windows: 'Windows', mac: 'Mac', ios: 'iOS', android: 'Android' };
/** Files listed before the rest fold away, as in the CLI's text report. */
const SHOWN_FILES = 3;

/** The readiness report of a `--readiness --output-format json` run, or null when it gave none. */
export function readinessOf(outcome) {
  if (outcome.failure) return null;
  try {
    return JSON.parse(outcome.results[0].stdout).readiness ?? null;
  } catch {
    return null;
  }
}

function standingsOf(readiness) {
  return [...new Set(readiness.used.map((entry) => entry.standing))];
}

function clientList(lang, clients) {
  return clients.map((client) => CLIENT_NAMES[client]).join(t(lang, 'listSeparator'));
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A file name: a button when the page can show that file (`canOpen`), else plain text. */
function fileItem(path, { canOpen, onOpen }) {
  if (!canOpen?.(path)) return element('span', 'file', path);
  const button = element('button', 'file', path);
  button.type = 'button';
  button.addEventListener('click', () => onOpen(path));
  return button;
}

/** The first files, then the others folded under "and N more". */
function fileList(lang, files, navigation) {
  const list = element('span', 'files');
  list.append(...files.slice(0, SHOWN_FILES).map((path) => fileItem(path, navigation)));
  if (files.length > SHOWN_FILES) {
    const more = element('details', 'more');
    more.append(element('summary', '', t(lang, 'moreFiles', files.length - SHOWN_FILES)));
    more.append(...files.slice(SHOWN_FILES).map((path) => fileItem(path, navigation)));
    list.append(more);
  }
  return list;
}

/**
 * One name and what the tables say of it, with what the CLI's text report shows: the clients
 * it is missing on when only some of the chosen ones lack it, the table's own words unless it
 * is supported or is one of the APIs this tool handles (the findings say how), and its files.
 */
function entryItem(lang, entry, navigation) {
  const item = element('li', 'entry');
  item.dataset.name = entry.name;
  item.append(element('code', 'name', entry.name));
  if (entry.standing === 'missing-on-some') {
    item.append(element('span', 'missing-on', t(lang, 'missingOn', clientList(lang, entry.missingOn))));
  }
  if (entry.wording && !['supported', 'differs'].includes(entry.standing)) {
    const wording = element('span', 'wording', entry.wording);
    wording.lang = 'zh-CN';
    wording.title = t(lang, 'wordingTitle');
    item.append(wording);
  }
  item.append(fileList(lang, entry.files, navigation));
  return item;
}

/** A group headed as the CLI's text report heads it, in the language of the run. */
function groupOf(lang, heading, standing, entries, navigation) {
  const group = element('section', `group ${standing}`);
  group.dataset.standing = standing;
  group.append(element('h3', '', `${heading} (${entries.length})`));
  const list = element('ul', 'entries');
  list.append(...entries.map((entry) => entryItem(lang, entry, navigation)));
  group.append(list);
  return group;
}

/** "For WeCom on <clients>, according to WeCom's support tables of <date>:" and their two pages. */
function sourcesLine(lang, readiness) {
  const line = element('p', 'sources', t(lang, 'tablesOf', readiness.tableDate, clientList(lang, readiness.targets)));
  readiness.sources.forEach((url, i) => {
    const link = element('a', '', t(lang, i === 0 ? 'apiTable' : 'componentTable'));
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener';
    line.append(i === 0 ? ' ' : ' · ', link);
  });
  return line;
}

/**
 * Fills `section`'s `.report` from the CLI's JSON readiness report, a group per standing in the
 * report's order; hides the section when there is none. `navigation` is
 * `{ canOpen(path), onOpen(path) }` when the page can show a file of the report.
 */
export function renderReadiness(section, readiness, { lang, navigation = {} }) {
  section.hidden = !readiness;
  const root = section.querySelector('.report');
  root.replaceChildren();
  if (!readiness) return;
  root.append(sourcesLine(lang, readiness));
  if (readiness.used.length === 0) root.append(element('p', 'empty', t(lang, 'nothingUsed')));
  for (const standing of standingsOf(readiness)) {
    const entries = readiness.used.filter((entry) => entry.standing === standing);
    root.append(groupOf(lang, readiness.headings[standing], standing, entries, navigation));
  }
}

/** The chosen clients as CLI flags: none when all four are chosen, the CLI's default. */
export function targetArgs(chosen) {
  return chosen.length === CLIENTS.length ? [] : ['--targets', chosen.join(',')];
}
