// Runs the wxwork-migrate CLI (its wasm32-wasip1 build) on an in-memory folder. The page gets the
// CLI's own discovery, findings and diff this way, so there is no second code path to keep in step.
import { WASI, File, Directory, OpenFile, ConsoleStdout, PreopenDirectory } from '@bjorn3/browser_wasi_shim';

/** Builds the shim's directory tree from `{ 'pages/index/index.js': Uint8Array, ... }`. */
function tree(files) {
  const root = new Map();
  for (const [path, bytes] of Object.entries(files)) {
    const parts = path.split('/').filter((part) => part !== '' && part !== '.');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let child = dir.get(part);
      if (!(child instanceof Directory)) {
        child = new Directory(new Map());
        dir.set(part, child);
      }
      dir = child.contents;
    }
    dir.set(parts[parts.length - 1], new File(bytes));
  }
  return root;
}

/** WASI's `filetype::unknown`: what a pipe is to a WASI program. */
const FILETYPE_UNKNOWN = 0;

/**
 * stdout or stderr, kept in memory. The shim's console calls itself a character device, which
 * the CLI takes for a terminal: it would colour its output and draw a progress bar on stderr.
 */
class Capture extends ConsoleStdout {
  constructor() {
    const chunks = [];
    super((bytes) => chunks.push(bytes.slice()));
    this.chunks = chunks;
  }

  fd_fdstat_get() {
    const stat = super.fd_fdstat_get();
    stat.fdstat.fs_filetype = FILETYPE_UNKNOWN;
    return stat;
  }

  text() {
    const all = new Uint8Array(this.chunks.reduce((size, chunk) => size + chunk.length, 0));
    let at = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(all);
  }
}

/** Where the module keeps its journal (see src/crash.rs): a folder of its own beside the project. */
const JOURNAL_DIR = '/.wxwork-migrate';
const JOURNAL = `${JOURNAL_DIR}/journal`;

/**
 * One run of the CLI on `files` (path → bytes). A panic aborts a WASI module where the native
 * binary reports the file (a parser panic as WX901) and goes on, so, as the npm launcher does,
 * the module journals the file in flight and is started again after an abort, in a fresh
 * instance of the compiled module: the new start reports the crashed file as the native binary
 * does, prints nothing twice, and goes on with the next file.
 * Returns `{ code, stdout, stderr }`; throws a stack overflow (a RangeError), and an abort that
 * no file was in flight for or that happens again on the same file.
 */
export function runCli(module, args, files) {
  const stdout = new Capture();
  const stderr = new Capture();
  const journal = new File(new Uint8Array());
  const project = new PreopenDirectory('.', tree(files));
  const crashed = new Set();
  for (;;) {
    const fds = [
      new OpenFile(new File(new Uint8Array())),
      stdout,
      stderr,
      project,
      new PreopenDirectory(JOURNAL_DIR, new Map([['journal', journal]])),
    ];
    const wasi = new WASI(['wxwork-migrate', ...args], [`WXWORK_MIGRATE_JOURNAL=${JOURNAL}`], fds, { debug: false });
    try {
      const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport });
      const code = wasi.start(instance);
      return { code, stdout: stdout.text(), stderr: stderr.text() };
    } catch (error) {
      if (error instanceof RangeError) throw error;
      const inFlight = recordCrash(journal, String(error));
      if (inFlight === null || crashed.has(inFlight)) throw error;
      crashed.add(inFlight);
    }
  }
}

/**
 * After an abort: the index of the file in flight (the last one started), with a crash record
 * for it when the panic hook could not write one. Null when no file was in flight.
 */
function recordCrash(journal, detail) {
  const records = new TextDecoder()
    .decode(journal.data)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const started = records.filter((record) => record.start !== undefined).pop();
  if (!started) return null;
  if (records[records.length - 1].crash !== started.start) {
    const line = new TextEncoder().encode(`${JSON.stringify({ crash: started.start, parse: null, detail })}\n`);
    const data = new Uint8Array(journal.data.length + line.length);
    data.set(journal.data);
    data.set(line, journal.data.length);
    journal.data = data;
  }
  return started.start;
}
