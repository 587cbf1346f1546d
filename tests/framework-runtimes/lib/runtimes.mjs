// The frameworks' real runtimes, from the pinned npm packages in ./node_modules, each bundled once with
// esbuild into an IIFE (cached under node_modules/.cache/framework-runtimes/) that a fresh `vm` context
// evaluates per run. A bundle sets `globalThis.__frameworkModules`: the module specifiers a project imports
// (`@tarojs/taro`, `wepy`, ...) mapped to what the runtime exports for them, and `globals`: the names the
// framework's build provides as free variables (uni-app's `uni`).
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const require = createRequire(join(ROOT, 'package.json'))
const CACHE = join(ROOT, 'node_modules', '.cache', 'framework-runtimes')

const resolve = (specifier) => require.resolve(specifier)
const pkgDir = (name) => dirname(resolve(`${name}/package.json`))

/**
 * One entry per framework of fixtures/<framework>/. `entry` is the bundle's source; `options` extra esbuild
 * options (defines and aliases as the framework's own build sets them); `packages` the packages whose
 * versions key the cache. `h5` names the model in h5.mjs used when there is no `wx`.
 */
export const FRAMEWORKS = {
  // uni-app Vue 3, WeChat target. The vite plugin provides `uni` from uni.api.esm.js to every module; the
  // same file replaces the global `wx` by a copy (initWx, keeps functions and `qy`). `vue` is uni-app's
  // own runtime (@dcloudio/uni-mp-vue), as uni-mp-vite aliases it.
  'uni-vue3': {
    label: 'uni-app Vue 3',
    packages: ['@dcloudio/uni-mp-weixin', '@dcloudio/uni-mp-vue', '@dcloudio/uni-shared', '@dcloudio/uni-i18n'],
    entry: `import uni from '@dcloudio/uni-mp-weixin/dist/uni.api.esm.js'
globalThis.__frameworkModules = { globals: { uni } }`,
    options: {
      alias: { vue: '@dcloudio/uni-mp-vue' },
      define: { 'process.env.NODE_ENV': '"production"', 'process.env.UNI_PLATFORM': '"mp-weixin"' },
    },
    h5: 'uni-vue3',
  },
  // uni-app Vue 2, WeChat target: vue-cli-plugin-uni's webpack ProvidePlugin gives every module `uni`
  // (dist/index.js, default) and `wx` (dist/wx.js, a copy of the global that keeps `qy`), lib/mp/index.js
  // getProvides(); `vue` is its packages/mp-vue runtime.
  'uni-vue2': {
    label: 'uni-app Vue 2',
    packages: ['uni-mp-weixin-vue2', 'uni-i18n-vue2', 'vue-cli-plugin-uni-vue2'],
    entry: `import wxCopy from 'uni-mp-weixin-vue2/dist/wx.js'
import uni from 'uni-mp-weixin-vue2/dist/index.js'
globalThis.__frameworkModules = { globals: { uni, wx: wxCopy } }`,
    options: {
      alias: {
        vue: join(pkgDir('vue-cli-plugin-uni-vue2'), 'packages/mp-vue/dist/mp.runtime.esm.js'),
        '@dcloudio/uni-i18n': 'uni-i18n-vue2',
      },
      define: { 'process.env.NODE_ENV': '"production"', 'process.env.UNI_PLATFORM': '"mp-weixin"', 'process.env.VUE_APP_PLATFORM': '"mp-weixin"' },
    },
    h5: 'uni-vue2',
  },
  // Taro 3, weapp: the platform plugin's runtime registers initNativeApi (processApis over `wx`), then
  // @tarojs/taro's index.js calls it. Defines as @tarojs/mini-runner's DefinePlugin sets them.
  taro3: {
    label: 'Taro 3',
    packages: ['@tarojs/taro', '@tarojs/api', '@tarojs/runtime', '@tarojs/shared', '@tarojs/plugin-platform-weapp'],
    entry: `import '@tarojs/plugin-platform-weapp/dist/runtime'
import Taro from '@tarojs/taro'
globalThis.__frameworkModules = { modules: { '@tarojs/taro': Taro } }`,
    options: {
      define: {
        'process.env.NODE_ENV': '"production"',
        'process.env.TARO_ENV': '"weapp"',
        'process.env.TARO_PLATFORM': '"mini"',
        'process.env.TARO_VERSION': '"3.6.40"',
        'process.env.SUPPORT_TARO_POLYFILL': '"disabled"',
        ENABLE_INNER_HTML: 'true',
        ENABLE_ADJACENT_HTML: 'false',
        ENABLE_SIZE_APIS: 'false',
        ENABLE_TEMPLATE_CONTENT: 'false',
        ENABLE_CLONE_NODE: 'false',
        ENABLE_CONTAINS: 'false',
        ENABLE_MUTATION_OBSERVER: 'false',
      },
    },
    h5: 'taro3',
  },
  // WePY 1: lib/wepy.js; `wepy.login` and the rest appear when the project's app.js calls
  // wepy.$createApp(AppClass) (base.js), which runs app.$init -> $initAPI (app.js).
  wepy1: {
    label: 'WePY 1',
    packages: ['wepy'],
    entry: `import wepy from 'wepy'
globalThis.__frameworkModules = { modules: { wepy } }`,
    options: { define: { 'process.env.NODE_ENV': '"production"' } },
    h5: null,
  },
  // Mpx: @mpxjs/core, and @mpxjs/api-proxy that the project's app.js installs with mpx.use(apiProxy, ...).
  // __mpx_mode__ is what @mpxjs/webpack-plugin defines for the WeChat target.
  mpx: {
    label: 'Mpx',
    packages: ['@mpxjs/core', '@mpxjs/api-proxy', '@mpxjs/utils'],
    entry: `import mpx from '@mpxjs/core'
import apiProxy from '@mpxjs/api-proxy'
globalThis.__frameworkModules = { modules: { '@mpxjs/core': mpx, '@mpxjs/api-proxy': apiProxy } }`,
    options: {
      // @mpxjs/webpack-plugin gives each app its own `mpxGlobal` object (core/src/platform/env/index.js).
      banner: { js: 'var mpxGlobal = {};' },
      define: {
        'process.env.NODE_ENV': '"production"',
        __mpx_mode__: '"wx"',
        __mpx_env__: '""',
        __mpx_dynamic_runtime__: 'false',
      },
    },
    h5: 'mpx',
  },
  // Native mini-program: no framework, the global `wx` only.
  native: {
    label: 'native wx',
    packages: [],
    entry: 'globalThis.__frameworkModules = {}',
    options: {},
    h5: 'native',
  },
}

function versionOf (name) {
  return JSON.parse(readFileSync(join(pkgDir(name), 'package.json'), 'utf8')).version
}

/** The packages' versions, as installed, for this folder's README, docs/frameworks.md and the report. */
export function versions (framework) {
  return Object.fromEntries(FRAMEWORKS[framework].packages.map((name) => [name, versionOf(name)]))
}

const bundles = new Map()

/** The runtime's IIFE source, built once per framework and package versions. */
export async function runtimeBundle (framework) {
  if (bundles.has(framework)) return bundles.get(framework)
  const spec = FRAMEWORKS[framework]
  const key = createHash('sha256')
    .update(JSON.stringify([framework, spec.entry, spec.options, versions(framework), versionOf('esbuild')]))
    .digest('hex').slice(0, 16)
  const file = join(CACHE, `${framework}-${key}.js`)
  let code
  if (existsSync(file)) {
    code = readFileSync(file, 'utf8')
  } else {
    const result = await esbuild.build({
      stdin: { contents: spec.entry, resolveDir: ROOT, sourcefile: `${framework}-runtime.js`, loader: 'js' },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2020',
      logLevel: 'silent',
      ...spec.options,
    })
    code = result.outputFiles[0].text
    mkdirSync(CACHE, { recursive: true })
    writeFileSync(file, code)
  }
  bundles.set(framework, code)
  return code
}
