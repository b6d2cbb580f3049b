import { punctuation } from './punctuation.mjs';

export const greet = (name) => `Hello, ${name}${punctuation}`;
