// The lesson page: the lesson beside its lab. The lab edits, deploys and invokes the learner's function,
// shows the result, its log and its REPORT line, and hands the live stream to the panel and the traffic
// generator. Code and progress are saved on the server, per workspace, so they survive reloads and restarts.
import { api, progress, ApiError, showHealth, loadPageSubject } from './api.js';
import { escapeHtml } from './dom.js';
import { connectStream } from './stream.js';
import { CodeEditor } from './editor.js';
import { SavedCode } from './saved-code.js';

const EVENT_KINDS = {
  http: 'HTTP request (API Gateway)',
  queue: 'Queue messages (SQS)',
  schedule: 'Schedule tick (EventBridge)',
  upload: 'Object upload (S3)',
  custom: 'Custom JSON',
};
const LOG_LINES_KEPT = 400;

const $ = (id) => document.getElementById(id);

class Lab {
  constructor(lesson, saved) {
    this.lesson = lesson;
    this.functionName = lesson.function;
    const state = saved[`lesson.${lesson.id}`] || {};
    this.lessonState = { visitedAt: new Date().toISOString(), completedAt: state.completedAt || null,
      runtime: state.runtime || 'nodejs' };
    this.runtime = this.lessonState.runtime in lesson.starters ? this.lessonState.runtime : 'nodejs';
    this.saved = saved;
    this.code = new SavedCode(`code.${lesson.id}`, saved, $('save-status'));
    this.deployed = null; // {runtime, code} last accepted by the server
    this.busy = false;
  }

  async start() {
    $('function-name').textContent = `(${this.functionName})`;
    document.querySelector(`input[name="runtime"][value="${this.runtime}"]`).checked = true;
    this.editor = new CodeEditor($('editor'), {
      code: this.codeFor(this.runtime),
      runtime: this.runtime,
      fileName: this.starter().file,
      describedBy: 'editor-help',
      onChange: (code, now) => this.code.schedule(this.runtime, code, now),
      onRun: () => this.deployAndInvoke(),
    });
    this.wireControls();
    await this.fillEventPicker();
    await this.loadDeployed();
    progress.put(`lesson.${this.lesson.id}`, this.lessonState).catch(() => {});
    progress.put('course', { lastLesson: this.lesson.id }).catch(() => {});
  }

  starter(runtime = this.runtime) {
    return this.lesson.starters[runtime];
  }

  codeFor(runtime) {
    return this.code.codeFor(runtime, this.starter(runtime).code);
  }

  wireControls() {
    $('deploy-invoke').addEventListener('click', () => this.deployAndInvoke());
    $('deploy').addEventListener('click', () => this.run(() => this.deploy(true)));
    $('invoke').addEventListener('click', () => this.run(() => this.invoke()));
    $('reset-code').addEventListener('click', () => this.resetToStarter());
    for (const radio of document.querySelectorAll('input[name="runtime"]')) {
      radio.addEventListener('change', () => radio.checked && this.switchRuntime(radio.value));
    }
    $('event-kind').addEventListener('change', () => this.loadEvent($('event-kind').value));
  }

  // ---- code, saved per lesson and language ----

  async switchRuntime(runtime) {
    await this.code.flush();
    this.runtime = runtime;
    this.editor.load(this.codeFor(runtime), runtime, this.starter().file);
    this.lessonState.runtime = runtime;
    progress.put(`lesson.${this.lesson.id}`, this.lessonState).catch(() => {});
    this.showProblem(null);
    $('run-status').textContent = runtime === 'python'
      ? 'Python selected. Deploy to run it: its first start in a fresh server takes a few seconds.'
      : 'JavaScript selected.';
  }

  async resetToStarter() {
    if (!window.confirm(`Replace your ${this.runtime === 'python' ? 'Python' : 'JavaScript'} code with the lesson's starter code?`)) {
      return;
    }
    await this.code.reset(this.runtime);
    this.editor.load(this.starter().code, this.runtime, this.starter().file);
  }

  // ---- events ----

  async fillEventPicker() {
    const select = $('event-kind');
    const first = (this.lesson.events || []).filter((kind) => kind in EVENT_KINDS);
    const kinds = [...first, ...Object.keys(EVENT_KINDS).filter((kind) => !first.includes(kind))];
    select.innerHTML = kinds.map((kind) => `<option value="${kind}">${escapeHtml(EVENT_KINDS[kind])}</option>`).join('');
    await this.loadEvent(kinds[0]);
  }

  async loadEvent(kind) {
    $('event-kind').value = kind;
    try {
      $('event-json').value = JSON.stringify(await api.get(`/events/${kind}.json`), null, 2);
    } catch (e) {
      $('event-json').value = '{}';
    }
  }

  // ---- deploy and invoke ----

  async run(action) {
    if (this.busy) return;
    this.busy = true;
    for (const id of ['deploy-invoke', 'deploy', 'invoke']) $(id).disabled = true;
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
      for (const id of ['deploy-invoke', 'deploy', 'invoke']) $(id).disabled = false;
    }
  }

  deployAndInvoke() {
    return this.run(async () => {
      if (await this.deploy(false)) {
        await this.invoke();
      }
    });
  }

  async loadDeployed() {
    try {
      // The list first: asking for a function not deployed yet would log a 404 in the console.
      const { functions } = await api.get('/api/functions');
      if (!functions.some((fn) => fn.name === this.functionName)) return;
      const fn = await api.get(`/api/functions/${this.functionName}`);
      if (fn && typeof fn.code === 'string') this.deployed = { runtime: fn.runtime, code: fn.code };
    } catch (e) {
      this.deployed = null; // unknown: the next deploy sends the code
    }
  }

  /** Deploys the editor's code unless the server already runs exactly it; true when it runs it now. */
  async deploy(always) {
    await this.code.flush();
    const code = this.editor.code;
    if (!always && this.deployed && this.deployed.runtime === this.runtime && this.deployed.code === code) {
      return true;
    }
    $('run-status').textContent = 'Deploying…';
    this.showProblem(null);
    const body = { runtime: this.runtime, handler: this.starter().handler, code };
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
    this.deployed = { runtime: this.runtime, code };
    $('run-status').textContent = `Deployed ${this.functionName} (${this.runtime === 'python' ? 'Python' : 'JavaScript'}).`;
    return true;
  }

  async invoke() {
    let event;
    try {
      event = JSON.parse($('event-json').value || 'null');
    } catch (e) {
      this.showProblem({ title: 'The event is not valid JSON', text: `${e.message}. Fix the event above, or pick a sample from the list.` });
      $('event-json').focus();
      return;
    }
    $('run-status').textContent = 'Invoking…';
    const invocation = await api.post(`/api/functions/${this.functionName}/invoke`, event);
    this.showInvocation(invocation);
    if (!invocation.error && !this.lessonState.completedAt) {
      this.lessonState.completedAt = new Date().toISOString();
      progress.put(`lesson.${this.lesson.id}`, this.lessonState).catch(() => {});
    }
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
        <pre class="log-view" tabindex="0">${escapeHtml(inv.logs || '')}</pre></details>
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
    const where = error.location ? ` at ${escapeHtml(error.location.file)} line ${error.location.line}` : '';
    if (error.location) {
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
    const where = location ? `${location.file} line ${location.line}, column ${location.column}` : 'your code';
    this.showProblem({ title: `Syntax error in ${where}`, text: e.message, hint: e.details.hint, kind: 'SyntaxError' });
    if (location) {
      this.editor.showProblem(location.line, location.column, e.message);
    }
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

// ---- lesson links: [Send a burst of 20](#lab/burst/20) acts on the lab ----

function wireLabLinks(article, lab, traffic) {
  article.addEventListener('click', async (event) => {
    const link = event.target.closest('a[href^="#lab/"]');
    if (!link) return;
    event.preventDefault();
    const [action, ...args] = link.getAttribute('href').slice('#lab/'.length).split('/');
    switch (action) {
      case 'invoke':
        await lab.deployAndInvoke();
        break;
      case 'event':
        await lab.loadEvent(args[0]);
        $('event-kind').focus();
        break;
      case 'language':
        document.querySelector(`input[name="runtime"][value="${args[0]}"]`).checked = true;
        await lab.switchRuntime(args[0]);
        break;
      case 'burst':
        if (traffic) await traffic.burst(Number(args[0]));
        break;
      case 'traffic':
        if (traffic) await traffic.start(args[0], Number(args[1]), Number(args[2]));
        break;
      default:
        break;
    }
  });
}

function renderLesson(lesson) {
  document.title = `${lesson.title} · FaaS Lab`;
  const article = $('lesson-body');
  // A lesson's Markdown usually opens with its title as "# …"; one without gets the title from its front matter.
  const title = /<h1[\s>]/.test(lesson.html) ? '' : `<h1>${escapeHtml(lesson.title)}</h1>`;
  article.innerHTML = `<p class="muted">Lesson ${lesson.order}</p>${title}${lesson.html}`;
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
  renderLesson(lesson);
  const lab = new Lab(lesson, saved);
  await lab.start();

  const panelModule = await optionalModule('./panel.js', $('panel'), 'live panel');
  const trafficModule = await optionalModule('./traffic.js', $('traffic'), 'traffic generator');
  const panel = panelModule ? new panelModule.PlatformPanel($('panel')) : null;
  const traffic = trafficModule ? new trafficModule.TrafficControls($('traffic'), {
    functionName: () => lab.functionName,
    beforeStart: async () => {
      let ok = false;
      await lab.run(async () => { ok = await lab.deploy(false); });
      return ok;
    },
  }) : null;
  // The panel's first listing changes the page's height: done before the page says it is ready.
  await panel?.show(lab.functionName);
  wireLabLinks($('lesson-body'), lab, traffic);
  connectStream([
    (type, data) => panel?.handle(type, data),
    (type, data) => traffic?.handle(type, data),
    (type, data) => type === 'log' && lab.onStreamLog(data),
  ]);
  document.body.dataset.ready = 'true';
}

main();
