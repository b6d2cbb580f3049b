// node:events: EventEmitter and once, from the `events` package (Node's own EventEmitter, as browserify gives it).
'use strict';
module.exports = require('events/events.js');
