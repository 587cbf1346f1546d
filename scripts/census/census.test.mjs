// The census must be right on its own, since it is what the tool is judged against.
import { test } from "node:test";
import assert from "node:assert/strict";
import { censusOf, dialect } from "./census.mjs";

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
  assert.equal(dialect("a/b.vue"), null);
  assert.equal(dialect("a/.js"), null);
});
