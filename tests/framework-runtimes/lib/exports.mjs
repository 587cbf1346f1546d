// Where each exported function of a module is: the top-level `export function f`, `export async function f`,
// `export const f = ...` (and `export default function`, as `default`), with its 1-based line range and its
// source text, found with TypeScript's parser (it reads .js and .ts alike). A finding's line is mapped to the
// function whose declaration spans it; the names are the keys run.mjs records calls under.
import ts from 'typescript'

/** [{ name, start, end, text }] for the module's source; start and end are 1-based lines, inclusive. */
export function exportedFunctions (source, fileName) {
  const kind = /\.ts$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind)
  const line = (pos) => file.getLineAndCharacterOfPosition(pos).line + 1
  const exported = (node) => (ts.getModifiers?.(node) || node.modifiers || []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  const isDefault = (node) => (ts.getModifiers?.(node) || node.modifiers || []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
  const out = []
  for (const statement of file.statements) {
    if (!exported(statement)) continue
    const range = { start: line(statement.getStart(file)), end: line(statement.getEnd()), text: statement.getText(file) }
    if (ts.isFunctionDeclaration(statement)) {
      out.push({ name: isDefault(statement) ? 'default' : statement.name.text, ...range })
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) out.push({ name: d.name.text, ...range })
      }
    }
  }
  return out
}

/** The exported function of `functions` whose declaration spans `line`, or undefined. */
export function functionAt (functions, line) {
  return functions.find((f) => f.start <= line && line <= f.end)
}
