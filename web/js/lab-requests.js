// The lab's fixed sets of unusual requests (#lab/requests/malformed, #lab/requests/binary): real HTTP requests
// through the function's trigger, one after another, each answered with its status. They are sent from this
// page, not the traffic generator: a handful in turn needs no more than the browser's own connections.

import { send } from './api.js';

// A PNG file's first 16 bytes: its signature and the start of its header, as an upload's body begins.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

const json = { 'content-type': 'application/json' };

/** Each set: what a request is, in words, and how to send it. */
export const REQUEST_SETS = {
  malformed: [
    { what: 'a POST of well-formed JSON, {"name": "Ada"}', method: 'POST', headers: json, body: '{"name": "Ada"}' },
    { what: 'a POST of JSON cut off half-way, {"name": "Ada"', method: 'POST', headers: json, body: '{"name": "Ada"' },
    { what: 'a POST labelled JSON with an empty body', method: 'POST', headers: json, body: '' },
    { what: 'a POST whose JSON is null', method: 'POST', headers: json, body: 'null' },
  ],
  binary: [
    { what: 'an upload of 16 bytes of a PNG image (image/png)', method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG },
    { what: 'a form post, name=Ada (application/x-www-form-urlencoded)', method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Ada' },
    { what: 'a POST of plain text, name=Ada (text/plain)', method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=Ada' },
  ],
};

/**
 * Sends one set to the function's HTTP trigger, in turn; resolves to one line per request: what it was, its
 * status and the start of the answer's body.
 */
export async function sendRequests(functionName, set) {
  const requests = REQUEST_SETS[set];
  if (!requests) throw new Error(`there is no set of requests called “${set}”: try malformed or binary.`);
  const lines = [];
  for (const request of requests) {
    let line;
    try {
      const response = await send(request.method, `/fn/${encodeURIComponent(functionName)}`,
        { headers: request.headers, body: request.body });
      const text = await response.text();
      line = `${request.what} → ${response.status}: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`;
    } catch (error) {
      line = `${request.what} → no answer: is ./faaslab start still running?`;
    }
    lines.push(line);
  }
  return lines;
}
