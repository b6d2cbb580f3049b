// The instructor's dashboard, under #/classroom: their classes and the LMSs launching into them (lti-platforms.js);
// one class's join code, live grid of learners × lessons and exercises, pause switch, gradebook and settings
// (settings.js); one learner's code, logs and submissions. The grid follows the class's live stream: a learner's
// activity reads that learner's row again.
import { api } from './api.js';
import { escapeHtml, field, onSubmit } from './dom.js';
import { connectClassStream } from './stream.js';
import { showSettings } from './settings.js';
import { showLtiPlatforms } from './lti-platforms.js';

const enc = encodeURIComponent;
const classPath = (id) => `/api/classes/${enc(id)}`;
const classLink = (id) => `#/classroom/classes/${enc(id)}`;

const STATUS = { 'not-started': 'Not started', working: 'Working', stuck: 'Stuck', finished: 'Finished' };
const STATUS_MARK = { 'not-started': '○', working: '◐', stuck: '⚠', finished: '✔' };
const LANGUAGES = { nodejs: 'JavaScript', python: 'Python' };

let stream = null;
const timers = new Map();

/** Stops following a class: its stream closes and pending row reads are dropped. */
export function leaveDashboard() {
  stream?.close();
  stream = null;
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
}

/** The dashboard page `path` (after #/classroom) names; a refusal (a learner here, say) is shown, with no data. */
export async function showDashboard(main, path, titled) {
  const parts = path.match(/^\/classes\/([^/]+)(?:\/learners\/([^/]+))?$/);
  try {
    if (!parts) await classList(main, titled);
    else if (parts[2]) await learnerView(main, titled, decodeURIComponent(parts[1]), decodeURIComponent(parts[2]));
    else await classView(main, titled, decodeURIComponent(parts[1]));
  } catch (e) {
    titled('Not available', `<h1>Not available</h1>
      <div class="problem" role="alert" data-refused="${e.status}"><p>${escapeHtml(e.message)}</p></div>
      <p><a href="/">Back to the course map</a></p>`);
  }
}

async function classList(main, titled) {
  const { classes } = await api.get('/api/classes');
  titled('Your classes', `<h1>Your classes</h1>
    ${classes.length ? `<ul class="class-list" id="classes">${classes.map((c) => `<li>
      <a href="${classLink(c.id)}">${escapeHtml(c.title)}</a>
      <span class="muted">· ${c.learners} learner${c.learners === 1 ? '' : 's'} · code ${escapeHtml(c.joinCode)}${c.paused ? ' · paused' : ''}</span>
      </li>`).join('')}</ul>` : '<p id="classes">You have no class yet: create one below.</p>'}
    <h2>Create a class</h2>
    <form id="create-class-form" class="classroom-form" novalidate>
      ${field('Title', { id: 'class-title', name: 'title', required: true }, 'Such as "Serverless workshop, Monday"')}
      <button class="primary" type="submit" id="create-class">Create the class</button>
    </form>
    <section id="lti" aria-labelledby="lti-title"></section>`);
  onSubmit(main.querySelector('form'), async (values) => {
    location.hash = classLink((await api.post('/api/classes', values)).id);
  });
  await showLtiPlatforms(main.querySelector('#lti'));
}

// ---- a class ----

async function classView(main, titled, id) {
  const grid = await api.get(`${classPath(id)}/progress`);
  const info = grid.classInfo;
  const joinLink = new URL(info.joinPath, location.origin).href;
  titled(info.title, `<p><a href="#/classroom">All your classes</a></p>
    <h1>${escapeHtml(info.title)}</h1>
    <section class="join-box" aria-labelledby="join-title">
      <h2 id="join-title">How learners join</h2>
      <p>Class code: <strong class="join-code" data-join-code>${escapeHtml(info.joinCode)}</strong></p>
      <p class="toolbar"><label for="join-link">Join link</label>
        <input id="join-link" readonly size="42" value="${escapeHtml(joinLink)}">
        <button type="button" id="copy-join-link">Copy the link</button>
        <span role="status" id="copy-status" class="muted"></span></p>
    </section>
    <div class="toolbar">
      <button type="button" role="switch" id="pause-switch" aria-checked="${info.paused}">Pause the class</button>
      <a class="button" id="gradebook" href="${classPath(id)}/gradebook.csv" download>Download the gradebook (CSV)</a>
      <a class="button" id="junit-report" href="${classPath(id)}/reports/junit.xml" download>JUnit XML</a>
      <a class="button" id="exercism-report" href="${classPath(id)}/reports/exercism.json" download>Exercism results</a>
      <button type="button" id="invite">Invite another instructor</button>
      <span role="status" id="class-status" class="muted"></span>
    </div>
    <section aria-labelledby="grid-title">
      <h2 id="grid-title">Learners</h2>
      <fieldset class="filters" id="filters"><legend>Show</legend>
        ${[['all', 'All'], ['stuck', 'Stuck'], ['not-started', 'Not started'], ['finished', 'Finished']].map(([value, label]) => `
          <label><input type="radio" name="filter" value="${value}"${value === 'all' ? ' checked' : ''}> ${label}</label>`).join('')}
      </fieldset>
      <p class="muted">Per lesson, the predictions answered and the concept check; per exercise and language, the best
        score; and what their functions did in the last minute. Rows update as learners work.</p>
      <div class="grid-scroll" role="region" aria-label="The learners' grid (scrolls sideways)" tabindex="0">
        <table class="grid" id="grid" data-class="${escapeHtml(id)}">
          <caption class="visually-hidden">Learners' progress</caption>
          ${gridHead(grid)}<tbody></tbody></table>
      </div>
      <p id="grid-empty" class="muted">No learner has joined yet: give them the code or the link.</p>
    </section>
    <section id="settings" aria-labelledby="settings-title"></section>`);
  const body = main.querySelector('#grid tbody');
  for (const row of grid.learners) body.append(rowElement(grid, row));
  applyFilter(main);
  wireClassControls(main, id, info, joinLink);
  showSettings(main.querySelector('#settings'), grid);
  follow(main, id, grid);
}

function gridHead(grid) {
  const exercises = exerciseColumns(grid);
  const closed = (item) => (item.open ? '' : ' <span class="closed-mark">(closed)</span>');
  return `<thead><tr>
      <th scope="col" rowspan="2">Learner</th><th scope="col" rowspan="2">Status</th><th scope="col" rowspan="2">Last active</th>
      ${grid.lessons.length ? `<th scope="colgroup" colspan="${grid.lessons.length}">Lessons</th>` : ''}
      ${exercises.length ? `<th scope="colgroup" colspan="${exercises.length}">Exercises</th>` : ''}
      <th scope="colgroup" colspan="4">Platform, last minute</th></tr>
    <tr>${grid.lessons.map((lesson) => `<th scope="col" data-column="lesson:${escapeHtml(lesson.id)}">${escapeHtml(lesson.title)}${closed(lesson)}</th>`).join('')}
      ${exercises.map(([exercise, language]) => `<th scope="col" data-column="exercise:${escapeHtml(exercise.id)}:${language}">${escapeHtml(exercise.title)}
        <span class="muted">${LANGUAGES[language] ?? escapeHtml(language)}</span>${closed(exercise)}</th>`).join('')}
      <th scope="col">Instances</th><th scope="col">Invocations</th><th scope="col">Errors</th><th scope="col">Cost so far</th></tr></thead>`;
}

const exerciseColumns = (grid) => grid.exercises.flatMap((exercise) => exercise.languages.map((language) => [exercise, language]));

function rowElement(grid, row) {
  const tr = document.createElement('tr');
  tr.dataset.learner = row.id;
  tr.dataset.status = row.status;
  const lessonCell = (lesson) => {
    const cell = row.lessons[lesson.id];
    if (!cell) return '<span class="muted">–<span class="visually-hidden"> nothing yet</span></span>';
    return `${cell.predictionsAnswered} of ${lesson.predictions} predicted${lesson.hasCheck ? (cell.checkPassed ? ' · check ✔ passed' : ' · check not passed') : ''}`;
  };
  const scoreCell = (exercise, language) => {
    const cell = row.exercises[exercise.id]?.[language];
    if (!cell) return '<span class="muted">–<span class="visually-hidden"> not submitted</span></span>';
    return `${cell.best} / ${cell.max}${cell.late ? ' <span class="late">late</span>' : ''}`;
  };
  const p = row.platform;
  tr.innerHTML = `<th scope="row"><a href="${classLink(grid.classInfo.id)}/learners/${enc(row.id)}">${escapeHtml(row.name)}</a></th>
    <td data-cell="status" class="status ${row.status}"><span aria-hidden="true">${STATUS_MARK[row.status] ?? ''}</span> ${STATUS[row.status] ?? escapeHtml(row.status)}</td>
    <td data-cell="last-active">${escapeHtml(when(row.lastActiveAt ?? row.joinedAt))}</td>
    ${grid.lessons.map((lesson) => `<td data-cell="lesson:${escapeHtml(lesson.id)}">${lessonCell(lesson)}</td>`).join('')}
    ${exerciseColumns(grid).map(([exercise, language]) => `<td data-cell="exercise:${escapeHtml(exercise.id)}:${language}">${scoreCell(exercise, language)}</td>`).join('')}
    <td data-cell="instances">${p.instances}</td><td data-cell="invocations">${p.invocations}</td>
    <td data-cell="errors">${p.errors}${p.throttles ? ` <span class="muted">(${p.throttles} throttled)</span>` : ''}${p.quarantined ? ` <span class="quarantined" data-quarantined title="${QUARANTINED}">quarantined</span>` : ''}</td>
    <td data-cell="cost">${money(p.costUsd)}</td>`;
  return tr;
}

/** Why a learner's code runs apart: the platform's quarantine, in an instructor's words. */
const QUARANTINED = 'their code ran into its timeout or memory size, so their functions run in a worker process of their own at the lowest priority, where it cannot slow the class';

function when(instant) {
  return instant ? new Date(instant).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' }) : '–';
}

function money(usd) {
  return `$${Number(usd ?? 0).toFixed(6)}`;
}

function applyFilter(main) {
  const filter = main.querySelector('input[name=filter]:checked')?.value ?? 'all';
  const rows = [...main.querySelectorAll('#grid tbody tr')];
  for (const row of rows) row.hidden = filter !== 'all' && row.dataset.status !== filter;
  const empty = main.querySelector('#grid-empty');
  empty.hidden = rows.some((row) => !row.hidden);
  empty.textContent = rows.length ? 'No learner matches this filter.' : 'No learner has joined yet: give them the code or the link.';
}

function wireClassControls(main, id, info, joinLink) {
  const status = main.querySelector('#class-status');
  main.querySelector('#filters').addEventListener('change', () => applyFilter(main));
  main.querySelector('#copy-join-link').addEventListener('click', async () => {
    const input = main.querySelector('#join-link');
    input.select();
    try {
      await navigator.clipboard.writeText(joinLink);
      main.querySelector('#copy-status').textContent = 'Copied.';
    } catch (e) {
      main.querySelector('#copy-status').textContent = 'Selected: press Ctrl+C to copy it.';
    }
  });
  const pause = main.querySelector('#pause-switch');
  pause.addEventListener('click', async () => {
    const paused = pause.getAttribute('aria-checked') !== 'true';
    try {
      await api.patch(classPath(id), { paused });
      pause.setAttribute('aria-checked', String(paused));
      status.textContent = paused ? 'The class is paused: learners\' functions do not run.' : 'The class runs again.';
    } catch (e) {
      status.textContent = e.message;
    }
  });
  main.querySelector('#invite').addEventListener('click', async () => {
    try {
      const { path } = await api.post(`${classPath(id)}/invitations`);
      status.textContent = `Send this one-time link to the instructor: ${new URL(path, location.origin).href}`;
    } catch (e) {
      status.textContent = e.message;
    }
  });
}

/**
 * Keeps the grid live. The server tells of a learner's activity as their request arrives, before it is done:
 * their row is read shortly after, and once more a little later, so the figures are the request's outcome.
 */
function follow(main, id, grid) {
  let connected = false;
  stream = connectClassStream(id, (type, data) => {
    if (type === 'learner-activity') {
      readRowSoon(main, id, grid, data.learnerId, 300);
      readRowSoon(main, id, grid, data.learnerId, 2000);
    } else if (type === 'ready') {
      // After a lost connection, what happened meanwhile: every row again.
      if (connected) for (const row of main.querySelectorAll('#grid tbody tr')) readRowSoon(main, id, grid, row.dataset.learner, 0);
      connected = true;
    }
  });
}

function readRowSoon(main, id, grid, learnerId, delay) {
  const key = `${learnerId}@${delay}`;
  if (timers.has(key)) return;
  timers.set(key, setTimeout(async () => {
    timers.delete(key);
    let fresh;
    try {
      fresh = await api.get(`${classPath(id)}/progress?learner=${enc(learnerId)}`);
    } catch (e) {
      return; // the next activity reads it again
    }
    const row = fresh.learners[0];
    if (!row || !main.isConnected) return;
    const element = rowElement(grid, row);
    const old = [...main.querySelectorAll('#grid tbody tr')].find((tr) => tr.dataset.learner === learnerId);
    if (old) old.replaceWith(element);
    else main.querySelector('#grid tbody').append(element);
    applyFilter(main);
  }, delay));
}

// ---- a learner ----

async function learnerView(main, titled, classId, learnerId) {
  const view = await api.get(`${classPath(classId)}/learners/${enc(learnerId)}`);
  const { row } = view;
  const p = row.platform;
  titled(row.name, `<p><a href="${classLink(classId)}">Back to the class</a></p>
    <h1>${escapeHtml(row.name)}</h1>
    <p data-learner-status="${row.status}">${STATUS[row.status] ?? escapeHtml(row.status)} · joined ${escapeHtml(when(row.joinedAt))}
      · last active ${escapeHtml(when(row.lastActiveAt))}</p>
    <section aria-labelledby="platform-title" class="platform-panel">
      <h2 id="platform-title">Platform</h2>
      <dl>
        <div><dt>Functions</dt><dd data-panel="functions">${p.functions}</dd></div>
        <div><dt>Instances now</dt><dd data-panel="instances">${p.instances}</dd></div>
        <div><dt>Invocations, last minute</dt><dd data-panel="invocations">${p.invocations}</dd></div>
        <div><dt>Errors, last minute</dt><dd data-panel="errors">${p.errors}</dd></div>
        <div><dt>Throttles, last minute</dt><dd data-panel="throttles">${p.throttles}</dd></div>
        <div><dt>Cost so far</dt><dd data-panel="cost">${money(p.costUsd)}</dd></div>
        <div><dt>Runs in</dt><dd data-panel="quarantine">${p.quarantined ? `the quarantine: ${QUARANTINED}` : "the server's own process"}</dd></div>
      </dl>
    </section>
    <section aria-labelledby="functions-title">
      <h2 id="functions-title">Functions</h2>
      ${view.functions.map((fn) => `<article class="learner-function" data-function="${escapeHtml(fn.name)}">
        <h3>${escapeHtml(fn.name)} <span class="muted">(${escapeHtml(LANGUAGES[fn.runtime] ?? fn.runtime)}, ${escapeHtml(fn.handler)})</span></h3>
        <pre tabindex="0" aria-label="Code of ${escapeHtml(fn.name)}"><code>${escapeHtml(fn.code)}</code></pre>
        <details><summary>Its log (${fn.logs.length} lines)</summary>
          <pre class="log-view" tabindex="0" aria-label="Log of ${escapeHtml(fn.name)}">${escapeHtml(fn.logs.map((line) => line.text).join('\n'))}</pre></details>
      </article>`).join('') || '<p>No function deployed yet.</p>'}
    </section>
    <section aria-labelledby="submissions-title">
      <h2 id="submissions-title">Submissions</h2>
      ${view.submissions.length ? `<table class="submissions" id="submissions"><caption class="visually-hidden">Graded submissions, newest first</caption>
        <thead><tr><th scope="col">Submitted</th><th scope="col">Exercise</th><th scope="col">Language</th>
          <th scope="col">Score</th><th scope="col">Result</th><th scope="col">Code</th></tr></thead>
        <tbody>${view.submissions.map((s) => `<tr><th scope="row">${escapeHtml(when(s.submittedAt))}</th>
          <td>${escapeHtml(s.exerciseId)}</td><td>${escapeHtml(LANGUAGES[s.runtime] ?? s.runtime)}</td>
          <td>${s.score} / ${s.maxScore}</td><td>${escapeHtml(s.status)}</td>
          <td><details><summary>Code</summary><pre tabindex="0" aria-label="Code submitted">${escapeHtml(s.code)}</pre></details></td></tr>`).join('')}
        </tbody></table>` : '<p>No submission yet.</p>'}
    </section>`);
}
