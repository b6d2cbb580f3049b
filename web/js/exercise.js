// An exercise: the task beside an editor. The learner can run their code with an event of their own, reveal hints
// one at a time, and submit: the grader runs on the server and shows every check with what was expected, what
// happened and a hint. The best score is kept in progress; once passed, the reference solution shows beside theirs.
import { api, ApiError, showHealth, loadPageSubject } from './api.js';
import { escapeHtml, logText } from './dom.js';
import { CodeEditor } from './editor.js';
import { EventPicker } from './event-picker.js';
import { SavedCode } from './saved-code.js';

const $ = (id) => document.getElementById(id);
const FILES = { nodejs: 'index.mjs', python: 'lambda_function.py' };
const LANGUAGES = { nodejs: 'JavaScript', python: 'Python' };
const STATUS_WORDS = {
  pass: 'Passed', fail: 'Failed', error: 'Error', timeout: 'Timed out', 'memory-limit': 'Memory limit', 'syntax-error': 'Syntax error',
};

function renderTask(exercise) {
  const { summary } = exercise;
  document.title = `${summary.title} · FaaS Lab`;
  const task = exercise.readmeHtml
    ? exercise.readmeHtml.replace(/<h1[\s\S]*?<\/h1>/, '')
    : `<pre tabindex="0">${escapeHtml(exercise.readme)}</pre>`;
  const lesson = summary.lesson ? `<p>From the lesson <a id="lesson-link" href="/lesson.html?id=${encodeURIComponent(summary.lesson)}">${escapeHtml(summary.lesson)}</a>.</p>` : '';
  $('exercise-body').innerHTML = `<p class="muted">Exercise · ${summary.points} points</p><h1>${escapeHtml(summary.title)}</h1>${lesson}${task}`;
  $('exercise-body').setAttribute('aria-busy', 'false');
  for (const pre of $('exercise-body').querySelectorAll('pre')) pre.tabIndex = 0;
  if (summary.lesson) {
    // The lesson's title, as the course map shows it (its id stays if the lessons do not load).
    api.get('/api/lessons').then(({ lessons }) => {
      const title = lessons.find((l) => l.id === summary.lesson)?.title;
      if (title) $('lesson-link').textContent = title;
    }).catch(() => {});
  }
  $('check-list').innerHTML = exercise.checks.map((check) =>
    `<li>${escapeHtml(check.name)} <span class="muted">(${check.kind}, ${check.points} ${check.points === 1 ? 'point' : 'points'})</span></li>`).join('');
}

function showBest(entry) {
  $('best-score').textContent = entry ? `Your best so far: ${entry.bestScore} of ${entry.maxScore} points.` : 'Not submitted yet.';
}

/** Whether a progress entry records a pass: a best score equal to the maximum, in it or in one of its objects. */
function passed(entry) {
  if (!entry || typeof entry !== 'object') return false;
  if (entry.maxScore > 0 && entry.bestScore >= entry.maxScore) return true;
  return Object.values(entry).some((value) => value && typeof value === 'object' && passed(value));
}

function renderGrade(graded) {
  const passedChecks = graded.checks.filter((check) => check.status === 'pass').length;
  const rows = graded.checks.map((check) => `
    <li class="check ${check.status === 'pass' ? 'passed' : 'failed'}" data-check="${escapeHtml(check.name)}" data-status="${escapeHtml(check.status)}">
      <p><strong>${check.status === 'pass' ? '✔' : '✘'} ${escapeHtml(STATUS_WORDS[check.status] || check.status)}:</strong>
        ${escapeHtml(check.name)}${check.hidden ? ' <span class="muted">(hidden check)</span>' : ''}
        <span class="muted">${check.points} of ${check.maxPoints}</span></p>
      ${check.status !== 'pass' && check.expected != null ? `<p>Expected: <code>${escapeHtml(check.expected)}</code></p>` : ''}
      ${check.status !== 'pass' && check.actual != null ? `<p>Got: <code>${escapeHtml(check.actual)}</code></p>` : ''}
      ${check.status !== 'pass' && check.hint ? `<p>Hint: ${escapeHtml(check.hint)}${check.lessonUrl ? ` <a href="${escapeHtml(check.lessonUrl)}">Read that part of the lesson</a>` : ''}</p>` : ''}
    </li>`).join('');
  $('grade').innerHTML = `
    <p data-score="${graded.score}" data-max-score="${graded.maxScore}" data-status="${escapeHtml(graded.status)}">
      <strong>${graded.score} of ${graded.maxScore} points</strong>: ${passedChecks} of ${graded.checks.length} checks passed.
      ${graded.message ? escapeHtml(graded.message) : ''}</p>
    <ul class="check-results">${rows}</ul>
    ${renderComments(graded.comments || [])}`;
}

const COMMENT_WORDS = { essential: 'Must change', actionable: 'Worth changing', informative: 'Good to know',
  celebratory: 'Well done' };

/** Escapes the text, and shows what it quotes between backticks as code. */
const withCode = (text) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** The analyzer's remarks on how the code is written: no points, the most pressing first. */
function renderComments(comments) {
  if (comments.length === 0) return '';
  const items = comments.map((comment) => `
    <li class="code-comment" data-comment="${escapeHtml(comment.comment)}" data-type="${escapeHtml(comment.type)}">
      <strong>${escapeHtml(COMMENT_WORDS[comment.type] || comment.type)}:</strong> ${withCode(comment.text)}</li>`).join('');
  return `<h4 id="comments-title">How it is written <span class="muted">(no points)</span></h4>
    <ul class="code-comments" aria-labelledby="comments-title">${items}</ul>`;
}

/** One run of the learner's code with their own event: deployed as a function of its own, then invoked. */
class OwnRun {
  constructor(id, exercise, solution) {
    this.id = id;
    this.functionName = `exercise-${id}`;
    this.exercise = exercise;
    this.solution = solution;   // {runtime(), code(), flush(), showProblem(line, column, message)}
    this.events = new EventPicker($('event-picker'),
      `Runs your code once with this event, as the function ${this.functionName}: nothing is graded.`);
    $('run').addEventListener('click', () => this.run());
  }

  /** Offers the event kinds, and starts from the event the grader's first check sends (HTTP: the HTTP sample). */
  async start(sample) {
    const http = sample?.requestContext?.http !== undefined;
    await this.events.fill(http || sample == null ? ['http', 'custom'] : ['custom', 'http']);
    if (sample != null) this.events.use(sample, http ? 'http' : 'custom');
  }

  async run() {
    const button = $('run');
    if (button.getAttribute('aria-disabled')) return;
    let event;
    try {
      event = this.events.event();
    } catch (e) {
      this.#show(`<div class="problem" role="alert"><p>The event is not valid JSON: ${escapeHtml(e.message)}</p></div>`,
        'Not run: the event is not JSON.');
      return;
    }
    button.setAttribute('aria-disabled', 'true');
    $('run-status').textContent = 'Deploying and running…';
    try {
      await this.solution.flush();
      // The tables and buckets the grader's checks find, made in the learner's workspace where missing.
      const { made } = await api.post(`/api/exercises/${encodeURIComponent(this.id)}/fixtures`);
      const prepared = made.length ? ` (made ${made.join(', ')}, as the checks find them)` : '';
      const runtime = this.solution.runtime();
      await api.put(`/api/functions/${this.functionName}`,
        { runtime, handler: this.exercise.handlers[runtime], code: this.solution.code() });
      const invocation = await api.post(`/api/functions/${this.functionName}/invoke`, event);
      this.#show(invocationHtml(invocation), (invocation.error
        ? `Ran: your function failed (${invocation.error.errorType})` : 'Ran: see what your function returned')
        + `${prepared}.`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const location = e.details.location;
      if (location) this.solution.showProblem(location.line, location.column, e.message);
      // The editor holds one file: its line and column say where (the platform's file name may differ, index.js).
      const where = location ? ` (line ${location.line}, column ${location.column})` : '';
      this.#show(`<div class="problem" role="alert" data-problem="${escapeHtml(e.code)}"><h4>${escapeHtml(e.code)}${escapeHtml(where)}</h4>
        <p>${escapeHtml(e.message)}</p></div>`, `Not run: ${e.message}`);
    } finally {
      button.removeAttribute('aria-disabled');
    }
  }

  #show(html, status) {
    $('run-result').innerHTML = html;
    $('run-status').textContent = status;
  }
}

/** What one invocation gave: the result or the error, the log and the REPORT line. */
function invocationHtml(inv) {
  const report = inv.report || {};
  const error = inv.error;
  const outcome = error
    ? `<div class="problem" role="alert" data-function-error="${escapeHtml(error.kind)}"><h4>${escapeHtml(error.errorType)}</h4>
        <p>${escapeHtml(error.errorMessage || '')}</p>${error.hint ? `<p>Try: ${escapeHtml(error.hint)}</p>` : ''}</div>`
    : `<pre data-result tabindex="0">${escapeHtml(JSON.stringify(inv.result, null, 2))}</pre>`;
  return `<p data-invocation="${escapeHtml(inv.requestId)}">${inv.cold ? 'A cold start' : 'Warm'}: ${Number(report.durationMs).toFixed(2)} ms.</p>
    ${outcome}
    <details><summary>Its log</summary><pre class="log-view" tabindex="0">${escapeHtml(logText(inv.logs))}</pre></details>
    <pre class="report" tabindex="0">${escapeHtml(report.text || '')}</pre>`;
}

/** The exercise's hints, revealed one at a time on request; the server records how many. */
class Hints {
  constructor(id) {
    this.path = `/api/exercises/${encodeURIComponent(id)}/hints`;
    $('next-hint').addEventListener('click', () => this.reveal());
  }

  async load() {
    try {
      this.#show(await api.get(this.path), false);
    } catch (e) {
      $('hint-status').textContent = `The hints did not load: ${e.message}`;
    }
  }

  async reveal() {
    const button = $('next-hint');
    if (button.getAttribute('aria-disabled')) return;
    button.setAttribute('aria-disabled', 'true');
    try {
      this.#show(await api.post(this.path), true);
    } catch (e) {
      $('hint-status').textContent = `No hint: ${e.message}`;
    } finally {
      button.removeAttribute('aria-disabled');
    }
  }

  #show({ revealed, total }, announce) {
    $('hints').innerHTML = revealed.map((hint, i) =>
      `<li data-hint="${i + 1}" tabindex="-1">${escapeHtml(hint)}</li>`).join('');
    const button = $('next-hint');
    const left = total - revealed.length;
    button.hidden = left === 0;
    if (left > 0) button.textContent = `Show a hint (${revealed.length + 1} of ${total})`;
    if (announce) {
      $('hint-status').textContent = `Hint ${revealed.length} of ${total}${left === 0 ? ', the last one' : ''}.`;
      $('hints').lastElementChild?.focus();
    } else if (total === 0) {
      $('hint-status').textContent = 'This exercise has no hints.';
    } else if (left === 0) {
      $('hint-status').textContent = `You have seen all ${total} hints.`;
    }
  }
}

/** The reference solution beside the learner's own, offered once they passed. */
class Reference {
  constructor(id, solution) {
    this.id = id;
    this.solution = solution;
    $('show-reference').addEventListener('click', () => this.show());
  }

  offer() {
    $('reference').hidden = false;
  }

  async show() {
    const runtime = this.solution.runtime();
    try {
      const { code } = await api.get(`/api/exercises/${encodeURIComponent(this.id)}/solution?runtime=${runtime}`);
      const figure = (who, text) => `<figure data-code="${who}"><figcaption>${who === 'yours' ? 'Yours' : 'The reference'}
        (${LANGUAGES[runtime]})</figcaption><pre tabindex="0">${escapeHtml(text)}</pre></figure>`;
      $('comparison').innerHTML = figure('yours', this.solution.code()) + figure('reference', code);
      $('reference-status').textContent = `The reference solution in ${LANGUAGES[runtime]} is shown beside yours.`;
    } catch (e) {
      $('reference-status').textContent = `Not shown: ${e.message}`;
    }
  }
}

async function main() {
  showHealth($('health'));
  const page = await loadPageSubject((id) => `/api/exercises/${id}`, $('exercise-body'), 'Exercise');
  if (!page) {
    // No exercise to work on (none by that name, or a server without the grader): its controls do nothing.
    for (const control of document.querySelectorAll('#submit, #run, #next-hint, #reset-code, input[name="runtime"]')) {
      control.disabled = true;
    }
    return;
  }
  const { id, subject: exercise, saved } = page;
  renderTask(exercise);
  let best = saved[`exercise.${id}`];
  showBest(best);
  const runtimes = Object.keys(exercise.starters);
  let runtime = runtimes.includes('nodejs') ? 'nodejs' : runtimes[0];
  for (const radio of document.querySelectorAll('input[name="runtime"]')) {
    radio.disabled = !runtimes.includes(radio.value);
    radio.checked = radio.value === runtime;
  }
  const code = new SavedCode(`exercise-code.${id}`, saved, $('save-status'));
  const solution = {
    runtime: () => runtime,
    code: () => editor.code,
    flush: () => code.flush(),
    showProblem: (line, column, message) => editor.showProblem(line, column, message),
  };
  const reference = new Reference(id, solution);
  if (passed(best)) reference.offer();
  let busy = false;
  const submit = async () => {
    if (busy) return;
    busy = true;
    // aria-disabled, not disabled: a disabled button loses the keyboard's focus, and the learner their place.
    $('submit').setAttribute('aria-disabled', 'true');
    $('submit-status').textContent = 'Grading: the checks run your function on the platform, some of them many times…';
    try {
      await code.flush();
      const graded = await api.post(`/api/exercises/${encodeURIComponent(id)}/submissions`, { runtime, code: editor.code });
      renderGrade(graded);
      $('submit-status').textContent = `Graded: ${graded.score} of ${graded.maxScore} points.`;
      // The server keeps the same best; no need to read the whole progress back for it.
      best = { bestScore: Math.max(best ? best.bestScore : 0, graded.score), maxScore: graded.maxScore };
      showBest(best);
      if (graded.status === 'pass') reference.offer();
    } catch (e) {
      $('grade').innerHTML = `<div class="problem" role="alert"><h4>Not graded</h4><p>${escapeHtml(e.message)}</p></div>`;
      $('submit-status').textContent = `Not graded: ${e.message}`;
    } finally {
      busy = false;
      $('submit').removeAttribute('aria-disabled');
    }
  };
  const editor = new CodeEditor($('editor'), {
    code: code.codeFor(runtime, exercise.starters[runtime]),
    runtime,
    fileName: FILES[runtime],
    describedBy: 'editor-help',
    onChange: (text) => code.change(runtime, text),
    onRun: submit,
  });
  $('submit').addEventListener('click', submit);
  for (const radio of document.querySelectorAll('input[name="runtime"]')) {
    radio.addEventListener('change', async () => {
      if (!radio.checked) return;
      await code.flush();
      runtime = radio.value;
      editor.load(code.codeFor(runtime, exercise.starters[runtime]), runtime, FILES[runtime]);
    });
  }
  $('reset-code').addEventListener('click', async () => {
    if (!window.confirm('Replace your code with the exercise\'s starter code?')) return;
    await code.reset(runtime);
    editor.load(exercise.starters[runtime], runtime, FILES[runtime]);
  });
  const ownRun = new OwnRun(id, exercise, solution);
  const hints = new Hints(id);
  await Promise.all([ownRun.start(exercise.sampleEvent), hints.load()]);
  document.body.dataset.ready = 'true';
}

main();
