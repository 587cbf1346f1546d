// Reads the CLI's unified diff: splits a project's patch into files, and applies a file's hunks
// to its text to get the migrated text (for the side-by-side view and for writing files).

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function pathOf(header) {
  const path = header.slice(4);
  return path === '/dev/null' ? null : path.replace(/^[ab]\//, '');
}

/**
 * One entry a file: `{ path, created, text, hunks }`, where `text` is that file's part of the
 * patch and each hunk is `{ oldStart, lines }`. Hunk lengths come from the headers, so a removed
 * line that itself starts with `-- ` is never mistaken for a file header.
 */
export function splitPatch(patch) {
  const lines = patch.split('\n');
  const files = [];
  let i = 0;
  while (i < lines.length) {
    if (!(lines[i].startsWith('--- ') && lines[i + 1]?.startsWith('+++ '))) {
      i++;
      continue;
    }
    const start = i;
    const file = { path: pathOf(lines[i + 1]), created: pathOf(lines[i]) === null, hunks: [] };
    i += 2;
    let match;
    while (i < lines.length && (match = HUNK.exec(lines[i]))) {
      let oldLeft = match[2] === undefined ? 1 : Number(match[2]);
      let newLeft = match[4] === undefined ? 1 : Number(match[4]);
      const hunk = { oldStart: Number(match[1]), lines: [] };
      i++;
      while (i < lines.length && (oldLeft > 0 || newLeft > 0 || lines[i].startsWith('\\'))) {
        const line = lines[i++];
        hunk.lines.push(line);
        if (line[0] !== '+' && line[0] !== '\\') oldLeft--;
        if (line[0] !== '-' && line[0] !== '\\') newLeft--;
      }
      file.hunks.push(hunk);
    }
    file.text = lines.slice(start, i).join('\n') + '\n';
    files.push(file);
  }
  return files;
}

/** The text after the file's hunks are applied to `source` (empty for a created file). */
export function applyHunks(source, hunks) {
  const old = source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out = [];
  let next = 0;
  for (const { oldStart, lines } of hunks) {
    const first = Math.max(oldStart - 1, 0);
    out.push(...old.slice(next, first));
    next = first;
    lines.forEach((line, k) => {
      if (line[0] === ' ') out.push(old[next++]);
      else if (line[0] === '-') next++;
      else if (line[0] === '+') out.push(line.slice(1) + (lines[k + 1]?.[0] === '\\' ? '' : '\n'));
    });
  }
  out.push(...old.slice(next));
  return out.join('');
}
