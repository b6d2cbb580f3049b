// The server's REST API, as the pages use it: every request of the app goes through request(). Every failure
// becomes an ApiError that carries the server's own code and message ({"error":{"code","message",…}}), read in
// one place (errorOf), so every page shows the same words for the same refusal.
import { escapeHtml } from './dom.js';

export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Methods that change nothing: they go without the CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOCAL = Object.freeze({ mode: 'local', signedIn: false });

let current = null;

/**
 * Who this browser is signed in as (GET /api/classroom/session), asked once a page: `mode` is "local" on a plain
 * `./faaslab start`, where nothing else here applies. Kept here, in one place, for send()'s CSRF token.
 */
export function session() {
  current ??= send('GET', '/api/classroom/session')
    .then((response) => (response.ok ? response.json() : LOCAL))
    .catch(() => LOCAL);
  return current;
}

/** What signing in, joining or signing out answered: the session from now on, with its new CSRF token. */
export function rememberSession(answer) {
  current = Promise.resolve({ mode: 'classroom', ...answer });
}

/** Where a classroom sends someone not signed in: an instructor's page to the sign-in, any other to the join form. */
export function signInPage() {
  return location.pathname === '/' && location.hash.startsWith('#/classroom') ? '/#/classroom' : '/#/join';
}

/**
 * The one call of fetch: the answer as it came, whatever its status. A function's own HTTP trigger (`/fn/…`) answers
 * with the function's status and body, which are the learner's to read as they are; the REST API goes through
 * request() below. In a classroom every change carries the session's CSRF token, and a 401 SignInRequired goes
 * to the sign-in page.
 */
export async function send(method, path, { headers = {}, body, keepalive = false } = {}) {
  const token = SAFE_METHODS.has(method) ? null : (await session()).csrfToken;
  let response;
  try {
    response = await fetch(path, { method, headers: token ? { ...headers, 'X-CSRF-Token': token } : headers, body, keepalive });
  } catch (e) {
    throw new ApiError(0, 'Offline', 'The FaaS Lab server did not answer. Is `./faaslab start` still running?');
  }
  if (response.status === 401 && !path.startsWith('/api/classroom/')) await leaveIfSignedOut(response);
  return response;
}

async function leaveIfSignedOut(response) {
  let code = null;
  try {
    code = (await response.clone().json())?.error?.code;
  } catch (e) {
    return; // not the API's refusal: a function's own 401
  }
  if (code === 'SignInRequired' && (await session()).mode === 'classroom') {
    const target = signInPage();
    if (location.pathname + location.hash !== target) location.assign(target);
  }
}

/** `keepalive`: the request outlives the page, as one sent while the page closes must (Fetch's 64 KB at most). */
export async function request(method, path, body, headers = {}, { keepalive = false } = {}) {
  const response = await send(method, path, {
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
    keepalive,
  });
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  if (!response.ok) {
    throw errorOf(response.status, text);
  }
  try {
    return text ? JSON.parse(text) : null;
  } catch (e) {
    return text;
  }
}

/** The one reader of an error answer: the server's code, message and details, or the status when it sent none. */
function errorOf(status, text) {
  let error = null;
  try {
    error = JSON.parse(text)?.error;
  } catch (e) {
    // Not JSON (a proxy's page, say): the status is all there is to tell.
  }
  const { code, message, ...details } = error && typeof error === 'object' ? error : {};
  return new ApiError(status, code || 'HttpError', message || `The server answered ${status}.`, details);
}

export const api = {
  get: (path) => request('GET', path),
  put: (path, body) => request('PUT', path, body),
  post: (path, body) => request('POST', path, body),
  patch: (path, body) => request('PATCH', path, body),
  del: (path) => request('DELETE', path),
};

/** The learner's progress documents (see the OpenAPI document's "Progress" tag for the keys). */
export const progress = {
  async all() {
    return (await api.get('/api/progress')).progress || {};
  },
  put: (key, document, options) => request('PUT', `/api/progress/${encodeURIComponent(key)}`, document, {}, options),
  remove: (key) => api.del(`/api/progress/${encodeURIComponent(key)}`),
};

/** The server's state line in the header: runtime mode, and whether the engines are still starting. */
export async function showHealth(element) {
  if (!element) return;
  try {
    const health = await api.get('/health');
    const engines = health.engines || {};
    const starting = Object.entries(engines).filter(([, state]) => state !== 'ready').map(([name]) => name);
    element.textContent = starting.length
      ? `Server warming up: ${starting.join(' and ')} starting…`
      : `Server ready (${health.runtimeMode} mode)`;
    if (starting.length) setTimeout(() => showHealth(element), 2000);
  } catch (e) {
    element.textContent = 'Server not reachable';
  }
}

/**
 * What a page about one thing (`?id=…`) needs first: that thing from `path(id)` and the learner's progress.
 * Without an id it goes back to the course map; when the thing cannot load it says so in `article`.
 * Resolves to null in both cases.
 */
export async function loadPageSubject(path, article, what) {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) {
    location.replace('/');
    return null;
  }
  try {
    const [subject, saved] = await Promise.all([api.get(path(encodeURIComponent(id))), progress.all()]);
    return { id, subject, saved };
  } catch (e) {
    article.innerHTML = `<h1>${escapeHtml(what)} not available</h1><p>${escapeHtml(e.message)}</p><p><a href="/">Back to the course map</a></p>`;
    article.setAttribute('aria-busy', 'false');
    return null;
  }
}

session(); // asked at once, so that the first change of the page does not wait for it
