// The same handler as CommonJS: require of a folder (lib/index.js), of JSON, and of two npm packages.
const ms = require('ms');
const { v4: uuidv4, validate } = require('uuid');
const { greet } = require('./lib');
const settings = require('./settings.json');

exports.handler = async (event) => ({
  greeting: greet(event.name ?? settings.defaultName),
  twoDaysMs: ms('2 days'),
  idIsValid: validate(uuidv4()),
});
