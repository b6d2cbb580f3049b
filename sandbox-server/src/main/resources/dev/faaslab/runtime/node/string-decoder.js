// node:string_decoder: text from bytes that arrive in pieces, a character cut between two kept for the next.
'use strict';
const { Buffer } = require('buffer');
const { TextDecoder } = require('./web.js');

class StringDecoder {
  #decoder = null;
  #encoding;
  constructor(encoding = 'utf8') {
    this.#encoding = String(encoding).toLowerCase();
    if (this.#encoding === 'utf8' || this.#encoding === 'utf-8') this.#decoder = new TextDecoder('utf-8');
    else if (!Buffer.isEncoding(this.#encoding)) throw new TypeError('Unknown encoding: ' + encoding);
  }
  get encoding() { return this.#decoder ? 'utf8' : this.#encoding; }
  write(buffer) {
    if (typeof buffer === 'string') return buffer;
    return this.#decoder ? this.#decoder.decode(buffer, { stream: true }) : Buffer.from(buffer).toString(this.#encoding);
  }
  end(buffer) {
    const text = buffer === undefined ? '' : this.write(buffer);
    return this.#decoder ? text + this.#decoder.decode() : text;
  }
}
module.exports = { StringDecoder };
