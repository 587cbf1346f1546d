// The result fields of wx APIs, read by the TypeScript checker from the pinned
// official typings (miniprogram-api-typings), never by parsing the .d.ts text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const ENTRY = require.resolve('miniprogram-api-typings/index.d.ts');

// The API every rewritten call falls back to inside WeCom.
export const BASELINE = 'getSystemInfoSync';

// WeChat split these out of getSystemInfoSync; WeCom lacks them (or, for
// getDeviceInfo, has it on Android only).
export const SPLIT_APIS = ['getWindowInfo', 'getAppBaseInfo', 'getSystemSetting', 'getAppAuthorizeSetting', 'getDeviceInfo'];

// The project's support table; WECOM_SUPPORT_TSV points the check at another
// one, which is how the check itself is tested.
export const SUPPORT_TSV = process.env.WECOM_SUPPORT_TSV
  ?? fileURLToPath(new URL('../../src/compat/wecom-support.tsv', import.meta.url));

// Names of the `api` rows whose fix is `system-info`, i.e. the calls the tool
// rewrites to getSystemInfoSync. Columns are found by the header, not by position.
export function systemInfoRows(path = SUPPORT_TSV) {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const header = lines.shift().split('\t');
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: no column ${name} in header`);
    return i;
  };
  const [kind, name, fix] = ['kind', 'name', 'fix'].map(col);
  return lines.map((l) => l.split('\t'))
    .filter((c) => c[kind] === 'api' && c[fix] === 'system-info')
    .map((c) => c[name]);
}

let cached;

// strict, so an optional field's type carries `| undefined` and assignability
// sees it. No DOM lib: a mini-program has none, and the typings declare their
// own `console`, `HTMLCanvasElement`, ... which clash with lib.dom's.
const OPTIONS = { strict: true, noEmit: true, lib: ['lib.es2020.d.ts'], types: [] };

function load() {
  if (cached) return cached;
  const program = ts.createProgram([ENTRY], OPTIONS);
  // An unresolved name would come back as `any`, which is assignable to
  // everything and would make every comparison pass: refuse to go on.
  const errors = ts.getPreEmitDiagnostics(program);
  if (errors.length) {
    throw new Error(ts.formatDiagnostics(errors.slice(0, 5), {
      getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n',
    }));
  }
  const checker = program.getTypeChecker();
  const anyFile = program.getSourceFile(ENTRY);
  const ns = checker.getSymbolsInScope(anyFile, ts.SymbolFlags.Namespace)
    .find((s) => s.name === 'WechatMiniprogram');
  const wxSymbol = checker.getExportsOfModule(ns).find((s) => s.name === 'Wx');
  cached = { checker, wx: checker.getDeclaredTypeOfSymbol(wxSymbol) };
  return cached;
}

// For `WechatMiniprogram.Wx[name]`: the parameters it declares and the
// properties of what it returns, each with the checker's printed type.
export function apiResult(name) {
  const { checker, wx } = load();
  const member = wx.getProperty(name);
  if (!member) throw new Error(`WechatMiniprogram.Wx has no member ${name}`);
  const signatures = checker.getTypeOfSymbol(member).getCallSignatures();
  // Overloads would make "the" result ambiguous; none of these APIs has any.
  if (signatures.length !== 1) throw new Error(`${name} has ${signatures.length} call signatures`);
  const [signature] = signatures;
  const result = checker.getReturnTypeOfSignature(signature);
  const fields = checker.getPropertiesOfType(result).map((p) => {
    const type = checker.getTypeOfSymbol(p);
    return {
      name: p.name,
      type,
      typeText: checker.typeToString(type),
      optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
    };
  });
  return { name, parameters: signature.getParameters().map((p) => p.name), resultText: checker.typeToString(result), fields };
}

// Compares each field of `name`'s result with the same field of the baseline.
// The direction is the one the rewrite needs: the caller still expects the
// new API's field type but receives getSystemInfoSync's value, so the
// baseline's type must be assignable to the new API's, not the reverse.
export function compareWithBaseline(name) {
  const { checker } = load();
  const base = new Map(apiResult(BASELINE).fields.map((f) => [f.name, f]));
  return apiResult(name).fields.map((f) => {
    const b = base.get(f.name);
    return {
      field: f.name,
      type: f.typeText,
      optional: f.optional,
      baselineType: b ? b.typeText : null,
      baselineOptional: b ? b.optional : null,
      assignable: b ? checker.isTypeAssignableTo(b.type, f.type) : false,
    };
  });
}
