// What "the migrated project behaves the same" means, per environment. Each function returns a list of
// differences (strings); empty means the output passed.
import { isDeepStrictEqual } from 'node:util'

const LOGIN_API = /(^|\.)(login|checkSession)$/
// The guard of the migrated code reads wx.getSystemInfoSync(); the input never needed to.
const GUARD_READ = 'wx.getSystemInfoSync'

const show = (v) => JSON.stringify(v)

function withoutGuardReads (events) {
  return events.filter((e) => !(e.type === 'call' && e.api === GUARD_READ))
}

function sameCalls (input, output, label, differences) {
  const key = (c) => `${c.module}#${c.name}`
  const out = new Map(output.calls.map((c) => [key(c), c]))
  for (const c of input.calls) {
    const o = out.get(key(c))
    if (!o) { differences.push(`${label} ${key(c)}: missing from the output`); continue }
    out.delete(key(c))
    const a = withoutGuardReads(c.events)
    const b = withoutGuardReads(o.events)
    if (!isDeepStrictEqual(a, b)) differences.push(`${label} ${key(c)}: events differ\n    input:  ${show(a)}\n    output: ${show(b)}`)
    if (!isDeepStrictEqual(c.end, o.end)) differences.push(`${label} ${key(c)}: ends differ: input ${show(c.end)}, output ${show(o.end)}`)
  }
  for (const k of out.keys()) differences.push(`${label} ${k}: not in the input`)
}

/** WeChat and H5: the output does exactly what the input does (but for reading the guard). */
export function compareIdentical (input, output, label) {
  const differences = []
  if (!isDeepStrictEqual(input.startup.error, output.startup.error)) {
    differences.push(`${label} start-up: input ${show(input.startup.error)}, output ${show(output.startup.error)}`)
  }
  const a = withoutGuardReads(input.startup.events)
  const b = withoutGuardReads(output.startup.events)
  if (!isDeepStrictEqual(a, b)) differences.push(`${label} start-up events differ\n    input:  ${show(a)}\n    output: ${show(b)}`)
  sameCalls(input, output, label, differences)
  return differences
}

/**
 * The calls of functions the tool left alone (WX403): the output's call does exactly what the input's did
 * (but for reading the guard), in any environment; start-up is compared by the caller's other check.
 */
export function compareUnchanged (input, output, label) {
  const differences = []
  sameCalls(input, output, label, differences)
  return differences
}

function substituteCode (value) {
  if (value === 'wechat-code') return 'wecom-code'
  if (Array.isArray(value)) return value.map(substituteCode)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteCode(v)]))
  return value
}

function dataOnly (args) {
  // The options' data (provider, timeout, ...), without the callbacks each layer replaces with its own;
  // no options at all is the same as `{}`.
  const [options = {}, ...rest] = args
  const data = options && typeof options === 'object' && !Array.isArray(options)
    ? Object.fromEntries(Object.entries(options).filter(([, v]) => v !== '[Function]'))
    : options
  return [data, ...rest]
}

/**
 * The WeCom view of a run's events: the login/checkSession calls (as `wx.qy.X`, with their data), the
 * project's console.log lines and errors thrown by callbacks, in order; the runtimes' console.warn/error
 * are left out (a runtime the output bypasses in WeCom no longer prints them).
 */
function wecomView (events, fromInput) {
  const out = []
  for (const e of events) {
    if (e.type === 'call' && LOGIN_API.test(e.api)) {
      const api = fromInput ? e.api.replace(/^wx\.(?!qy\.)/, 'wx.qy.') : e.api
      out.push({ type: 'call', api, args: dataOnly(e.args) })
    } else if (e.type === 'log' || e.type === 'scriptError') {
      out.push(e)
    }
  }
  return fromInput ? substituteCode(out) : out
}

/**
 * WeCom: every login/checkSession reached wx.qy (no wx.login / wx.checkSession call at all), and the output
 * did what the input did in WeChat terms: the same callbacks in the same order with the same values, the
 * same kind of end with the same value, codes being WeCom's; and no unhandled rejection the input lacks.
 */
export function compareWeCom (input, output, label) {
  const differences = []
  if (!isDeepStrictEqual(input.startup.error, output.startup.error)) {
    differences.push(`${label} start-up: input ${show(input.startup.error)}, output ${show(output.startup.error)}`)
  }
  const out = new Map(output.calls.map((c) => [`${c.module}#${c.name}`, c]))
  for (const c of input.calls) {
    const key = `${c.module}#${c.name}`
    const o = out.get(key)
    if (!o) { differences.push(`${label} ${key}: missing from the output`); continue }
    const wechatApis = o.events.filter((e) => e.type === 'call' && /^wx\.(login|checkSession)$/.test(e.api)).map((e) => e.api)
    if (wechatApis.length) differences.push(`${label} ${key}: called ${wechatApis.join(', ')} inside WeCom`)
    const expected = wecomView(c.events, true)
    const actual = wecomView(o.events, false)
    if (!isDeepStrictEqual(expected, actual)) {
      differences.push(`${label} ${key}: events differ\n    expected: ${show(expected)}\n    output:   ${show(actual)}`)
    }
    const end = substituteCode(c.end)
    if (!isDeepStrictEqual(end, o.end)) differences.push(`${label} ${key}: ends differ: expected ${show(end)}, output ${show(o.end)}`)
    const unhandled = (r) => r.events.filter((e) => e.type === 'unhandled').length
    if (unhandled(o) > unhandled(c)) differences.push(`${label} ${key}: the output leaves a Promise rejection unhandled that the input does not`)
  }
  return differences
}
