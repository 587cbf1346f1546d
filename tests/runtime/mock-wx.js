// Runs mini-program files under a mocked `wx`, as WeChat or as WeCom, and reports which login
// APIs they called and what threw. Reads a JSON list of { file, runtime } on stdin and prints
// one JSON result per job, in order.
//
// WeChat: `wx.getSystemInfoSync()` has no `environment`, and there is no `wx.qy`.
// WeCom: `environment` is "wxwork", and `wx.qy.login` / `wx.qy.checkSession` exist.
// Every file runs as a CommonJS module; then every function it exported, and every function
// of the options it passed to `Page`, `App` or `Component`, is called.
'use strict'

const fs = require('fs')
const vm = require('vm')

const APIS = ['login', 'checkSession']

/** A value that is any object and any function: arguments, `getApp()`, unknown results. */
function anything () {
  const target = function () {}
  const proxy = new Proxy(target, {
    get: (_, key) => {
      if (key === 'then') return undefined
      if (key === Symbol.toPrimitive) return () => 1
      return proxy
    },
    apply: () => proxy
  })
  return proxy
}

function mockWx (runtime, calls) {
  const api = (owner) => Object.fromEntries(APIS.map((name) => [name, (options) => {
    calls.push(`${owner}.${name}`)
    const result = name === 'login' ? { code: `${owner}-code` } : {}
    if (options && typeof options.success === 'function') options.success(result)
    if (options && typeof options.complete === 'function') options.complete(result)
    // WeChat's APIs return a Promise without callbacks; WeCom's are not documented to.
    return owner === 'wx' ? Promise.resolve(result) : undefined
  }]))
  const systemInfo = () => (runtime === 'wecom' ? { environment: 'wxwork' } : { platform: 'ios' })
  const own = {
    ...api('wx'),
    getSystemInfoSync: systemInfo,
    getSystemInfo: (options) => options && options.success && options.success(systemInfo()),
    qy: runtime === 'wecom' ? api('wx.qy') : undefined
  }
  return new Proxy(own, {
    get: (target, key) => (key in target ? target[key] : () => anything())
  })
}

async function run ({ file, runtime }) {
  const calls = []
  const errors = []
  const record = (where) => (err) => errors.push(`${where}: ${err && err.message ? err.message : err}`)
  const onRejection = record('unhandled rejection')
  process.on('unhandledRejection', onRejection)
  const registered = []
  const module = { exports: {} }
  const sandbox = {
    wx: mockWx(runtime, calls),
    module,
    exports: module.exports,
    require: () => anything(),
    getApp: () => anything(),
    getCurrentPages: () => [],
    Page: (options) => registered.push(options),
    App: (options) => registered.push(options),
    Component: (options) => registered.push(options, options && options.methods),
    console: { log () {}, error () {}, warn () {} },
    setTimeout: (fn) => fn(),
    Promise
  }
  const call = (fn, name) => {
    try {
      const result = fn.call(anything(), anything(), anything())
      if (result && typeof result.then === 'function') result.then(null, record(name))
    } catch (err) {
      record(name)(err)
    }
  }
  try {
    vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox, { filename: file })
  } catch (err) {
    record('top level')(err)
  }
  const exported = typeof module.exports === 'function' ? { default: module.exports } : module.exports
  for (const options of [exported, ...registered]) {
    for (const [name, value] of Object.entries(options || {})) {
      if (typeof value === 'function') call(value, name)
    }
  }
  await new Promise((resolve) => setImmediate(resolve))
  process.off('unhandledRejection', onRejection)
  return { calls, errors }
}

async function main () {
  const jobs = JSON.parse(fs.readFileSync(0, 'utf8'))
  const results = []
  for (const job of jobs) results.push(await run(job))
  process.stdout.write(JSON.stringify(results))
}

main()
