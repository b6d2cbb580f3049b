package dev.faaslab.runtime;

/**
 * A provider's handler contract: how an {@link Event} becomes what the guest's handler is called with, and
 * how the handler's answer becomes an HTTP response. The runtime keeps what every style shares (the
 * sandbox, limits, console, timers, the event loop, the {@code faaslab} module); a style adds one small
 * JavaScript file, one small Python file, and this class. Pools, billing and the platform never see a style: they carry events
 * and outcomes.
 */
public interface HandlerStyle {

    /**
     * The style's name as a function declares it ({@code aws-lambda}, {@code cloudflare-workers}, …): also in logs
     * and the bootstrap's source name.
     */
    String name();

    /** The provider's name as a learner knows it ({@code AWS Lambda}), for messages. */
    default String title() {
        return name();
    }

    /**
     * Why a function cannot be deployed in this style, checked when it is saved: a language the provider does not
     * run, or code that defines nothing the style calls (naming what was looked for). Empty when it may be tried.
     */
    default java.util.Optional<String> refusal(FunctionConfig config) {
        return java.util.Optional.empty();
    }

    /**
     * The variables the provider sets beside the function's own ({@code lambdas}: the function's and Lambda's
     * reserved ones, {@code AWS_REGION} …): a provider's style replaces Lambda's with its own.
     */
    default java.util.Map<String, String> variables(FunctionConfig config, java.util.Map<String, String> lambdas) {
        return lambdas;
    }

    /**
     * An invocation's log in the provider's words: Lambda's START, the function's lines, END and REPORT by
     * default; a provider's style names its own terms (Azure's invocation id, Workers' CPU time).
     */
    default java.util.List<String> logText(InvocationResult result, String version) {
        return result.lambdaLogText(version);
    }

    /** Whether the provider bills CPU time rather than wall time (Workers): the runtime then measures it. */
    default boolean billsCpuTime() {
        return false;
    }

    /** The handler a function of this style and language has when none is given ({@code index.handler}). */
    default String defaultHandler(Language language) {
        return language == Language.PYTHON ? "lambda_function.lambda_handler" : "index.handler";
    }

    /**
     * Whether a queue batch's answer always says which messages failed ({@code batchItemFailures}), whatever the
     * trigger's ReportBatchItemFailures: true for a provider whose handlers settle each message (Workers'
     * {@code ack}/{@code retry}, one Azure or Cloud Run invocation per message); Lambda reads it only when asked.
     */
    default boolean settlesEachMessage() {
        return false;
    }

    /**
     * The style's half of the JavaScript bootstrap: the text of one function expression that takes the
     * shared core (config, hostNow, hostRecord, handler(), begin(), finish()) and returns
     * {@code invoke(requestId, deadline, attempt, ...input)}: the invocation's request id, deadline (epoch
     * milliseconds) and attempt, then the values of {@link #input(Event)}, as plain arguments (proxy objects
     * would cost a boundary crossing per member read, on every request). Read once per style; it must not change.
     */
    String javaScript();

    /**
     * The style's half of the Python bootstrap: the text of a module that defines {@code faaslab_style(core)},
     * which takes the shared core (config, host_now, state['handler'], capture_logging(), error(), exited()) and
     * returns {@code invoke(text, request_id, deadline_ms, attempt)}, answering {@code 'R'} and the result's
     * JSON or {@code 'E'} and the error's. {@code text} is {@link #pythonInput(Event)}. Read once per style.
     */
    String python();

    /**
     * The arguments the style's JavaScript {@code invoke} receives after the request id, deadline and attempt,
     * for this event: strings, numbers, booleans or nulls. Throws {@link Payloads.PayloadTooLargeException}
     * when the guest could not be given the event.
     */
    Object[] input(Event event);

    /** What the style's Python receives as its {@code invoke}'s first argument for this event. */
    String pythonInput(Event event);

    /**
     * Refuses, before any instance is taken, an event the guest could not be given. The runtime checks
     * JSON events against Lambda's 6 MB itself; a style checks the HTTP requests it maps.
     */
    void check(Event event);

    /**
     * The HTTP response for the outcome of an {@link Event.Http}.
     *
     * @param outcome the handler's answer (its JSON) or its error
     */
    HttpReply response(Outcome outcome);
}
