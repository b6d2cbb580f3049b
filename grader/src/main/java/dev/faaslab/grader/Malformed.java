package dev.faaslab.grader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.Json;
import dev.faaslab.events.http.HttpApiResponse;
import dev.faaslab.runtime.ErrorKind;
import dev.faaslab.runtime.FunctionError;
import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Sends the function {@code requests} of the grader's {@link MalformedRequests}, one after another, at {@code path}
 * (the route the function serves), and passes when API Gateway would have answered every one below 500: the
 * function threw on none and returned no response API Gateway cannot read. It counts the platform's answers, and
 * names the first request that got a 5xx, so that a learner can send it again and see why.
 *
 * @param requests how many to send (1 to {@value #MOST_REQUESTS}; the list is cycled)
 * @param path     the function's route, where the requests go (one goes to a route it does not have)
 */
record Malformed(int requests, String path) implements PlatformProbe {

    static final int MOST_REQUESTS = 50;

    Malformed {
        if (requests < 1 || requests > MOST_REQUESTS) {
            throw new IllegalArgumentException("malformed needs 1 to " + MOST_REQUESTS + " \"requests\", not "
                    + requests + " (the grader's list of " + MalformedRequests.ALL.size() + " is cycled)");
        }
        if (path == null || !path.startsWith("/") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("malformed's \"path\" is the route the function serves, starting with"
                    + " '/' and without a query, such as \"/greet\", not " + (path == null ? "nothing" : "'" + path + "'"));
        }
    }

    @Override
    public EventSpec event() {
        return MalformedRequests.ALL.getFirst().event(path);
    }

    @Override
    public Verdict run(Trial trial) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<InvocationResult> results = new ArrayList<>(requests);
        int threw = 0;
        String first5xx = null;
        for (MalformedRequests.Request request : MalformedRequests.first(requests)) {
            InvocationResult result = trial.invoke(request.event(path));
            results.add(result);
            int status;
            if (result.outcome() instanceof Outcome.Success(String json)) {
                status = HttpApiResponse.fromResult(json).status();
            } else if (result.error().kind() == ErrorKind.FUNCTION) {
                threw++;
                status = 500; // what API Gateway answers when the function throws
            } else {
                // A timeout, running out of memory or code that does not load: its own status says so.
                return Trial.failure(result.error(), expected(), Trial.output(results));
            }
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500 && first5xx == null) {
                first5xx = "the first was " + request.what() + " (" + request.describe(path) + "), answered " + status
                        + (result.outcome() instanceof Outcome.Success(String json) ? because(json, status)
                        : " because the function threw " + thrown(result.error()));
            }
        }
        String output = Trial.output(results);
        String counts = statuses.entrySet().stream()
                .map(entry -> entry.getValue() + " × " + entry.getKey()).collect(Collectors.joining(", "));
        String actual = requests + " malformed requests answered " + counts + "; the function threw on "
                + (threw == 0 ? "none" : threw) + (first5xx == null ? "" : "; " + first5xx);
        return first5xx == null ? Verdict.pass(expected(), actual, output) : Verdict.fail(expected(), actual, output);
    }

    @Override
    public String expected() {
        return requests + " malformed requests to " + path + " (bodies that are not JSON or JSON of the wrong type,"
                + " binary and form bodies, missing parts, an unknown route, other methods) each answered below 500,"
                + " the function throwing on none";
    }

    @Override
    public String kind() {
        return "malformed";
    }

    /** Why a result the function returned became a 5xx: it said so, or API Gateway could not read it. */
    private static String because(String json, int status) {
        try {
            JsonNode result = Json.MAPPER.readTree(json);
            if (result != null && result.path("statusCode").isInt() && result.path("statusCode").asInt() == status) {
                return ": the function answered " + status + " itself";
            }
        } catch (JsonProcessingException e) {
            // Not JSON at all: API Gateway cannot read it either.
        }
        return " because the function returned a response API Gateway cannot read (" + abbreviated(json) + ")";
    }

    /** {@code TypeError: … at index.mjs:12:3}: one line, without the hint the log already shows. */
    private static String thrown(FunctionError error) {
        return error.errorType() + ": " + error.errorMessage() + (error.location() == null ? "" : " at " + error.location());
    }

    private static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
