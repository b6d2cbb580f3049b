// The code editor: CodeMirror 6, with JavaScript and Python highlighting, colours from the page's CSS
// variables (so it follows dark mode with the rest of the page), and syntax errors shown on their line. It shows
// one file at a time; a function of several files swaps them in, each with its own undo history.
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, Compartment } from '@codemirror/state';
import { indentWithTab } from '@codemirror/commands';
import { StreamLanguage, syntaxHighlighting, indentUnit } from '@codemirror/language';
import { classHighlighter } from '@lezer/highlight';
import { setDiagnostics, diagnosticCount } from '@codemirror/lint';
import { javascript } from '@codemirror/legacy-modes/mode/javascript';
import { python } from '@codemirror/legacy-modes/mode/python';

const LANGUAGES = {
  nodejs: [StreamLanguage.define(javascript), indentUnit.of('  ')],
  python: [StreamLanguage.define(python), indentUnit.of('    ')],
};

// Everything the editor draws takes its colour from app.css's variables.
const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--fg)' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 30%, transparent)',
  },
  '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--surface-2) 60%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--surface-2)', color: 'var(--fg)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--fg)' },
});

export class CodeEditor {
  /**
   * @param parent   the element the editor goes into
   * @param options  {code, runtime, fileName, describedBy, onChange(code), onRun()}
   */
  constructor(parent, { code, runtime, fileName, describedBy, onChange, onRun }) {
    this.language = new Compartment();
    this.label = new Compartment();
    this.describedBy = describedBy;
    this.fileName = fileName;
    /** The other files' editor states (text, undo history, marks), by file name, while one file shows. */
    this.otherFiles = new Map();
    this.extensions = [
      basicSetup,
      // Tab indents, as in any code editor; CodeMirror documents Esc then Tab as the way out, and the page says so.
      keymap.of([
        { key: 'Mod-Enter', run: () => { onRun(); return true; } },
        // Every change is saved already; Ctrl+S saves once more rather than open the browser's Save dialog.
        { key: 'Mod-s', run: () => { onChange(this.code); return true; } },
        indentWithTab,
      ]),
      syntaxHighlighting(classHighlighter),
      theme,
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !this.loading) {
          // The marked problem belongs to the text as it was; CodeMirror forbids a dispatch inside an update.
          if (this.hasProblem) queueMicrotask(() => this.clearProblem());
          onChange(this.code);
        }
      }),
    ];
    this.view = new EditorView({ parent, state: this.newState(code, runtime, fileName) });
  }

  newState(code, runtime, fileName) {
    return EditorState.create({
      doc: code,
      extensions: [...this.extensions, this.language.of(LANGUAGES[runtime]),
        this.label.of(this.attributes(fileName, this.describedBy))],
    });
  }

  attributes(fileName, describedBy) {
    return EditorView.contentAttributes.of({
      'aria-label': `Code editor: ${fileName}`,
      // Focusable already (contenteditable); said outright so checkers see the scrolling region has a way in.
      tabindex: '0',
      'aria-describedby': describedBy,
    });
  }

  get code() {
    return this.view.state.doc.toString();
  }

  /**
   * Replaces the text and the language (switching JavaScript and Python, or resetting to the starter), and forgets
   * the other files shown before. The same file keeps its undo history (a reset can be undone); another starts its own.
   */
  load(code, runtime, fileName) {
    this.otherFiles.clear();
    if (fileName !== this.fileName) {
      this.fileName = fileName;
      this.view.setState(this.newState(code, runtime, fileName));
      this.hasProblem = false;
      return;
    }
    this.loading = true;
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: code },
      effects: [
        this.language.reconfigure(LANGUAGES[runtime]),
        this.label.reconfigure(this.attributes(fileName, this.describedBy)),
      ],
    });
    this.loading = false;
    this.clearProblem();
  }

  /**
   * Shows another file of the same function, `code` its text. The file shown so far keeps its state (undo history,
   * cursor, marks) until it shows again, so that undoing in one file never brings another's text into it.
   */
  show(fileName, code, runtime) {
    if (fileName === this.fileName) return;
    this.otherFiles.set(this.fileName, this.view.state);
    const kept = this.otherFiles.get(fileName);
    this.otherFiles.delete(fileName);
    this.fileName = fileName;
    this.view.setState(kept && kept.doc.toString() === code ? kept : this.newState(code, runtime, fileName));
    this.hasProblem = diagnosticCount(this.view.state) > 0;
  }

  /** Forgets a file's state: the file was removed. */
  forget(fileName) {
    this.otherFiles.delete(fileName);
  }

  /** Marks a problem at a 1-based line and column of the learner's file (a syntax error, a thrown error). */
  showProblem(line, column, message) {
    const doc = this.view.state.doc;
    if (!line || line < 1 || line > doc.lines) return;
    const lineInfo = doc.line(line);
    const from = Math.min(lineInfo.from + Math.max((column || 1) - 1, 0), lineInfo.to);
    const to = from < lineInfo.to ? lineInfo.to : Math.min(from + 1, doc.length);
    this.view.dispatch(setDiagnostics(this.view.state, [{ from, to: Math.max(to, from), severity: 'error', message }]));
    this.hasProblem = true;
    this.view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
  }

  clearProblem() {
    this.hasProblem = false;
    this.view.dispatch(setDiagnostics(this.view.state, []));
  }

  focus() {
    this.view.focus();
  }
}
