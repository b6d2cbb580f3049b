/**
 * Azure Functions' handler style ({@code azure-functions}): the Node.js v4 model's {@code app.http}, {@code timer},
 * {@code storageQueue} and {@code storageBlob} registrations and the Python v2 model's decorators, HTTP routed under
 * {@code /api/}, and Azure's log words and error answers.
 */
package dev.faaslab.style.azure;
