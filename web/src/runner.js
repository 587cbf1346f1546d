// The page's side of the workers: compiles the module once, hands it to every worker, and
// replaces a worker that dies, reusing the compiled module.

const WASM_URL = new URL('wxwork-migrate.wasm', document.baseURI);

async function compile() {
  const response = await fetch(WASM_URL);
  if (!response.ok) throw new Error(`${WASM_URL}: HTTP ${response.status}`);
  // Some static hosts serve .wasm with the wrong type, which compileStreaming refuses.
  return response.headers.get('content-type') === 'application/wasm'
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer());
}

/** One worker thread, started on first use and started again after it dies. */
class Lane {
  constructor() {
    this.worker = null;
    this.pending = new Map();
    this.nextId = 0;
  }

  spawn() {
    this.worker = new Worker(new URL('worker.js', document.baseURI));
    this.worker.onmessage = ({ data }) => {
      const settle = this.pending.get(data.id);
      this.pending.delete(data.id);
      settle?.(data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.worker.terminate();
      this.worker = null;
      for (const settle of this.pending.values()) settle({ failure: 'crash', message: event.message });
      this.pending.clear();
    };
  }

  run(module, files, args) {
    if (!this.worker) this.spawn();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, module, files, runs: [args] });
    });
  }
}

export class Runner {
  constructor(lanes = 2) {
    this.module = compile();
    this.lanes = Array.from({ length: lanes }, () => new Lane());
  }

  /**
   * Runs the CLI once for each argument list in `runs`, on the same `files` (path → bytes), at
   * the same time on separate workers: the page needs two runs (the diff, the JSON findings) and
   * the machine usually has two cores. Resolves to `{ results: [{ code, stdout, stderr }] }` or
   * to the first `{ failure: 'nesting' | 'crash' | 'load', message }`.
   */
  async run(files, runs) {
    let module;
    try {
      module = await this.module;
    } catch (error) {
      return { failure: 'load', message: String(error) };
    }
    const outcomes = await Promise.all(runs.map((args, i) => this.lanes[i % this.lanes.length].run(module, files, args)));
    return outcomes.find((outcome) => outcome.failure) ?? { results: outcomes.map((outcome) => outcome.results[0]) };
  }
}
