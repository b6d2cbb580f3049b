// The course map: lessons in order, a tick for each one done, "continue where you left off",
// and progress as a file to take elsewhere.
import { api, progress, showHealth } from './api.js';
import { escapeHtml } from './dom.js';

const $ = (id) => document.getElementById(id);

function lessonLink(lesson) {
  return `/lesson.html?id=${encodeURIComponent(lesson.id)}`;
}

function exerciseLine(id, result) {
  const score = result ? `best score ${result.bestScore} of ${result.maxScore}` : 'not submitted yet';
  return `<p><a href="/exercise.html?id=${encodeURIComponent(id)}">Exercise</a> <span data-exercise-score="${escapeHtml(id)}">(${score})</span></p>`;
}

async function render() {
  const [{ lessons }, saved] = await Promise.all([api.get('/api/lessons'), progress.all()]);
  const list = $('lessons');
  list.innerHTML = lessons.map((lesson) => {
    const state = saved[`lesson.${lesson.id}`] || {};
    const done = Boolean(state.completedAt);
    const status = done ? 'Done' : state.visitedAt ? 'Started' : 'Not started';
    return `<li class="lesson-card${done ? ' done' : ''}" data-lesson="${escapeHtml(lesson.id)}" data-done="${done}">
      <span class="tick" aria-hidden="true">${done ? '✔' : state.visitedAt ? '◐' : '○'}</span>
      <h3><a href="${lessonLink(lesson)}">${lesson.order}. ${escapeHtml(lesson.title)}</a>
        <span class="visually-hidden">(${status})</span></h3>
      <p>${escapeHtml(lesson.summary)}</p>
      <p class="concepts">${status} · ${lesson.concepts.map(escapeHtml).join(' · ')}</p>
      ${lesson.exercise ? exerciseLine(lesson.exercise, saved[`exercise.${lesson.exercise}`]) : ''}
    </li>`;
  }).join('') || '<li>No lessons are installed.</li>';
  list.setAttribute('aria-busy', 'false');

  const last = saved.course && lessons.find((lesson) => lesson.id === saved.course.lastLesson);
  const next = lessons.find((lesson) => !(saved[`lesson.${lesson.id}`] || {}).completedAt);
  const target = last || next || lessons[0];
  if (target) {
    $('continue').innerHTML = `<div class="continue">
      <p>${last ? 'Continue where you left off:' : 'Start with the first lesson:'} <strong>${escapeHtml(target.title)}</strong></p>
      <a class="button primary" id="continue-link" href="${lessonLink(target)}">${last ? 'Continue' : 'Start'}</a></div>`;
  }
}

async function importFile(file) {
  const status = $('import-status');
  try {
    const text = await file.text();
    const result = await api.post('/api/progress/import', text);
    status.textContent = `Imported ${result.imported} saved items from ${file.name}.`;
    await render();
  } catch (e) {
    status.textContent = `Could not import ${file.name}: ${e.message}`;
  }
}

showHealth($('health'));
$('import-file').addEventListener('change', (event) => {
  const [file] = event.target.files;
  if (file) importFile(file);
});
render().then(() => { document.body.dataset.ready = 'true'; }).catch((e) => {
  $('lessons').innerHTML = `<li class="error-text">The lessons could not load: ${escapeHtml(e.message)}</li>`;
});
