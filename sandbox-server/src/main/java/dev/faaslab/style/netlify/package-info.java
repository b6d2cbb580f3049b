/**
 * Netlify Functions' handler style ({@code netlify}, JavaScript only): the modern default export with its
 * {@code config.path} routes and Netlify's Context, the Lambda-compatible {@code handler} with Netlify's event,
 * scheduled functions, and Netlify's error answer.
 */
package dev.faaslab.style.netlify;
