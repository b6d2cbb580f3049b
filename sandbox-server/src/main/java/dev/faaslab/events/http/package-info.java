/**
 * The HTTP trigger's two mappings, as API Gateway's HTTP API does them with Lambda payload format 2.0:
 * a request into the event a handler receives ({@link dev.faaslab.events.http.HttpApiEvent}), and the
 * handler's result back into an HTTP response ({@link dev.faaslab.events.http.HttpApiResponse}).
 *
 * <p>Pure Java, no server types, so the server and the tests share it. Where AWS's documentation is
 * silent, the behaviour follows what others observed on real API Gateway; each class cites its source.
 * The documented shape: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
package dev.faaslab.events.http;
