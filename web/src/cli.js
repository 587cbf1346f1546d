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

/**
 * One run of the CLI on `files` (path → bytes), in a fresh instance of the compiled module each
 * time: a WASI command runs `main` once, and a panic leaves its instance unusable.
 * Returns `{ code, stdout, stderr }`; throws what the module throws (a trap, a stack overflow).
 */
export function runCli(module, args, files) {
  const stdout = new Capture();
  const stderr = new Capture();
  const fds = [new OpenFile(new File(new Uint8Array())), stdout, stderr, new PreopenDirectory('.', tree(files))];
  const wasi = new WASI(['wxwork-migrate', ...args], [], fds, { debug: false });
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport });
  const code = wasi.start(instance);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
