// The course map: lessons in order with what each takes (time, level, what comes first, what it teaches), a tick
// for each one done, its predictions, concept-check score and exercise scores, "continue where you left off", and
// progress as a file to take elsewhere. A lesson is done when its predictions are answered and its check passed.
import { api, progress, session, showHealth } from './api.js';
import { escapeHtml } from './dom.js';
import { showClassroomPage } from './classroom.js';

const $ = (id) => document.getElementById(id);

function lessonLink(lesson) {
  return `/lesson.html?id=${encodeURIComponent(lesson.id)}`;
}

const LEVELS = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' };
const RUNTIMES = { nodejs: 'JavaScript', python: 'Python' };

/** Where the learner stands in a lesson, from the progress the server keeps. */
function lessonStanding(lesson, saved) {
  const predictions = saved[`predictions.${lesson.id}`] || {};
  const check = saved[`check.${lesson.id}`] || {};
  const answered = lesson.doneWhen.predictions.filter((id) => predictions[id]).length;
  const passed = lesson.doneWhen.checkQuestions === 0 || Boolean(check.passed);
  return {
    answered,
    of: lesson.doneWhen.predictions.length,
    score: check.score || 0,
    passed,
    done: answered === lesson.doneWhen.predictions.length && passed,
    visited: Boolean((saved[`lesson.${lesson.id}`] || {}).visitedAt),
  };
}

/** The exercise's best scores: per language where the progress keeps them so, else its one best score. */
function exerciseLine(id, saved, lessonTitle) {
  const overall = saved[`exercise.${id}`];
  const languages = (overall && overall.languages) || {};
  const byRuntime = Object.entries(RUNTIMES).map(([runtime, name]) => [name, languages[runtime]])
    .filter(([, result]) => result && result.maxScore);
  let score;
  if (overall && overall.maxScore) {
    score = `best score ${overall.bestScore} of ${overall.maxScore}`
      + (byRuntime.length ? `: ${byRuntime.map(([name, result]) => `${name} ${result.bestScore}`).join(', ')}` : '');
  } else {
    score = 'not submitted yet';
  }
  // Each card's link says whose exercise it is: a screen reader's list of links would hear "Exercise" three times.
  const due = syllabus.due[id] ? ` · due ${new Date(syllabus.due[id]).toLocaleString()}` : '';
  return `<p><a href="/exercise.html?id=${encodeURIComponent(id)}">Exercise<span class="visually-hidden"> of the lesson ${escapeHtml(lessonTitle)}</span></a> <span data-exercise-score="${escapeHtml(id)}">(${escapeHtml(score)})</span>${escapeHtml(due)}</p>`;
}

/** What a learner's class has closed (none on a plain ./faaslab start), and its due dates. */
let syllabus = { closed: [], due: {} };

function closedCard(lesson) {
  return `<li class="lesson-card closed" data-lesson="${escapeHtml(lesson.id)}" data-closed="true">
      <span class="tick" aria-hidden="true">✕</span>
      <h3>${lesson.order}. ${escapeHtml(lesson.title)} <span class="closed-mark">(closed)</span></h3>
      <p>Your instructor has not opened this lesson yet.</p>
    </li>`;
}

function lessonCard(lesson, saved, titles) {
  if (syllabus.closed.includes(lesson.id)) return closedCard(lesson);
  const standing = lessonStanding(lesson, saved);
  const status = standing.done ? 'Done' : standing.visited ? 'Started' : 'Not started';
  const before = lesson.prerequisites.map((id) => `<a href="${lessonLink({ id })}">${escapeHtml(titles[id] || id)}</a>`).join(', ');
  const check = lesson.doneWhen.checkQuestions
    ? `concept check ${standing.score} of ${lesson.doneWhen.checkQuestions}${standing.passed ? ' (passed)' : ` (${lesson.doneWhen.checkPass} to pass)`}`
    : 'no concept check';
  return `<li class="lesson-card${standing.done ? ' done' : ''}" data-lesson="${escapeHtml(lesson.id)}" data-done="${standing.done}">
      <span class="tick" aria-hidden="true">${standing.done ? '✔' : standing.visited ? '◐' : '○'}</span>
      <h3><a href="${lessonLink(lesson)}">${lesson.order}. ${escapeHtml(lesson.title)}</a>
        <span class="visually-hidden">(${status})</span></h3>
      <p>${escapeHtml(lesson.summary)}</p>
      <p class="facts">About ${lesson.minutes} minutes · ${LEVELS[lesson.level] || escapeHtml(lesson.level)}${before ? ` · Take first: ${before}` : ''}</p>
      <p class="progress-line" data-progress="${escapeHtml(lesson.id)}" data-answered="${standing.answered}" data-score="${standing.score}">${status} ·
        predictions ${standing.answered} of ${standing.of} · ${check}</p>
      <details><summary>What you will learn</summary><ul>${lesson.objectives.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>
        <p class="concepts">${lesson.concepts.map(escapeHtml).join(' · ')}</p></details>
      ${!lesson.exercise ? '' : syllabus.closed.includes(lesson.exercise)
    ? '<p data-exercise-closed>Exercise: <span class="closed-mark">closed</span> until your instructor opens it</p>'
    : exerciseLine(lesson.exercise, saved, lesson.title)}
    </li>`;
}

async function render() {
  const signedIn = await session();
  if (signedIn.mode === 'classroom' && !signedIn.signedIn) {
    location.assign('/#/join');
    return;
  }
  syllabus = signedIn.classView?.syllabus ?? syllabus;
  const [{ lessons }, saved] = await Promise.all([api.get('/api/lessons'), progress.all()]);
  const titles = Object.fromEntries(lessons.map((lesson) => [lesson.id, lesson.title]));
  const list = $('lessons');
  list.innerHTML = lessons.map((lesson) => lessonCard(lesson, saved, titles)).join('') || '<li>No lessons are installed.</li>';
  list.setAttribute('aria-busy', 'false');

  // Where the learner left off, unless they finished it: then the first lesson not done yet.
  const visited = saved.course && lessons.find((lesson) => lesson.id === saved.course.lastLesson);
  const last = visited && !lessonStanding(visited, saved).done ? visited : null;
  const next = lessons.find((lesson) => !lessonStanding(lesson, saved).done);
  const target = last || next;
  if (target) {
    const started = last || visited;
    $('continue').innerHTML = `<div class="continue">
      <p>${last ? 'Continue where you left off:' : started ? 'Next:' : 'Start with the first lesson:'} <strong>${escapeHtml(target.title)}</strong></p>
      <a class="button primary" id="continue-link" href="${lessonLink(target)}">${started ? 'Continue' : 'Start'}</a></div>`;
  } else if (lessons.length) {
    $('continue').innerHTML = `<div class="continue"><p>You have done every lesson: well done. Review any of them below.</p>
      <a class="button primary" id="continue-link" href="${lessonLink(lessons[0])}">Review the first lesson</a></div>`;
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
if (!showClassroomPage()) startCourseMap();

function startCourseMap() {
  $('import-file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) importFile(file);
  });
  render().then(() => { document.body.dataset.ready = 'true'; }).catch((e) => {
    $('lessons').innerHTML = `<li class="error-text">The lessons could not load: ${escapeHtml(e.message)}</li>`;
  });
}
