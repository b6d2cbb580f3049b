// Cloud Run functions: core.mjs registers the function itself.
import './core.mjs';
