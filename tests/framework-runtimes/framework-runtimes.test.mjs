// For each fixture project under fixtures/<framework>/<case>/: copy it, run `wxwork-migrate --write` on the
// copy, then run the input and the output under the framework's real runtime (lib/runtimes.mjs) as WeChat,
// WeCom and H5 (lib/env.mjs, lib/h5.mjs), with login succeeding, failing, and checkSession failing, and
// compare (lib/compare.mjs). The functions the tool leaves alone with a WX403 finding (it can give no wx.qy
// call their shape) must be the ones the fixture's expect.json lists, and unchanged; a fixture with a
// tsconfig.json must pass `tsc --strict` before and after (lib/typescript.mjs). `npm test` (run-tests.mjs)
// prints the framework x environment matrix at the end (lib/matrix.mjs).
//
// WXWORK_MIGRATE_BIN   the binary (default ../../target/debug/wxwork-migrate, from `cargo build`).
// FRAMEWORK_RUNTIMES_OUTPUT=<dir>   take the output of fixtures/<framework>/<case> from <dir>/<framework>/<case>
//   instead of running the tool (to check the harness on hand-migrated copies); the second-run check still
//   runs the tool, on a copy of that output.
// Without the binary the tool's checks are skipped, except under CI=true, where they fail.
// FRAMEWORK_RUNTIMES_MATRIX=<file>   write the matrix there as JSON (run-tests.mjs prints it) instead of
//   printing it when the tests end.
//
// fixtures/<framework>/<case>/expect.json (optional, not copied into the project):
//   { "left": ["src/utils/auth.js#loginToGlobalData"], "note": "why" }
// names, as "<module>#<exported function>", the functions in which the tool must report WX403 and change
// nothing; a WX403 anywhere else fails the case, and so does a listed function without one.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { compareIdentical, compareUnchanged, compareWeCom } from './lib/compare.mjs'
import { exportedFunctions, functionAt } from './lib/exports.mjs'
import { renderMatrix } from './lib/matrix.mjs'
import { runProject } from './lib/run.mjs'
import { FRAMEWORKS, ROOT, versions } from './lib/runtimes.mjs'
import { ownDeclarationErrors, tsc, typecheckCopy, TYPESCRIPT_VERSION } from './lib/typescript.mjs'

const CI = process.env.CI === 'true' || process.env.CI === '1'
const BIN = resolve(ROOT, process.env.WXWORK_MIGRATE_BIN || '../../target/debug/wxwork-migrate')
const OVERRIDE = process.env.FRAMEWORK_RUNTIMES_OUTPUT ? resolve(process.env.FRAMEWORK_RUNTIMES_OUTPUT) : null
const HAVE_BIN = existsSync(BIN)
const NO_BIN = `${BIN} does not exist: run \`cargo build\` first, or set WXWORK_MIGRATE_BIN`

const ENVIRONMENTS = [
  { name: 'WeChat', env: 'wechat', outcomes: ['ok', 'fail', 'expired'], compare: compareIdentical },
  { name: 'WeCom', env: 'wecom', outcomes: ['ok', 'fail', 'expired'], compare: compareWeCom },
  { name: 'H5', env: 'h5', outcomes: ['ok'], compare: compareIdentical },
]
// No H5 build to check: WePY 1 has no web target, a native mini-program neither.
const NO_H5 = new Set(['wepy1', 'native'])

const fixtures = join(ROOT, 'fixtures')
const cases = readdirSync(fixtures).filter((f) => FRAMEWORKS[f]).flatMap((framework) =>
  readdirSync(join(fixtures, framework)).sort().map((name) => ({ framework, name, dir: join(fixtures, framework, name) })))

const EXPECT = 'expect.json'

/** The fixture's expect.json, checked: { left: ["<module>#<function>", ...] }. */
function readExpect (dir) {
  const file = join(dir, EXPECT)
  if (!existsSync(file)) return { left: [] }
  const data = JSON.parse(readFileSync(file, 'utf8'))
  const unknown = Object.keys(data).filter((k) => k !== 'left' && k !== 'note')
  if (unknown.length) throw new Error(`${file}: unknown keys ${unknown.join(', ')}`)
  const left = data.left || []
  if (!Array.isArray(left) || !left.every((k) => typeof k === 'string' && /^[^#]+#[^#]+$/.test(k))) {
    throw new Error(`${file}: "left" must list "<module>#<exported function>" strings`)
  }
  return { left }
}

/** A copy of a fixture project, without the harness's expect.json. */
function copyProject (from, to) {
  const skip = join(from, EXPECT)
  cpSync(from, to, { recursive: true, filter: (src) => src !== skip })
}

/** path -> content of every file under dir. */
function snapshot (dir, sub = '', out = new Map()) {
  for (const name of readdirSync(join(dir, sub))) {
    const rel = sub ? `${sub}/${name}` : name
    if (statSync(join(dir, rel)).isDirectory()) snapshot(dir, rel, out)
    else out.set(rel, readFileSync(join(dir, rel), 'utf8'))
  }
  return out
}

function changedFiles (a, b) {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort()
}

/** `wxwork-migrate <args> <dir>`, run from an empty folder: it must write nothing outside <dir>. */
function spawnTool (args, dir, okStatus = [0]) {
  const cwd = mkdtempSync(join(tmpdir(), 'framework-runtimes-cwd-'))
  const command = `wxwork-migrate ${args.join(' ')}`
  try {
    const r = spawnSync(BIN, [...args, '--color', 'never', dir], { encoding: 'utf8', cwd })
    if (r.error) throw r.error
    if (!okStatus.includes(r.status)) throw new Error(`${command} exited ${r.status}:\n${r.stderr}`)
    const stray = readdirSync(cwd)
    if (stray.length) throw new Error(`${command} ${dir} wrote ${stray.join(', ')} into its working folder, outside the project:\n${r.stderr}`)
    return { ...r, cwd }
  } finally {
    rmSync(cwd, { recursive: true, force: true })
  }
}

/** `wxwork-migrate --write <dir>`. */
function runTool (dir) {
  return spawnTool(['--write'], dir)
}

/**
 * The findings of `wxwork-migrate --check --output-format json <dir>` (exit 1: something pending, a
 * warning), each with `file`: its path relative to <dir>.
 */
function runCheck (dir) {
  const r = spawnTool(['--check', '--output-format', 'json'], dir, [0, 1])
  let report
  try {
    report = JSON.parse(r.stdout)
  } catch (error) {
    throw new Error(`wxwork-migrate --check --output-format json printed no JSON (${error.message}):\n${r.stdout}\n${r.stderr}`)
  }
  if (!Array.isArray(report.findings)) throw new Error(`wxwork-migrate --check --output-format json: no "findings" list:\n${r.stdout}`)
  return report.findings.map((f) => ({ ...f, file: relative(dir, resolve(r.cwd, f.path)).split('\\').join('/') }))
}

// case ("framework/name") -> column -> 'pass' | 'FAIL' | 'n/a' | 'skipped' (a count for "left (WX403)");
// printed at the end, per case and per framework (a framework passes a column when all its cases do).
const matrix = new Map()
function mark (key, column, result) {
  if (!matrix.has(key)) matrix.set(key, {})
  const row = matrix.get(key)
  if (row[column] === 'FAIL') return
  row[column] = result
}

const work = mkdtempSync(join(tmpdir(), 'framework-runtimes-'))
after(() => {
  rmSync(work, { recursive: true, force: true })
  const result = {
    title: `Framework runtimes: ${OVERRIDE ? `outputs from ${OVERRIDE}` : `outputs of ${BIN} --write`}`,
    rows: [...matrix],
    labels: Object.fromEntries(Object.entries(FRAMEWORKS).map(([f, spec]) => [f, spec.label])),
  }
  if (process.env.FRAMEWORK_RUNTIMES_MATRIX) writeFileSync(process.env.FRAMEWORK_RUNTIMES_MATRIX, JSON.stringify(result))
  else console.log(renderMatrix(result))
})

test('the runtimes are the pinned ones', () => {
  const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies
  for (const framework of Object.keys(FRAMEWORKS)) {
    for (const [name, version] of Object.entries(versions(framework))) {
      if (pinned[name]) assert.equal(pinned[name].replace(/^npm:.*@/, ''), version, name)
    }
  }
  assert.equal(TYPESCRIPT_VERSION, pinned.typescript, 'typescript')
})

for (const c of cases) {
  describe(`${c.framework}/${c.name}`, () => {
    const key = `${c.framework}/${c.name}`
    const base = join(work, c.framework, c.name)
    const input = join(base, 'input', c.name)
    const output = join(base, 'output', c.name)
    const again = join(base, 'again', c.name)
    const typescript = existsSync(join(c.dir, 'tsconfig.json'))
    const expected = readExpect(c.dir)
    const left = new Set(expected.left)
    const isLeft = (call) => left.has(`${call.module}#${call.name}`)
    const only = (record, keep) => ({ startup: record.startup, calls: record.calls.filter(keep) })
    let outputReady = null // null: no output; else an Error or true
    let toolRun = null

    before(() => {
      copyProject(c.dir, input)
      try {
        if (OVERRIDE) {
          const given = join(OVERRIDE, c.framework, c.name)
          if (!existsSync(given)) throw new Error(`${given} does not exist`)
          copyProject(given, output)
        } else if (HAVE_BIN) {
          copyProject(c.dir, output)
          toolRun = runTool(output)
        } else {
          return
        }
        outputReady = true
      } catch (error) {
        outputReady = error
      }
    })

    const needOutput = (t, column) => {
      if (outputReady === null) {
        if (CI) { mark(key, column, 'FAIL'); assert.fail(NO_BIN) }
        mark(key, column, 'skipped')
        t.skip(NO_BIN)
        return false
      }
      if (outputReady !== true) {
        mark(key, 'tool', 'FAIL')
        mark(key, column, 'FAIL')
        throw outputReady
      }
      return true
    }

    test('the tool changes the project', (t) => {
      if (!typescript) mark(key, 'tsc', 'n/a')
      if (!needOutput(t, 'tool')) return
      const changed = changedFiles(snapshot(input), snapshot(output))
      mark(key, 'tool', changed.length ? 'pass' : 'FAIL')
      assert.ok(changed.length, `the output is the input${toolRun ? `; the tool said:\n${toolRun.stderr}` : ''}`)
    })

    test('a second --write changes nothing', (t) => {
      if (!needOutput(t, 'tool')) return
      if (!HAVE_BIN) {
        if (CI) { mark(key, 'tool', 'FAIL'); assert.fail(NO_BIN) }
        return t.skip(NO_BIN)
      }
      cpSync(output, again, { recursive: true })
      const r = runTool(again)
      const changed = changedFiles(snapshot(output), snapshot(again))
      if (changed.length) mark(key, 'tool', 'FAIL')
      assert.deepEqual(changed, [], `the second run changed files; it said:\n${r.stderr}`)
    })

    test(`WX403: the tool leaves alone ${left.size ? [...left].join(', ') : 'no function'}, unchanged, and nothing else`, (t) => {
      if (!needOutput(t, 'tool')) return
      if (!HAVE_BIN) {
        if (CI) { mark(key, 'tool', 'FAIL'); assert.fail(NO_BIN) }
        return t.skip(NO_BIN)
      }
      const problems = []
      const functionsOf = (dir, file) => exportedFunctions(readFileSync(join(dir, file), 'utf8'), file)
      const reported = new Map() // "<module>#<function>" -> ["line:column", ...]
      const sites = runCheck(output).filter((f) => f.code === 'WX403')
      for (const f of sites) {
        const where = `${f.start.line}:${f.start.column}`
        const fn = existsSync(join(output, f.file)) ? functionAt(functionsOf(output, f.file), f.start.line) : undefined
        if (!fn) { problems.push(`WX403 at ${f.file}:${where}, outside any exported function: ${f.message}`); continue }
        const k = `${f.file}#${fn.name}`
        if (!reported.has(k)) reported.set(k, [])
        reported.get(k).push(where)
      }
      mark(key, 'left (WX403)', sites.length)
      for (const [k, where] of reported) {
        if (!left.has(k)) problems.push(`WX403 in ${k} (at ${where.join(', ')}), which ${EXPECT} does not list as left alone`)
      }
      for (const k of left) {
        if (!reported.has(k)) problems.push(`${EXPECT} lists ${k} as left alone, but the tool reports no WX403 in it`)
        const [file, name] = k.split('#')
        const find = (dir) => existsSync(join(dir, file)) ? functionsOf(dir, file).find((f) => f.name === name) : undefined
        const a = find(input)
        const b = find(output)
        if (!a) problems.push(`${EXPECT} lists ${k}, which the input does not export`)
        else if (!b) problems.push(`${k}: left alone, but the output no longer exports it`)
        else if (a.text !== b.text) problems.push(`${k}: left alone with WX403, but the output changed its code\n    input:  ${JSON.stringify(a.text)}\n    output: ${JSON.stringify(b.text)}`)
      }
      if (problems.length) mark(key, 'tool', 'FAIL')
      assert.deepEqual(problems, [], problems.join('\n'))
    })

    for (const e of ENVIRONMENTS) {
      // WePY and native mini-programs have no H5 build: there is nothing to run, not a test
      // left out.
      if (e.env === 'h5' && NO_H5.has(c.framework)) {
        mark(key, e.name, 'n/a')
        continue
      }
      const what = e.name !== 'WeCom'
        ? 'the output does what the input does'
        : `login and checkSession reach wx.qy, with the same results${left.size ? '; the functions left with WX403 do what they did' : ''}`
      test(`${e.name}: ${what}`, async (t) => {
        if (!needOutput(t, e.name)) return
        const differences = []
        for (const outcome of e.outcomes) {
          const before = await runProject({ framework: c.framework, dir: input, env: e.env, outcome })
          const after = await runProject({ framework: c.framework, dir: output, env: e.env, outcome })
          if (!before.calls.length) differences.push(`${outcome}: the input ran no function (start-up: ${JSON.stringify(before.startup.error)})`)
          const label = `[${e.name}, ${outcome}]`
          if (e.env === 'wecom' && left.size) {
            // Left alone: the person ports them; until then they do in WeCom what the input did.
            differences.push(...e.compare(only(before, (x) => !isLeft(x)), only(after, (x) => !isLeft(x)), label))
            differences.push(...compareUnchanged(only(before, isLeft), only(after, isLeft), `${label} (left alone, WX403)`))
          } else {
            differences.push(...e.compare(before, after, label))
          }
        }
        mark(key, e.name, differences.length ? 'FAIL' : 'pass')
        assert.deepEqual(differences, [], differences.join('\n'))
      })
    }

    if (typescript) {
      test('TypeScript: tsc --strict passes on the input and on the output, which has a wxwork.d.ts', (t) => {
        if (!needOutput(t, 'tsc')) return
        const problems = []
        const added = [...snapshot(output).keys()].filter((k) => /(^|\/)wxwork\.js$/.test(k) && !existsSync(join(input, k)))
        if (!added.length) problems.push('the output has no wxwork.js the tool added')
        for (const js of added) {
          const dts = js.replace(/\.js$/, '.d.ts')
          if (!existsSync(join(output, dts))) problems.push(`no ${dts} beside ${js}, though the project has a tsconfig.json`)
        }
        const inputCopy = typecheckCopy(input, join(base, 'tsc-input', c.name))
        const outputCopy = typecheckCopy(output, join(base, 'tsc-output', c.name))
        const a = tsc(inputCopy)
        if (a.status !== 0) problems.push(`tsc on the input exited ${a.status} (the fixture must type-check before the migration):\n${a.output}`)
        const b = tsc(outputCopy)
        if (b.status !== 0) problems.push(`tsc -p <output> --strict exited ${b.status}:\n${b.output}`)
        const own = ownDeclarationErrors(outputCopy)
        for (const js of added) {
          const dts = js.replace(/\.js$/, '.d.ts')
          if (!own.files.includes(dts)) problems.push(`tsc does not read ${dts} (the project's declaration files it reads: ${own.files.join(', ') || 'none'})`)
        }
        problems.push(...own.errors.map((error) => `the output's own declaration files, checked with skipLibCheck off: ${error}`))
        mark(key, 'tsc', problems.length ? 'FAIL' : 'pass')
        assert.deepEqual(problems, [], problems.join('\n'))
      })
    }
  })
}
