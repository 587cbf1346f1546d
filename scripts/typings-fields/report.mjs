// Prints, for each API split out of getSystemInfoSync, how its result fields
// line up with getSystemInfoSync's: the evidence behind marking an API
// `system-info` in src/compat/wecom-support.tsv.
import { BASELINE, SPLIT_APIS, apiResult, compareWithBaseline } from './fields.mjs';

const show = (type, optional) => (type === null ? 'missing' : optional ? `${type} (optional)` : type);

for (const name of process.argv.slice(2).length ? process.argv.slice(2) : SPLIT_APIS) {
  const { parameters, resultText } = apiResult(name);
  const rows = compareWithBaseline(name);
  const bad = rows.filter((r) => !r.assignable).length;
  console.log(`\n## wx.${name}(${parameters.join(', ')}): ${resultText}, ${rows.length} fields, ${bad} not covered by ${BASELINE}`);
  console.table(rows.map((r) => ({
    field: r.field,
    [name]: show(r.type, r.optional),
    [BASELINE]: show(r.baselineType, r.baselineOptional),
    assignable: r.assignable ? 'yes' : 'no',
  })));
}
