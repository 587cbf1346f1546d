// The mini-program host as a mock, evaluated inside the run's `vm` context so that its objects, Promises and
// errors belong to that context, as the real host's belong to the mini-program's.
//
// WeChat: `wx` with login/checkSession (callbacks called asynchronously; a Promise when called without
//   success/fail/complete, as base library 2.10.2 and later do) and what the runtimes read at start-up;
//   getSystemInfoSync() has no `environment`, and there is no `wx.qy`.
// WeCom: the same `wx` (WeCom keeps wx.login: it returns a code WeCom's backend cannot use), plus
//   `environment: "wxwork"` and `wx.qy.login` / `wx.qy.checkSession`, which take callbacks and return
//   undefined: WeCom does not document a Promise, so the mock gives none.
// H5: no `wx` at all (see h5.mjs).
//
// `outcome` decides how login and checkSession end: "ok" (both succeed), "fail" (both fail, errMsg
// "login:fail" / "checkSession:fail") or "expired" (checkSession fails, login succeeds).
// Every call of a `wx` or `wx.qy` function is reported to the host through `host.call(name, args)`, and an
// error thrown by a callback through `host.scriptError(error)`. Callbacks are called as plain functions
// (`this` undefined): what `this` WeChat and WeCom pass is not documented.

/** Source of a function (config, host) => wx, evaluated in the context. */
export const MOCK_WX_SOURCE = String.raw`(function mockWx (config, host) {
  var wecom = config.env === 'wecom'
  function fails (api) {
    return config.outcome === 'fail' || (config.outcome === 'expired' && api === 'checkSession')
  }
  function result (owner, api) {
    if (fails(api)) return { errMsg: api + ':fail' }
    if (api === 'login') return { code: owner === 'wx.qy' ? 'wecom-code' : 'wechat-code', errMsg: 'login:ok' }
    return { errMsg: api + ':ok' }
  }
  function hasCallback (options) {
    return !!options && ['success', 'fail', 'complete'].some(function (k) { return typeof options[k] === 'function' })
  }
  function asyncApi (owner, api, promise) {
    return function (options) {
      host.call(owner + '.' + api, Array.prototype.slice.call(arguments))
      var res = result(owner, api)
      var failed = fails(api)
      var callbacks = options || {}
      // An error thrown by a callback is caught and reported, as the host reports a thirdScriptError.
      var invoke = function (name) {
        if (typeof callbacks[name] !== 'function') return
        try { var fn = callbacks[name]; fn(res) } catch (error) { host.scriptError(error) }
      }
      var deliver = function () {
        invoke(failed ? 'fail' : 'success')
        invoke('complete')
      }
      if (promise && !hasCallback(options)) {
        return new Promise(function (resolve, reject) {
          setTimeout(function () { deliver(); (failed ? reject : resolve)(res) }, 0)
        })
      }
      setTimeout(deliver, 0)
      return undefined
    }
  }
  function sync (name, value) {
    return function () { host.call('wx.' + name, Array.prototype.slice.call(arguments)); return value() }
  }
  var info = function () {
    var base = { SDKVersion: '3.3.4', version: '8.0.47', language: 'zh_CN', platform: 'ios', brand: 'iPhone', model: 'iPhone 14', system: 'iOS 17.2', pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 763, statusBarHeight: 47, theme: 'light', host: { env: 'WeChat' } }
    if (wecom) base.environment = 'wxwork'
    return base
  }
  var wx = {
    login: asyncApi('wx', 'login', true),
    checkSession: asyncApi('wx', 'checkSession', true),
    getSystemInfoSync: sync('getSystemInfoSync', info),
    getAppBaseInfo: sync('getAppBaseInfo', info),
    getWindowInfo: sync('getWindowInfo', info),
    getDeviceInfo: sync('getDeviceInfo', info),
    getLaunchOptionsSync: sync('getLaunchOptionsSync', function () { return { path: 'pages/index/index', scene: 1001, query: {} } }),
    getStorageSync: sync('getStorageSync', function () { return '' }),
    setStorageSync: sync('setStorageSync', function () {}),
    setStorage: sync('setStorage', function () {}),
    canIUse: sync('canIUse', function () { return true }),
    getLocale: undefined,
    nextTick: function (fn) { setTimeout(fn, 0) },
    onAppShow: function () {}, onAppHide: function () {}, onError: function () {}, offError: function () {},
    env: { USER_DATA_PATH: 'http://usr' },
    version: { version: '1.0.0', envVersion: 'release' },
  }
  delete wx.getLocale
  if (wecom) {
    // Enumerable own key, as frameworks that copy wx's keys (Taro, WePY, uni-app's wx copy) would see it.
    wx.qy = { login: asyncApi('wx.qy', 'login', false), checkSession: asyncApi('wx.qy', 'checkSession', false) }
  }
  return wx
})`

/** Globals every mini-program has besides `wx`: App/Page/Component/getApp and friends. */
export const MINI_PROGRAM_GLOBALS_SOURCE = String.raw`(function (global) {
  var app
  global.App = function (options) {
    app = options
    if (typeof options.onLaunch === 'function') options.onLaunch.call(options, { path: 'pages/index/index', scene: 1001, query: {} })
  }
  global.getApp = function () { return app }
  global.getCurrentPages = function () { return [] }
  global.Page = function () {}
  global.Component = function () {}
  global.Behavior = function (options) { return options }
  global.requirePlugin = function () { return {} }
})`
