package dev.faaslab.grader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.events.queue.EventSourceMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a submission carries beside its code, as a Lambda function's live in the template beside it:
 * JavaScript's {@code export const config = { maximumConcurrency: 5 }}, Python's module-level
 * {@code config = {'maximumConcurrency': 5}}. The grader reads them from the source as a literal (never running
 * it) and they win over the check's own settings: {@code reservedConcurrency} is the function's, deployed with it
 * for every check; {@code maximumConcurrency} and {@code batchSize} are the queue trigger's, laid over the
 * {@code mapping} of a check that makes one ({@link #mapping}).
 *
 * @param maximumConcurrency  the queue trigger's batches at once (Lambda's ScalingConfig), or null
 * @param reservedConcurrency the function's ceiling (and guarantee), or null
 * @param batchSize           the queue trigger's messages per batch, or null
 */
record SubmissionConfig(Integer maximumConcurrency, Integer reservedConcurrency, Integer batchSize) {

    static final SubmissionConfig NONE = new SubmissionConfig(null, null, null);

    /** What a submission may set, in the words a learner reads when a key is not one of them. */
    static final Map<String, String> SETTINGS = settings();

    /** A config the grader cannot apply: the submission is graded no further, and this says why and where. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The settings of a submission whose source {@code file} has this outline; {@link #NONE} when it declares no
     * {@code config}.
     *
     * @throws Refused when its config is not a literal object, names a setting there is not, or is out of range
     */
    static SubmissionConfig of(SourceOutline outline, String file) {
        SourceOutline.Config config = outline.config();
        if (config == null) {
            return NONE;
        }
        String where = file + ":" + config.line() + ": ";
        if (config.problem() != null) {
            throw new Refused(where + config.problem() + ", so that the platform can read it without running"
                    + " your code, as Lambda reads a template: write the numbers themselves, such as "
                    + example(file));
        }
        if (!config.value().isObject()) {
            throw new Refused(where + "config is an object of settings, not " + config.value() + ": write "
                    + example(file));
        }
        config.value().fieldNames().forEachRemaining(name -> {
            if (!SETTINGS.containsKey(name)) {
                throw new Refused(where + "config." + name + " is not a setting the platform reads. It reads "
                        + String.join("; ", SETTINGS.values()) + ".");
            }
        });
        return new SubmissionConfig(
                whole(config.value(), "maximumConcurrency", EventSourceMapping.MIN_MAXIMUM_CONCURRENCY,
                        EventSourceMapping.MAX_MAXIMUM_CONCURRENCY, where),
                whole(config.value(), "reservedConcurrency", 0, 1_000, where),
                whole(config.value(), "batchSize", 1, 10, where));
    }

    /**
     * A check's queue trigger with this config laid over it: {@code maximumConcurrency} and {@code batchSize}
     * from the submission where it sets them, the manifest's {@code mapping} elsewhere.
     */
    QueueDelivery.QueueMapping over(QueueDelivery.QueueMapping manifest) {
        return new QueueDelivery.QueueMapping(batchSize != null ? batchSize : manifest.batchSize(),
                manifest.reportBatchItemFailures(),
                maximumConcurrency != null ? maximumConcurrency : manifest.maximumConcurrency());
    }

    private static Integer whole(JsonNode config, String name, int min, int max, String where) {
        JsonNode value = config.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.intValue() < min || value.intValue() > max) {
            throw new Refused(where + "config." + name + " is a whole number from " + min + " to " + max + ", not "
                    + value + ". " + SETTINGS.get(name));
        }
        return value.intValue();
    }

    private static String example(String file) {
        return file.endsWith(".py") ? "config = {'maximumConcurrency': 5}"
                : "export const config = { maximumConcurrency: 5 };";
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("maximumConcurrency", "maximumConcurrency: how many batches the queue trigger hands your"
                + " function at once (2 to 1,000, Lambda's ScalingConfig.MaximumConcurrency)");
        settings.put("reservedConcurrency", "reservedConcurrency: the most instances of your function at once,"
                + " and a guarantee of them (0 to 1,000); requests beyond it are throttled");
        settings.put("batchSize", "batchSize: how many messages the queue trigger puts in one event (1 to 10)");
        return Collections.unmodifiableMap(settings);
    }
}
