// The few DOM helpers every page shares: building elements, escaping text for HTML, the app's colours, and the
// problem box of a form.

/** Creates an element with attributes (`text` sets its text) and children. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

/** Text made safe to put inside HTML markup or an attribute value. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** An invocation's log as the API gives it (one string a line) as text, a line a line. */
export function logText(lines) {
  return Array.isArray(lines) ? lines.join('\n') : String(lines ?? '');
}

const COLOURS = ['fg', 'muted', 'border', 'surface-2', 'accent', 'warn', 'error', 'cold', 'warm', 'busy', 'idle',
  'initialising'];

/** The app's colours, read from the CSS variables, so charts follow the light or dark scheme. */
export function palette() {
  const style = getComputedStyle(document.documentElement);
  return Object.fromEntries(COLOURS.map((name) => [name, style.getPropertyValue(`--${name}`).trim()]));
}

/**
 * A form's problem box, announced as an alert: says what is wrong and, when one field is at fault, marks it and
 * moves the focus to it. `node` goes into the page.
 */
export class FormProblem {
  constructor(form, attrs = {}) {
    this.form = form;
    this.node = h('div', { class: 'problem', role: 'alert', hidden: true, ...attrs });
  }

  show(text, field) {
    this.node.replaceChildren(h('p', { text }));
    this.node.hidden = false;
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }

  clear() {
    this.node.hidden = true;
    this.node.replaceChildren();
    for (const input of this.form?.querySelectorAll('[aria-invalid]') ?? []) input.removeAttribute('aria-invalid');
  }
}

/**
 * A form whose fields each have their own message (an element `#<field id>-error`, named by the field's
 * aria-describedby): a server's refusal that names a `field` is shown beside that field, which gets the focus;
 * any other refusal goes to the form's problem box.
 */
export class FieldProblems {
  constructor(form) {
    this.form = form;
    this.problem = new FormProblem(form);
    form.prepend(this.problem.node);
  }

  show(error) {
    this.clear();
    const field = error.details?.field && this.form.elements.namedItem(error.details.field);
    const message = field && document.getElementById(`${field.id}-error`);
    if (!message) {
      this.problem.show(error.message);
      return;
    }
    message.textContent = error.message;
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }

  clear() {
    this.problem.clear();
    for (const message of this.form.querySelectorAll('.field-error')) message.textContent = '';
  }
}

/** A labelled input with its message slot, as FieldProblems expects: `attrs` go on the input. */
export function field(label, attrs, hint = '') {
  const id = attrs.id;
  return `<p class="field"><label for="${id}">${escapeHtml(label)}</label>
    ${hint ? `<span class="hint" id="${id}-hint">${escapeHtml(hint)}</span>` : ''}
    <input ${Object.entries(attrs).filter(([, v]) => v !== false && v != null)
      .map(([k, v]) => (v === true ? k : `${k}="${escapeHtml(v)}"`)).join(' ')}
      aria-describedby="${hint ? `${id}-hint ` : ''}${id}-error">
    <span class="field-error" id="${id}-error"></span></p>`;
}

/** Sends the form's fields as JSON through `action`; a refusal shows beside its field, or above the form. */
export function onSubmit(form, action) {
  const problems = new FieldProblems(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    problems.clear();
    button.disabled = true;
    try {
      await action(Object.fromEntries(new FormData(form)));
    } catch (e) {
      problems.show(e);
    } finally {
      button.disabled = false;
    }
  });
}
