package dev.faaslab.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The server's one JSON configuration: the REST API, the stores, the SDK bridge, the event sources and the
 * command line all read and write with these mappers (thread-safe once built, and never reconfigured), so a
 * number or a date means the same wherever it goes. Decimals are written as written ({@code 0.0000166667},
 * not {@code 1.66667E-5}). Two variants add one setting each, for the readers that need it; the YAML reader of
 * the lessons' files ({@code course.YamlBlock}) is the only mapper of its own.
 */
public final class Json {

    /** The default: every reader and writer that needs nothing more. */
    public static final JsonMapper MAPPER = builder().build();

    /**
     * Numbers keep every digit they were written with (floats as {@code BigDecimal}, exactly): the tables'
     * items, whose numbers a function or a learner compares and increments.
     */
    public static final JsonMapper EXACT_NUMBERS = builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /**
     * One JSON value and nothing after it: text after the value makes it invalid. For what a function returns
     * (as API Gateway reads it) and an event read from a file.
     */
    public static final JsonMapper ONE_VALUE = builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private Json() {
    }

    /** The shared settings, for a mapper that must add its own. */
    public static JsonMapper.Builder builder() {
        // Instants as ISO 8601 text ("2026-12-06T17:30:00Z"), as every time the API shows is written.
        return JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
