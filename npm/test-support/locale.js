'use strict';
// Preloaded into the launcher (NODE_OPTIONS=--require) by npm/test/package.test.js: Node reports
// the locale in WXWORK_MIGRATE_TEST_LOCALE, as Windows' regional settings make it report one,
// with no LANG or LC_* that the module would read first.

const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions;
Intl.DateTimeFormat.prototype.resolvedOptions = function () {
  return { ...resolvedOptions.call(this), locale: process.env.WXWORK_MIGRATE_TEST_LOCALE };
};
