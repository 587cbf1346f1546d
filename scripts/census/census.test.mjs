// The census must be right on its own, since it is what the tool is judged against.
import { test } from "node:test";
import assert from "node:assert/strict";
import { censusOf, dialect, scriptBlocks } from "./census.mjs";

const sites = (text, kind = "js") => censusOf(Buffer.from(text, "utf8"), kind).sites;

test("global reads in every spelling are counted at the wx token", () => {
  const text = [
    "wx.login({ success: onCode })",
    'wx["checkSession"]()',
    "wx?.login()",
    "wx.getUserInfo?.()",
    "promisify(wx.login)",
    "wx.\\u006cogin()",
    "(wx).login()",
  ].join(";\n");
  const found = sites(text);
  assert.deepEqual(
    found.map(([, api]) => api),
    ["login", "checkSession", "login", "getUserInfo", "login", "login", "login"],
  );
  for (const [offset] of found) assert.equal(text.slice(offset, offset + 2), "wx");
});

test("a wx bound anywhere in scope is not the global", () => {
  for (const text of [
    "function f(wx) { wx.login() }",
    "const wx = require('./mock'); wx.login()",
    "try {} catch (wx) { wx.checkSession() }",
    "import wx from 'wx-promise'; wx.login()",
    "class A { m(wx) { return wx.getUserInfo() } }",
    "function outer() { var wx = my; return () => wx.login() }",
  ]) {
    assert.deepEqual(sites(text), [], text);
  }
  // Only the inner use is shadowed.
  assert.equal(sites("wx.login(); function f(wx) { wx.login() }").length, 1);
});

test("mentions, writes and other objects are not reads of the global's APIs", () => {
  for (const text of [
    "log('wx.login()') // wx.checkSession()",
    "/* wx.getUserInfo */ `wx.login ${a}`",
    "wx.login = wrap(f)",
    "[wx.login] = fns",
    "({ a: wx.checkSession } = o)",
    "delete wx.getUserInfo",
    "other.login(); wxx.login(); this.wx.login()",
    "wx.request({ url }); wx[key]()",
  ]) {
    assert.deepEqual(sites(text), [], text);
  }
});

test("destructuring the global is counted at the key", () => {
  const text = "const { login, getUserInfo: g, request } = wx";
  const found = sites(text);
  assert.deepEqual(found.map(([, api, kind]) => [api, kind]), [
    ["login", "destructure"],
    ["getUserInfo", "destructure"],
  ]);
  assert.equal(text.slice(found[0][0], found[0][0] + 5), "login");
  assert.deepEqual(sites("function f(wx) { const { login } = wx }"), []);
});

test("TypeScript: casts and non-null reads count, type positions and declared globals do what tsc does", () => {
  const text = "declare const wx: any\n(wx as any).login(); wx!.checkSession(); (<any>wx).getUserInfo()\ntype T = Parameters<typeof wx.login>";
  assert.deepEqual(
    sites(text, "ts").map(([, api]) => api),
    ["login", "checkSession", "getUserInfo"],
  );
  assert.deepEqual(sites("declare namespace wx { const login: any }\nwx.login()", "ts").length, 1);
  assert.deepEqual(sites("const wx = mock as any; wx.login()", "ts"), []);
  assert.equal(sites("const App = () => <View onTap={() => wx.login()} />", "tsx").length, 1);
});

test("offsets are UTF-8 byte offsets, a byte order mark included", () => {
  const text = "const 名 = '登录🎉'; wx.login()";
  const [[offset]] = sites(text);
  assert.equal(offset, Buffer.byteLength("const 名 = '登录🎉'; ", "utf8"));
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("wx.login()")]);
  assert.deepEqual(censusOf(bom, "js").sites, [[3, "login", "member"]]);
});

test("files the tool does not read are left out, parse errors are reported", () => {
  assert.equal(censusOf(Buffer.from([0x77, 0x78, 0xff, 0x2e]), "js"), null);
  assert.match(censusOf(Buffer.from("props:{childs:,opts:[]}"), "js").error, /Unexpected token/);
  assert.equal(dialect("a/b.js"), "js");
  assert.equal(dialect("a/b.tsx"), "tsx");
  assert.equal(dialect("a/b.d.ts"), null);
  assert.equal(dialect("a/b.d.mts"), null);
  assert.equal(dialect("a/b.vue"), "component");
  assert.equal(dialect("a/b.wpy"), "component");
  assert.equal(dialect("a/b.mpx"), "component");
  assert.equal(dialect("a/b.nvue"), null);
  assert.equal(dialect("a/.js"), null);
});

/** Each site as [the text at its offset, api, kind]. */
const spelt = (text, kind = "js") =>
  sites(text, kind).map(([offset, api, how]) => {
    const rest = Buffer.from(text, "utf8").subarray(offset).toString("utf8");
    return [/^[\w$]+/.exec(rest)?.[0], api, how];
  });

test("framework objects: the globals, and any name an import or require of the package binds", () => {
  assert.deepEqual(
    spelt("Taro.login(); uni.checkSession(); wepy.getUserInfo(); uni['login']; (Taro as any).login", "ts"),
    [
      ["Taro", "login", "framework"],
      ["uni", "checkSession", "framework"],
      ["wepy", "getUserInfo", "framework"],
      ["uni", "login", "framework"],
      ["Taro", "login", "framework"],
    ],
  );
  const text = [
    "import T from '@tarojs/taro'",
    "import * as M from '@mpxjs/core'",
    "import W from 'wepy'",
    "const W2 = require('@wepy/core')",
    "var taro_1 = require('@tarojs/taro')",
    "T.login(); M.checkSession(); W.getUserInfo(); W2.login(); (0, taro_1.checkSession)({})",
  ].join("\n");
  assert.deepEqual(spelt(text), [
    ["T", "login", "framework"],
    ["M", "checkSession", "framework"],
    ["W", "getUserInfo", "framework"],
    ["W2", "login", "framework"],
    ["taro_1", "checkSession", "framework"],
  ]);
  // Mpx has no global: only an import makes `mpx` the framework.
  assert.deepEqual(sites("mpx.login()"), []);
  assert.deepEqual(spelt("import mpx from '@mpxjs/core'; mpx.login()"), [["mpx", "login", "framework"]]);
  // An import under a framework's own name is read as the framework, whatever its source.
  assert.deepEqual(spelt("import Taro from './taro'; Taro.login()"), [["Taro", "login", "framework"]]);
  // Other packages' objects are not frameworks.
  assert.deepEqual(sites("import T from 'taro-ui'; T.login(); const u = require('./uni'); u.login()"), []);
});

test("wepy.wx.login is counted at the wepy token", () => {
  assert.deepEqual(spelt("wepy.wx.login({ success() {} }); wepy.wx.request()"), [["wepy", "login", "framework"]]);
  assert.deepEqual(spelt("import W from '@wepy/core'; W.wx.checkSession()"), [["W", "checkSession", "framework"]]);
  assert.deepEqual(sites("import T from '@tarojs/taro'; T.wx.login()"), []);
});

test("a framework name the file declares itself is not the framework", () => {
  for (const text of [
    "function f(uni) { uni.login() }",
    "(function (exports, Taro) { Taro.login() })(exports, global.Taro)",
    "const uni = createUni(); uni.login()",
    "class wepy {} wepy.login()",
    "try {} catch (Taro) { Taro.checkSession() }",
    "function outer() { let uni = mock; return () => uni.getUserInfo() }",
    "import T from '@tarojs/taro'; function f(T) { T.login() }",
  ]) {
    assert.deepEqual(sites(text), [], text);
  }
  // Only the shadowed use is left out.
  assert.deepEqual(spelt("uni.login(); function f(uni) { uni.login() }"), [["uni", "login", "framework"]]);
  // `declare const uni` names the global.
  assert.deepEqual(spelt("declare const uni: any\nuni.login()", "ts"), [["uni", "login", "framework"]]);
});

test("named imports of a framework's API: every use, not the import itself", () => {
  const text = [
    "import { login as taroLogin, checkSession, getUserInfo, request } from '@tarojs/taro'",
    "taroLogin({ success() {} })",
    "const check = usePromise(checkSession)",
    "const api = { getUserInfo, taroLogin }",
    "request({ url })",
    "export { checkSession }",
    "let t: typeof taroLogin",
  ].join("\n");
  assert.deepEqual(spelt(text, "ts"), [
    ["taroLogin", "login", "framework"],
    ["checkSession", "checkSession", "framework"],
    // A shorthand property hands the function on as much as an argument does.
    ["getUserInfo", "getUserInfo", "framework"],
    ["taroLogin", "login", "framework"],
    ["checkSession", "checkSession", "framework-export"],
  ]);
  // The same names from elsewhere, or shadowed, are not the framework's.
  assert.deepEqual(sites("import { login } from './api'; login()"), []);
  assert.deepEqual(sites("import { login } from '@tarojs/taro'; function f(login) { login() }"), []);
});

test("writes are not reads; destructuring a framework object is counted at the key", () => {
  assert.deepEqual(sites("Taro.login = wrap(Taro.request); delete uni.login"), []);
  assert.deepEqual(spelt("const { login, request } = uni"), [["login", "login", "framework-destructure"]]);
});

test("components: each script block at its offset in the file, blocks see each other's imports", () => {
  const text = [
    '<template><view @tap="uni.login()"><template v-if="a"><text>{{ wx.login }}</text></template></view></template>',
    "<script>",
    "import { login } from '@tarojs/taro'",
    "export default { go() { uni.login({}) } }",
    "</script>",
    '<script setup lang="ts">',
    "login(); wx.login(); (uni as any).checkSession()",
    "</script>",
    '<script type="application/json">{ "x": "uni.login()" }</script>',
    '<script name="json">module.exports = { a: uni.login() }</script>',
    "<style>/* </script> */ .a { content: 'uni.login()' }</style>",
  ].join("\n");
  assert.deepEqual(scriptBlocks(text).map((block) => block.kind), ["js", "ts"]);
  assert.deepEqual(spelt(text, "component"), [
    ["uni", "login", "framework"],
    ["login", "login", "framework"],
    ["wx", "login", "member"],
    ["uni", "checkSession", "framework"],
  ]);
  // A `wx` one block declares is the other's too.
  const shared = "<script>\nimport wx from 'mock'\n</script>\n<script setup>\nwx.login()\n</script>";
  assert.deepEqual(sites(shared, "component"), []);
  // Offsets are bytes in the whole file.
  const wide = "<template><text>登录</text></template>\n<script>\nuni.login()\n</script>";
  const [[offset]] = sites(wide, "component");
  assert.equal(offset, Buffer.byteLength(wide.slice(0, wide.indexOf("uni.login")), "utf8"));
  // Tags in comments and attribute values open nothing.
  assert.deepEqual(scriptBlocks("<!-- <script>uni.login()</script> --><div title='<script>'></div>"), []);
});
