'use strict';
// The native backend: the binary with this process's stdio, its exit code passed through.

const { spawnSync } = require('node:child_process');

function run(binary, args) {
  const result = spawnSync(binary, args, { stdio: 'inherit', windowsHide: true });
  if (result.error) {
    console.error(`wxwork-migrate: error: could not run ${binary}: ${result.error.message}`);
    process.exit(2);
  }
  if (result.signal) {
    // Ended by a signal: end the same way, so that the shell or hook sees it.
    process.kill(process.pid, result.signal);
  }
  process.exit(result.status ?? 2);
}

module.exports = { run };
