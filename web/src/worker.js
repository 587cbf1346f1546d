// The CLI runs here, off the page's thread: the editor stays responsive during a run, and a
// crash or a stack overflow inside the module ends this run only, never the page.
import { runCli } from './cli.js';

self.onmessage = ({ data: { id, module, files, runs } }) => {
  try {
    postMessage({ id, results: runs.map((args) => runCli(module, args, files)) });
  } catch (error) {
    // V8 reports a native stack overflow as a RangeError; anything else is a trap (a panic
    // aborts a WASI module with `unreachable`).
    postMessage({ id, failure: error instanceof RangeError ? 'nesting' : 'crash', message: String(error) });
  }
};
