package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.platform.FunctionSpec;
import java.time.Instant;

/**
 * The REST API's body readers, opened to the fuzz tests in {@code dev.faaslab.fuzz}: a body is parsed by the
 * server's own mapper and handed to the reader its route calls, and whatever that throws is answered as the
 * router answers it. Nothing is deployed, scheduled or sent: only the reading runs.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The routes whose bodies are read here, each with the reader its handler calls. */
    public enum Route {
        /** {@code PUT /api/functions/{name}}: a new function, then an update of it. */
        PUT_FUNCTION("PUT", "/api/functions/fuzzed") {
            @Override
            void read(JsonNode body) {
                FunctionSpec created = FunctionRequest.from("fuzzed", body, null, dev.faaslab.style.Styles.all()).spec();
                FunctionRequest.from("fuzzed", body, created, dev.faaslab.style.Styles.all());
            }
        },
        /** {@code POST /api/simulations}: the model a run would simulate (not the run). */
        POST_SIMULATION("POST", "/api/simulations") {
            @Override
            void read(JsonNode body) {
                SimulationsApi.model(body);
            }
        },
        /** {@code POST /api/traffic}: the plan a traffic run would follow. */
        POST_TRAFFIC("POST", "/api/traffic") {
            @Override
            void read(JsonNode body) {
                TrafficApi.plan(body);
            }
        },
        /** {@code PUT /api/schedules/{name}}: a new schedule. */
        PUT_SCHEDULE("PUT", "/api/schedules/fuzzed") {
            @Override
            void read(JsonNode body) {
                SchedulesApi.read("fuzzed", body, null, Instant.EPOCH);
            }
        },
        /** {@code PUT /api/queues/{name}}: the {@code redrivePolicy} field's value. */
        PUT_QUEUE_REDRIVE("PUT", "/api/queues/fuzzed") {
            @Override
            void read(JsonNode body) {
                QueuesApi.redrive(body);
            }
        },
        /** {@code POST /api/queues/{name}/messages}: the {@code entries} field's value, a batch. */
        POST_MESSAGE_BATCH("POST", "/api/queues/fuzzed/messages") {
            @Override
            void read(JsonNode body) {
                QueuesApi.entries(body);
            }
        };

        private final String method;
        private final String path;

        Route(String method, String path) {
            this.method = method;
            this.path = path;
        }

        abstract void read(JsonNode body) throws Exception;
    }

    /**
     * What the server answers a body it refuses; {@code status} 0 when the body was read.
     *
     * @param code    the error's code, such as {@code BadRequest}; null when read
     * @param message the error's message; null when read
     */
    public record Answer(int status, String code, String message) {
    }

    /** Reads {@code body} as {@code route} does. */
    public static Answer read(Route route, byte[] body) {
        try {
            route.read(Exchange.JSON.readTree(body));
            return new Answer(0, null, null);
        } catch (Throwable e) {
            dev.faaslab.core.Problem answer = Router.toProblem(e, route.method, route.path);
            return new Answer(answer.status(), answer.code(), answer.message());
        }
    }
}
