package dev.faaslab.grader;

/**
 * The event a check sends, as JSON text.
 *
 * @param json the event
 * @param http whether it is an HTTP API event, whose result is then read as API Gateway maps it
 */
public record EventSpec(String json, boolean http) {

    public static final EventSpec EMPTY = new EventSpec("{}", false);
}
