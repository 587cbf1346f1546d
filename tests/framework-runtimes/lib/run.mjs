// Runs a fixture project under one framework runtime and one host environment, and records what happened.
//
// The project's modules (every .js/.ts file but wxwork.js and build configuration; main.js/app.js first, as
// the framework's entry runs first) are bundled with esbuild into one IIFE; the framework's module
// specifiers (`@tarojs/taro`, `wepy`, `@mpxjs/core`, `@mpxjs/api-proxy`) resolve to what the runtime
// bundle exported, and uni-app's `uni` is a global, as the frameworks' builds provide them. uni-app's
// conditional compilation (`// #ifdef MP-WEIXIN` ... `// #endif`) is applied first, for the platform run.
// Then, in a fresh `vm` context: the host mock (env.mjs; none for H5), the runtime bundle (runtimes.mjs; the
// H5 model of h5.mjs for H5), the project; then every function each module exports is called in turn, its
// returned Promise awaited, and everything observable recorded as events:
//   { type: 'call', api: 'wx.login' | 'wx.qy.login' | 'uni.login' (H5 model) ..., args }
//   { type: 'log' | 'warn' | 'error', args }        console output (the project's and the runtime's)
//   { type: 'unhandled', reason }                   an unhandled Promise rejection
//   { type: 'scriptError', error }                  an error thrown by a callback the host called
// and the call's end: { kind: 'resolved' | 'rejected' | 'returned' | 'threw' | 'pending', value }.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join, relative, resolve as resolvePath, sep } from 'node:path'
import vm from 'node:vm'
import * as esbuild from 'esbuild'
import { MOCK_WX_SOURCE, MINI_PROGRAM_GLOBALS_SOURCE } from './env.mjs'
import { H5_MODELS } from './h5.mjs'
import { FRAMEWORKS, runtimeBundle } from './runtimes.mjs'

const FRAMEWORK_SPECIFIERS = /^(@tarojs\/taro|@mpxjs\/core|@mpxjs\/api-proxy|wepy)$/
const SOURCE = /\.(m?js|ts)$/
const SKIP_DIRS = new Set(['node_modules', 'dist', 'unpackage', 'miniprogram_npm', 'config'])
const SETUP = new Set(['main.js', 'main.ts', 'app.js', 'app.ts'])

/** The modules to load, relative to the project, setup modules (main/app) first. */
export function projectModules (dir) {
  const found = []
  const walk = (sub) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name
      if (name.startsWith('.')) continue
      if (statSync(join(dir, rel)).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(rel)
      } else if (SOURCE.test(name) && !/^wxwork\.(js|ts)$/.test(name) && !/\.config\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')) {
        found.push(rel)
      }
    }
  }
  walk('')
  const setup = (rel) => (SETUP.has(basename(rel)) ? 0 : 1)
  return found.sort((a, b) => setup(a) - setup(b) || (a < b ? -1 : a > b ? 1 : 0))
}

/** uni-app's conditional compilation, statement level: `// #ifdef A || B`, `// #ifndef A`, `// #endif`. */
export function preprocessUni (source, flags) {
  const out = []
  const stack = []
  for (const line of source.split('\n')) {
    const m = /^\s*\/\/\s*#(ifdef|ifndef|endif)\b\s*(.*)$/.exec(line)
    if (m) {
      if (m[1] === 'endif') stack.pop()
      else {
        const any = m[2].split('||').some((f) => flags.has(f.trim()))
        stack.push(m[1] === 'ifdef' ? any : !any)
      }
      out.push('')
      continue
    }
    out.push(stack.every(Boolean) ? line : '')
  }
  return out.join('\n')
}

function uniFlags (framework, env) {
  const flags = new Set([framework === 'uni-vue3' ? 'VUE3' : 'VUE2'])
  if (env === 'h5') ['H5', 'WEB'].forEach((f) => flags.add(f))
  else ['MP-WEIXIN', 'MP'].forEach((f) => flags.add(f))
  return flags
}

const projectBundles = new Map()

/** The project's IIFE: sets globalThis.__projectModules to [[path, exports], ...]. */
export async function projectBundle (dir, framework, env) {
  const modules = projectModules(dir)
  const uni = framework.startsWith('uni-')
  const flags = uni ? uniFlags(framework, env) : null
  const key = JSON.stringify([dir, framework, uni ? [...flags] : null, modules.map((m) => [m, readFileSync(join(dir, m), 'utf8')])])
  if (projectBundles.has(key)) return projectBundles.get(key)
  const entry = 'globalThis.__projectModules = [\n' +
    modules.map((m) => `  [${JSON.stringify(m)}, require(${JSON.stringify('./' + m)})],`).join('\n') + '\n]\n'
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: dir, sourcefile: '__entry.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    resolveExtensions: ['.ts', '.js', '.mjs', '.json'],
    logLevel: 'silent',
    metafile: true,
    plugins: [{
      name: 'framework-runtime',
      setup (build) {
        build.onResolve({ filter: FRAMEWORK_SPECIFIERS }, (args) => ({ path: args.path, namespace: 'framework' }))
        build.onLoad({ filter: /.*/, namespace: 'framework' }, (args) => ({
          contents: `var m = globalThis.__frameworkModules && globalThis.__frameworkModules.modules
if (!m || !(${JSON.stringify(args.path)} in m)) throw new Error(${JSON.stringify(args.path + ' is not provided by this runtime')})
module.exports = m[${JSON.stringify(args.path)}]`,
          loader: 'js',
        }))
        if (uni) {
          build.onLoad({ filter: /\.(m?js|ts)$/ }, (args) => {
            if (args.path.includes(`${sep}node_modules${sep}`)) return undefined
            return { contents: preprocessUni(readFileSync(args.path, 'utf8'), flags), loader: extname(args.path) === '.ts' ? 'ts' : 'js' }
          })
        }
      },
    }],
  })
  const outside = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('framework:') && !f.startsWith('<stdin>'))
    .map((f) => resolvePath(f))
    .filter((f) => relative(dir, f).startsWith('..'))
  if (outside.length) throw new Error(`the project imports files outside its folder ${dir}: ${outside.join(', ')}`)
  const code = result.outputFiles[0].text
  projectBundles.set(key, code)
  return code
}

/** A plain, comparable picture of a value of the run's context. */
export function describe (value, seen = new Set(), depth = 0) {
  if (value === null || value === undefined) return value
  const t = typeof value
  if (t === 'function') return '[Function]'
  if (t !== 'object') return value
  if (seen.has(value) || depth > 6) return '[Circular]'
  const tag = Object.prototype.toString.call(value)
  if (tag === '[object Error]') {
    // V8 names the callee in "x is not a function"; the migrated callee is spelled differently.
    return { $error: value.name, message: String(value.message).replace(/^.* is not a function$/, '<callee> is not a function') }
  }
  if (tag === '[object Promise]') return '[Promise]'
  seen.add(value)
  let out
  if (Array.isArray(value)) {
    out = [] // of this realm: value.map would make one of the context's
    for (let i = 0; i < value.length; i++) out.push(describe(value[i], seen, depth + 1))
  } else {
    out = {}
    for (const k of Object.keys(value)) out[k] = describe(value[k], seen, depth + 1)
  }
  seen.delete(value)
  return out
}

// An unhandled rejection inside the run is an event of the call that left it; while a run goes on, the
// process's own listeners (node:test's, which would fail the test) are set aside.
let sink = null
function onUnhandled (reason) {
  if (sink) sink.push({ type: 'unhandled', reason: describe(reason) })
}
function takeRejections () {
  const saved = process.listeners('unhandledRejection')
  process.removeAllListeners('unhandledRejection')
  process.on('unhandledRejection', onUnhandled)
  return () => {
    process.removeListener('unhandledRejection', onUnhandled)
    for (const listener of saved) process.on('unhandledRejection', listener)
  }
}

/**
 * Runs the project: { framework, dir, env: 'wechat' | 'wecom' | 'h5', outcome: 'ok' | 'fail' | 'expired' }.
 * Returns { startup: { events, error }, calls: [{ module, name, events, end }] }.
 */
export async function runProject ({ framework, dir, env, outcome = 'ok' }) {
  const spec = FRAMEWORKS[framework]
  if (!spec) throw new Error(`unknown framework ${framework}`)
  const bundle = await projectBundle(dir, framework, env)
  const runtime = env === 'h5' ? null : await runtimeBundle(framework)

  let events = []
  const timers = new Set()
  const host = {
    call: (api, args) => events.push({ type: 'call', api, args: describe(args) }),
    scriptError: (error) => events.push({ type: 'scriptError', error: describe(error) }),
  }
  const logger = (type) => (...args) => events.push({ type, args: describe(args) })
  const context = vm.createContext({})
  const global = vm.runInContext('globalThis', context)
  Object.assign(global, {
    console: { log: logger('log'), info: logger('log'), debug: logger('log'), warn: logger('warn'), error: logger('error') },
    setTimeout: (fn, ms, ...args) => {
      const handle = setTimeout(() => { timers.delete(handle); fn(...args) }, ms)
      timers.add(handle)
      return handle
    },
    clearTimeout: (handle) => { timers.delete(handle); clearTimeout(handle) },
    setInterval: () => 0,
    clearInterval: () => {},
    queueMicrotask: (fn) => vm.runInContext('Promise.resolve()', context).then(fn),
    process: { env: { NODE_ENV: 'production' } },
    global,
  })
  const settle = async () => {
    // Until no timer of the run is pending for two turns in a row (microtasks drain between turns), at most 1 s.
    const until = Date.now() + 1000
    let quiet = 0
    while (quiet < 2 && Date.now() < until) {
      await new Promise((resolve) => setImmediate(resolve))
      quiet = timers.size === 0 ? quiet + 1 : 0
      if (timers.size) await new Promise((resolve) => setTimeout(resolve, 1))
    }
  }

  sink = events
  const restore = takeRejections()
  const startup = { events, error: undefined }
  try {
    if (env !== 'h5') {
      global.wx = vm.runInContext(MOCK_WX_SOURCE, context)({ env, outcome }, host)
      vm.runInContext(MINI_PROGRAM_GLOBALS_SOURCE, context)(global)
      vm.runInContext(runtime, context, { filename: `${framework}-runtime.js` })
    } else {
      if (!H5_MODELS[framework]) throw new Error(`${spec.label} has no H5 target`)
      global.__frameworkModules = vm.runInContext(H5_MODELS[framework], context)(host)
    }
    const provided = global.__frameworkModules || {}
    for (const [name, value] of Object.entries(provided.globals || {})) global[name] = value
    vm.runInContext(bundle, context, { filename: 'project.js' })
    await settle()
  } catch (error) {
    startup.error = describe(error)
  }
  const calls = []
  if (startup.error === undefined) {
    for (const [module, exports] of global.__projectModules) {
      for (const name of Object.keys(exports).sort()) {
        if (typeof exports[name] !== 'function' || name === 'default') continue
        events = []
        sink = events
        let end
        try {
          const value = exports[name]()
          if (value && typeof value.then === 'function') {
            let state = { kind: 'pending' }
            value.then((v) => { state = { kind: 'resolved', value: describe(v) } }, (e) => { state = { kind: 'rejected', value: describe(e) } })
            await settle()
            end = state
          } else {
            end = { kind: 'returned', value: describe(value) }
            await settle()
          }
        } catch (error) {
          end = { kind: 'threw', value: describe(error) }
          await settle()
        }
        calls.push({ module, name, events, end })
      }
    }
  }
  // Rejections of the last call are reported once its microtasks have run.
  await new Promise((resolve) => setImmediate(resolve))
  sink = null
  restore()
  return { startup, calls }
}
