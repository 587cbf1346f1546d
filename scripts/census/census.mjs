// An independent count of the sites the tool must handle, for the real-code corpus: every read
// of the global `wx`'s `login`, `checkSession` or `getUserInfo`, and every use of a framework's
// wrapper of them (`Taro.login`, `uni.checkSession`, `wepy.wx.login`, `mpx.getUserInfo`, a named
// import `import { login } from '@tarojs/taro'`), found with babel's parser and babel's own
// scope analysis instead of the tool's swc-based finder. tests/corpus.rs checks that the tool
// rewrites or reports each of them, and nothing else.
//
//   node census.mjs ROOT OUT.json
//
// OUT.json maps each file's path under ROOT (with `/`) to { sites: [[byte offset, api, kind],
// ...] } or, when babel cannot parse it, { error: "..." }. The kinds:
// - "member": a read of the global `wx` (`wx.login`, `wx["login"]`, `(wx as any).login`...); the
//   offset is the `wx` token's.
// - "destructure": `const { login } = wx`; the offset is the key's.
// - "framework": a read of a framework object's API (`Taro.login`, `T.login` for any name an
//   import or `require` of `@tarojs/taro`, `@mpxjs/core`, `wepy` or `@wepy/core` binds; the
//   globals `Taro`, `uni` and `wepy` where no declaration of the file's own binds the name), the
//   offset being the object token's (for `wepy.wx.login` the `wepy` token's); or a use of a named
//   import of the API (`import { login as taroLogin } from '@tarojs/taro'`: each reference of
//   `taroLogin`, called or handed on, a shorthand property `{ taroLogin }` too), at that reference.
// - "framework-export": a named import of a framework's API exported again (`export { login }`),
//   at the reference: the value leaves the file.
// - "framework-destructure": `const { login } = Taro`; the offset is the key's.
// Single-file components (`.vue`, `.wpy`, `.mpx`) are read as the tool reads them (src/sfc.rs):
// each top-level `<script>` block on its own, the top-level declarations of one seen by the
// others (Vue 3's `<script>` and `<script setup>` share a module scope), offsets in the file.
// Files that are not UTF-8 are left out, as the tool reads none.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "@babel/parser";
import traverseModule from "@babel/traverse";

const traverse = traverseModule.default ?? traverseModule;

export const APIS = new Set(["login", "checkSession", "getUserInfo"]);

/** The packages whose default or namespace export is a framework's API object. */
export const FRAMEWORK_PACKAGES = new Map([
  ["@tarojs/taro", "taro"],
  ["@mpxjs/core", "mpx"],
  ["wepy", "wepy"],
  ["@wepy/core", "wepy"],
]);

/** The globals a framework's build defines (or the names projects import it under). */
export const FRAMEWORK_GLOBALS = new Map([
  ["Taro", "taro"],
  ["uni", "uni"],
  ["wepy", "wepy"],
]);

/** The tool's file kinds (src/parse.rs, `Language::from_path`): declaration files excluded. */
export function dialect(file) {
  const name = path.basename(file);
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  const stem = name.slice(0, dot);
  const ext = name.slice(dot + 1);
  if (["ts", "mts", "cts"].includes(ext) && stem.endsWith(".d")) return null;
  if (["js", "mjs", "cjs", "jsx"].includes(ext)) return "js";
  if (["ts", "mts", "cts"].includes(ext)) return "ts";
  if (ext === "tsx") return "tsx";
  if (["vue", "wpy", "mpx"].includes(ext)) return "component";
  return null;
}

const COMMON = {
  sourceType: "unambiguous",
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowAwaitOutsideFunction: true,
  allowNewTargetOutsideFunction: true,
  allowUndeclaredExports: true,
  errorRecovery: false,
};

/** Babel plugin sets to try, in order; plain JavaScript first tries JSX, as swc reads it. */
function pluginSets(kind) {
  switch (kind) {
    case "ts":
      return [["typescript", "decorators-legacy"]];
    case "tsx":
      return [["typescript", "jsx", "decorators-legacy"]];
    default:
      return [["jsx", "decorators-legacy"], ["decorators-legacy"]];
  }
}

/** Strips what does not change which object is read: `(wx)`, `wx!`, `wx as T`, `<T>wx`. */
function unwrap(node) {
  while (
    node &&
    (node.type === "ParenthesizedExpression" ||
      node.type === "TSNonNullExpression" ||
      node.type === "TSAsExpression" ||
      node.type === "TSSatisfiesExpression" ||
      node.type === "TSTypeAssertion")
  ) {
    node = node.expression;
  }
  return node;
}

/** A binding that declares the global rather than a local: `declare const wx`, `declare namespace wx`. */
function isAmbient(binding) {
  for (let p = binding.path; p; p = p.parentPath) {
    if (p.node.declare) return true;
    if (p.isProgram()) return false;
  }
  return false;
}

/** The `wx` identifier node when `node` is the global `wx` seen from `scope`; `outer` holds the
 * top-level names other `<script>` blocks of a component declare. */
function globalWx(node, scope, outer) {
  const wx = unwrap(node);
  if (!wx || wx.type !== "Identifier" || wx.name !== "wx") return null;
  const binding = scope.getBinding("wx");
  if (!binding) return outer.get("wx")?.declared ? null : wx;
  return isAmbient(binding) ? wx : null;
}

/** The module a binding imports, as { source, imported }: `imported` is "*" for a namespace
 * import or a `const x = require(...)`, else the export's name ("default" for a default import).
 * `null` for a binding that is not an import. */
function importOf(binding) {
  const { path } = binding;
  const node = path.node;
  switch (node.type) {
    case "ImportDefaultSpecifier":
      return { source: path.parent.source.value, imported: "default" };
    case "ImportNamespaceSpecifier":
      return { source: path.parent.source.value, imported: "*" };
    case "ImportSpecifier": {
      const imported = node.imported.type === "Identifier" ? node.imported.name : node.imported.value;
      return { source: path.parent.source.value, imported };
    }
    case "TSImportEqualsDeclaration": {
      const ref = node.moduleReference;
      return ref.type === "TSExternalModuleReference"
        ? { source: ref.expression.value, imported: "*" }
        : null;
    }
    case "VariableDeclarator": {
      // `const Taro = require('@tarojs/taro')` imports as `import` does.
      if (node.id.type !== "Identifier") return null;
      const init = unwrap(node.init);
      if (init?.type !== "CallExpression") return null;
      const callee = init.callee;
      if (callee.type !== "Identifier" || callee.name !== "require") return null;
      const arg = init.arguments[0];
      const source =
        arg?.type === "StringLiteral"
          ? arg.value
          : arg?.type === "TemplateLiteral" && arg.expressions.length === 0
            ? arg.quasis[0].value.cooked
            : "";
      return { source, imported: "*" };
    }
    default:
      return null;
  }
}

/** What a name bound at the top level means to the census: a framework object, a framework's
 * API (a named import), or something else the file declares. */
function meaning(name, binding) {
  // `declare const uni: any` names the global.
  if (isAmbient(binding)) return { declared: false, framework: FRAMEWORK_GLOBALS.get(name) ?? null };
  const imported = importOf(binding);
  if (!imported) return { declared: true, framework: null };
  const framework = FRAMEWORK_PACKAGES.get(imported.source);
  if (framework && (imported.imported === "*" || imported.imported === "default")) {
    return { declared: true, framework };
  }
  if (framework && APIS.has(imported.imported)) {
    return { declared: true, framework: null, api: [framework, imported.imported] };
  }
  // Imported from elsewhere under a framework's own name (`import Taro from './taro'`,
  // `const uni = require('./uni')`): still the framework's object, as the tool reads it.
  return { declared: true, framework: FRAMEWORK_GLOBALS.get(name) ?? null };
}

/** The meaning of `name` where `scope` sees it: its binding's, the other blocks' (`outer`), or
 * the global's. */
function meaningAt(name, scope, outer) {
  const binding = scope.getBinding(name);
  if (binding) return meaning(name, binding);
  if (outer.has(name)) return outer.get(name);
  return { declared: false, framework: FRAMEWORK_GLOBALS.get(name) ?? null };
}

/** The framework `node` (seen through parentheses and casts) names where `scope` sees it. */
function frameworkObject(node, scope, outer) {
  const id = unwrap(node);
  if (id?.type !== "Identifier") return null;
  const framework = meaningAt(id.name, scope, outer).framework;
  return framework ? { id, framework } : null;
}

/** Inside a type (`typeof login`), where nothing runs. */
function inType(path) {
  return Boolean(
    path.findParent(
      (p) => p.isTSTypeQuery() || p.isTSTypeReference() || p.isTSQualifiedName() || p.isTSImportType(),
    ),
  );
}

/** The property name a member expression reads, when it is written out in full. */
function propertyName(member) {
  const p = member.property;
  if (!member.computed) return p.type === "Identifier" ? p.name : null;
  if (p.type === "StringLiteral") return p.value;
  if (p.type === "TemplateLiteral" && p.expressions.length === 0) return p.quasis[0].value.cooked;
  return null;
}

/** Whether a member expression is a target, not a read: `wx.login = f`, `wx.login++`,
 * `delete wx.login`, `for (wx.login in o)`, `[wx.login] = a`, `({ a: wx.login } = o)`. */
function isWrite(path) {
  const { parent, node } = path;
  switch (parent.type) {
    case "AssignmentExpression":
    case "ForInStatement":
    case "ForOfStatement":
    case "AssignmentPattern":
      return parent.left === node;
    case "UpdateExpression":
    case "ArrayPattern":
    case "RestElement":
      return true;
    case "UnaryExpression":
      return parent.operator === "delete";
    case "ObjectProperty":
      return parent.value === node && path.parentPath.parent.type === "ObjectPattern";
    default:
      return false;
  }
}

/** Babel's tree of one source text. */
function parseText(text, kind) {
  let lastError;
  for (const plugins of pluginSets(kind)) {
    try {
      return parse(text, { ...COMMON, plugins });
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** The meaning of each name a program declares at its top level. */
function topLevel(ast) {
  const names = new Map();
  traverse(ast, {
    Program(path) {
      for (const [name, binding] of Object.entries(path.scope.bindings)) {
        names.set(name, meaning(name, binding));
      }
      path.stop();
    },
  });
  return names;
}

const NO_OUTER = new Map();

/** Sites in one source text: [UTF-16 index, api, kind]. `outer` is what the top-level names of
 * the other `<script>` blocks of a component mean. */
export function sitesIn(text, kind, outer = NO_OUTER) {
  return sitesOf(parseText(text, kind), outer);
}

function sitesOf(ast, outer) {
  const sites = [];
  const member = (path) => {
    const name = propertyName(path.node);
    if (!APIS.has(name) || isWrite(path)) return;
    const object = path.node.object;
    const wx = globalWx(object, path.scope, outer);
    if (wx) {
      sites.push([wx.start, name, "member"]);
      return;
    }
    const framework = frameworkObject(object, path.scope, outer);
    if (framework) {
      sites.push([framework.id.start, name, "framework"]);
      return;
    }
    // `wepy.wx.login`: WePY 2's wrapper of the whole `wx`.
    const inner = unwrap(object);
    if (
      (inner?.type === "MemberExpression" || inner?.type === "OptionalMemberExpression") &&
      propertyName(inner) === "wx"
    ) {
      const wepy = frameworkObject(inner.object, path.scope, outer);
      if (wepy?.framework === "wepy") sites.push([wepy.id.start, name, "framework"]);
    }
  };
  const destructure = (pattern, init, scope) => {
    if (pattern?.type !== "ObjectPattern" || !init) return;
    const kind = globalWx(init, scope, outer)
      ? "destructure"
      : frameworkObject(init, scope, outer)
        ? "framework-destructure"
        : null;
    if (!kind) return;
    for (const prop of pattern.properties) {
      if (prop.type !== "ObjectProperty") continue;
      const key = prop.computed
        ? prop.key.type === "StringLiteral" ? prop.key.value : null
        : prop.key.type === "Identifier" ? prop.key.name : prop.key.value;
      if (APIS.has(key)) sites.push([prop.key.start, key, kind]);
    }
  };
  traverse(ast, {
    MemberExpression: member,
    OptionalMemberExpression: member,
    VariableDeclarator(path) {
      destructure(path.node.id, path.node.init, path.scope);
    },
    AssignmentExpression(path) {
      if (path.node.operator === "=") destructure(path.node.left, path.node.right, path.scope);
    },
    // Each use of a named import of a framework's API: a call, the function handed on, a
    // shorthand property, an export.
    ReferencedIdentifier(path) {
      if (path.node.type !== "Identifier" || inType(path)) return;
      const { api } = meaningAt(path.node.name, path.scope, outer);
      if (!api) return;
      const kind = path.parentPath.isExportSpecifier() ? "framework-export" : "framework";
      sites.push([path.node.start, api[1], kind]);
    },
  });
  return sites.sort((a, b) => a[0] - b[0]);
}

/** The top-level `<script>` blocks of a single-file component that run in the mini-program, as
 * the tool finds them (src/sfc.rs): read with HTML's rules, a markup `<template>` balanced over
 * nested ones, every other element raw text up to its own end tag, Mpx's JSON scripts left out.
 * Each as { start, end, kind } in UTF-16 indexes. */
export function scriptBlocks(text) {
  const blocks = [];
  const lower = text.toLowerCase();
  let pos = 0;
  for (;;) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) break;
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      if (end < 0) break;
      pos = end + 3;
      continue;
    }
    if (text[lt + 1] === "/" || text[lt + 1] === "!" || text[lt + 1] === "?") {
      const end = text.indexOf(">", lt);
      if (end < 0) break;
      pos = end + 1;
      continue;
    }
    const tag = startTag(text, lt);
    if (!tag) {
      pos = lt + 1;
      continue;
    }
    if (tag.end < 0) break;
    pos = tag.end;
    if (tag.selfClosing) continue;
    const name = tag.name.toLowerCase();
    const lang = tag.attributes.get("lang");
    if (name === "template" && (lang === undefined || lang === "html" || lang === "wxml")) {
      const end = templateEnd(text, lower, tag.end);
      if (end < 0) break;
      pos = text.indexOf(">", end) + 1 || text.length;
      continue;
    }
    const end = rawTextEnd(lower, name, tag.end);
    if (end < 0) break;
    pos = text.indexOf(">", end) + 1 || text.length;
    const type = tag.attributes.get("type") ?? "";
    if (name === "script" && !type.includes("json") && tag.attributes.get("name") !== "json") {
      const kind = lang === "ts" || lang === "typescript" ? "ts" : lang === "tsx" ? "tsx" : "js";
      blocks.push({ start: tag.end, end, kind });
    }
  }
  return blocks;
}

/** `<name attributes...>` at `lt`: its name, attributes, whether it closes itself and where it
 * ends (after its `>`; -1 when the text ends inside it). `null` when `<` starts no tag. */
function startTag(text, lt) {
  const nameMatch = /^<([A-Za-z][^\s/>]*)/.exec(text.slice(lt, lt + 256));
  if (!nameMatch) return null;
  const attributes = new Map();
  let i = lt + nameMatch[0].length;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) return { name: nameMatch[1], attributes, selfClosing: false, end: -1 };
    if (text[i] === ">") return { name: nameMatch[1], attributes, selfClosing: false, end: i + 1 };
    if (text.startsWith("/>", i)) {
      return { name: nameMatch[1], attributes, selfClosing: true, end: i + 2 };
    }
    if (text[i] === "/") {
      i++;
      continue;
    }
    const attr = /^[^\s=/>]+/.exec(text.slice(i, i + 256));
    const attrName = attr ? attr[0] : text[i];
    i += attrName.length;
    let j = i;
    while (j < text.length && /\s/.test(text[j])) j++;
    let value = "";
    if (text[j] === "=") {
      j++;
      while (j < text.length && /\s/.test(text[j])) j++;
      const quote = text[j];
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, j + 1);
        if (close < 0) return { name: nameMatch[1], attributes, selfClosing: false, end: -1 };
        value = text.slice(j + 1, close);
        i = close + 1;
      } else {
        const unquoted = /^[^\s>]*/.exec(text.slice(j, j + 4096))[0];
        value = unquoted;
        i = j + unquoted.length;
      }
    }
    if (!attributes.has(attrName)) attributes.set(attrName, value);
  }
}

/** Where the end tag `</name` of a raw-text element starts, from `from`; -1 if none. */
function rawTextEnd(lower, name, from) {
  let i = from;
  for (;;) {
    const at = lower.indexOf("</" + name, i);
    if (at < 0) return -1;
    const next = lower[at + 2 + name.length];
    if (next === undefined || next === ">" || next === "/" || /\s/.test(next)) return at;
    i = at + 2;
  }
}

/** Where the `</template>` that balances the top-level `<template>` starts; the last one when
 * they never balance; -1 when there is none. Comments hide tags. */
function templateEnd(text, lower, from) {
  const tags = /<!--|<(\/?)template(?=[\s/>])/gi;
  tags.lastIndex = from;
  let depth = 1;
  let last = -1;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    if (m[0] === "<!--") {
      const end = text.indexOf("-->", m.index + 4);
      if (end < 0) break;
      tags.lastIndex = end + 3;
    } else if (m[1]) {
      depth--;
      last = m.index;
      if (depth === 0) return m.index;
    } else {
      const tag = startTag(text, m.index);
      if (tag && tag.end >= 0 && !tag.selfClosing) depth++;
    }
  }
  return last;
}

/** Sites in a component's text: each `<script>` block's, shifted into the file. */
export function componentSites(text) {
  const blocks = scriptBlocks(text).map((block) => ({
    ...block,
    ast: parseText(text.slice(block.start, block.end), block.kind),
  }));
  const tops = blocks.map((block) => topLevel(block.ast));
  const sites = [];
  blocks.forEach((block, i) => {
    const outer = new Map();
    tops.forEach((names, j) => {
      if (j !== i) for (const [name, what] of names) if (!outer.has(name)) outer.set(name, what);
    });
    for (const [index, api, kind] of sitesOf(block.ast, outer)) {
      sites.push([block.start + index, api, kind]);
    }
  });
  return sites.sort((a, b) => a[0] - b[0]);
}

/** UTF-16 indexes of `text` to byte offsets in its UTF-8 form, in one pass over sorted indexes. */
export function byteOffsets(text, indexes) {
  const out = [];
  let units = 0;
  let bytes = 0;
  for (const index of indexes) {
    bytes += Buffer.byteLength(text.slice(units, index), "utf8");
    units = index;
    out.push(bytes);
  }
  return out;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The census of one file's bytes; `null` when the file is not UTF-8. */
export function censusOf(bytes, kind) {
  let text;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return null;
  }
  // TextDecoder drops a byte order mark; the tool's offsets count its three bytes.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const sites = kind === "component" ? componentSites(text) : sitesIn(text, kind);
    const offsets = byteOffsets(text, sites.map(([index]) => index));
    return { sites: sites.map(([, api, how], i) => [offsets[i] + bom, api, how]) };
  } catch (error) {
    return { error: String(error.message).split("\n")[0] };
  }
}

function walk(dir, files) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else if (entry.isFile() && dialect(full)) files.push(full);
  }
}

function main([root, out]) {
  if (!root || !out) {
    console.error("usage: node census.mjs ROOT OUT.json");
    process.exit(2);
  }
  const files = [];
  walk(root, files);
  const result = {};
  const kinds = {};
  let errors = 0;
  let components = 0;
  for (const file of files) {
    const kind = dialect(file);
    const entry = censusOf(fs.readFileSync(file), kind);
    if (!entry) continue;
    result[path.relative(root, file).split(path.sep).join("/")] = entry;
    for (const [, , how] of entry.sites ?? []) kinds[how] = (kinds[how] ?? 0) + 1;
    errors += entry.error ? 1 : 0;
    components += kind === "component" ? 1 : 0;
  }
  fs.writeFileSync(out, JSON.stringify(result));
  const counted = Object.entries(kinds)
    .map(([how, n]) => `${n} ${how}`)
    .join(", ");
  console.error(
    `census: ${files.length} files (${components} components), sites: ${counted || "none"}; ` +
      `${errors} that babel cannot parse`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
