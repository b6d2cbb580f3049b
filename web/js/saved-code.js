// A learner's code for one lesson or exercise, saved on the server per language as they type
// (progress key `<prefix>.<runtime>`), so it survives reloads and restarts.
import { progress } from './api.js';

const SAVE_DELAY_MS = 600;

export class SavedCode {
  /**
   * @param prefix  the progress key without the runtime, e.g. `code.what-serverless-is`
   * @param saved   every progress document, as GET /api/progress gave them
   * @param status  the element that says "Saved" (role=status)
   */
  constructor(prefix, saved, status) {
    this.prefix = prefix;
    this.saved = saved;
    this.status = status;
    this.timer = null;
    this.pending = null;
  }

  key(runtime) {
    return `${this.prefix}.${runtime}`;
  }

  /** The saved code for `runtime`, or `starter` when there is none. */
  codeFor(runtime, starter) {
    const document = this.saved[this.key(runtime)];
    return document && typeof document.code === 'string' ? document.code : starter;
  }

  /** Saves after a pause in typing, or at once (Ctrl+S). */
  schedule(runtime, code, now) {
    clearTimeout(this.timer);
    this.pending = { runtime, code };
    this.status.textContent = 'Editing…';
    this.timer = setTimeout(() => this.flush(), now ? 0 : SAVE_DELAY_MS);
  }

  /** Saves what is waiting, if anything; deploys and language switches call it first. */
  async flush() {
    clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    const document = { code: pending.code, savedAt: new Date().toISOString() };
    try {
      await progress.put(this.key(pending.runtime), document);
      this.saved[this.key(pending.runtime)] = document;
      this.status.textContent = 'Saved';
    } catch (e) {
      this.status.textContent = `Not saved: ${e.message}`;
    }
  }

  /** Forgets the saved code for `runtime`: the starter comes back. */
  async reset(runtime) {
    clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    await progress.remove(this.key(runtime)).catch(() => {});
    delete this.saved[this.key(runtime)];
    this.status.textContent = 'Reset to the starter code';
  }
}
