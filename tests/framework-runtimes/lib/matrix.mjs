// The framework x environment matrix the run prints at the end. A cell is 'pass' | 'FAIL' | 'n/a' | 'skipped';
// a framework's row takes the worst cell of its cases. "left (WX403)" counts the functions the tool left
// alone with a WX403 finding (the person ports them; the WeCom column checks that they are unchanged).
export const COLUMNS = ['tool', 'WeChat', 'WeCom', 'H5', 'left (WX403)', 'tsc']
const LEFT = 'left (WX403)'
const RANK = { FAIL: 3, skipped: 2, pass: 1, 'n/a': 0 }

/** rows: [[case key "framework/name", { column: cell }]]; labels: framework -> label. Returns the text. */
export function renderMatrix ({ title, rows, labels }) {
  const frameworks = new Map()
  for (const [key, row] of rows) {
    const f = key.split('/')[0]
    if (!frameworks.has(f)) frameworks.set(f, {})
    const sum = frameworks.get(f)
    for (const c of COLUMNS) {
      if (row[c] === undefined) continue
      if (c === LEFT) sum[c] = (sum[c] || 0) + row[c]
      else if (!sum[c] || RANK[row[c]] > RANK[sum[c]]) sum[c] = row[c]
    }
  }
  const table = (heading, entries) => [
    `| ${heading} | ${COLUMNS.join(' | ')} |`,
    `| --- | ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...entries.map(([name, row]) => `| ${name} | ${COLUMNS.map((c) => (row[c] === undefined ? '-' : row[c])).join(' | ')} |`),
  ]
  return [
    '',
    title,
    '',
    ...table('framework', [...frameworks].map(([f, row]) => [`${labels[f] || f} (${f})`, row])),
    '',
    ...table('case', rows),
    '',
  ].join('\n')
}
