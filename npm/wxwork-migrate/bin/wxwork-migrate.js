#!/usr/bin/env node
// Runs the native binary of this platform's optional package when npm installed one, and the
// WebAssembly module in this package otherwise. WXWORK_MIGRATE_BACKEND=native|wasm forces one.
'use strict';

const { nativeBinary } = require('../lib/platform.js');

const args = process.argv.slice(2);
const forced = process.env.WXWORK_MIGRATE_BACKEND;
if (forced && forced !== 'native' && forced !== 'wasm') {
  console.error(`wxwork-migrate: error: WXWORK_MIGRATE_BACKEND must be native or wasm, not ${forced}`);
  process.exit(2);
}

const binary = forced === 'wasm' ? null : nativeBinary();
if (binary) {
  require('../lib/native.js').run(binary, args);
} else if (forced === 'native') {
  console.error(
    `wxwork-migrate: error: WXWORK_MIGRATE_BACKEND=native, but no native package for ` +
      `${process.platform}-${process.arch} is installed`,
  );
  process.exit(2);
} else {
  require('../lib/wasi.js').run(args);
}
