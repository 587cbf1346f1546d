'use strict';
// The native backend: the binary with this process's stdio, its exit code passed through.

const { spawnSync } = require('node:child_process');

function run(binary, args) {
  // A terminal's Ctrl-C reaches the binary too, which stops cleanly and exits 130: wait for it,
  // rather than end first and leave it writing after the shell's prompt.
  const wait = () => {};
  const signals = process.platform === 'win32' ? ['SIGINT', 'SIGBREAK'] : ['SIGINT'];
  for (const signal of signals) process.on(signal, wait);
  const result = spawnSync(binary, args, { stdio: 'inherit', windowsHide: true });
  for (const signal of signals) process.off(signal, wait);
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
