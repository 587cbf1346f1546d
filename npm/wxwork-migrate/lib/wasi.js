'use strict';
// The WebAssembly backend: the CLI built for wasm32-wasip1, run by Node's `node:wasi`.
//
// A panic aborts a WASI module (there is no unwinding), where the native binary reports the file
// and goes on. So the module journals which file is in flight (see src/crash.rs), and after an
// abort this starts it again: the new start replays the journal, reports the crashed file as the
// native binary does, prints nothing twice, and goes on with the next file.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Worker } = require('node:worker_threads');

// Node 20 crashes now and then (a segmentation fault) when the garbage collector runs during
// one of node:wasi's calls made through V8's fast API path; the ordinary path is safe.
require('node:v8').setFlagsFromString('--no-turbo-fast-api-calls');
// V8 runs the module in its baseline code and recompiles the hottest functions in the background.
// Exiting waits for recompilations under way, which cost a short run (a hook on a few files)
// more than it ever gained from them: 0.3 s of 0.7 s. Ten times V8's default budget keeps short
// runs in baseline code and still recompiles what a long run spends its time in.
require('node:v8').setFlagsFromString('--wasm-tiering-budget=18000000');

/** The stack of the thread that runs the module: the tool's limit, 5,000 levels of nesting,
 * takes about 300 MB of V8's native stack. */
const STACK_MB = 512;
const MODULE = path.join(__dirname, '..', 'wxwork-migrate.wasm');

async function run(args) {
  const compiled = WebAssembly.compile(fs.readFileSync(MODULE));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wxwork-migrate-'));
  let code;
  try {
    const journal = path.join(scratch, 'journal');
    const stdin = stdinCopy(args, scratch);
    // ICU, in Node.js, reads it from Windows' regional settings, and elsewhere from LC_ALL,
    // LC_MESSAGES and LANG, which the module reads itself.
    const locale = Intl.DateTimeFormat().resolvedOptions().locale;
    const crashed = new Set();
    for (;;) {
      const outcome = await start(compiled, { args, journal, stdin, locale });
      if (outcome.exit !== undefined) {
        code = outcome.exit;
        break;
      }
      const inFlight = recordCrash(journal, outcome.abort);
      if (inFlight === null || crashed.has(inFlight)) {
        console.error(`wxwork-migrate: internal error: ${outcome.abort}`);
        code = 2;
        break;
      }
      crashed.add(inFlight);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  process.exit(code);
}

/** `--stdin-filename` reads stdin once; a start after a crash must read the same bytes. */
function stdinCopy(args, scratch) {
  const options = args.slice(0, args.includes('--') ? args.indexOf('--') : args.length);
  if (!options.some((a) => a === '--stdin-filename' || a.startsWith('--stdin-filename='))) {
    return null;
  }
  const copy = path.join(scratch, 'stdin');
  fs.writeFileSync(copy, readAll(0));
  return copy;
}

function readAll(fd) {
  const chunks = [];
  const buffer = Buffer.alloc(1 << 16);
  for (;;) {
    let n;
    try {
      n = fs.readSync(fd, buffer);
    } catch (err) {
      if (err.code === 'EAGAIN') continue;
      if (err.code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

/**
 * After an abort: the index of the file in flight (the last one started), with a crash record
 * for it when the panic hook could not write one (a trap that is not a panic). Null when no
 * file was in flight, so the abort is not a file's.
 */
function recordCrash(journal, message) {
  let records = [];
  try {
    records = fs
      .readFileSync(journal, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    return null;
  }
  const started = records.filter((r) => r.start !== undefined).pop();
  if (!started) return null;
  const inFlight = started.start;
  const last = records[records.length - 1];
  if (last.crash !== inFlight) {
    const detail = message.replace(/^RangeError: Maximum call stack size exceeded$/, 'stack overflow');
    fs.appendFileSync(journal, `${JSON.stringify({ crash: inFlight, parse: null, detail })}\n`);
  }
  return inFlight;
}

/**
 * Runs one start of the module in a worker thread; resolves to `{ exit }` or `{ abort }`. The
 * thread starts while the module compiles, which takes about as long.
 */
function start(compiled, workerData) {
  return new Promise((resolve) => {
    const worker = new Worker(path.join(__dirname, 'wasi-start.js'), {
      workerData,
      resourceLimits: { stackSizeMb: STACK_MB },
    });
    compiled.then(
      (module) => worker.postMessage(module),
      (err) => {
        worker.terminate();
        resolve({ abort: String(err) });
      },
    );
    let outcome = { abort: 'the WebAssembly module stopped without an exit code' };
    worker.on('message', (message) => (outcome = message));
    worker.on('error', (err) => (outcome = { abort: String(err) }));
    worker.on('exit', () => resolve(outcome));
  });
}

module.exports = { run };
