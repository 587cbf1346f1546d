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

function sink(chunks) {
  return new ConsoleStdout((bytes) => chunks.push(bytes.slice()));
}

function text(chunks) {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return chunks.map((bytes) => decoder.decode(bytes, { stream: true })).join('') + decoder.decode();
}

/**
 * One run of the CLI on `files` (path → bytes), in a fresh instance of the compiled module each
 * time: a WASI command runs `main` once, and a panic leaves its instance unusable.
 * Returns `{ code, stdout, stderr }`; throws what the module throws (a trap, a stack overflow).
 */
export function runCli(module, args, files) {
  const out = [];
  const err = [];
  const fds = [
    new OpenFile(new File(new Uint8Array())),
    sink(out),
    sink(err),
    new PreopenDirectory('.', tree(files)),
  ];
  const wasi = new WASI(['wxwork-migrate', ...args], ['NO_COLOR=1'], fds, { debug: false });
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport });
  const code = wasi.start(instance);
  return { code, stdout: text(out), stderr: text(err) };
}
