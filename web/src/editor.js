// The source editor and the side-by-side view of the migrated text (CodeMirror 6).
import { EditorView, basicSetup } from 'codemirror';
import { Annotation, Compartment, EditorState } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { html } from '@codemirror/lang-html';
import { MergeView } from '@codemirror/merge';

function extensionOf(name) {
  return name.toLowerCase().match(/\.([a-z]+)$/)?.[1] ?? 'js';
}

/** The editor language for a file name, following the CLI's own choice by extension. */
export function languageFor(name) {
  const ext = extensionOf(name);
  if (['vue', 'wpy', 'mpx', 'wxml'].includes(ext)) return html();
  return javascript({ typescript: ['ts', 'mts', 'cts', 'tsx'].includes(ext), jsx: ['jsx', 'tsx', 'js'].includes(ext) });
}

/** CRLF text is edited with CRLF; anything else (LF, or mixed until the first edit) with LF. */
function separatorFor(text) {
  return /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? '\r\n' : undefined;
}

/** What makes an editor give `text` back with its own line breaks: CodeMirror's are `\n`. */
function lineBreaksOf(text) {
  const separator = separatorFor(text);
  return separator ? [EditorState.lineSeparator.of(separator)] : [];
}

const wholeText = Annotation.define();

export class SourceEditor {
  constructor(parent, onChange) {
    this.language = new Compartment();
    this.separator = new Compartment();
    this.extension = 'js';
    // A pasted or loaded text, kept exactly (mixed line endings included) until it is edited.
    this.exact = null;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        extensions: [
          basicSetup,
          this.language.of(languageFor('index.js')),
          this.separator.of([]),
          EditorView.contentAttributes.of({ 'data-testid': 'source', 'aria-label': 'source' }),
          EditorView.domEventHandlers({ paste: (event) => this.pasteWhole(event) }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            if (!update.transactions.some((tr) => tr.annotation(wholeText))) this.exact = null;
            onChange();
          }),
        ],
      }),
    });
  }

  /** A paste over the whole text (or into an empty editor) keeps the clipboard's bytes exactly. */
  pasteWhole(event) {
    const { state } = this.view;
    const range = state.selection.main;
    const whole = state.doc.length === 0 || (range.from === 0 && range.to === state.doc.length);
    const text = event.clipboardData?.getData('text/plain');
    if (!whole || !text) return false;
    event.preventDefault();
    this.setText(text);
    return true;
  }

  text() {
    return this.exact ?? this.view.state.sliceDoc();
  }

  setText(text) {
    this.view.dispatch({ effects: this.separator.reconfigure(lineBreaksOf(text)) });
    this.exact = text;
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      selection: { anchor: 0 },
      scrollIntoView: true,
      annotations: wholeText.of(true),
    });
  }

  /** Only a new extension swaps the language, which makes CodeMirror parse the text again. */
  setLanguage(name) {
    if (extensionOf(name) === this.extension) return;
    this.extension = extensionOf(name);
    this.view.dispatch({ effects: this.language.reconfigure(languageFor(name)) });
  }

  /** Moves the cursor to a CLI position: 1-based line, column in characters (code points). */
  jumpTo(line, column) {
    const doc = this.view.state.doc;
    const start = doc.line(Math.min(Math.max(line, 1), doc.lines));
    const chars = [...start.text].slice(0, column - 1).join('');
    const pos = start.from + chars.length;
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    this.view.focus();
  }
}

/**
 * Original and migrated text side by side, unchanged stretches folded. Each side keeps its text's
 * line breaks, so that the migrated text copied from it is the CLI's, CRLF included.
 */
export class MigratedView {
  constructor(parent) {
    this.parent = parent;
    this.merge = null;
    this.layout = null;
    this.phrases = {};
  }

  /** CodeMirror's own words ("$ unchanged lines") in the page's language, from the next show. */
  setPhrases(phrases) {
    this.phrases = phrases;
    this.layout = null;
  }

  show(name, original, migrated) {
    const layout = [name, separatorFor(original), separatorFor(migrated)].join('\n');
    if (this.merge && this.layout === layout) {
      for (const [editor, text] of [[this.merge.a, original], [this.merge.b, migrated]]) {
        if (editor.state.sliceDoc() !== text) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
      }
      return;
    }
    this.merge?.destroy();
    this.layout = layout;
    const extensions = [basicSetup, languageFor(name), EditorState.phrases.of(this.phrases), EditorView.lineWrapping, EditorState.readOnly.of(true), EditorView.editable.of(false)];
    this.merge = new MergeView({
      parent: this.parent,
      a: { doc: original, extensions: [...extensions, ...lineBreaksOf(original)] },
      b: { doc: migrated, extensions: [...extensions, ...lineBreaksOf(migrated)] },
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
  }
}
