// The traffic generator's controls. The server sends the requests (POST /api/traffic) to the function's
// HTTP trigger; this form starts and stops a run and shows its progress from the `traffic` live events.
import { api, ApiError } from './api.js';
import { FormProblem, h } from './dom.js';

const PATTERNS = {
  steady: ['Steady', 'The same number of requests every second.'],
  spike: ['Spike', 'The same rate, but five times as many requests during the middle fifth of the run.'],
  sine: ['Sine wave', 'The rate rises smoothly from nothing to the set rate and back down over the run.'],
  burst: ['Burst', 'N requests all at the same moment, once; the run ends when every one has its answer.'],
};
const FIELD_NAMES = { rps: 'rps', durationSeconds: 'seconds', burst: 'burst' };
const STALE_MS = 2500;   // no traffic event for this long while running: ask the server instead

export class TrafficControls {
  constructor(root, { functionName, beforeStart }) {
    this.root = root;
    this.functionName = functionName;
    this.beforeStart = beforeStart;
    this.run = null;
    this.starting = false;
    this.available = true;
    this.lastEventAt = 0;
    this.#build();
    this.#patternChanged();
    this.#refresh();
    this.watchdog = setInterval(() => {
      if (this.run?.state === 'running' && performance.now() - this.lastEventAt > STALE_MS) this.#refresh();
    }, 1000);
  }

  /** Live events: only `traffic` matters here. */
  handle(type, data) {
    if (type !== 'traffic' || !data) return;
    this.lastEventAt = performance.now();
    this.#show(data.run ?? data);
  }

  /** Fills the form for a burst of n at once and starts it; true when the run started. */
  async burst(n) {
    this.form.pattern.value = 'burst';
    this.form.burst.value = String(n);
    this.#patternChanged();
    return this.#start();
  }

  /** Fills the form for a run of this pattern, rate and length and starts it; true when the run started. */
  async start(pattern, rps, seconds) {
    this.form.pattern.value = pattern in PATTERNS ? pattern : 'steady';
    this.form.rps.value = String(rps);
    this.form.seconds.value = String(seconds);
    this.#patternChanged();
    return this.#start();
  }

  #build() {
    const number = (name, label, min, max, value) => h('div', { class: 'field', 'data-field': name },
      h('label', { for: `traffic-${name}`, text: label }),
      h('input', { id: `traffic-${name}`, name, type: 'number', min, max, step: 1, value, required: true,
        inputmode: 'numeric' }));
    const select = h('select', { id: 'traffic-pattern', name: 'pattern', 'aria-describedby': 'traffic-pattern-help' },
      ...Object.entries(PATTERNS).map(([value, [label]]) => h('option', { value, text: label })));
    this.startButton = h('button', { type: 'submit', class: 'primary', 'data-traffic': 'start', text: 'Start traffic' });
    this.stopButton = h('button', { type: 'button', 'data-traffic': 'stop', text: 'Stop', disabled: true });
    this.form = h('form', { class: 'traffic-form', 'aria-label': 'Traffic run', novalidate: true },
      h('div', { class: 'fields' },
        h('div', { class: 'field' }, h('label', { for: 'traffic-pattern', text: 'Pattern' }), select),
        number('rps', 'Requests per second', 1, 200, 5),
        number('seconds', 'Duration (seconds)', 1, 300, 20),
        number('burst', 'Burst size (requests at once)', 1, 200, 10)),
      h('p', { class: 'muted small', id: 'traffic-pattern-help' }),
      h('div', { class: 'toolbar' }, this.startButton, this.stopButton));
    this.problem = new FormProblem(this.form, { 'data-traffic': 'error' });
    this.state = h('p', { class: 'traffic-state', role: 'status', 'data-traffic': 'state', text: 'No traffic run yet.' });
    this.progress = h('progress', { 'data-traffic': 'progress', max: 1, value: 0, 'aria-labelledby': 'traffic-progress-label' });
    this.progressLabel = h('span', { id: 'traffic-progress-label', 'data-traffic': 'elapsed', text: 'Progress' });
    this.figures = {};
    const figures = h('dl', { class: 'traffic-figures' });
    for (const [name, label] of [['sent', 'Sent'], ['completed', 'Completed'], ['ok', 'OK'], ['throttled', 'Throttled'],
      ['errors', 'Errors'], ['latencyP50', 'Latency p50'], ['latencyP99', 'Latency p99']]) {
      this.figures[name] = h('dd', { 'data-traffic': name, text: '–' });
      figures.append(h('div', {}, h('dt', { text: label }), this.figures[name]));
    }
    this.root.append(
      h('p', { class: 'muted small', text: 'The server sends these requests to your function’s HTTP trigger, as real '
        + 'clients would: a browser tab holds at most 6 connections to one server, so a burst of 20 could not come from this page.' }),
      this.form, this.problem.node, this.state,
      h('div', { class: 'traffic-progress' }, this.progressLabel, this.progress), figures);

    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.#start(); });
    this.form.pattern.addEventListener('change', () => this.#patternChanged());
    this.stopButton.addEventListener('click', () => this.#stop());
  }

  /** Shows only the fields the pattern uses: a burst has a size, the others a rate and a duration. */
  #patternChanged() {
    const burst = this.form.pattern.value === 'burst';
    for (const field of this.form.querySelectorAll('[data-field]')) {
      const used = field.dataset.field === 'burst' ? burst : !burst;
      field.hidden = !used;
      field.querySelector('input').disabled = !used;   // hidden fields take no part in validation
    }
    this.form.querySelector('#traffic-pattern-help').textContent = PATTERNS[this.form.pattern.value][1];
  }

  async #start() {
    if (this.starting) return false;
    this.problem.clear();
    if (!this.available) {
      this.problem.show('The traffic generator is not available on this server yet.');
      return false;
    }
    const invalid = [...this.form.elements].find((input) => input.willValidate && !input.checkValidity());
    if (invalid) {
      const label = this.form.querySelector(`label[for="${invalid.id}"]`).textContent;
      this.problem.show(`${label}: ${invalid.validationMessage}`, invalid);
      return false;
    }
    this.starting = true;
    this.#buttons();
    this.#say('Getting ready…');
    try {
      if (!(await this.beforeStart())) {
        this.#say('Not started.');
        return false;
      }
      const name = this.functionName();
      const pattern = this.form.pattern.value;
      const request = pattern === 'burst'
        ? { function: name, pattern, burst: this.form.burst.valueAsNumber }
        : { function: name, pattern, rps: this.form.rps.valueAsNumber, durationSeconds: this.form.seconds.valueAsNumber };
      Object.assign(request, { method: 'GET', path: '/', query: '' });
      try {
        const { run } = await api.post('/api/traffic', request);
        this.lastEventAt = performance.now();
        this.#show(run);
        return true;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status === 0) {
          this.problem.show(error.message);
          return false;
        }
        this.#refused(error, name);
      }
      this.#say('Not started.');
      return false;
    } finally {
      this.starting = false;
      this.#buttons();
    }
  }

  /** Says why the server would not start a run, beside the field it names where there is one. */
  #refused(error, name) {
    if (error.status === 409) {
      this.problem.show('A run is already going: stop it first.');
      this.#refresh();
    } else if (error.status === 404 && /there is nothing at/.test(error.message)) {
      this.#unavailable();   // the server has no traffic generator (the router's own 404)
    } else if (error.status === 404) {
      this.problem.show(`Deploy your function first: there is no “${name}” on the server yet.`);
    } else if (error.status === 405) {
      this.#unavailable();
    } else if (error.status === 400) {
      const field = FIELD_NAMES[error.details.field ?? /the field '(\w+)'/.exec(error.message)?.[1]];
      this.problem.show(`Check the form: ${error.message}`, field && this.form[field]);
    } else {
      this.problem.show(`The run did not start: ${error.message}`);
    }
  }

  async #stop() {
    this.problem.clear();
    this.stopButton.disabled = true;
    try {
      this.#show((await api.del('/api/traffic')).run);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.problem.show(error.status === 0 ? error.message : `The run did not stop: ${error.message}`);
    }
    this.#buttons();
  }

  /** Asks the server for the current run: on load (a run may be going already) and when events stop coming. */
  async #refresh() {
    try {
      const { run } = await api.get('/api/traffic');
      this.lastEventAt = performance.now();
      this.#show(run);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Unreachable: nothing to say yet, the next action says it. A 404 or 405: no traffic generator here.
      if (error.status === 404 || error.status === 405) this.#unavailable();
    }
  }

  #unavailable() {
    this.available = false;
    this.problem.show('The traffic generator is not available on this server yet, so no run can start.');
    this.#buttons();
  }

  /** Shows a run's status: the spoken line changes only with the run's state, the figures every second. */
  #show(run) {
    this.run = run ?? null;
    this.#buttons();
    if (!run) {
      this.#reset();
      return;
    }
    const burst = run.pattern === 'burst';
    const target = burst ? `a burst of ${run.burst}` : `${PATTERNS[run.pattern]?.[0] ?? run.pattern}, ${run.rps} per second for ${run.durationSeconds} s`;
    const verb = { running: 'Running', finished: 'Finished', stopped: 'Stopped' }[run.state] ?? run.state;
    this.#say(`${verb}: ${target} to “${run.function}”.`, run.state);
    for (const name of ['sent', 'completed', 'ok', 'throttled', 'errors']) this.figures[name].textContent = String(run[name] ?? 0);
    const ms = (value) => (value == null ? '–' : `${Math.round(value)} ms`);
    this.figures.latencyP50.textContent = ms(run.latencyP50Ms);
    this.figures.latencyP99.textContent = ms(run.latencyP99Ms);
    // A burst is done when every request has come back; the other patterns when their time is up.
    const [done, of] = burst ? [run.completed ?? 0, run.burst] : [Math.min(run.elapsedSeconds ?? 0, run.durationSeconds), run.durationSeconds];
    this.progress.max = Math.max(1, of);
    this.progress.value = run.state === 'finished' ? this.progress.max : done;
    this.progressLabel.textContent = burst ? `${done} of ${of} requests back` : `${Math.floor(done)} of ${of} s`;
  }

  #reset() {
    this.#say('No traffic run yet.');
    this.progress.value = 0;
    this.progressLabel.textContent = 'Progress';
    for (const node of Object.values(this.figures)) node.textContent = '–';
  }

  #say(text, state = '') {
    if (this.state.textContent !== text) this.state.textContent = text;
    this.state.dataset.state = state;
  }

  /** Start and Stop follow the run; focus moves to the other one rather than be lost with a disabled button. */
  #buttons() {
    const running = this.run?.state === 'running';
    const focused = document.activeElement;
    // Start stays enabled while getting ready (a guard ignores a second press) so it keeps the focus.
    this.startButton.disabled = running || !this.available;
    this.startButton.toggleAttribute('aria-disabled', this.starting);
    this.stopButton.disabled = !running;
    if (focused === this.startButton && running) this.stopButton.focus();
    if (focused === this.stopButton && !running && this.available) this.startButton.focus();
  }
}
