package dev.faaslab.http;

/**
 * One line of the route table: a method, a path template ({@code /api/functions/{name}}; a last
 * segment {@code {path...}} takes the rest of the path) and what handles it. The table is also what
 * the OpenAPI document is checked against.
 */
record Route(String method, String template, Handler handler) {

    /** Handles one matched request; throws a {@link dev.faaslab.core.Problem} to refuse it (anything else is a 500). */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange) throws Exception;
    }
}
