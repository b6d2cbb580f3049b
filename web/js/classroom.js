// Classroom mode's pages on the start page, by the address's hash, in place of the course map: a learner joins
// (#/join/<CODE>), the first instructor chooses a login (#/classroom/setup/<token>, the link the server prints),
// an instructor signs in (#/classroom) and then works in the dashboard (#/classroom/…, dashboard.js).
import { api, session, rememberSession } from './api.js';
import { escapeHtml, field, onSubmit } from './dom.js';
import { leaveDashboard, showDashboard } from './dashboard.js';

const ROUTES = [
  [/^#\/join(?:\/([A-Za-z0-9-]*))?$/, joinPage],
  [/^#\/classroom\/setup\/([A-Za-z0-9_-]+)$/, setUpPage],
  [/^#\/classroom(\/.*)?$/, instructorPage],
];

const page = () => document.getElementById('classroom-page');

/** Shows the classroom page the hash names instead of the course map; false when it names none. */
export function showClassroomPage({ focus = false } = {}) {
  const route = ROUTES.find(([pattern]) => pattern.test(location.hash));
  if (!route) return false;
  leaveDashboard();
  document.getElementById('course-map').hidden = true;
  document.getElementById('course').classList.add('wide');
  const main = page();
  main.hidden = false;
  skipTo(document.getElementById('course'));
  main.setAttribute('aria-busy', 'true');
  route[1](main, ...location.hash.match(route[0]).slice(1).map((part) => decodeURIComponent(part ?? '')))
    .catch((e) => { main.innerHTML = `<h1>Something went wrong</h1><p class="problem" role="alert">${escapeHtml(e.message)}</p>`; })
    .finally(() => {
      main.setAttribute('aria-busy', 'false');
      document.body.dataset.ready = 'true';
      if (focus) document.getElementById('course').focus();
    });
  return true;
}

// Links between these pages change only the hash; leaving them for the course map loads it afresh.
addEventListener('hashchange', () => {
  const shown = !page().hidden;
  if (!showClassroomPage({ focus: true }) && shown) location.reload();
});

/** The skip link goes to the page shown, without touching the hash these pages live in. */
function skipTo(target) {
  const skip = document.querySelector('.skip-link');
  if (!skip || skip.dataset.classroom) return;
  skip.dataset.classroom = 'true';
  skip.textContent = 'Skip to the page';
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    target.focus();
  });
}

function titled(main, title, html) {
  document.title = `${title} · FaaS Lab`;
  main.innerHTML = html;
}

async function joinPage(main, code) {
  const signedIn = await session();
  titled(main, 'Join your class', `<h1>Join your class</h1>
    ${signedIn.signedIn && signedIn.role === 'learner'
    ? `<p class="note">You are already in the class <strong>${escapeHtml(signedIn.classView?.title ?? '')}</strong> as
        ${escapeHtml(signedIn.name)}: <a href="/">go on with the course</a>, or join another class below.</p>` : ''}
    <p>Your instructor gave you a class code (8 letters and digits) or a link with it. Choose the name your instructor
      will see beside your work.</p>
    <form id="join-form" class="classroom-form" novalidate>
      ${field('Class code', { id: 'join-code', name: 'code', value: code, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true })}
      ${field('Your name', { id: 'join-name', name: 'name', autocomplete: 'nickname', required: true }, 'As your instructor and class know you')}
      <button class="primary" type="submit" id="join-submit">Join the class</button>
    </form>
    <p class="muted">Teaching this class? <a href="#/classroom">Sign in as an instructor</a>.</p>`);
  const form = main.querySelector('form');
  onSubmit(form, async (values) => {
    rememberSession(await api.post('/api/classroom/join', values));
    location.assign('/');
  });
  form.elements.namedItem(code ? 'name' : 'code').focus();
}

async function setUpPage(main, token) {
  titled(main, 'Set up your instructor account', `<h1>Set up your instructor account</h1>
    <p>This one-time link lets you choose how you sign in from now on. It works once.</p>
    <form id="setup-form" class="classroom-form" novalidate>
      ${field('Login', { id: 'setup-login', name: 'login', autocomplete: 'username', required: true }, 'Letters, digits, dots and dashes')}
      ${field('Your name', { id: 'setup-name', name: 'name', autocomplete: 'name', required: true }, 'As your learners will see it')}
      ${field('Password', { id: 'setup-password', name: 'password', type: 'password', autocomplete: 'new-password', required: true })}
      <button class="primary" type="submit" id="setup-submit">Set up and sign in</button>
    </form>`);
  const form = main.querySelector('form');
  onSubmit(form, async (values) => {
    rememberSession(await api.post('/api/classroom/setup', { token, ...values }));
    location.replace('/#/classroom'); // the one-time link is used: not one to go back to
    location.reload();
  });
  form.elements.namedItem('login').focus();
}

async function instructorPage(main, rest) {
  const signedIn = await session();
  if (signedIn.mode !== 'classroom') {
    titled(main, 'Classroom', `<h1>No classroom on this server</h1><p>This server runs for one learner, without
      accounts. Start it with <code>./faaslab start --classroom</code> to run a class.</p><p><a href="/">Back to the course map</a></p>`);
    return;
  }
  if (signedIn.signedIn && (signedIn.role === 'instructor' || rest)) {
    await showDashboard(main, rest ?? '', (title, html) => titled(main, title, html));
    return;
  }
  titled(main, 'Instructor sign-in', `<h1>Instructor sign-in</h1>
    <form id="sign-in-form" class="classroom-form" novalidate>
      ${field('Login', { id: 'sign-in-login', name: 'login', autocomplete: 'username', required: true })}
      ${field('Password', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })}
      <button class="primary" type="submit" id="sign-in-submit">Sign in</button>
    </form>
    <p class="muted">Learning in a class? <a href="#/join">Join it with its code</a>.</p>`);
  const form = main.querySelector('form');
  onSubmit(form, async (values) => {
    rememberSession(await api.post('/api/classroom/sign-in', values));
    location.reload(); // the header and every page from now on are the instructor's
  });
  form.elements.namedItem('login').focus();
}
