// The lab's file bar, above the editor: the function's files as tabs (the WAI-ARIA tabs pattern: the arrow keys,
// Home and End move between them, and the file in focus shows), the handler's file first and marked as the entry;
// "Add file" asks for a path, checked here as the server checks a package's paths; "Remove file" for the others.
import { field, h } from './dom.js';

const EXTENSIONS = {
  nodejs: { list: ['.mjs', '.js', '.cjs', '.json'], say: 'A JavaScript file’s name ends in .mjs, .js or .cjs (or .json, for data such as package.json)', example: 'lib/util.mjs' },
  python: { list: ['.py'], say: 'A Python file’s name ends in .py', example: 'helpers.py' },
};

/**
 * Why `given` cannot be the path of a new file beside `paths` (the function's files, the entry first), or null
 * when it can; the path as the function will hold it is `normalPath(given)`.
 */
export function pathProblem(given, runtime, paths) {
  const path = normalPath(given);
  const { list, say, example } = EXTENSIONS[runtime];
  if (!path) return `Type the new file’s path, such as ${example}.`;
  if (/^([/~]|[A-Za-z]:)/.test(path)) return `A path starts inside your function’s folder, such as ${example}, not with ${path[0] === '~' ? '~' : '/'}.`;
  if (path.includes('\\')) return `Put / between folders, as in ${example}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'A path cannot hold control characters such as a tab or a new line.';
  const parts = path.split('/');
  if (parts.includes('..')) return `A path cannot go up with “..”: every file stays inside your function’s folder. Try ${example}.`;
  if (parts.some((part) => part === '' || part === '.')) return `Each folder in a path needs a name, as in ${example}.`;
  if (path.length > 200) return 'That path is too long: keep it under 200 characters.';
  if (!list.some((extension) => path.endsWith(extension) && path.length > extension.length)) return `${say}: try ${example}.`;
  if (paths.includes(path)) return `Your function has ${path} already: pick another name, or its tab above.`;
  const clash = paths.find((other) => other.startsWith(`${path}/`) || path.startsWith(`${other}/`));
  if (clash) return `${path} and ${clash} would make one name both a file and a folder: pick another name.`;
  // Lambda looks for the handler's module as .js, then .mjs, then .cjs: index.js would stand in for index.mjs.
  const [entry] = paths;
  if (runtime === 'nodejs' && stem(path) === stem(entry) && /\.[mc]?js$/.test(path)) {
    return `${path} would take the place of ${entry}, the file the handler runs: pick another name.`;
  }
  return null;
}

/** The path as the function holds it: without spaces around it or a leading ./ */
export function normalPath(given) {
  return String(given).trim().replace(/^(\.\/)+/, '');
}

function stem(path) {
  return path.replace(/\.[^./]*$/, '');
}

export class FileBar {
  /**
   * @param root     the element the bar goes into (above the editor)
   * @param panel    the editor's frame, the tab panel the tabs control
   * @param options  {onSelect(path), onAdd(path), onRemove(path)}; onAdd and onRemove come after the checks
   */
  constructor(root, panel, { onSelect, onAdd, onRemove }) {
    this.panel = panel;
    this.onSelect = onSelect;
    this.paths = [];
    this.selected = null;
    this.tabs = h('div', { role: 'tablist', class: 'file-tabs', 'aria-label': 'Your function’s files' });
    this.addButton = h('button', { type: 'button', id: 'add-file', 'aria-expanded': 'false', 'aria-controls': 'add-file-form', text: 'Add file' });
    this.removeButton = h('button', { type: 'button', id: 'remove-file', hidden: true, text: 'Remove file' });
    this.form = h('form', { class: 'add-file', id: 'add-file-form', hidden: true, novalidate: true,
      'aria-label': 'Add a file' });
    this.form.innerHTML = `${field('New file’s path', { id: 'new-file-path', name: 'path', autocomplete: 'off',
      spellcheck: 'false', autocapitalize: 'off' }, 'Inside your function’s folder')}
      <p class="toolbar"><button type="submit">Add</button> <button type="button" data-cancel>Cancel</button></p>`;
    this.input = this.form.querySelector('input');
    this.hint = this.form.querySelector('.hint');
    this.error = this.form.querySelector('.field-error');
    // Said when it appears, while the focus stays in the field to fix it.
    this.error.setAttribute('role', 'alert');
    root.replaceChildren(h('div', { class: 'file-bar' }, this.tabs, this.addButton, this.removeButton), this.form);
    this.panel.setAttribute('role', 'tabpanel');

    this.tabs.addEventListener('click', (event) => {
      const tab = event.target.closest('[role=tab]');
      if (tab) this.#choose(tab.dataset.file);
    });
    this.tabs.addEventListener('keydown', (event) => this.#key(event));
    this.addButton.addEventListener('click', () => (this.form.hidden ? this.#openForm() : this.#closeForm()));
    this.removeButton.addEventListener('click', () => {
      const path = this.selected;
      if (path === this.paths[0] || !window.confirm(`Remove ${path} from your function? Its code goes with it.`)) return;
      onRemove(path);
      this.tabFor(this.paths[0])?.focus();
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const problem = pathProblem(this.input.value, this.runtime, this.paths);
      if (problem) {
        this.error.textContent = problem;
        this.input.setAttribute('aria-invalid', 'true');
        this.input.focus();
        return;
      }
      this.#closeForm(false);
      onAdd(normalPath(this.input.value));
    });
    this.form.querySelector('[data-cancel]').addEventListener('click', () => this.#closeForm());
    this.form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.#closeForm();
      }
    });
  }

  /** Draws the tabs of `paths` (the entry first) for `runtime`, `selected` the file the editor shows. */
  show(paths, selected, runtime) {
    this.paths = [...paths];
    this.runtime = runtime;
    this.tabs.replaceChildren(...this.paths.map((path, i) => h('button', {
      type: 'button', role: 'tab', id: `file-tab-${i}`, 'data-file': path, 'aria-controls': this.panel.id,
      ...(i === 0 ? { 'data-entry': '', title: 'The entry: the handler’s file, which the platform loads first' } : {}),
    }, path, ...(i === 0 ? [' ', h('span', { class: 'badge', text: 'entry' })] : []))));
    if (!this.form.hidden) this.#closeForm(false);
    this.select(selected);
  }

  /** Marks `path` as the file shown, without telling onSelect (the lab chose it). */
  select(path) {
    this.selected = path;
    for (const tab of this.tabs.children) {
      const chosen = tab.dataset.file === path;
      tab.setAttribute('aria-selected', String(chosen));
      tab.tabIndex = chosen ? 0 : -1;
      if (chosen) this.panel.setAttribute('aria-labelledby', tab.id);
    }
    this.removeButton.hidden = path === this.paths[0];
    this.removeButton.setAttribute('aria-label', `Remove file ${path}`);
  }

  tabFor(path) {
    return [...this.tabs.children].find((tab) => tab.dataset.file === path);
  }

  #choose(path) {
    if (path === this.selected) return;
    this.select(path);
    this.onSelect(path);
  }

  #key(event) {
    const tabs = [...this.tabs.children];
    const at = tabs.indexOf(event.target.closest('[role=tab]'));
    if (at < 0) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;   // Enter and Space press the tab's button, which selects it
    event.preventDefault();
    const tab = tabs[(to + tabs.length) % tabs.length];
    tab.focus();
    this.#choose(tab.dataset.file);
  }

  #openForm() {
    const { example } = EXTENSIONS[this.runtime];
    this.hint.textContent = `Inside your function’s folder, such as ${example}`;
    this.input.value = '';
    this.error.textContent = '';
    this.input.removeAttribute('aria-invalid');
    this.form.hidden = false;
    this.addButton.setAttribute('aria-expanded', 'true');
    this.input.focus();
  }

  #closeForm(refocus = true) {
    this.form.hidden = true;
    this.addButton.setAttribute('aria-expanded', 'false');
    if (refocus) this.addButton.focus();
  }
}
