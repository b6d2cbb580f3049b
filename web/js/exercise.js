// An exercise: the task beside an editor, and Submit, which runs the grader on the server and shows
// every check with what was expected, what happened and a hint. The best score is kept in progress.
import { api, showHealth, loadPageSubject } from './api.js';
import { escapeHtml } from './dom.js';
import { CodeEditor } from './editor.js';
import { SavedCode } from './saved-code.js';

const $ = (id) => document.getElementById(id);
const FILES = { nodejs: 'index.mjs', python: 'lambda_function.py' };
const STATUS_WORDS = {
  pass: 'Passed', fail: 'Failed', error: 'Error', timeout: 'Timed out', 'memory-limit': 'Memory limit', 'syntax-error': 'Syntax error',
};

function renderTask(exercise) {
  const { summary } = exercise;
  document.title = `${summary.title} · FaaS Lab`;
  const task = exercise.readmeHtml
    ? exercise.readmeHtml.replace(/<h1[\s\S]*?<\/h1>/, '')
    : `<pre tabindex="0">${escapeHtml(exercise.readme)}</pre>`;
  const lesson = summary.lesson ? `<p>From the lesson <a href="/lesson.html?id=${encodeURIComponent(summary.lesson)}">${escapeHtml(summary.lesson)}</a>.</p>` : '';
  $('exercise-body').innerHTML = `<p class="muted">Exercise · ${summary.points} points</p><h1>${escapeHtml(summary.title)}</h1>${lesson}${task}`;
  $('exercise-body').setAttribute('aria-busy', 'false');
  for (const pre of $('exercise-body').querySelectorAll('pre')) pre.tabIndex = 0;
  $('check-list').innerHTML = exercise.checks.map((check) =>
    `<li>${escapeHtml(check.name)} <span class="muted">(${check.kind}, ${check.points} ${check.points === 1 ? 'point' : 'points'})</span></li>`).join('');
}

function showBest(entry) {
  $('best-score').textContent = entry ? `Your best so far: ${entry.bestScore} of ${entry.maxScore} points.` : 'Not submitted yet.';
}

function renderGrade(graded) {
  const passed = graded.checks.filter((check) => check.status === 'pass').length;
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
      <strong>${graded.score} of ${graded.maxScore} points</strong>: ${passed} of ${graded.checks.length} checks passed.
      ${graded.message ? escapeHtml(graded.message) : ''}</p>
    <ul class="check-results">${rows}</ul>`;
}

async function main() {
  showHealth($('health'));
  const page = await loadPageSubject((id) => `/api/exercises/${id}`, $('exercise-body'), 'Exercise');
  if (!page) return;
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
  let busy = false;
  const submit = async () => {
    if (busy) return;
    busy = true;
    $('submit').disabled = true;
    $('submit-status').textContent = 'Grading: the checks run your function on the platform, some of them many times…';
    try {
      await code.flush();
      const graded = await api.post(`/api/exercises/${encodeURIComponent(id)}/submissions`, { runtime, code: editor.code });
      renderGrade(graded);
      $('submit-status').textContent = `Graded: ${graded.score} of ${graded.maxScore} points.`;
      // The server keeps the same best; no need to read the whole progress back for it.
      best = { bestScore: Math.max(best ? best.bestScore : 0, graded.score), maxScore: graded.maxScore };
      showBest(best);
    } catch (e) {
      $('grade').innerHTML = `<div class="problem" role="alert"><h4>Not graded</h4><p>${escapeHtml(e.message)}</p></div>`;
      $('submit-status').textContent = `Not graded: ${e.message}`;
    } finally {
      busy = false;
      $('submit').disabled = false;
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
  document.body.dataset.ready = 'true';
}

main();
