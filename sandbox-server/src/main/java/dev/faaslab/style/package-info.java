/**
 * The providers' handler styles ({@link dev.faaslab.runtime.HandlerStyle}): AWS Lambda's in {@code lambda},
 * Cloudflare Workers', Cloud Run functions', Azure Functions' and Netlify's beside it, each a package of its own
 * over what {@code provider} shares; {@link dev.faaslab.style.Styles} lists them for the composition.
 */
package dev.faaslab.style;
