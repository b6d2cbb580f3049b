/**
 * AWS Lambda's handler style: {@code handler(event, context[, callback])}, with API Gateway's HTTP API
 * (payload 2.0) event for an HTTP request and API Gateway's mapping of the answer back to HTTP.
 *
 * <p>A package of its own, above {@code runtime} and beside the HTTP trigger's mapping it uses
 * ({@code events.http}): the runtime knows only {@link dev.faaslab.runtime.HandlerStyle}, so it no longer
 * imports API Gateway's event, and another provider's style is another package like this one. Only the
 * composition (the commands that build a runtime, the HTTP trigger) names it; the platform, its pools and
 * billing carry events and outcomes and never see a style.
 */
package dev.faaslab.style.lambda;
