// In a classroom, every page's header says who is signed in, in which class, with a way to sign out; a learner
// whose class is paused sees a banner saying why their functions do not run. On a plain ./faaslab start: nothing.
import { api, session, rememberSession } from './api.js';
import { h } from './dom.js';

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
  if (signedIn.classView?.paused) {
    header.after(h('p', { class: 'paused-banner', role: 'status', 'data-paused-banner': '' },
      h('strong', { text: 'Your class is paused. ' }),
      'Your instructor has paused it: your functions do not run until they resume it. Reading and writing code still works.'));
  }
}

showClassBar();
