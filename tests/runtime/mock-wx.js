// Runs mini-program files under a mocked `wx`, as WeChat or as WeCom, and reports which login
// APIs they called and what threw. Reads a JSON list of { file, runtime, lacking? } on stdin and
// prints one JSON result per job, in order.
//
// WeChat: `wx.getSystemInfoSync()` has no `environment`, and there is no `wx.qy`.
// WeCom: `environment` is "wxwork", and `wx.qy.login` / `wx.qy.checkSession` exist.
// Every file runs as a CommonJS module; then every function it exported, and every function
// of the options it passed to `Page`, `App` or `Component`, is called.
//
// With `lacking` (a list of API names, empty for all), the job checks the system-info APIs
// instead of login: `wx` has those APIs, each returning fixed values, except the ones listed,
// which are undefined (as in WeCom, where calling them throws a TypeError); `calls` then lists
// every call of a system-info API (`wx.getSystemSetting()`), every field read from its result
// (`getSystemSetting().locationEnabled -> false`) and every `this.setData(...)`, and `this` is
// the page itself, as in a mini-program.
'use strict'

const fs = require('fs')
const vm = require('vm')

const APIS = ['login', 'checkSession']

// What the split-out APIs return, and getSystemInfoSync the union of it: WeCom reads the same
// values through getSystemInfoSync that WeChat reads through them.
const SPLIT = {
  getSystemSetting: { bluetoothEnabled: true, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'landscape' },
  getWindowInfo: { pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 763, statusBarHeight: 47, safeArea: { top: 47, bottom: 810, left: 0, right: 390, width: 390, height: 763 } },
  getAppBaseInfo: { SDKVersion: '3.3.4', language: 'zh_CN', version: '8.0.47', theme: 'light' },
  getAppAuthorizeSetting: { locationAuthorized: 'authorized', bluetoothAuthorized: 'denied', cameraAuthorized: 'authorized' },
  getDeviceInfo: { benchmarkLevel: 28, brand: 'iPhone', model: 'iPhone 14', platform: 'ios', system: 'iOS 17.2' }
}

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

/** The system-info APIs, recording calls and reads in `events`, without the `lacking` ones. */
function systemApis (runtime, lacking, events) {
  const record = (name, values) => () => {
    events.push(`wx.${name}()`)
    return new Proxy(values, {
      get: (target, key) => {
        if (typeof key !== 'string') return target[key]
        events.push(`${name}().${key} -> ${JSON.stringify(target[key])}`)
        return target[key]
      }
    })
  }
  const merged = Object.assign({}, ...Object.values(SPLIT))
  const info = runtime === 'wecom' ? { ...merged, environment: 'wxwork' } : merged
  const apis = { getSystemInfoSync: record('getSystemInfoSync', info) }
  for (const [name, values] of Object.entries(SPLIT)) {
    if (!lacking.includes(name)) apis[name] = record(name, values)
  }
  apis.canIUse = (schema) => !lacking.includes(String(schema).split('.')[0])
  return apis
}

function mockWx (runtime, calls, lacking) {
  const logins = lacking ? [] : calls
  const api = (owner) => Object.fromEntries(APIS.map((name) => [name, (options) => {
    logins.push(`${owner}.${name}`)
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
    qy: runtime === 'wecom' ? api('wx.qy') : undefined,
    ...(lacking ? systemApis(runtime, lacking, calls) : {})
  }
  const missing = (key) => lacking && lacking.includes(key)
  return new Proxy(own, {
    get: (target, key) => (key in target ? target[key] : missing(key) ? undefined : () => anything()),
    has: (target, key) => key in target || (lacking !== undefined && !missing(key) && typeof key === 'string')
  })
}

/** `this` of a page's functions: its own options, and `setData` recorded in `calls`. */
function pageInstance (options, calls) {
  const page = Object.assign({ data: {} }, options, {
    setData (patch) {
      calls.push(`setData ${JSON.stringify(patch)}`)
      Object.assign(page.data, patch)
    }
  })
  return new Proxy(page, { get: (target, key) => (key in target ? target[key] : anything()) })
}

async function run ({ file, runtime, lacking }) {
  const calls = []
  const errors = []
  const record = (where) => (err) => errors.push(`${where}: ${err && err.message ? err.message : err}`)
  const onRejection = record('unhandled rejection')
  process.on('unhandledRejection', onRejection)
  const registered = []
  const module = { exports: {} }
  const sandbox = {
    wx: mockWx(runtime, calls, lacking),
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
  const call = (fn, name, self) => {
    try {
      const result = fn.call(self, anything(), anything())
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
    const self = lacking && options ? pageInstance(options, calls) : anything()
    for (const [name, value] of Object.entries(options || {})) {
      if (typeof value === 'function') call(value, name, self)
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
