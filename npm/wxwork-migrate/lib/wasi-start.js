'use strict';
// One start of the WebAssembly module (see wasi.js), in a worker thread whose stack is deep
// enough for the tool's nesting limits: wasm frames live on V8's native stack.

const fs = require('node:fs');
const path = require('node:path');
const tty = require('node:tty');
const { parentPort, workerData } = require('node:worker_threads');

// `node:wasi` warns that it is experimental on every run: noise for the user, not their concern.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'ExperimentalWarning' && String(warning).includes('WASI')) return;
  emitWarning.call(process, warning, ...rest);
};
const { WASI } = require('node:wasi');

const ERRNO_ACCES = 2;
const ERRNO_AGAIN = 6;
const RIGHT_FD_WRITE = 1n << 6n;
const OFLAG_CREAT = 1;
const TEMP_PREFIX = '.wxwork-migrate-';

function mode(file) {
  try {
    return fs.statSync(file).mode;
  } catch {
    return null;
  }
}

/**
 * The WASI calls, with what the native binary gets from the OS and WASI lacks:
 * - File modes. Opening a file for writing is refused when its mode has no write bit (and
 *   creating a temporary file, when its folder's has none), as `--write` refuses read-only files
 *   even for root. A temporary file is created private (0600), as the native tempfile does, and
 *   one renamed over a file takes that file's mode, as `--write` keeps permissions; one linked
 *   to a new name, a new file's.
 * - Blocking output. Node makes the pipes of stdio non-blocking, so a write to a full pipe fails
 *   with EAGAIN, which the module would take for an error: it waits and writes again instead.
 */
function withHostCalls(imports, host) {
  /** Preopened folders by descriptor: node:wasi numbers them from 3 in the order given. */
  const hostPath = (fd, ptr, len) => {
    const root = host.roots[fd - 3];
    if (root === undefined) return null;
    return path.join(root, Buffer.from(host.memory.buffer, ptr, len).toString('utf8'));
  };
  const isTemp = (file) => path.basename(file).startsWith(TEMP_PREFIX);
  const calls = imports.wasi_snapshot_preview1;

  const pathOpen = calls.path_open;
  calls.path_open = (fd, dirflags, ptr, len, oflags, rights, inheriting, fdflags, opened) => {
    const file = BigInt(rights) & RIGHT_FD_WRITE ? hostPath(fd, ptr, len) : null;
    const existing = file && mode(file);
    const creatingTemp = file && existing === null && oflags & OFLAG_CREAT && isTemp(file);
    const guard = creatingTemp ? mode(path.dirname(file)) : existing;
    if (guard !== null && (guard & 0o222) === 0) return ERRNO_ACCES;
    const result = pathOpen(fd, dirflags, ptr, len, oflags, rights, inheriting, fdflags, opened);
    if (result === 0 && creatingTemp) fs.chmodSync(file, 0o600);
    return result;
  };

  const pathRename = calls.path_rename;
  calls.path_rename = (fd, oldPtr, oldLen, newFd, newPtr, newLen) => {
    const from = hostPath(fd, oldPtr, oldLen);
    const to = hostPath(newFd, newPtr, newLen);
    const kept = to && mode(to);
    if (from && kept !== null && isTemp(from)) fs.chmodSync(from, kept & 0o7777);
    return pathRename(fd, oldPtr, oldLen, newFd, newPtr, newLen);
  };

  // tempfile's no-clobber persist links the temporary file to the new name under WASI: a file
  // the tool adds gets a new file's mode (0666 less the umask), as the native binary gives it.
  const pathLink = calls.path_link;
  calls.path_link = (oldFd, flags, oldPtr, oldLen, newFd, newPtr, newLen) => {
    const from = hostPath(oldFd, oldPtr, oldLen);
    if (from && isTemp(from)) fs.chmodSync(from, 0o666 & ~process.umask());
    return pathLink(oldFd, flags, oldPtr, oldLen, newFd, newPtr, newLen);
  };

  const fdWrite = calls.fd_write;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  calls.fd_write = (fd, iovs, count, written) => {
    for (;;) {
      const result = fdWrite(fd, iovs, count, written);
      if (result !== ERRNO_AGAIN || fd > 2) return result;
      Atomics.wait(pause, 0, 0, 1);
    }
  };
  return imports;
}

function start({ wasm: module, args, journal, stdin, locale }) {
  const onTerminal = ['stdout', 'stderr'].filter((_, i) => tty.isatty(i + 1));
  const env = {
    ...process.env,
    WXWORK_MIGRATE_TTY: onTerminal.join(','),
    WXWORK_MIGRATE_JOURNAL: journal,
    // The desktop's language, which the native binary asks Windows or macOS for: the module
    // uses it only when no --lang, WXWORK_MIGRATE_LANG, LC_ALL, LC_MESSAGES or LANG chooses.
    WXWORK_MIGRATE_HOST_LOCALE: locale,
  };
  // Windows paths have no WASI spelling here: there the module sees the current folder alone.
  const posix = process.platform !== 'win32';
  if (posix) env.WXWORK_MIGRATE_CWD = process.cwd();
  const preopens = posix ? { '/': '/' } : { '.': process.cwd() };
  const stdinFd = stdin ? fs.openSync(stdin, 'r') : 0;
  const wasi = new WASI({
    version: 'preview1',
    args: ['wxwork-migrate', ...args],
    env,
    preopens,
    stdin: stdinFd,
    stdout: 1,
    stderr: 2,
    returnOnExit: true,
  });
  const host = { memory: null, roots: Object.values(preopens) };
  const imports = withHostCalls(wasi.getImportObject(), host);
  try {
    const instance = new WebAssembly.Instance(module, imports);
    host.memory = instance.exports.memory;
    return { exit: wasi.start(instance) };
  } catch (err) {
    return { abort: String(err) };
  } finally {
    if (stdin) fs.closeSync(stdinFd);
  }
}

parentPort.once('message', (wasm) => parentPort.postMessage(start({ ...workerData, wasm })));
