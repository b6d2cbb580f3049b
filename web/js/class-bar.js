// In a classroom, every page's header says who is signed in, in which class, with a way to sign out. A learner is
// told as it happens when their instructor pauses or resumes the class, or closes the lesson or exercise they have
// open: their own live stream brings their class's news (and only their class's). On a plain ./faaslab start:
// nothing.
import { api, session, rememberSession } from './api.js';
import { h } from './dom.js';
import { connectStream } from './stream.js';

export async function showClassBar() {
  const signedIn = await session();
  const header = document.querySelector('.site-header');
  if (signedIn.mode !== 'classroom' || !signedIn.signedIn || !header || header.querySelector('[data-class-bar]')) return;
  const instructor = signedIn.role === 'instructor';
  const signOut = h('button', { type: 'button', id: 'sign-out', text: 'Sign out' });
  const bar = h('div', { class: 'class-bar', 'data-class-bar': signedIn.role },
    h('span', {}, instructor ? 'Instructor ' : '', h('strong', { 'data-signed-in-name': '', text: signedIn.name })),
    signedIn.classView ? h('span', { 'data-class-title': '', text: signedIn.classView.title }) : '',
    instructor ? h('a', { href: '/#/classroom', text: 'Dashboard' }) : '',
    signOut);
  const health = header.querySelector('.health');
  if (health) health.before(bar);
  else header.append(bar);
  signOut.addEventListener('click', async () => {
    await api.post('/api/classroom/sign-out').catch(() => null);
    rememberSession({ signedIn: false });
    location.replace(instructor ? '/#/classroom' : '/#/join');
    location.reload();
  });
  if (!instructor && signedIn.classView) followClass(header, bar, signedIn.classView);
}

/** The lesson or exercise this page is about, which a class may close; null on any other page. */
function pageSubject() {
  const kind = { '/lesson.html': 'lesson', '/exercise.html': 'exercise' }[location.pathname];
  const id = new URLSearchParams(location.search).get('id');
  return kind && id ? { kind, id } : null;
}

/** The class as the stream's `class` event tells it, from the session's view of it. */
const news = (view) => ({ title: view.title, paused: view.paused, closed: view.syllabus?.closed ?? [] });

/** Shows the class's pause and this page's closing, now and whenever the instructor changes them. */
function followClass(header, bar, classView) {
  // One status region from the start, so that screen readers announce each notice put into it later.
  const notices = h('div', { class: 'class-notices', role: 'status', 'data-class-notices': '' });
  header.after(notices);
  const subject = pageSubject();
  const paused = h('p', { class: 'class-notice', 'data-paused-banner': '' },
    h('strong', { text: 'Your class is paused. ' }),
    'Your instructor has paused it: your functions do not run until they resume it. Reading and writing code still works.');
  const closed = subject && h('p', { class: 'class-notice', 'data-closed-banner': '' },
    h('strong', { text: `This ${subject.kind} is closed. ` }),
    `Your instructor closed it: you can still read it here, but what you answer or submit is refused until they open it again.`);
  const place = (notice, shown) => {
    if (!notice || shown === notice.isConnected) return; // unchanged: not announced again
    if (shown) notices.append(notice);
    else notice.remove();
  };
  const show = (view) => {
    const title = bar.querySelector('[data-class-title]');
    if (title) title.textContent = view.title;
    place(paused, view.paused);
    place(closed, Boolean(subject) && view.closed.includes(subject.id));
  };
  show(news(classView));
  const source = connectStream([(type, data) => type === 'class' && show(data)]);
  // At each (re)connection: whatever changed while the stream was not yet, or no longer, open.
  source.addEventListener('ready', async () => {
    try {
      const { classView: fresh } = await api.get('/api/classroom/session');
      if (fresh) show(news(fresh));
    } catch (e) {
      return; // the next connection asks again
    }
    bar.dataset.live = 'true';
  });
}

showClassBar();
