// The few DOM helpers every page shares: building elements, escaping text for HTML, and the app's colours.

/** Creates an element with attributes (`text` sets its text) and children. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

/** Text made safe to put inside HTML markup or an attribute value. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

const COLOURS = ['fg', 'muted', 'border', 'surface-2', 'accent', 'warn', 'error', 'cold', 'warm', 'busy', 'idle',
  'initialising'];

/** The app's colours, read from the CSS variables, so charts follow the light or dark scheme. */
export function palette() {
  const style = getComputedStyle(document.documentElement);
  return Object.fromEntries(COLOURS.map((name) => [name, style.getPropertyValue(`--${name}`).trim()]));
}
