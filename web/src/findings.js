// The findings list: code (linked to its documentation), position, message.

// The code pages, relative to the page: build.mjs renders the repository's docs/codes/ and
// docs/zh-CN/codes/ to HTML at the same paths, so the links work on any static host and offline.
// The repository names no public home (its package's is a placeholder) to link to instead.
const DOCS_BASE = 'docs/';

/** The page of `code` in the page's language (`en` or `zh`). */
export function codePage(code, lang) {
  return `${DOCS_BASE}${lang === 'zh' ? 'zh-CN/' : ''}codes/${code}.html`;
}

/** Fills `list` from the CLI's JSON findings; `onPick(finding)` runs when one is clicked. */
export function renderFindings(list, findings, { lang, withPath, onPick, emptyText, docsText }) {
  list.replaceChildren();
  if (findings.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = emptyText;
    list.append(empty);
    return;
  }
  for (const finding of findings) {
    const item = document.createElement('li');
    item.className = `finding ${finding.severity}`;
    item.dataset.code = finding.code;
    item.dataset.line = finding.start.line;
    item.dataset.column = finding.start.column;
    const code = document.createElement('a');
    code.className = 'code';
    code.href = codePage(finding.code, lang);
    code.target = '_blank';
    code.rel = 'noopener';
    code.title = docsText;
    code.textContent = finding.code;
    const where = document.createElement('button');
    where.type = 'button';
    where.className = 'where';
    where.textContent = `${withPath ? `${finding.path}:` : ''}${finding.start.line}:${finding.start.column}`;
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = finding.message;
    item.append(code, where, message);
    item.addEventListener('click', (event) => {
      if (event.target !== code) onPick?.(finding);
    });
    list.append(item);
  }
}

/** The JSON document's findings, or null when the run printed none (bad arguments, say). */
export function parseFindings(stdout) {
  try {
    return JSON.parse(stdout).findings;
  } catch {
    return null;
  }
}

/** The CLI's one-line summary ("1 file scanned ..."), from its stderr. */
export function summaryLine(stderr) {
  return stderr.split('\n').find((line) => /^\d+ files? scanned|^共扫描 \d+ 个文件/.test(line)) ?? '';
}
