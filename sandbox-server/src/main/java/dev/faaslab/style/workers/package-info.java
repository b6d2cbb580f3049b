/**
 * Cloudflare Workers' handler style ({@code cloudflare-workers}): module syntax's {@code fetch}, {@code scheduled} and
 * {@code queue} handlers, Python Workers, {@code env} with variables and bindings (tables as KV, buckets as R2,
 * queues as producers), {@code ctx.waitUntil}, CPU time in the log, and Cloudflare's error 1101 page.
 */
package dev.faaslab.style.workers;
