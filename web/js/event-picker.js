// The event picker: realistic AWS-shaped sample events (web/events/<kind>.json) in an editable text area, and
// the event read back as JSON, with a message a learner can act on when it does not parse.
import { api } from './api.js';
import { h } from './dom.js';

export const EVENT_KINDS = {
  http: 'HTTP request (API Gateway)',
  queue: 'Queue messages (SQS)',
  schedule: 'Schedule tick (EventBridge)',
  upload: 'Object upload (S3)',
  custom: 'Custom JSON',
};

export class EventPicker {
  /**
   * @param root  where the picker goes: its list (#event-kind), its text (#event-json) and `help` below them
   * @param help  what the event is for, on this page
   */
  constructor(root, help) {
    this.select = h('select', { id: 'event-kind' });
    this.text = h('textarea', { id: 'event-json', rows: 6, spellcheck: 'false', 'aria-describedby': 'event-help' });
    root.append(
      h('div', { class: 'toolbar' }, h('label', { for: 'event-kind', text: 'Event' }), this.select),
      h('label', { for: 'event-json', class: 'visually-hidden', text: 'Event JSON' }), this.text,
      h('p', { class: 'editor-help', id: 'event-help', text: help }));
    this.select.addEventListener('change', () => this.load(this.select.value));
  }

  /** Offers every kind, `first` ones first, and loads the first. */
  async fill(first = []) {
    const offered = first.filter((kind) => kind in EVENT_KINDS);
    const kinds = [...offered, ...Object.keys(EVENT_KINDS).filter((kind) => !offered.includes(kind))];
    this.select.replaceChildren(...kinds.map((kind) => h('option', { value: kind, text: EVENT_KINDS[kind] })));
    await this.load(kinds[0]);
  }

  /** Shows the sample event of `kind`. */
  async load(kind) {
    this.select.value = kind;
    try {
      this.text.value = JSON.stringify(await api.get(`/events/${kind}.json`), null, 2);
    } catch {
      this.text.value = '{}';
    }
  }

  /** Shows `value` as the event, under `kind` (custom JSON unless it is a kind's sample). */
  use(value, kind = 'custom') {
    this.select.value = kind;
    this.text.value = JSON.stringify(value, null, 2);
  }

  /** The event as a value; throws a SyntaxError whose message says what to fix (and moves the focus to the text). */
  event() {
    try {
      return JSON.parse(this.text.value || 'null');
    } catch (e) {
      this.text.focus();
      throw new SyntaxError(`${e.message}. Fix the event, or pick a sample from the list.`);
    }
  }
}
