// The glossary page: every term of lessons/glossary.yaml with its definition and the lessons that use it. Each term
// has its id as an anchor, which the lessons' glossary links point to.
import { api, showHealth } from './api.js';
import { h } from './dom.js';

async function render() {
  const { terms } = await api.get('/api/glossary');
  const list = document.getElementById('terms');
  list.replaceChildren(...terms.flatMap((term) => {
    const lessons = term.lessons.map((lesson) => h('a', { href: `/lesson.html?id=${encodeURIComponent(lesson.id)}`, text: lesson.title }));
    return [
      h('dt', { id: term.id, 'data-term': term.id, text: term.term }),
      h('dd', {}, h('p', { text: term.definition }),
        lessons.length ? h('p', { class: 'used-in' }, 'Used in: ', ...lessons.flatMap((link, i) => (i ? [', ', link] : [link]))) : ''),
    ];
  }));
  document.getElementById('terms-status').textContent = terms.length ? `${terms.length} terms.` : 'No terms yet.';
  list.setAttribute('aria-busy', 'false');
  // The terms are drawn after the page loaded, so the address's #term pointed at nothing then: pointing at it
  // again (in place, no new history entry) makes it the target, outlined by :target, and scrolls to it.
  if (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) location.replace(location.hash);
}

showHealth(document.getElementById('health'));
render().then(() => { document.body.dataset.ready = 'true'; }).catch((e) => {
  document.getElementById('terms-status').textContent = `The glossary could not load: ${e.message}`;
});
