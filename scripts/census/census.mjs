// An independent count of the sites the tool must handle, for the real-code corpus: every read
// of the global `wx`'s `login`, `checkSession` or `getUserInfo`, found with babel's parser and
// babel's own scope analysis instead of the tool's swc-based finder. tests/corpus.rs checks
// that the tool rewrites or reports each of them, and nothing else.
//
//   node census.mjs ROOT OUT.json
//
// OUT.json maps each file's path under ROOT (with `/`) to { sites: [[byte offset, api, kind],
// ...] } or, when babel cannot parse it, { error: "..." }. The kind is "member" (`wx.login`,
// `wx["login"]`, `(wx as any).login`...; the offset is the `wx` token's) or "destructure"
// (`const { login } = wx`; the offset is the key's). Files that are not UTF-8 are left out, as the tool reads none.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "@babel/parser";
import traverseModule from "@babel/traverse";

const traverse = traverseModule.default ?? traverseModule;

export const APIS = new Set(["login", "checkSession", "getUserInfo"]);

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

/** The `wx` identifier node when `node` is the global `wx` seen from `scope`. */
function globalWx(node, scope) {
  const wx = unwrap(node);
  if (!wx || wx.type !== "Identifier" || wx.name !== "wx") return null;
  const binding = scope.getBinding("wx");
  return !binding || isAmbient(binding) ? wx : null;
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

/** Sites in one source text: [UTF-16 index, api, kind]. */
export function sitesIn(text, kind) {
  let ast;
  let lastError;
  for (const plugins of pluginSets(kind)) {
    try {
      ast = parse(text, { ...COMMON, plugins });
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (!ast) throw lastError;
  const sites = [];
  const member = (path) => {
    const name = propertyName(path.node);
    if (!APIS.has(name) || isWrite(path)) return;
    const wx = globalWx(path.node.object, path.scope);
    if (wx) sites.push([wx.start, name, "member"]);
  };
  const destructure = (pattern, init, scope) => {
    if (pattern?.type !== "ObjectPattern" || !init) return;
    const wx = globalWx(init, scope);
    if (!wx) return;
    for (const prop of pattern.properties) {
      if (prop.type !== "ObjectProperty") continue;
      const key = prop.computed
        ? prop.key.type === "StringLiteral" ? prop.key.value : null
        : prop.key.type === "Identifier" ? prop.key.name : prop.key.value;
      if (APIS.has(key)) sites.push([prop.key.start, key, "destructure"]);
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
    const sites = sitesIn(text, kind);
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
  let sites = 0;
  let errors = 0;
  for (const file of files) {
    const entry = censusOf(fs.readFileSync(file), dialect(file));
    if (!entry) continue;
    result[path.relative(root, file).split(path.sep).join("/")] = entry;
    sites += entry.sites?.length ?? 0;
    errors += entry.error ? 1 : 0;
  }
  fs.writeFileSync(out, JSON.stringify(result));
  console.error(`census: ${files.length} files, ${sites} sites, ${errors} that babel cannot parse`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
