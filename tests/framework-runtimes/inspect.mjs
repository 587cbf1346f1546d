// Prints what one project does under one runtime and environment, as the test records it:
//   node inspect.mjs <framework> <project dir> <wechat|wecom|h5> [ok|fail|expired]
// for example `node inspect.mjs taro3 fixtures/taro3/login wecom fail`. Frameworks: the folder names
// under fixtures/ (uni-vue3, uni-vue2, taro3, wepy1, mpx, native).
import { resolve } from 'node:path'
import { runProject } from './lib/run.mjs'

const [framework, dir, env = 'wechat', outcome = 'ok'] = process.argv.slice(2)
if (!framework || !dir) {
  console.error('usage: node inspect.mjs <framework> <project dir> <wechat|wecom|h5> [ok|fail|expired]')
  process.exit(2)
}
const result = await runProject({ framework, dir: resolve(dir), env, outcome })
console.log(JSON.stringify(result, null, 2))
