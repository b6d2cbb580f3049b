// A class's settings on its dashboard: title, what each learner may use (quotas), and which lessons and exercises
// are open, with the exercises' due dates. Saved with one PATCH; a refused figure is shown beside its field.
import { api } from './api.js';
import { escapeHtml, field, onSubmit } from './dom.js';

const QUOTAS = [
  ['concurrentInstances', 'Instances at once', '1 to 100'],
  ['invocationsPerMinute', 'Invocations a minute', '1 to 60,000'],
  ['memoryMb', 'Most memory per function (MB)', '128 to 10,240'],
  ['codeBytesPerFunction', 'Largest function code (bytes)', 'up to 1,048,576'],
  ['codeStorageBytes', 'All code and versions (bytes)', 'up to 78,643,200'],
  ['trafficRps', 'Traffic generator, requests a second', '1 to 100'],
  ['storageBytes', 'Tables and buckets together (bytes)', 'up to 1,073,741,824'],
];

/** A due instant as the value of a datetime-local field, in the reader's own time zone. */
function localValue(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

export function showSettings(section, grid) {
  const info = grid.classInfo;
  const items = [...grid.lessons.map((lesson) => ({ ...lesson, kind: 'Lesson' })),
    ...grid.exercises.map((exercise) => ({ ...exercise, kind: 'Exercise' }))];
  section.innerHTML = `<h2 id="settings-title">Settings</h2>
    <form id="settings-form" class="classroom-form settings" novalidate>
      ${field('Class title', { id: 'settings-title-field', name: 'title', value: info.title, required: true })}
      <fieldset class="quotas"><legend>What each learner may use</legend>
        ${QUOTAS.map(([name, label, hint]) => field(label, { id: `quota-${name}`, name, type: 'number', min: 1, value: info.quotas[name], required: true }, hint)).join('')}
      </fieldset>
      <table class="syllabus" id="syllabus"><caption>Lessons and exercises: what learners can open, and when exercises are due</caption>
        <thead><tr><th scope="col">Lesson or exercise</th><th scope="col">Open</th><th scope="col">Due</th></tr></thead>
        <tbody>${items.map((item) => `<tr data-item="${escapeHtml(item.id)}">
          <th scope="row" id="item-${escapeHtml(item.id)}">${item.kind}: ${escapeHtml(item.title)}</th>
          <td><input type="checkbox" data-open="${escapeHtml(item.id)}" aria-labelledby="open-word item-${escapeHtml(item.id)}"${item.open ? ' checked' : ''}></td>
          <td>${item.kind === 'Exercise' ? `<input type="datetime-local" data-due="${escapeHtml(item.id)}" aria-labelledby="due-word item-${escapeHtml(item.id)}" value="${localValue(item.due)}">` : ''}</td>
        </tr>`).join('')}</tbody></table>
      <span hidden id="open-word">Open</span><span hidden id="due-word">Due</span>
      <p class="toolbar"><button class="primary" type="submit" id="save-settings">Save the settings</button>
        <span role="status" id="settings-status" class="muted"></span></p>
    </form>`;
  const form = section.querySelector('form');
  const status = section.querySelector('#settings-status');
  onSubmit(form, async (values) => {
    status.textContent = '';
    const quotas = Object.fromEntries(QUOTAS.map(([name]) => [name, Number(values[name])]));
    const closed = [...form.querySelectorAll('[data-open]')].filter((box) => !box.checked).map((box) => box.dataset.open);
    const due = Object.fromEntries([...form.querySelectorAll('[data-due]')].filter((input) => input.value)
      .map((input) => [input.dataset.due, new Date(input.value).toISOString()]));
    await api.patch(`/api/classes/${encodeURIComponent(info.id)}`, { title: values.title, quotas, syllabus: { closed, due } });
    status.textContent = 'Saved: it applies at once.';
  });
}
