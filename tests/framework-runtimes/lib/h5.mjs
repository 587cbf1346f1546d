// H5 (web) builds, where there is no `wx`. The frameworks' real H5 runtimes need a DOM and their own bundler
// setup (Vue components, stylesheets, routers) to load, so here each framework object is a MODEL: a
// recording mock whose login/checkSession do what the H5 runtime's source does, transcribed from:
//
// - uni-app Vue 3, @dcloudio/uni-h5 3.0.0-4080720251210001, dist/uni-h5.es.js: `login` is
//   defineAsyncApi('login', createUnsupportedAsyncApi('login')), which rejects with
//   "login:fail method 'uni.login' not supported" (fail and complete callbacks with callbacks, a rejected
//   Promise without); there is no `checkSession` (calling it throws a TypeError).
//   https://github.com/dcloudio/uni-app/tree/next/packages/uni-h5 (src/service/api)
// - uni-app Vue 2, @dcloudio/uni-h5 2.0.2-4080420251103001: lib/apis.js lists login and checkSession, the H5
//   service implements neither, so src/core/service/uni.js installs wrapperUnimplemented(name)
//   (src/core/helpers/api.js): it logs "API `login` is not yet implemented" and returns undefined, no
//   callback. https://github.com/dcloudio/uni-app/tree/dev/src/core/service
// - Taro 3, @tarojs/taro-h5 3.6.40, dist/api/open-api/login.js: login and checkSession are
//   temporarilyNotSupport(name) (dist/utils/index.js): in a production build it warns "暂时不支持 API" and
//   calls MethodHandler.success({ errMsg: '暂时不支持 API' }): success, complete, and a resolved Promise.
//   https://github.com/NervJS/taro/blob/3.x/packages/taro-h5/src/api/open-api/login.ts
// - Mpx, @mpxjs/api-proxy 2.10.20, src/platform/api/login/index.js: in web mode `login` is
//   envError('login') (wx.login is undefined): it logs an error and returns undefined; with
//   mpx.use(apiProxy, { usePromise: true }) the promisified wrapper's Promise never settles.
//   https://github.com/didi/mpx/tree/master/packages/api-proxy/src
// - WePY 1 has no H5 target; a native mini-program neither (its `wx.login()` throws a ReferenceError there).
//
// Each source is a function (host) => modules, evaluated in the run's context.
export const H5_MODELS = {
  'uni-vue3': String.raw`(function (host) {
    function login (options) {
      host.call('uni.login', Array.prototype.slice.call(arguments))
      var args = options || {}
      var err = { errMsg: "login:fail method 'uni.login' not supported" }
      var has = ['success', 'fail', 'complete'].some(function (k) { return typeof args[k] === 'function' })
      var deliver = function () {
        if (typeof args.fail === 'function') args.fail(err)
        if (typeof args.complete === 'function') args.complete(err)
      }
      if (has) { setTimeout(deliver, 0); return undefined }
      return new Promise(function (resolve, reject) { setTimeout(function () { reject(err) }, 0) })
    }
    return { globals: { uni: { login: login } } }
  })`,
  'uni-vue2': String.raw`(function (host) {
    function todo (name) {
      return function () {
        host.call('uni.' + name, Array.prototype.slice.call(arguments))
        var tick = String.fromCharCode(96)
        console.error('API ' + tick + name + tick + ' is not yet implemented')
      }
    }
    var interceptors = []
    return { globals: { uni: { login: todo('login'), checkSession: todo('checkSession'), addInterceptor: function (o) { interceptors.push(o) } } } }
  })`,
  taro3: String.raw`(function (host) {
    function notSupported (name) {
      return function (options) {
        host.call('Taro.' + name, Array.prototype.slice.call(arguments))
        var args = options || {}
        var res = { errMsg: '暂时不支持 API' }
        console.warn('暂时不支持 API')
        if (typeof args.success === 'function') args.success(res)
        if (typeof args.complete === 'function') args.complete(res)
        return Promise.resolve(res)
      }
    }
    var Taro = { login: notSupported('login'), checkSession: notSupported('checkSession') }
    return { modules: { '@tarojs/taro': Taro } }
  })`,
  mpx: String.raw`(function (host) {
    function envError (name) {
      return function () {
        host.call('mpx.' + name, Array.prototype.slice.call(arguments))
        console.error('[Mpx runtime error]: \n web环境不支持' + name + '方法')
      }
    }
    function apiProxy (target, options) {
      var usePromise = !!(options && options.usePromise)
      ;['login', 'checkSession'].forEach(function (name) {
        var raw = envError(name)
        target[name] = !usePromise ? raw : function (obj) {
          obj = obj || {}
          if (obj.usePromise === false) return raw(obj)
          return new Promise(function (resolve, reject) {
            var s = obj.success, f = obj.fail
            obj.success = function (res) { s && s.call(this, res); resolve(res) }
            obj.fail = function (e) { f && f.call(this, e); reject(e) }
            raw(obj)
          })
        }
      })
    }
    var mpx = { use: function (plugin, options) { plugin(mpx, options); return mpx } }
    return { modules: { '@mpxjs/core': mpx, '@mpxjs/api-proxy': apiProxy } }
  })`,
  native: String.raw`(function () { return {} })`,
}
