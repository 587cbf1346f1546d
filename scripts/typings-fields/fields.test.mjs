// Rewriting wx.X() to wx.getSystemInfoSync() inside WeCom is only sound if the
// caller, still expecting X's result, gets every field it may read, with a
// value of a type it accepts. This holds that claim to the official typings for
// every API the support table marks `system-info`.
import assert from 'node:assert/strict';
import test from 'node:test';
import { BASELINE, SUPPORT_TSV, compareWithBaseline, systemInfoRows } from './fields.mjs';

// One subtest per API, so a failure names every misaligned API, not the first.
test('every system-info API returns only fields getSystemInfoSync returns, with assignable types', async (t) => {
  for (const name of systemInfoRows()) {
    await t.test(`wx.${name}`, () => {
      const misses = compareWithBaseline(name).filter((r) => !r.assignable)
        .map((r) => `  ${r.field}: ${name} has ${r.type}, ${BASELINE} has ${r.baselineType ?? 'no such field'}`);
      assert.ok(misses.length === 0, `wx.${name} is marked system-info in ${SUPPORT_TSV} but:\n${misses.join('\n')}`);
    });
  }
});

// Without this, a table with no system-info row would pass the test above.
test('the support table marks at least one API system-info', () => {
  assert.ok(systemInfoRows().length > 0, `no api row with fix=system-info in ${SUPPORT_TSV}`);
});
