// `npm test`: runs framework-runtimes.test.mjs under `node --test` (its reporter, its exit code), then prints
// the framework x environment matrix the test wrote, so that it comes last, after the reporter's summary.
// Arguments go to `node --test`, for example `npm test -- --test-name-pattern=wepy1`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderMatrix } from './lib/matrix.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'framework-runtimes-matrix-'))
const file = join(dir, 'matrix.json')
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...process.argv.slice(2), join(here, 'framework-runtimes.test.mjs')], {
  cwd: here,
  stdio: 'inherit',
  env: { ...process.env, FRAMEWORK_RUNTIMES_MATRIX: file },
})
if (existsSync(file)) console.log(renderMatrix(JSON.parse(readFileSync(file, 'utf8'))))
else console.log('\nFramework runtimes: no matrix, the test file did not finish\n')
rmSync(dir, { recursive: true, force: true })
process.exit(r.error ? 2 : r.status ?? 1)
