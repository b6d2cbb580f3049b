// A handler of several modules with two npm dependencies (ms, uuid), zipped as Lambda takes it.
import ms from 'ms';
import { v4 as uuidv4, validate } from 'uuid';
import { greet } from './lib/greet.mjs';

export const handler = async (event) => ({
  greeting: greet(event.name ?? 'world'),
  twoDaysMs: ms('2 days'),
  idIsValid: validate(uuidv4()),
});
