// A learner's code for one lesson or exercise, saved on the server per language (progress key
// `<prefix>.<runtime>`) as they type, so that it survives reloads, closed tabs and restarts.
//
// A language's code is its entry file's text (`code`, the handler's file) and, for a function of several files,
// the other files' texts by path (`files`, left out when there are none): a document saved before functions had
// several files is the entry file alone, as it always was.
//
// Every change is saved at once, one request at a time per language: changes made while a save travels wait for it
// and go together in the next. Each save carries the count of edits so far (`revision`), and the server keeps
// the highest, so saves that arrive out of order never bring older code back. Saves are keep-alive requests,
// which outlive the page; when the page is hidden or left, edits no save has confirmed yet are sent once more
// and written to this tab's sessionStorage, where a reload finds them if the server has not got them yet.
import { ApiError, progress } from './api.js';

/** Fetch refuses keep-alive bodies past 64 KB in all; larger code is saved by an ordinary request. */
const KEEPALIVE_BYTES = 60 * 1024;
/** "Saving…" shows only when a save takes this long: at typing speed it would flicker on every key. */
const SLOW_SAVE_MS = 700;
const DRAFT_PREFIX = 'faaslab.unsaved.';
/** A draft bridges a reload, a moment: an older one may predate a reset or an import made elsewhere since. */
const DRAFT_LIFETIME_MS = 60_000;

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
    this.files = new Map();   // key -> { edited: {code, revision} | null, savedRevision, sending, failure }
    this.slowTimer = null;
    const leave = () => this.#leave();
    addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && leave());
  }

  key(runtime) {
    return `${this.prefix}.${runtime}`;
  }

  /** The entry file's code for `runtime`: edits this tab left unsaved, else the saved code, else `starter`. */
  codeFor(runtime, starter) {
    return this.filesFor(runtime, starter).code;
  }

  /**
   * The code for `runtime` as `{code, files}`: the entry file's text (as codeFor) and the other files' texts by
   * path, `{}` for a function of one file. Read once a language is shown: it takes this tab's unsaved edits.
   */
  filesFor(runtime, starter) {
    const key = this.key(runtime);
    const file = this.#file(key);
    const draft = takeDraft(key);
    if (draft && draft.revision > file.savedRevision) {
      const content = { code: draft.code, files: otherFiles(draft) };
      this.#edit(key, content, draft.revision);   // newer than the server's: saved again now
      return content;
    }
    const document = this.saved[key];
    return document && typeof document.code === 'string'
      ? { code: document.code, files: otherFiles(document) }
      : { code: starter, files: {} };
  }

  /**
   * The learner changed the code of `runtime` (`files`: the other files by path, when there are any): saved at
   * once, or with the next save if one is on its way.
   */
  change(runtime, code, files = {}) {
    const key = this.key(runtime);
    const file = this.#file(key);
    this.#edit(key, { code, files }, Math.max(file.savedRevision, file.edited?.revision ?? 0) + 1);
  }

  /** Resolves once every change so far is saved, or its save failed; deploys and language switches wait for it. */
  async flush() {
    for (const [key, file] of this.files) if (unsaved(file) && !file.sending) this.#send(key);
    for (;;) {
      const sending = [...this.files.values()].map((file) => file.sending).filter(Boolean);
      if (sending.length === 0) return;
      await Promise.allSettled(sending);
    }
  }

  /**
   * Forgets the saved code for `runtime`, every file of it: the starter comes back. The document stays, without
   * code and at a newer revision than any edit so far, so that a save of this page or the last one still on its way
   * is refused.
   */
  async reset(runtime) {
    const key = this.key(runtime);
    const file = this.#file(key);
    const revision = Math.max(file.savedRevision, file.edited?.revision ?? 0) + 1;
    file.edited = null;
    file.failure = null;
    while (file.sending) await file.sending.catch(() => {});
    removeDraft(key);
    const document = { code: null, savedAt: new Date().toISOString(), revision };
    try {
      await progress.put(key, document);
      this.#stored(key, document);
      this.#say('Reset to the starter code', 'reset');
    } catch (error) {
      this.#say(`Not reset: ${error.message}`, 'error');
    }
  }

  #file(key) {
    if (!this.files.has(key)) {
      const revision = this.saved[key]?.revision;
      this.files.set(key, { edited: null, savedRevision: Number.isInteger(revision) ? revision : 0, sending: null, failure: null });
    }
    return this.files.get(key);
  }

  #edit(key, content, revision) {
    const file = this.#file(key);
    file.edited = { ...content, revision };
    file.failure = null;
    this.status.dataset.editedRevision = String(revision);
    this.#showState();
    if (!file.sending) this.#send(key);
  }

  /** Sends the newest edit of `key`; when it is stored, sends whatever came meanwhile. */
  #send(key) {
    const file = this.#file(key);
    const document = documentOf(file.edited);
    file.failure = null;
    file.sending = progress.put(key, document, { keepalive: fitsKeepalive(document) })
      .then(() => this.#stored(key, document), (error) => { file.failure = error; })
      .finally(() => {
        file.sending = null;
        if (!file.failure && unsaved(file)) this.#send(key);
        else this.#showState();
      });
  }

  #stored(key, document) {
    const file = this.#file(key);
    if (document.revision <= file.savedRevision) return;
    file.savedRevision = document.revision;
    this.saved[key] = document;
    if ((readDraft(key)?.revision ?? Infinity) <= document.revision) removeDraft(key);
  }

  /** The page is being hidden or left: whatever is unsaved goes now, and into this tab's storage. */
  #leave() {
    for (const [key, file] of this.files) {
      if (!unsaved(file)) continue;
      const document = documentOf(file.edited);
      writeDraft(key, { ...document, at: Date.now() });
      if (fitsKeepalive(document)) {
        // Beside a save still on its way, if any: the server keeps the higher revision whichever comes first.
        progress.put(key, document, { keepalive: true }).then(() => this.#stored(key, document), () => {});
      }
    }
  }

  #showState() {
    const files = [...this.files.values()];
    const failed = files.find((file) => file.failure);
    clearTimeout(this.slowTimer);
    this.slowTimer = null;
    if (failed) {
      const error = failed.failure;
      this.#say(error instanceof ApiError && error.status === 409
        ? 'Not saved: this code was saved from another tab or window since. Reload to see it.'
        : `Not saved: ${error.message} Your next change tries again.`, 'error');
    } else if (files.some(unsaved)) {
      this.slowTimer = setTimeout(() => this.#say('Saving…', 'saving'), SLOW_SAVE_MS);
    } else {
      this.#say('Saved', 'saved');
    }
  }

  #say(text, state) {
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.dataset.state = state;
  }
}

function unsaved(file) {
  return file.edited !== null && file.edited.revision > file.savedRevision;
}

/** An edit as the progress document that saves it: `files` only for a function of several files. */
function documentOf({ code, files, revision }) {
  const document = { code };
  if (Object.keys(files).length > 0) document.files = files;
  return Object.assign(document, { savedAt: new Date().toISOString(), revision });
}

/** A saved document's or draft's files beside the entry, by path; `{}` when it has none, or none readable. */
function otherFiles(document) {
  const files = document.files;
  const readable = files && typeof files === 'object' && !Array.isArray(files)
    && Object.values(files).every((text) => typeof text === 'string');
  return readable ? { ...files } : {};
}

function fitsKeepalive(document) {
  return new Blob([JSON.stringify(document)]).size <= KEEPALIVE_BYTES;
}

// ---- this tab's unsaved edits, across a reload ----

function readDraft(key) {
  try {
    const draft = JSON.parse(sessionStorage.getItem(DRAFT_PREFIX + key));
    const usable = draft && typeof draft.code === 'string' && Number.isInteger(draft.revision)
      && Date.now() - draft.at < DRAFT_LIFETIME_MS;
    return usable ? draft : null;
  } catch {
    return null;   // storage switched off, or an unreadable entry: the server's copy is all there is
  }
}

function takeDraft(key) {
  const draft = readDraft(key);
  removeDraft(key);
  return draft;
}

function writeDraft(key, draft) {
  try {
    sessionStorage.setItem(DRAFT_PREFIX + key, JSON.stringify(draft));
  } catch {
    // Storage full or switched off: the keep-alive save is still on its way.
  }
}

function removeDraft(key) {
  try {
    sessionStorage.removeItem(DRAFT_PREFIX + key);
  } catch {
    // Nothing to remove where there is no storage.
  }
}
