// The lesson page: the lesson beside its lab. The lab edits, deploys and invokes the learner's function (one
// file, or several: the handler's file and the ones the learner adds), shows the result, its log and its REPORT
// line, and hands the live stream to the panel and the traffic generator. Code and progress are saved on the
// server, per workspace, so they survive reloads and restarts.
import { api, progress, ApiError, showHealth, loadPageSubject } from './api.js';
import { escapeHtml, h, logText } from './dom.js';
import { connectStream } from './stream.js';
import { CodeEditor } from './editor.js';
import { SavedCode } from './saved-code.js';
import { FileBar, normalPath } from './file-bar.js';
import { LessonBlocks, wireTerms } from './lesson-blocks.js';
import { LabLinks } from './lab-links.js';
import { EventPicker } from './event-picker.js';

const LOG_LINES_KEPT = 400;
const LEVELS = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' };

const $ = (id) => document.getElementById(id);

class Lab {
  constructor(lesson, saved) {
    this.lesson = lesson;
    this.functionName = lesson.function;
    const state = saved[`lesson.${lesson.id}`] || {};
    // completedAt is set by the page once the lesson is done: its predictions answered and its check passed.
    this.lessonState = { visitedAt: new Date().toISOString(), completedAt: state.completedAt || null,
      runtime: state.runtime || 'nodejs' };
    this.runtime = this.lessonState.runtime in lesson.starters ? this.lessonState.runtime : 'nodejs';
    this.saved = saved;
    this.code = new SavedCode(`code.${lesson.id}`, saved, $('save-status'));
    this.files = new Map(); // the current language's files, path -> text, the entry (the handler's file) first
    this.shown = null;      // the path of the file the editor shows
    this.deployed = null;   // {runtime, code, files} last accepted by the server; files null for one file
    this.busy = false;
  }

  async start() {
    $('function-name').textContent = `(${this.functionName})`;
    document.querySelector(`input[name="runtime"][value="${this.runtime}"]`).checked = true;
    this.readFiles();
    this.editor = new CodeEditor($('editor'), {
      code: this.files.get(this.entry()),
      runtime: this.runtime,
      fileName: this.entry(),
      describedBy: 'editor-help',
      onChange: (code) => this.edited(code),
      onRun: () => this.deployAndInvoke(),
    });
    this.fileBar = new FileBar($('file-bar'), $('editor'), {
      onSelect: (path) => this.showFile(path),
      onAdd: (path) => this.addFile(path),
      onRemove: (path) => this.removeFile(path),
    });
    this.fileBar.show([...this.files.keys()], this.shown, this.runtime);
    this.wireControls();
    this.events = new EventPicker($('event-picker'),
      'The event your function receives, as JSON. Pick a realistic one above or write your own.');
    await this.events.fill(this.lesson.events || []);
    await this.loadDeployed();
    progress.put(`lesson.${this.lesson.id}`, this.lessonState).catch(() => {});
    progress.put('course', { lastLesson: this.lesson.id }).catch(() => {});
  }

  starter(runtime = this.runtime) {
    return this.lesson.starters[runtime];
  }

  /** The handler's file: its path is the starter's. */
  entry(runtime = this.runtime) {
    return this.starter(runtime).file;
  }

  wireControls() {
    $('deploy-invoke').addEventListener('click', () => this.deployAndInvoke());
    $('deploy').addEventListener('click', () => this.run(() => this.deploy(true)));
    $('invoke').addEventListener('click', () => this.run(() => this.invoke()));
    $('reset-code').addEventListener('click', () => this.resetToStarter());
    for (const radio of document.querySelectorAll('input[name="runtime"]')) {
      radio.addEventListener('change', () => radio.checked && this.switchRuntime(radio.value));
    }
  }

  // ---- code, saved per lesson and language, in one file or several ----

  /** The current language's files as saved (or the starter), the entry shown. */
  readFiles() {
    const { code, files } = this.code.filesFor(this.runtime, this.starter().code);
    this.files = new Map([[this.entry(), code], ...Object.entries(files).filter(([path]) => path !== this.entry())]);
    this.shown = this.entry();
  }

  /** The editor's text changed: the file it shows is saved, with the others. */
  edited(code) {
    this.files.set(this.shown, code);
    const [[, entryCode], ...others] = this.files;
    this.code.change(this.runtime, entryCode, Object.fromEntries(others));
  }

  showFile(path) {
    if (!this.files.has(path) || path === this.shown) return;
    this.shown = path;
    this.editor.show(path, this.files.get(path), this.runtime);
    this.fileBar.select(path);
  }

  addFile(path) {
    this.files.set(path, '');
    this.fileBar.show([...this.files.keys()], this.shown, this.runtime);
    this.showFile(path);
    this.edited('');
    this.editor.focus();
    $('run-status').textContent = `Added ${path}. ${this.runtime === 'python'
      ? `Import it from ${this.entry()} by its module name.` : `Import it from ${this.entry()} as './${path}'.`}`;
  }

  removeFile(path) {
    if (path === this.entry()) return;
    this.showFile(this.entry());
    this.files.delete(path);
    this.editor.forget(path);
    this.fileBar.show([...this.files.keys()], this.shown, this.runtime);
    this.edited(this.files.get(this.entry()));
    $('run-status').textContent = `Removed ${path}.`;
  }

  /** The editor and the file bar show the current language's files again, from its entry. */
  showFiles() {
    this.editor.load(this.files.get(this.entry()), this.runtime, this.entry());
    this.fileBar.show([...this.files.keys()], this.shown, this.runtime);
  }

  async switchRuntime(runtime) {
    await this.code.flush();
    this.runtime = runtime;
    this.readFiles();
    this.showFiles();
    this.lessonState.runtime = runtime;
    progress.put(`lesson.${this.lesson.id}`, this.lessonState).catch(() => {});
    this.showProblem(null);
    $('run-status').textContent = runtime === 'python'
      ? 'Python selected. Deploy to run it: its first start in a fresh server takes a few seconds.'
      : 'JavaScript selected.';
  }

  async resetToStarter() {
    const added = this.files.size - 1;
    const language = this.runtime === 'python' ? 'Python' : 'JavaScript';
    if (!window.confirm(`Replace your ${language} code with the lesson's starter code?`
      + (added ? ` The ${added === 1 ? 'file' : `${added} files`} you added go too.` : ''))) {
      return;
    }
    await this.code.reset(this.runtime);
    this.files = new Map([[this.entry(), this.starter().code]]);
    this.shown = this.entry();
    this.showFiles();
  }

  // ---- events ----

  loadEvent(kind) {
    return this.events.load(kind);
  }

  // ---- deploy and invoke ----

  async run(action) {
    if (this.busy) return;
    this.busy = true;
    // aria-disabled, not disabled: a disabled button loses the keyboard's focus, and the learner their place.
    for (const id of ['deploy-invoke', 'deploy', 'invoke']) $(id).setAttribute('aria-disabled', 'true');
    // Long work says so: the first Python start in a fresh server takes seconds.
    const slowNotice = setTimeout(() => {
      $('run-status').textContent = this.runtime === 'python'
        ? 'Still working: the first Python start in a fresh server takes several seconds (later ones take milliseconds).'
        : 'Still working…';
    }, 1500);
    try {
      await action();
    } catch (e) {
      this.showApiError(e);
    } finally {
      clearTimeout(slowNotice);
      this.busy = false;
      for (const id of ['deploy-invoke', 'deploy', 'invoke']) $(id).removeAttribute('aria-disabled');
    }
  }

  /** Resolves to the invocation, or null when there was none (not deployed, a bad event, an error shown). */
  async deployAndInvoke() {
    let invocation = null;
    await this.run(async () => {
      if (await this.deploy(false)) {
        invocation = await this.invoke();
      }
    });
    return invocation;
  }

  async loadDeployed() {
    try {
      // The list first: asking for a function not deployed yet would log a 404 in the console.
      const { functions } = await api.get('/api/functions');
      if (!functions.some((fn) => fn.name === this.functionName)) return;
      const fn = await api.get(`/api/functions/${this.functionName}`);
      if (fn && typeof fn.code === 'string') this.deployed = { runtime: fn.runtime, code: fn.code, files: fn.files ?? null };
    } catch (e) {
      this.deployed = null; // unknown: the next deploy sends the code
    }
  }

  /**
   * Deploys the editor's code unless the server already runs exactly it; true when it runs it now. One file goes
   * as `code`, several as `files`, all of them, with the same handler.
   */
  async deploy(always) {
    await this.code.flush();
    const code = this.files.get(this.entry());
    const files = this.files.size > 1 ? Object.fromEntries(this.files) : null;
    if (!always && this.isDeployed(code, files)) {
      return true;
    }
    $('run-status').textContent = 'Deploying…';
    this.showProblem(null);
    // No handler: the server keeps the function's (it may follow another provider's style, set in the settings) or,
    // for a new function or language, gives the style's default, which for Lambda's is the starter's.
    const body = { runtime: this.runtime, ...(files ? { files } : { code }) };
    try {
      await api.put(`/api/functions/${this.functionName}`, body);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SyntaxError') {
        this.showSyntaxError(e);
        $('run-status').textContent = 'Not deployed: your code has a syntax error.';
        return false;
      }
      throw e;
    }
    this.deployed = { runtime: this.runtime, code, files };
    $('run-status').textContent = `Deployed ${this.functionName} (${this.runtime === 'python' ? 'Python' : 'JavaScript'}`
      + `${files ? `, ${this.files.size} files` : ''}).`;
    return true;
  }

  isDeployed(code, files) {
    const deployed = this.deployed;
    if (!deployed || deployed.runtime !== this.runtime) return false;
    if (!files) return !deployed.files && deployed.code === code;
    const paths = Object.keys(files);
    return !!deployed.files && Object.keys(deployed.files).length === paths.length
      && paths.every((path) => deployed.files[path] === files[path]);
  }

  async invoke() {
    let event;
    try {
      event = this.events.event();
    } catch (e) {
      this.showProblem({ title: 'The event is not valid JSON', text: `${e.message}. Fix the event above, or pick a sample from the list.` });
      $('event-json')?.focus();
      return null;
    }
    $('run-status').textContent = 'Invoking…';
    const invocation = await api.post(`/api/functions/${this.functionName}/invoke`, event);
    this.showInvocation(invocation);
    return invocation;
  }

  /** Records that the lesson is done, once: its predictions answered and its concept check passed. */
  markDone() {
    if (this.lessonState.completedAt) return;
    this.lessonState.completedAt = new Date().toISOString();
    progress.put(`lesson.${this.lesson.id}`, this.lessonState).catch(() => {});
  }

  showInvocation(inv) {
    const report = inv.report || {};
    const kind = inv.cold ? '<span class="badge cold">cold start</span>' : '<span class="badge warm">warm</span>';
    const init = report.initDurationMs != null ? `, init ${report.initDurationMs.toFixed(2)} ms` : '';
    const cost = inv.costUsd != null ? `, cost $${Number(inv.costUsd).toFixed(9).replace(/0+$/, '').replace(/\.$/, '')}` : '';
    let body;
    if (inv.error) {
      body = this.describeFunctionError(inv.error);
    } else {
      body = `<pre data-result tabindex="0">${escapeHtml(JSON.stringify(inv.result, null, 2))}</pre>`;
    }
    $('result').innerHTML = `
      <p data-invocation="${escapeHtml(inv.requestId)}" data-cold="${inv.cold}">${kind}
        ${inv.error ? '<span class="badge error">error</span>' : ''}
        Duration ${Number(report.durationMs).toFixed(2)} ms${init}, billed ${report.billedDurationMs} ms${cost}.
        <span class="muted">Instance ${escapeHtml(String(inv.instanceId).slice(0, 12))}</span></p>
      ${body}
      <details${inv.error ? ' open' : ''}><summary>This invocation's log</summary>
        <pre class="log-view" tabindex="0">${escapeHtml(logText(inv.logs))}</pre></details>
      <pre class="report" data-report tabindex="0">${escapeHtml(report.text || '')}</pre>`;
    $('run-status').textContent = inv.error
      ? `Invoked: the function failed (${inv.error.errorType}).`
      : `Invoked: ${inv.cold ? 'a cold start' : 'warm'}, ${Number(report.durationMs).toFixed(2)} ms.`;
  }

  describeFunctionError(error) {
    const what = {
      TIMEOUT: 'It ran past its timeout, so the platform stopped it.',
      MEMORY: 'It used more memory than its memory size, so the platform stopped it.',
      INIT: 'It failed while loading (the code outside the handler), before the handler ran.',
      SYNTAX: 'The code does not parse.',
      FUNCTION: 'The handler threw an error.',
    }[error.kind] || 'The invocation failed.';
    const file = this.fileAt(error.location);
    const where = error.location ? `${this.files.size > 1 ? ` in ${file ?? error.location.file}` : ''} at line ${error.location.line}` : '';
    if (file) {
      this.showFile(file);
      this.editor.showProblem(error.location.line, error.location.column, `${error.errorType}: ${error.errorMessage}`);
    }
    return `<div class="problem" role="alert" data-function-error="${escapeHtml(error.kind)}">
      <h4>${escapeHtml(error.errorType)}${where}</h4>
      <p>${escapeHtml(what)} ${escapeHtml(error.errorMessage || '')}</p>
      ${error.hint ? `<p>Try: ${escapeHtml(error.hint)}</p>` : ''}
      ${error.trace && error.trace.length ? `<pre tabindex="0">${escapeHtml(error.trace.join('\n'))}</pre>` : ''}
    </div>`;
  }

  showSyntaxError(e) {
    const location = e.details.location;
    const file = this.fileAt(location);
    const where = location ? `${this.files.size > 1 ? `${file ?? location.file}, ` : ''}line ${location.line}, column ${location.column}` : 'your code';
    this.showProblem({ title: `Syntax error in ${where}`, text: e.message, hint: e.details.hint, kind: 'SyntaxError' });
    if (file) {
      this.showFile(file);
      this.editor.showProblem(location.line, location.column, e.message);
    }
  }

  /**
   * Which file a problem's location is in: the one it names, else the entry; null when there is no location, or it
   * names a file of several that the lab does not hold (a package's module), whose lines are not the entry's.
   */
  fileAt(location) {
    if (!location) return null;
    const named = normalPath(String(location.file ?? '').replace(/^\/var\/task\//, ''));
    if (this.files.has(named)) return named;
    return !named || this.files.size === 1 ? this.entry() : null;
  }

  showApiError(e) {
    const advice = {
      TooManyRequestsException: 'The platform throttled the request: every instance the function may have is busy. '
        + 'Wait for running requests to finish, or raise the function\'s reserved concurrency.',
      PayloadTooLarge: 'The event is larger than Lambda\'s 6 MB limit for a synchronous invocation. Send a smaller one.',
      NotFound: 'Deploy the function first.',
      Offline: 'Start the server again with ./faaslab start, then reload this page.',
    }[e.code];
    this.showProblem({ title: e.code === 'TooManyRequestsException' ? 'Throttled (429)' : e.code || 'Error',
      text: e.message, hint: advice, kind: e.code });
    $('run-status').textContent = `Failed: ${e.message}`;
  }

  /** A problem in place, under the editor; null clears it. */
  showProblem(problem) {
    const box = $('code-problem');
    if (!problem) {
      box.innerHTML = '';
      return;
    }
    box.innerHTML = `<div class="problem" role="alert" data-problem="${escapeHtml(problem.kind || '')}">
      <h4>${escapeHtml(problem.title)}</h4><p>${escapeHtml(problem.text)}</p>
      ${problem.hint ? `<p>Try: ${escapeHtml(problem.hint)}</p>` : ''}</div>`;
  }

  // ---- the live log ----

  appendLog(text) {
    const view = $('logs');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const row = document.createElement('span');
      row.textContent = line + '\n';
      if (line.startsWith('REPORT')) {
        row.className = line.includes('Init Duration') ? 'report cold-line' : 'report';
      }
      view.append(row);
    }
    while (view.childNodes.length > LOG_LINES_KEPT) view.firstChild.remove();
    view.scrollTop = view.scrollHeight;
  }

  /** Every invocation's lines, whoever invoked it (this page, the traffic generator, a queue, a schedule). */
  onStreamLog(data) {
    if (data.function !== this.functionName) return;
    this.appendLog((data.lines || []).map((entry) => entry.text).join('\n'));
  }
}

// ---- a prediction's experiment: the same actions, and what each one showed ----

/** Traffic runs that ended, from the live stream, so that an experiment can wait for the run it started. */
class TrafficWatch {
  constructor() {
    this.ended = new Map();
    this.waiting = new Map();
  }

  handle(type, data) {
    const run = type === 'traffic' && data ? (data.run ?? data) : null;
    if (!run || !run.id || run.state === 'running') return;
    this.ended.set(run.id, run);
    this.waiting.get(run.id)?.(run);
    this.waiting.delete(run.id);
  }

  /** The run once it has ended; asks the server too, in case it ended before this page listened. */
  async whenEnded(id) {
    if (this.ended.has(id)) return this.ended.get(id);
    const done = new Promise((resolve) => this.waiting.set(id, resolve));
    const { run } = await api.get('/api/traffic');
    if (run && run.id === id && run.state !== 'running') this.handle('traffic', { run });
    return done;
  }
}

const twoDecimals = (value) => Number(value).toFixed(2);

function invocationOutcome(invocation) {
  if (!invocation) return h('p', { text: 'No invocation ran: the lab says why.' });
  const report = invocation.report || {};
  const facts = h('p', { 'data-outcome': 'invocation', 'data-cold': String(invocation.cold) },
    h('strong', { text: invocation.cold ? 'Cold start' : 'Warm' }),
    `: Duration ${twoDecimals(report.durationMs)} ms${report.initDurationMs != null ? `, Init Duration ${twoDecimals(report.initDurationMs)} ms` : ''}, instance ${String(invocation.instanceId).slice(0, 12)}.`);
  const answer = invocation.error ? `${invocation.error.errorType}: ${invocation.error.errorMessage}` : JSON.stringify(invocation.result, null, 2);
  return h('div', {}, facts, h('pre', { tabindex: '0', text: answer.length > 800 ? `${answer.slice(0, 800)}…` : answer }),
    h('pre', { tabindex: '0', class: 'log-view', text: logText(invocation.logs) }));
}

function trafficOutcome(run, instances) {
  const counts = instances.map((instance) => instance.invocations).sort((a, b) => b - a);
  // Lesson 5 sets provisioned concurrency: those instances ran Init ahead, so serving a request was no cold start.
  const provisioned = instances.filter((instance) => instance.provisioned).length;
  return h('div', { 'data-outcome': 'traffic' },
    h('p', { text: `${run.sent} requests sent: ${run.ok} answered OK, ${run.throttled} throttled, ${run.errors} errors.` }),
    h('p', { 'data-instances': String(instances.length),
      text: `The function has ${instances.length} instance${instances.length === 1 ? '' : 's'} now`
        + (provisioned ? ` (${provisioned} of them provisioned, initialised before any request)` : '')
        + (counts.length ? `; requests each has served: ${counts.join(', ')}.` : '.') }));
}

/** Runs a prediction's experiment through the lab's links (LabLinks), and says what each step showed. */
function experimentStep(links, traffic, watch) {
  return async (path) => {
    const [action, ...args] = path.split('/');
    const result = await links.run(`#lab/${path}`);
    if (action === 'invoke') return invocationOutcome(result);
    if (action === 'burst' || action === 'traffic') {
      if (!result) throw new Error('the traffic run did not start; the traffic generator says why');
      const run = await watch.whenEnded(traffic.run.id);
      const { instances } = await api.get(`/api/functions/${encodeURIComponent(links.lab.functionName)}/instances`);
      return trafficOutcome(run, instances);
    }
    if (action === 'requests' && typeof result === 'string' && result.includes(' → ')) {
      return h('ul', { 'data-outcome': 'requests' }, ...result.split('\n').map((line) => h('li', { text: line })));
    }
    if (action === 'event') return h('p', { text: `The lab picked the ${args[0]} event.` });
    if (action === 'language') return h('p', { text: `The lab switched to ${args[0] === 'python' ? 'Python' : 'JavaScript'}.` });
    if (action === 'config') return h('p', { text: `The lab set ${args[0]} to ${args[1]}.` });
    // The other actions say what they did, as the lab's status line does.
    return h('p', { text: typeof result === 'string' ? result : `The lab did “${path}”.` });
  };
}

/** What the lesson's front matter says about it, under its title: time, level, what comes first, what it teaches. */
function lessonFacts(lesson, titles) {
  const before = lesson.prerequisites.map((id) => h('a', { href: `/lesson.html?id=${encodeURIComponent(id)}`, text: titles[id] || id }));
  const joined = before.flatMap((link, i) => (i ? [', ', link] : [link]));
  return h('section', { class: 'lesson-facts', 'aria-label': 'About this lesson' },
    h('p', {}, `About ${lesson.minutes} minutes · ${LEVELS[lesson.level] || lesson.level}`,
      ...(joined.length ? [' · Take first: ', ...joined] : [])),
    h('p', { class: 'objectives-title', text: 'After this lesson you can:' }),
    h('ul', { class: 'objectives' }, ...lesson.objectives.map((objective) => h('li', { text: objective }))),
    h('p', { class: 'lesson-progress', role: 'status', 'data-lesson-progress': '' }));
}

function showLessonProgress(state) {
  const node = document.querySelector('[data-lesson-progress]');
  if (!node) return false;
  const done = state.answered === state.of && (state.questions === 0 || state.passed);
  node.dataset.done = String(done);
  node.textContent = `${done ? 'Done. ' : ''}Predictions answered: ${state.answered} of ${state.of}. `
    + (state.questions ? `Concept check: ${state.score} of ${state.questions} right (${state.pass} to pass)${state.passed ? ', passed' : ''}.` : '');
  return done;
}

function renderLesson(lesson, titles) {
  document.title = `${lesson.title} · FaaS Lab`;
  const article = $('lesson-body');
  // A lesson's Markdown usually opens with its title as "# …"; one without gets the title from its front matter.
  const title = /<h1[\s>]/.test(lesson.html) ? '' : `<h1>${escapeHtml(lesson.title)}</h1>`;
  article.innerHTML = `<p class="muted">Lesson ${lesson.order}</p>${title}${lesson.html}`;
  article.querySelector('h1').after(lessonFacts(lesson, titles));
  wireTerms(article);
  article.setAttribute('aria-busy', 'false');
  // Code blocks scroll sideways: keyboard users must be able to reach them to scroll.
  for (const pre of article.querySelectorAll('pre')) pre.tabIndex = 0;
  if (lesson.exercise) {
    article.insertAdjacentHTML('beforeend', `<p class="exercise-link">Prove it: <a href="/exercise.html?id=${encodeURIComponent(lesson.exercise)}"
      data-exercise="${escapeHtml(lesson.exercise)}">the exercise for this lesson</a>, graded by the same checks a teacher runs.</p>`);
  }
  const nav = $('lesson-nav');
  nav.innerHTML = [
    lesson.previous ? `<a href="/lesson.html?id=${encodeURIComponent(lesson.previous.id)}" rel="prev">← ${escapeHtml(lesson.previous.title)}</a>` : '<span></span>',
    lesson.next ? `<a href="/lesson.html?id=${encodeURIComponent(lesson.next.id)}" rel="next">${escapeHtml(lesson.next.title)} →</a>` : '<a href="/">Back to the course map</a>',
  ].join('');
  if (location.hash && !location.hash.startsWith('#lab/')) {
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }
}

async function optionalModule(path, section, what) {
  try {
    return await import(path);
  } catch (e) {
    section.insertAdjacentHTML('beforeend', `<p class="error-text">The ${what} could not load (${escapeHtml(e.message)}). Reload the page to try again.</p>`);
    return null;
  }
}

async function main() {
  showHealth($('health'));
  const page = await loadPageSubject((id) => `/api/lessons/${id}`, $('lesson-body'), 'Lesson');
  if (!page) return;
  const { subject: lesson, saved } = page;
  // The course map's titles, for the prerequisites' links; the lesson shows without them if they cannot load.
  const titles = await api.get('/api/lessons').then(({ lessons }) => Object.fromEntries(lessons.map((l) => [l.id, l.title])))
    .catch(() => ({}));
  renderLesson(lesson, titles);
  const lab = new Lab(lesson, saved);
  await lab.start();

  const panelModule = await optionalModule('./panel.js', $('panel'), 'live panel');
  const trafficModule = await optionalModule('./traffic.js', $('traffic'), 'traffic generator');
  const settingsModule = await optionalModule('./function-settings.js', $('settings'), 'function settings');
  const deployFirst = async () => {
    let ok = false;
    await lab.run(async () => { ok = await lab.deploy(false); });
    return ok;
  };
  const panel = panelModule ? new panelModule.PlatformPanel($('panel')) : null;
  const traffic = trafficModule ? new trafficModule.TrafficControls($('traffic'), {
    functionName: () => lab.functionName,
    beforeStart: deployFirst,
  }) : null;
  const settings = settingsModule ? new settingsModule.FunctionSettings($('settings'), {
    functionName: () => lab.functionName,
    beforeApply: deployFirst,
    onApplied: () => panel?.refreshSetup(),
  }) : null;
  // The panel's first listing changes the page's height: done before the page says it is ready.
  await Promise.all([panel?.show(lab.functionName), settings?.load()]);
  const links = new LabLinks($('settings'), { lab, traffic, settings, panel });
  links.wire($('lesson-body'));
  const watch = new TrafficWatch();
  new LessonBlocks($('lesson-body'), lesson, saved, {
    runAction: experimentStep(links, traffic, watch),
    onProgress: (state) => showLessonProgress(state) && lab.markDone(),
  }).render();
  connectStream([
    (type, data) => watch.handle(type, data),
    (type, data) => panel?.handle(type, data),
    (type, data) => traffic?.handle(type, data),
    (type, data) => type === 'log' && lab.onStreamLog(data),
  ]);
  document.body.dataset.ready = 'true';
}

main();
