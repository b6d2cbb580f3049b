/**
 * Cloud Run functions' handler style ({@code gcp-functions}, formerly Google Cloud Functions): the
 * functions-framework's {@code http} and {@code cloudEvent} registrations in JavaScript and Python, Express's and
 * Flask's request and response, and the CloudEvents Eventarc delivers for Pub/Sub, Cloud Storage and Cloud Scheduler.
 */
package dev.faaslab.style.gcp;
