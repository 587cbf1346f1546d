// The TypeScript check of a fixture that has a tsconfig.json: `tsc -p <project> --strict` as its author runs
// it, with the pinned TypeScript (package.json) and the pinned framework's typings (`@tarojs/taro` ships its
// own), reached through a `node_modules` link to ours, as an installed project has them.
//
// A Taro project needs `skipLibCheck` under `strict` (Taro 3.6's typings import react, vue and webpack and
// have implicit `any`s), and `skipLibCheck` skips every declaration file, the project's own too: so
// `ownDeclarationErrors` checks the project's own .d.ts files (the wxwork.d.ts the tool writes) with
// `skipLibCheck` off, reporting only what is in them.
import { spawnSync } from 'node:child_process'
import { cpSync, realpathSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { ROOT } from './runtimes.mjs'

const require = createRequire(join(ROOT, 'package.json'))
const TSC = require.resolve('typescript/bin/tsc')
export const TYPESCRIPT_VERSION = ts.version

/** A copy of the project at `to`, with `node_modules` linked to the harness's. */
export function typecheckCopy (from, to) {
  cpSync(from, to, { recursive: true })
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir')
  return to
}

/** `tsc -p <dir> --strict --noEmit --pretty false`: { status, output }. */
export function tsc (dir) {
  const r = spawnSync(process.execPath, [TSC, '-p', dir, '--strict', '--noEmit', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' })
  if (r.error) throw r.error
  return { status: r.status, output: (r.stdout + r.stderr).trim() }
}

/** The errors in the project's own declaration files, checked with `skipLibCheck` off; [] when none. */
export function ownDeclarationErrors (dir) {
  const host = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')) },
  }
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), { strict: true, noEmit: true, skipLibCheck: false }, host)
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options })
  // Root files are named as found under `dir`; files reached through the node_modules link by their real path.
  const roots = [...new Set([resolve(dir), realpathSync(dir)])]
  const inProject = (name) => roots.find((r) => name.startsWith(r + sep) && !relative(r, name).split(/[\\/]/).includes('node_modules'))
  const own = program.getSourceFiles().filter((f) => f.isDeclarationFile && inProject(resolve(f.fileName)))
  const rel = (name) => relative(inProject(resolve(name)) || roots[0], resolve(name))
  const diagnostics = own.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)])
  return {
    files: own.map((f) => rel(f.fileName)),
    errors: diagnostics.map((d) => {
      const where = d.file ? `${rel(d.file.fileName)}(${d.file.getLineAndCharacterOfPosition(d.start).line + 1},${d.file.getLineAndCharacterOfPosition(d.start).character + 1})` : ''
      return `${where}: error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
    }),
  }
}
