// The LMSs (LTI 1.3 platforms) the server takes launches from, on the instructor's dashboard: the tool's own URLs,
// which an LMS's administrator pastes into Moodle or Canvas, each with a copy button; the LMSs registered so far; and
// a form that registers one with what the LMS shows (docs/lti.md says where each value is). They are the server's,
// not one class's: the section sits under the list of classes. A refusal is shown beside the field it names.
import { api } from './api.js';
import { escapeHtml, field, onSubmit } from './dom.js';

const PATH = '/api/lti/platforms';

/** The tool's URLs, with the names Moodle and Canvas give them. */
const TOOL_URLS = [
  ['loginUrl', 'Login initiation URL', 'Moodle: Initiate login URL. Canvas: OpenID Connect Initiation Url.'],
  ['launchUrl', 'Launch, redirect and deep-linking URL', 'Moodle: Tool URL, Redirection URI(s) and Content Selection URL.'
    + ' Canvas: Target Link URI and Redirect URIs.'],
  ['jwksUrl', 'Public keyset URL', 'Moodle: Public keyset. Canvas: Public JWK URL.'],
];

/** What FaaS Lab needs from the LMS: the API's fields, as Moodle and Canvas name them. */
const FIELDS = [
  ['issuer', 'Issuer', 'Moodle: Platform ID. Canvas: https://canvas.instructure.com (hosted), or your Canvas address.'],
  ['clientId', 'Client ID', 'Moodle: Client ID. Canvas: the developer key\'s Client ID.'],
  ['deploymentIds', 'Deployment IDs', 'Separated by commas, such as 1 or 1, 7.'],
  ['authLoginUrl', 'Authentication request URL', 'Canvas (hosted): https://sso.canvaslms.com/api/lti/authorize_redirect'],
  ['tokenUrl', 'Access token URL', 'Canvas (hosted): https://sso.canvaslms.com/login/oauth2/token'],
  ['jwksUrl', 'Public keyset URL', 'Canvas (hosted): https://sso.canvaslms.com/api/lti/security/jwks'],
];

export async function showLtiPlatforms(section) {
  const { tool, platforms } = await api.get(PATH);
  section.innerHTML = `<h2 id="lti-title">Learning platforms (LTI 1.3)</h2>
    <p>A course in Moodle, Canvas or another LMS can launch its learners into a class of its own and get their
      scores back. The LMS's administrator registers FaaS Lab with these URLs, then you register the LMS below.</p>
    <h3>FaaS Lab's URLs, for the LMS</h3>
    ${TOOL_URLS.map(([name, label, hint]) => `<p class="field tool-url">
      <label for="tool-${name}">${escapeHtml(label)}</label>
      <span class="hint" id="tool-${name}-hint">${escapeHtml(hint)}</span>
      <span class="toolbar"><input id="tool-${name}" readonly size="42" value="${escapeHtml(tool[name])}"
          aria-describedby="tool-${name}-hint">
        <button type="button" id="copy-tool-${name}" data-copy="tool-${name}">Copy<span class="visually-hidden"> the ${escapeHtml(label.toLowerCase())}</span></button></span></p>`).join('')}
    <p role="status" id="lti-copy-status" class="muted"></p>
    <h3 id="lti-registered-title">Registered</h3>
    <div id="lti-platforms"></div>
    <h3>Register an LMS</h3>
    <form id="lti-form" class="classroom-form" novalidate>
      ${FIELDS.map(([name, label, hint]) => field(label, { id: `lti-${name}`, name, type: name.endsWith('Url') ? 'url' : 'text',
    autocomplete: 'off', spellcheck: 'false', required: true }, hint)).join('')}
      <p class="toolbar"><button class="primary" type="submit" id="lti-register">Register the LMS</button>
        <span role="status" id="lti-status" class="muted"></span></p>
    </form>`;
  listPlatforms(section, platforms);
  const status = section.querySelector('#lti-status');
  for (const button of section.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', () => copy(section, section.querySelector(`#${button.dataset.copy}`)));
  }
  const form = section.querySelector('form');
  onSubmit(form, async (values) => {
    status.textContent = '';
    const deploymentIds = values.deploymentIds.split(',').map((id) => id.trim()).filter(Boolean);
    const registered = await api.post(PATH, { ...values, deploymentIds });
    form.reset();
    listPlatforms(section, (await api.get(PATH)).platforms);
    status.textContent = `Registered ${registered.issuer} (client ${registered.clientId}).`;
  });
}

function listPlatforms(section, platforms) {
  section.querySelector('#lti-platforms').innerHTML = platforms.length
    ? `<table id="lti-platform-list" aria-labelledby="lti-registered-title">
        <thead><tr><th scope="col">Issuer</th><th scope="col">Client ID</th><th scope="col">Deployment IDs</th>
          <th scope="col">Public keyset URL</th></tr></thead>
        <tbody>${platforms.map((p) => `<tr data-platform="${escapeHtml(`${p.issuer} ${p.clientId}`)}">
          <th scope="row">${escapeHtml(p.issuer)}</th><td>${escapeHtml(p.clientId)}</td>
          <td>${escapeHtml(p.deploymentIds.join(', '))}</td><td>${escapeHtml(p.jwksUrl)}</td></tr>`).join('')}</tbody></table>`
    : '<p id="lti-platform-list">No LMS registered yet.</p>';
}

async function copy(section, input) {
  const status = section.querySelector('#lti-copy-status');
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = 'Copied.';
  } catch (e) {
    status.textContent = 'Selected: press Ctrl+C to copy it.';
  }
}
