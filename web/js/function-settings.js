// The lab function's configuration, beside the editor: memory, timeout, keep-alive, reserved and provisioned
// concurrency, and how failed asynchronous events are retried and where they go. Each field is one of
// PUT /api/functions/{name}'s (fields left out keep their values), so the form says exactly what the platform
// takes; a refusal is shown beside the field the server names. Lab links set a field with set().
import { api, ApiError } from './api.js';
import { FormProblem, h } from './dom.js';

/** The form's fields, by the API's names: label, help, and the input's limits (FunctionSpec's). */
const FIELDS = {
  style: { label: 'Handler style', choices: [['aws-lambda', 'AWS Lambda'], ['cloudflare-workers', 'Cloudflare Workers'],
    ['gcp-functions', 'Cloud Run functions (Google)'], ['azure-functions', 'Azure Functions'], ['netlify', 'Netlify Functions']],
    help: 'Whose handler contract your code follows: write it as that provider documents it, and it runs unchanged. '
      + 'Changing it starts new instances; the handler becomes that style’s default unless you change it too.' },
  handler: { label: 'Handler', text: true, pattern: '[^\\s]+\\.[^\\s]+',
    help: 'file.name: the file, and what in it the style calls (Lambda: the exported function; Workers and Netlify: '
      + 'default; Cloud Run and Azure: the name the function was registered under).' },
  memoryMb: { label: 'Memory (MB)', min: 128, max: 10240,
    help: 'Also the memory the platform lets an instance keep; Lambda gives CPU in proportion to it.' },
  timeoutSeconds: { label: 'Timeout (seconds)', min: 1, max: 900,
    help: 'An invocation still running after this is stopped, with an error.' },
  keepAliveSeconds: { label: 'Keep-alive (seconds)', min: 1, max: 14400,
    help: 'How long an idle instance stays warm before it is reclaimed. Lambda’s is about 10 minutes; 1 s here shows scale to zero.' },
  reservedConcurrency: { label: 'Reserved concurrency', min: 0, max: 1000, optional: true,
    help: 'At most this many requests at once; more are throttled (429). Empty: none, the function shares the workspace’s 100. 0 switches it off.' },
  provisionedConcurrency: { label: 'Provisioned concurrency', min: 0, max: 100,
    help: 'Instances kept initialised, so that this many requests at once never wait for a cold start. Billed while set.' },
  maximumRetryAttempts: { label: 'Retries of a failed asynchronous event', numeric: true,
    choices: [['0', '0'], ['1', '1'], ['2', '2 (Lambda’s default)']],
    help: 'How often the platform runs an event again after the function failed on it.' },
  retryDelays: { label: 'Retry delays', choices: [['lambda', 'Lambda’s: 60 s, then 120 s'], ['demonstration', 'Demonstration: 1 s, then 2 s']],
    help: 'How long the platform waits before each retry. The short ones are FaaS Lab’s, so that a lesson can watch retries.' },
  onFailure: { label: 'On-failure queue', choices: [['', 'None']], optional: true,
    help: 'Where an event goes, as a destination record, once its retries are used up.' },
};

export class FunctionSettings {
  /**
   * @param root  the section the form goes into
   * @param options  {functionName(): the lab function's name, beforeApply(): deploys the editor's code when the
   *                  function does not exist yet, resolving to true when it exists; onApplied(): after the
   *                  platform took new settings}
   */
  constructor(root, { functionName, beforeApply, onApplied = () => {} }) {
    this.root = root;
    this.functionName = functionName;
    this.beforeApply = beforeApply;
    this.onApplied = onApplied;
    this.applying = false;
    this.#build();
  }

  /** Reads the function's settings into the form (the defaults while it is not deployed) and the queues offered. */
  async load() {
    await this.refreshQueues();
    try {
      const { functions } = await api.get('/api/functions');
      // Asked by name only once it exists: a 404 would show in the browser's console on every fresh lesson.
      if (functions.some((fn) => fn.name === this.functionName())) {
        this.#fill(await api.get(`/api/functions/${encodeURIComponent(this.functionName())}/configuration`));
        this.#say('The function’s settings now.');
      } else {
        this.#say('Lambda’s defaults: the function is not deployed yet. Applying deploys your code first.');
      }
    } catch (error) {
      this.problem.show(`The settings did not load: ${error.message}`);
    }
  }

  /** The queues a failed event may go to: every queue of the workspace. */
  async refreshQueues() {
    let queues = [];
    try {
      ({ queues } = await api.get('/api/queues'));
    } catch {
      // No queues to offer: the field keeps what it has.
      return;
    }
    const select = this.form.onFailure;
    const chosen = select.value;
    select.replaceChildren(h('option', { value: '', text: 'None' }),
      ...queues.map((queue) => h('option', { value: queue.name, text: queue.name })));
    select.value = queues.some((queue) => queue.name === chosen) ? chosen : '';
  }

  /** Sets one field, as a lab link does (`#lab/config/keepAliveSeconds/5`), and applies the form. */
  async set(field, value) {
    const input = this.form[field];
    if (!(field in FIELDS) || !input) {
      this.problem.show(`There is no setting “${field}”: the settings are ${Object.keys(FIELDS).join(', ')}.`);
      return false;
    }
    if (field === 'onFailure') await this.refreshQueues();
    const wanted = value === 'none' ? '' : value;
    if (input.tagName === 'SELECT' && ![...input.options].some((option) => option.value === wanted)) {
      input.append(h('option', { value: wanted, text: wanted }));   // the server says why it is wrong, if it is
    }
    input.value = wanted;
    return this.apply();
  }

  /** Saves the form's settings on the function; true when the platform took them. */
  async apply() {
    if (this.applying) return false;
    this.problem.clear();
    const invalid = [...this.form.elements].find((input) => input.willValidate && !input.checkValidity());
    if (invalid) {
      this.problem.show(`${FIELDS[invalid.name].label}: ${invalid.validationMessage}`, invalid);
      return false;
    }
    this.applying = true;
    this.applyButton.setAttribute('aria-disabled', 'true');
    this.#say('Applying…');
    try {
      if (!(await this.beforeApply())) {
        this.#say('Not applied: the function could not be deployed (see above).');
        return false;
      }
      const before = this.current;
      const applied = await api.put(`/api/functions/${encodeURIComponent(this.functionName())}`, this.#values());
      this.#fill(applied);
      this.#say(`Applied. ${describeChanges(before, applied)}`);
      await this.onApplied();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const field = error.details.field in FIELDS ? this.form[error.details.field] : null;
      this.problem.show(`Not applied: ${error.message}`, field);
      this.#say('Not applied.');
      return false;
    } finally {
      this.applying = false;
      this.applyButton.removeAttribute('aria-disabled');
    }
  }

  #build() {
    const fields = Object.entries(FIELDS).map(([name, field]) => {
      const id = `setting-${name}`;
      const control = field.choices
        ? h('select', { id, name, 'aria-describedby': `${id}-help` },
          ...field.choices.map(([value, text]) => h('option', { value, text })))
        : field.text
          ? h('input', { id, name, type: 'text', required: true, pattern: field.pattern, spellcheck: 'false',
            autocomplete: 'off', 'aria-describedby': `${id}-help` })
          : h('input', { id, name, type: 'number', min: field.min, max: field.max, step: 1, inputmode: 'numeric',
            required: !field.optional, 'aria-describedby': `${id}-help` });
      return h('div', { class: 'field', 'data-setting': name },
        h('label', { for: id, text: field.label }), control,
        h('p', { class: 'muted small', id: `${id}-help`, text: field.help }));
    });
    this.applyButton = h('button', { type: 'submit', class: 'primary', 'data-settings': 'apply', text: 'Apply settings' });
    this.form = h('form', { class: 'settings-form', 'aria-label': 'Function settings', novalidate: true },
      h('div', { class: 'fields' }, ...fields), h('div', { class: 'toolbar' }, this.applyButton));
    this.problem = new FormProblem(this.form, { 'data-settings': 'error' });
    this.state = h('p', { class: 'status', role: 'status', 'data-settings': 'state' });
    this.root.append(this.form, this.problem.node, this.state);
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.apply(); });
    this.#fill({ style: 'aws-lambda', handler: 'index.handler', memoryMb: 128, timeoutSeconds: 3, keepAliveSeconds: 600, reservedConcurrency: null,
      provisionedConcurrency: 0, maximumRetryAttempts: 2, retryDelays: 'lambda', onFailure: null });
  }

  /** The form's values as the API takes them: numbers, and null for an empty optional field. */
  #values() {
    const values = {};
    for (const [name, field] of Object.entries(FIELDS)) {
      const raw = this.form[name].value;
      if (raw === '' && field.optional) values[name] = null;
      else values[name] = field.text || (field.choices && !field.numeric) ? raw : Number(raw);
    }
    // A new style with the handler as it was: the server gives the style's own default handler.
    if (this.current && values.style !== this.current.style && values.handler === this.current.handler) {
      delete values.handler;
    }
    return values;
  }

  #fill(settings) {
    this.current = Object.fromEntries(Object.keys(FIELDS).map((name) => [name, settings[name] ?? null]));
    for (const [name, value] of Object.entries(this.current)) {
      const input = this.form[name];
      if (name === 'onFailure' && value && ![...input.options].some((option) => option.value === value)) {
        input.append(h('option', { value, text: value }));
      }
      input.value = value == null ? '' : String(value);
    }
  }

  #say(text) {
    if (this.state.textContent !== text) this.state.textContent = text;
  }


}

/** "Keep-alive (seconds): 600 → 5." for each setting the platform now has differently. */
function describeChanges(before, after) {
  const changes = Object.keys(FIELDS).filter((name) => (before?.[name] ?? null) !== (after[name] ?? null))
    .map((name) => `${FIELDS[name].label}: ${show(before?.[name])} → ${show(after[name])}.`);
  return changes.length ? changes.join(' ') : 'Nothing changed.';
}

function show(value) {
  return value == null || value === '' ? 'none' : String(value);
}
