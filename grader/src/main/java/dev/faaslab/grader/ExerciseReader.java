package dev.faaslab.grader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.core.Json;
import dev.faaslab.events.http.HttpHeader;
import dev.faaslab.events.queue.QueueAttributes;
import dev.faaslab.events.stream.StreamMapping;
import dev.faaslab.events.stream.StreamViewType;
import dev.faaslab.platform.EventInvokeConfig;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.Language;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an exercise's folder. Every mistake in a manifest is reported with the file and the check it is in,
 * since the person reading it is an exercise's author, not a learner.
 */
public final class ExerciseReader {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Path manifest;

    private ExerciseReader(Path manifest) {
        this.manifest = manifest;
    }

    /**
     * Reads {@code directory/exercise.json} and checks that the files it implies are there.
     *
     * @throws ExerciseException when the folder is not a readable, sensible exercise
     */
    public static Exercise read(Path directory) {
        return new ExerciseReader(directory.resolve(Exercise.MANIFEST)).exercise(directory);
    }

    private Exercise exercise(Path directory) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(manifest));
        } catch (NoSuchFileException e) {
            throw new ExerciseException(manifest + ": there is no such file; an exercise is a folder with an "
                    + Exercise.MANIFEST + " (see exercises/README.md)");
        } catch (JsonProcessingException e) {
            // Jackson's limits (nesting, a number's or a string's length) are reported without a location.
            JsonLocation at = e.getLocation();
            throw new ExerciseException(manifest + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ExerciseException(manifest + ": cannot read it (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw problem("the manifest must be a JSON object");
        }
        String id = directory.toAbsolutePath().normalize().getFileName().toString();
        if (root.has("id") && !root.path("id").asText().equals(id)) {
            throw problem("\"id\" is '" + root.path("id").asText() + "' but the folder is '" + id + "': make them the same");
        }
        Map<Language, String> handlers = handlers(root.path("languages"));
        Map<Language, List<String>> files = files(root.path("languages"), handlers);
        Exercise.Limits limits = limits(root.path("limits"));
        Fixtures fixtures = fixtures(root.path("fixtures"), directory);
        List<Check> checks = new ArrayList<>();
        JsonNode checkNodes = root.path("checks");
        if (!checkNodes.isArray() || checkNodes.isEmpty()) {
            throw problem("\"checks\" must list at least one check");
        }
        for (int i = 0; i < checkNodes.size(); i++) {
            checks.add(check(i + 1, checkNodes.get(i), handlers, files, limits, fixtures));
        }
        Exercise exercise = new Exercise(id, text(root, "title", "the manifest"), lesson(root),
                root.path("order").asInt(0), handlers, limits, checks, fixtures, directory, files);
        if (root.has("points") && root.path("points").asInt() != exercise.points()) {
            throw problem("\"points\" is " + root.path("points").asInt() + " but the checks add up to "
                    + exercise.points());
        }
        for (String file : files(exercise)) {
            if (!Files.isReadable(directory.resolve(file))) {
                throw new ExerciseException(directory.resolve(file) + ": missing; an exercise has README.md and a "
                        + "starter and a solution for each language it offers");
            }
        }
        return exercise;
    }

    private static List<String> files(Exercise exercise) {
        List<String> files = new ArrayList<>(List.of("README.md"));
        for (Language language : exercise.languages()) {
            for (String kind : List.of("starter", "solution")) {
                if (exercise.isPackage(language)) {
                    exercise.files(language).forEach(file -> files.add(kind + "/" + language.runtimeName() + "/" + file));
                } else {
                    files.add(kind + language.defaultExtension());
                }
            }
        }
        return files;
    }

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    /**
     * {@code "files"} of a language: {@code ["core.mjs", "lambda.mjs", …]}, the files a submission is made of when
     * it is several, the handler's file among them; each a plain name with the language's extension.
     */
    private Map<Language, List<String>> files(JsonNode languages, Map<Language, String> handlers) {
        Map<Language, List<String>> files = new EnumMap<>(Language.class);
        for (Map.Entry<String, JsonNode> entry : languages.properties()) {
            JsonNode list = entry.getValue().path("files");
            if (list.isMissingNode()) {
                continue;
            }
            Language language = Language.fromName(entry.getKey());
            String where = "\"languages\"." + entry.getKey() + ".files";
            List<String> names = new ArrayList<>();
            for (JsonNode name : list.isArray() ? list : JSON.createArrayNode()) {
                String file = name.asText("");
                boolean ours = language == Language.PYTHON ? file.endsWith(".py") : file.matches(".*\\.(mjs|cjs|js)");
                if (!name.isTextual() || !FILE_NAME.matcher(file).matches() || !ours || names.contains(file)) {
                    throw problem(where + ": '" + name.asText() + "' is not a file name of its own: list each file"
                            + " once, a plain name ending in " + (language == Language.PYTHON ? ".py" : ".mjs")
                            + ", as [\"core" + language.defaultExtension() + "\", \"lambda" + language.defaultExtension()
                            + "\"]");
                }
                names.add(file);
            }
            if (names.size() < 2 || names.size() > 10) {
                throw problem(where + " lists the 2 to 10 files a submission is made of (leave it out for one file),"
                        + " not " + names.size());
            }
            String module = HandlerName.parse(handlers.get(language)).module();
            if (names.stream().noneMatch(file -> file.substring(0, file.lastIndexOf('.')).equals(module))) {
                throw problem(where + ": the handler's module '" + module + "' is none of the files " + names
                        + ": list its file");
            }
            files.put(language, List.copyOf(names));
        }
        return files;
    }

    private Map<Language, String> handlers(JsonNode languages) {
        if (!languages.isObject() || languages.isEmpty()) {
            throw problem("\"languages\" must map each runtime offered to its handler, as "
                    + "{\"nodejs\":{\"handler\":\"index.handler\"},\"python\":{\"handler\":\"lambda_function.lambda_handler\"}}");
        }
        Map<Language, String> handlers = new EnumMap<>(Language.class);
        for (Iterator<Map.Entry<String, JsonNode>> entries = languages.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Language language;
            try {
                language = Language.fromName(entry.getKey());
                HandlerName.parse(entry.getValue().path("handler").asText(""));
            } catch (IllegalArgumentException e) {
                throw problem("\"languages\"." + entry.getKey() + ": " + e.getMessage());
            }
            handlers.put(language, entry.getValue().path("handler").asText());
        }
        return handlers;
    }

    private Exercise.Limits limits(JsonNode node) {
        int timeout = node.path("timeoutSeconds").asInt(Exercise.Limits.DEFAULT.timeoutSeconds());
        int memory = node.path("memoryMb").asInt(Exercise.Limits.DEFAULT.memoryMb());
        if (timeout < 1 || timeout > 900 || memory < 128 || memory > 10_240) {
            throw problem("\"limits\": timeoutSeconds must be 1 to 900 and memoryMb 128 to 10240");
        }
        return new Exercise.Limits(timeout, memory);
    }

    /**
     * {@code "fixtures"}: {@code {"tables": {"orders": {"partitionKey": "orderId"}}, "buckets": {"reference":
     * {"primes.txt": "fixtures/primes.txt"}}}}, each object's file inside the exercise's folder.
     */
    private Fixtures fixtures(JsonNode node, Path directory) {
        if (node.isMissingNode()) {
            return Fixtures.NONE;
        }
        if (!node.isObject() || !onlyFields(node, "tables", "buckets", "subscriptions", "queues")) {
            throw problem("\"fixtures\" must be an object holding \"tables\", \"buckets\", \"subscriptions\" and"
                    + " \"queues\", as {\"tables\": {\"orders\": {\"partitionKey\": \"orderId\"}}, \"buckets\":"
                    + " {\"reference\": {\"primes.txt\": \"fixtures/primes.txt\"}}, \"subscriptions\": [{\"bucket\":"
                    + " \"reference\"}], \"queues\": {\"orders\": {\"visibilityTimeout\": 1}}}");
        }
        for (String part : List.of("tables", "buckets", "queues")) {
            if (node.has(part) && !node.path(part).isObject()) {
                throw problem("\"fixtures\"." + part + " must be an object, by name, not " + node.path(part));
            }
        }
        Map<String, Fixtures.TableKeys> tables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> table : node.path("tables").properties()) {
            String where = "\"fixtures\".tables." + table.getKey();
            if (!TABLE_NAME.matcher(table.getKey()).matches()) {
                throw problem(where + ": a table's name is 3 to 255 letters, digits, dots, hyphens or underscores");
            }
            JsonNode keys = table.getValue();
            if (!keys.path("partitionKey").isTextual() || keys.path("partitionKey").asText().isEmpty()
                    || !onlyFields(keys, "partitionKey", "sortKey", "stream")
                    || keys.has("sortKey") && (!keys.path("sortKey").isTextual() || keys.path("sortKey").asText()
                    .isEmpty() || keys.path("sortKey").asText().equals(keys.path("partitionKey").asText()))) {
                throw problem(where + ": a table names its string keys, as {\"partitionKey\": \"orderId\"} (and "
                        + "\"sortKey\", another attribute, if it has one)");
            }
            StreamViewType stream = null;
            if (keys.has("stream")) {
                try {
                    stream = StreamViewType.parse(keys.path("stream").asText(""));
                } catch (IllegalArgumentException e) {
                    throw problem(where + ".stream: " + e.getMessage());
                }
            }
            tables.put(table.getKey(), new Fixtures.TableKeys(keys.path("partitionKey").asText(),
                    keys.has("sortKey") ? keys.path("sortKey").asText() : null, stream));
        }
        Map<String, Map<String, Path>> buckets = new LinkedHashMap<>();
        Path folder = directory.toAbsolutePath().normalize();
        for (Map.Entry<String, JsonNode> bucket : node.path("buckets").properties()) {
            String where = "\"fixtures\".buckets." + bucket.getKey();
            if (!BUCKET_NAME.matcher(bucket.getKey()).matches()) {
                throw problem(where + ": a bucket's name is 3 to 63 lower-case letters, digits, dots or hyphens");
            }
            if (!bucket.getValue().isObject()) {
                throw problem(where + ": a bucket maps each object's key to the file that holds it, as "
                        + "{\"primes.txt\": \"fixtures/primes.txt\"}");
            }
            Map<String, Path> objects = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> object : bucket.getValue().properties()) {
                Path file = object.getValue().isTextual() ? inside(folder, object.getValue().textValue()) : null;
                if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw problem(where + "." + object.getKey() + ": names no readable file inside the exercise's "
                            + "folder (" + object.getValue() + ")");
                }
                objects.put(object.getKey(), file);
            }
            buckets.put(bucket.getKey(), objects);
        }
        return new Fixtures(tables, buckets, subscriptions(node.path("subscriptions"), buckets.keySet()),
                queues(node.path("queues")));
    }

    /**
     * {@code "subscriptions": [{"bucket": "uploads", "prefix": "in/", "suffix": ".txt"}]}: fixture buckets whose
     * new objects invoke the check's function, at most one subscription per bucket, the filters optional.
     */
    private List<Fixtures.BucketTrigger> subscriptions(JsonNode node, java.util.Set<String> buckets) {
        if (node.isMissingNode()) {
            return List.of();
        }
        String example = "as [{\"bucket\": \"uploads\"}] or [{\"bucket\": \"uploads\", \"prefix\": \"in/\","
                + " \"suffix\": \".txt\"}]";
        if (!node.isArray()) {
            throw problem("\"fixtures\".subscriptions must be a list of the buckets that invoke the function, " + example);
        }
        List<Fixtures.BucketTrigger> triggers = new ArrayList<>();
        for (JsonNode trigger : node) {
            String bucket = trigger.path("bucket").asText("");
            String where = "\"fixtures\".subscriptions[" + triggers.size() + "]";
            if (!trigger.isObject() || !onlyFields(trigger, "bucket", "prefix", "suffix")
                    || trigger.has("prefix") && !trigger.path("prefix").isTextual()
                    || trigger.has("suffix") && !trigger.path("suffix").isTextual()) {
                throw problem(where + ": a subscription names a bucket and, optionally, a prefix and a suffix (text), "
                        + example);
            }
            if (!buckets.contains(bucket)) {
                throw problem(where + ": the bucket '" + bucket + "' is not one of \"fixtures\".buckets"
                        + (buckets.isEmpty() ? " (there are none)" : " (" + String.join(", ", buckets) + ")")
                        + ": add it there, even empty ({})");
            }
            if (triggers.stream().anyMatch(other -> other.bucket().equals(bucket))) {
                throw problem(where + ": the bucket '" + bucket + "' is subscribed twice; one subscription per bucket");
            }
            triggers.add(new Fixtures.BucketTrigger(bucket, trigger.path("prefix").asText(""),
                    trigger.path("suffix").asText("")));
        }
        return triggers;
    }

    /**
     * {@code "queues"}: {@code {"orders": {"visibilityTimeout": 1, "redrive": {"deadLetterQueue": "orders-dlq",
     * "maxReceiveCount": 3}}, "orders-dlq": {}}}; SQS's defaults for what is left out, a dead-letter queue one of them.
     */
    private Map<String, QueueAttributes> queues(JsonNode node) {
        Map<String, QueueAttributes> queues = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> queue : node.properties()) {
            String where = "\"fixtures\".queues." + queue.getKey();
            JsonNode settings = queue.getValue();
            JsonNode redrive = settings.path("redrive");
            if (!settings.isObject() || !onlyFields(settings, "visibilityTimeout", "redrive")
                    || settings.has("visibilityTimeout") && !settings.path("visibilityTimeout").isInt()
                    || !redrive.isMissingNode() && (!redrive.isObject() || !onlyFields(redrive, "deadLetterQueue",
                    "maxReceiveCount") || !redrive.path("deadLetterQueue").isTextual()
                    || !redrive.path("maxReceiveCount").isInt())) {
                throw problem(where + ": a queue is {} (SQS's defaults), or {\"visibilityTimeout\": 1, \"redrive\": "
                        + "{\"deadLetterQueue\": \"orders-dlq\", \"maxReceiveCount\": 3}}, seconds and counts whole numbers");
            }
            try {
                dev.faaslab.events.queue.Queue.checkName("the queue's name", queue.getKey());
                queues.put(queue.getKey(), new QueueAttributes(settings.path("visibilityTimeout")
                        .asInt(QueueAttributes.DEFAULT_VISIBILITY_TIMEOUT), QueueAttributes.DEFAULT_RETENTION, 0,
                        redrive.isMissingNode() ? null : new QueueAttributes.RedrivePolicy(
                        redrive.path("deadLetterQueue").asText(), redrive.path("maxReceiveCount").asInt())));
            } catch (IllegalArgumentException e) {
                throw problem(where + ": " + e.getMessage());
            }
        }
        queues.forEach((name, attributes) -> {
            if (attributes.redrivePolicy() != null && !queues.containsKey(attributes.redrivePolicy().deadLetterQueue())) {
                throw problem("\"fixtures\".queues." + name + ".redrive: the dead-letter queue '"
                        + attributes.redrivePolicy().deadLetterQueue() + "' must be a fixture queue too: add \""
                        + attributes.redrivePolicy().deadLetterQueue() + "\": {} to \"queues\"");
            }
            if (attributes.redrivePolicy() != null && queues.get(attributes.redrivePolicy().deadLetterQueue())
                    .redrivePolicy() != null) {
                throw problem("\"fixtures\".queues." + name + ".redrive: the dead-letter queue '"
                        + attributes.redrivePolicy().deadLetterQueue() + "' has a redrive policy of its own; a"
                        + " dead-letter queue here is the end of the line");
            }
        });
        return queues;
    }

    /** {@code relative} resolved in {@code folder}, or null when it is no path or leads out of the folder. */
    private static Path inside(Path folder, String relative) {
        try {
            Path file = folder.resolve(relative).normalize();
            return file.startsWith(folder) ? file : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static boolean onlyFields(JsonNode node, String... allowed) {
        List<String> names = List.of(allowed);
        return node.properties().stream().allMatch(field -> names.contains(field.getKey()));
    }

    private Check check(int number, JsonNode node, Map<Language, String> handlers, Map<Language, List<String>> files,
                        Exercise.Limits limits, Fixtures fixtures) {
        String where = "check " + number + (node.has("name") ? " ('" + node.path("name").asText() + "')" : "");
        String name = text(node, "name", where);
        int points = node.path("points").asInt(-1);
        if (points < 0) {
            throw problem(where + ": \"points\" must be 0 or more");
        }
        Probe probe;
        try {
            probe = node.has("structure") ? structure(node.path("structure"), handlers.keySet(), files)
                    : node.has("scenario") ? scenario(node.path("scenario"), event(node), limits, fixtures)
                    : new Functional(event(node), expectation(node.path("expect")));
        } catch (IllegalArgumentException e) {
            throw problem(where + ": " + e.getMessage());
        }
        String kind = node.path("kind").asText("");
        Check check = new Check(name, points, node.path("hidden").asBoolean(false), node.path("hint").asText(""),
                node.path("section").asText(""), probe);
        if (!kind.isEmpty() && !kind.equals(check.kind())) {
            throw problem(where + ": \"kind\" says " + kind + " but it is " + check.kind()
                    + " (a check with a \"scenario\" is behavioural, one with \"structure\" structural, one with"
                    + " \"expect\" functional)");
        }
        return check;
    }

    private static Probe scenario(JsonNode node, EventSpec event, Exercise.Limits limits, Fixtures fixtures) {
        String kind = node.path("kind").asText("");
        return switch (kind) {
            case "coldStarts" -> new ColdStarts(event, node.path("invocations").asInt(0), node.path("coldStarts").asInt(-1));
            case "initOnce" -> {
                if (node.has("marker")) {
                    throw new IllegalArgumentException("initOnce no longer counts a \"marker\" in the log: a function "
                            + "can log it without doing the work. Name the setup's call through the faaslab module "
                            + "instead, as \"setupCall\": \"bucket.get reference\", which the platform counts");
                }
                yield new InitOnce(event, node.path("sequential").asInt(0), node.path("concurrent").asInt(0),
                        node.path("setupCall").asText(null));
            }
            case "idempotent" -> {
                if (!node.path("effects").isArray() || node.path("effects").isEmpty()) {
                    throw new IllegalArgumentException("idempotent needs \"effects\": the fixture tables' items it leaves, as "
                            + "[{\"table\": \"totals\", \"key\": {\"item\": \"tea\"}}], or a table alone for its count of items,"
                            + " or {\"bucket\": \"summaries\"} for a bucket's count of objects");
                }
                yield new Idempotent(event, node.path("deliveries").asInt(0), effects(node.path("effects"), fixtures));
            }
            case "uploads" -> uploads(node, event, fixtures);
            case "queue" -> queueDelivery(node, fixtures);
            case "stream" -> tableChanges(node, event, fixtures);
            case "deadLetters" -> new DeadLetters(events(node, "good"), events(node, "poison"),
                    retryAttempts(node, "deadLetters"));
            case "retries" -> {
                if (!node.path("attempts").canConvertToInt() || !node.path("attempts").isIntegralNumber()) {
                    throw new IllegalArgumentException("retries needs \"attempts\": how many times the platform must"
                            + " have run the event, a whole number" + (node.has("attempts") ? ", not "
                            + node.path("attempts") : ""));
                }
                yield new Retries(event, node.path("attempts").asInt(), retryAttempts(node, "retries"));
            }
            case "withinTimeout" -> new WithinTimeout(event, limits.timeoutSeconds());
            case "costPerMillion" -> new CostPerMillion(event, node.path("invocations").asInt(0), usd(node.path("maxUsd")));
            case "lazyLoad" -> lazyLoad(node, fixtures);
            case "burst" -> new Burst(event, node.path("invocations").asInt(0),
                    reservedConcurrency(node),
                    bounds(node, "throttles"), bounds(node, "peakConcurrency"));
            case "malformed" -> {
                if (event != EventSpec.EMPTY) {
                    throw new IllegalArgumentException("malformed sends the grader's own list of malformed requests:"
                            + " leave out the check's \"http\" and \"event\", and name the route they go to as the"
                            + " scenario's \"path\", such as {\"kind\": \"malformed\", \"requests\": 20, \"path\": \"/greet\"}");
                }
                if (!node.path("requests").isIntegralNumber()) {
                    throw new IllegalArgumentException("malformed needs \"requests\": how many malformed requests to"
                            + " send, a whole number from 1 to " + Malformed.MOST_REQUESTS
                            + (node.has("requests") ? ", not " + node.path("requests") : ""));
                }
                yield new Malformed(node.path("requests").asInt(), node.path("path").asText("/"));
            }
            case "answers" -> answers(node, event);
            case "doors" -> {
                if (event != EventSpec.EMPTY) {
                    throw new IllegalArgumentException("doors sends its own \"requests\": leave out the check's"
                            + " \"http\" and \"event\"");
                }
                yield Doors.read(node);
            }
            default -> throw new IllegalArgumentException("unknown scenario kind '" + kind + "': use coldStarts, initOnce, lazyLoad,"
                    + " idempotent, uploads, deadLetters, retries, burst, malformed, queue, stream, answers, doors,"
                    + " withinTimeout or costPerMillion");
        };
    }

    /**
     * {@code {"kind": "lazyLoad", "call": "bucket.get archive", "common": [{"n": 97}], "needing": [{"n": 99991}],
     * "concurrent": 3}}: the call's bucket or table must be one the fixtures make, or nothing could ever load it.
     */
    private static LazyLoad lazyLoad(JsonNode node, Fixtures fixtures) {
        for (String field : List.of("common", "needing")) {
            if (!node.path(field).isArray()) {
                throw new IllegalArgumentException("lazyLoad's \"" + field + "\" must list events, as [{\"n\": 97}], "
                        + "not " + (node.has(field) ? node.path(field) : "nothing"));
            }
        }
        if (node.has("concurrent") && !node.path("concurrent").isInt()) {
            throw new IllegalArgumentException("lazyLoad's \"concurrent\" is a whole number, not " + node.path("concurrent"));
        }
        LazyLoad probe = new LazyLoad(node.path("call").asText(null),
                node.path("common").valueStream().map(event -> new EventSpec(event.toString(), false)).toList(),
                node.path("needing").valueStream().map(event -> new EventSpec(event.toString(), false)).toList(),
                node.path("concurrent").asInt(0));
        String service = probe.call().substring(0, probe.call().indexOf('.'));
        String resource = probe.call().substring(probe.call().indexOf(' ') + 1);
        java.util.Set<String> made = switch (service) {
            case "bucket" -> fixtures.buckets().keySet();
            case "table" -> fixtures.tables().keySet();
            default -> null;
        };
        if (made != null && !made.contains(resource)) {
            throw new IllegalArgumentException("lazyLoad's \"call\" reads the " + service + " '" + resource + "', which"
                    + " \"fixtures\" does not make" + (made.isEmpty() ? "" : " (it makes " + String.join(", ", made)
                    + ")") + ": add it there, with the dependency's data");
        }
        return probe;
    }

    private static final List<String> ANSWERS_FIELDS = List.of("kind", "sequential", "concurrent", "waves", "apartMs", "freshInstances", "events",
            "distinct", "coldStarts", "instances", "last", "echoes", "fromPlatform");

    /**
     * {@code {"kind": "answers", "concurrent": 5, "distinct": {"$.requestId": {"min": 5, "max": 5},
     * "$.instanceId": "instances"}}}, and the rest that {@link Answers} describes.
     */
    private static Answers answers(JsonNode node, EventSpec event) {
        for (String field : node.properties().stream().map(Map.Entry::getKey).toList()) {
            if (!ANSWERS_FIELDS.contains(field)) {
                throw new IllegalArgumentException("answers has no field \"" + field + "\": it takes "
                        + String.join(", ", ANSWERS_FIELDS.subList(1, ANSWERS_FIELDS.size())));
            }
        }
        for (String count : List.of("sequential", "concurrent", "waves", "apartMs")) {
            if (node.has(count) && !node.path(count).isIntegralNumber()) {
                throw new IllegalArgumentException("answers' \"" + count + "\" is a whole number, not "
                        + node.path(count));
            }
        }
        List<EventSpec> events = node.has("events") ? answerEvents(node.path("events")) : List.of(event);
        Map<String, Answers.Distinct> distinct = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : pathsOf(node, "distinct").entrySet()) {
            JsonNode rule = entry.getValue();
            if (rule.isTextual() && rule.textValue().equals("instances")) {
                distinct.put(entry.getKey(), new Answers.Distinct.OnePerInstance());
            } else if (rule.isObject()) {
                distinct.put(entry.getKey(), new Answers.Distinct.Within(boundsAt(entry.getValue(),
                        "answers' \"distinct\" of " + entry.getKey())));
            } else {
                throw new IllegalArgumentException("answers' \"distinct\" maps a JSON path to {\"min\": N, \"max\": N}"
                        + " or to \"instances\" (as many as the platform started), not " + rule);
            }
        }
        Map<String, String> echoes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : pathsOf(node, "echoes").entrySet()) {
            if (!entry.getValue().isTextual() || !entry.getValue().textValue().startsWith("$")) {
                throw new IllegalArgumentException("answers' \"echoes\" maps an answer's JSON path to its event's, as"
                        + " {\"$.user\": \"$.user\"}, not " + entry.getValue());
            }
            compile(entry.getValue().textValue(), "echoes");
            echoes.put(entry.getKey(), entry.getValue().textValue());
        }
        Map<String, Answers.PlatformValue> fromPlatform = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : pathsOf(node, "fromPlatform").entrySet()) {
            fromPlatform.put(entry.getKey(), Answers.PlatformValue.named(entry.getValue().asText(""))
                    .orElseThrow(() -> new IllegalArgumentException("answers' \"fromPlatform\" maps an answer's JSON"
                            + " path to requestId, functionName or memoryMb, not " + entry.getValue())));
        }
        return new Answers(event, events, node.path("sequential").asInt(0), node.path("concurrent").asInt(0),
                node.path("waves").asInt(1), node.path("apartMs").asInt(0), freshInstances(node),
                distinct, boundsAt(node.path("coldStarts"), "answers' \"coldStarts\""),
                boundsAt(node.path("instances"), "answers' \"instances\""),
                node.has("last") ? expectation(node.path("last")) : null, echoes, fromPlatform);
    }

    private static boolean freshInstances(JsonNode node) {
        if (node.has("freshInstances") && !node.path("freshInstances").isBoolean()) {
            throw new IllegalArgumentException("answers' \"freshInstances\" is true or false, not "
                    + node.path("freshInstances"));
        }
        return node.path("freshInstances").asBoolean(false);
    }

    /** {@code "events"}: a list of 1 to 50 events, each any JSON, sent as it is, in turn. */
    private static List<EventSpec> answerEvents(JsonNode node) {
        if (!node.isArray() || node.isEmpty() || node.size() > Answers.MOST_CONCURRENT) {
            throw new IllegalArgumentException("answers' \"events\" lists 1 to " + Answers.MOST_CONCURRENT
                    + " events, sent in turn, as [{\"user\": \"ada\"}, {\"user\": \"grace\"}], not " + node);
        }
        return node.valueStream().map(event -> new EventSpec(event.toString(), false)).toList();
    }

    /** A field of answers that maps JSON paths (each compiled here, so a bad one is refused on loading). */
    private static Map<String, JsonNode> pathsOf(JsonNode scenario, String field) {
        JsonNode node = scenario.path(field);
        if (node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("answers' \"" + field + "\" maps JSON paths of an answer, as"
                    + " {\"$.requestId\": …}, not " + node);
        }
        Map<String, JsonNode> paths = new LinkedHashMap<>();
        node.properties().forEach(entry -> paths.put(compile(entry.getKey(), field), entry.getValue()));
        return paths;
    }

    private static String compile(String path, String field) {
        try {
            if (!path.startsWith("$")) {
                throw new IllegalArgumentException("it does not start with $");
            }
            com.jayway.jsonpath.JsonPath.compile(path);
            return path;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("answers' \"" + field + "\" names '" + path + "', which is no JSON"
                    + " path such as $.requestId (" + e.getMessage() + ")");
        }
    }

    /** A whole number, or null when the field is absent (no reserved concurrency). */
    private static Integer reservedConcurrency(JsonNode scenario) {
        JsonNode node = scenario.path("reservedConcurrency");
        if (node.isMissingNode()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException("burst's \"reservedConcurrency\" is a whole number, not " + node);
        }
        return node.asInt();
    }

    /** {@code {"min": 1, "max": 17}}, either left out; null when the field is absent. */
    private static Burst.Bounds bounds(JsonNode scenario, String field) {
        return boundsAt(scenario.path(field), "burst's \"" + field + "\"");
    }

    /** {@code node} as bounds, named in a refusal as {@code where}; null when it is missing. */
    private static Burst.Bounds boundsAt(JsonNode node, String where) {
        if (node.isMissingNode()) {
            return null;
        }
        if (!node.isObject() || !onlyFields(node, "min", "max") || node.has("min") && !node.path("min").isIntegralNumber()
                || node.has("max") && !node.path("max").isIntegralNumber()) {
            throw new IllegalArgumentException(where + " is {\"min\": N, \"max\": N} (either may be"
                    + " left out), whole numbers, not " + node);
        }
        return new Burst.Bounds(node.has("min") ? node.path("min").asInt() : null,
                node.has("max") ? node.path("max").asInt() : null);
    }

    /**
     * {@code {"kind": "builtInInit", "what": "the table of primes", "calls": {"nodejs": ["split"], "python":
     * ["splitlines"]}}}: the calls named for every language the exercise offers.
     */
    private static Probe structure(JsonNode node, java.util.Set<Language> languages, Map<Language, List<String>> files) {
        String kind = node.path("kind").asText("");
        switch (kind) {
            case "builtInInit" -> {
            }
            case "providerFree" -> {
                return ProviderFree.read(node, languages, files);
            }
            case "shortFiles" -> {
                return ShortFiles.read(node, languages, files);
            }
            default -> throw new IllegalArgumentException("unknown structure kind '" + kind + "': use builtInInit,"
                    + " providerFree or shortFiles");
        }
        Map<Language, List<String>> calls = new EnumMap<>(Language.class);
        for (Language language : languages) {
            JsonNode names = node.path("calls").path(language.runtimeName());
            if (!names.isArray() || names.isEmpty() || !names.valueStream().allMatch(JsonNode::isTextual)) {
                throw new IllegalArgumentException("builtInInit needs \"calls\"." + language.runtimeName()
                        + ": the names of the calls that build it in that language, as [\"split\"]");
            }
            calls.put(language, names.valueStream().map(JsonNode::asText).toList());
        }
        return new BuiltInInit(node.path("what").asText(""), calls);
    }

    /** deadLetters' {@code "good"} or {@code "poison"}: events, each any JSON, sent as it is (missing: none). */
    private static List<EventSpec> events(JsonNode scenario, String field) {
        JsonNode node = scenario.path(field);
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("deadLetters' \"" + field + "\" must list events, as [{\"orderId\": "
                    + "\"o-1\"}], not " + node);
        }
        return node.valueStream().map(event -> new EventSpec(event.toString(), false)).toList();
    }

    /** {@code "maximumRetryAttempts"}: 0, 1 or 2; Lambda's default, 2, when it is missing. */
    private static int retryAttempts(JsonNode scenario, String kind) {
        JsonNode node = scenario.path("maximumRetryAttempts");
        if (node.isMissingNode()) {
            return EventInvokeConfig.DEFAULT_RETRY_ATTEMPTS;
        }
        if (!node.isInt()) {
            throw new IllegalArgumentException(kind + "' \"maximumRetryAttempts\" is 0, 1 or 2 (Lambda's limits), not "
                    + node);
        }
        return node.asInt();
    }

    /**
     * {@code {"kind": "uploads", "bucket": "uploads", "objects": {"notes/tea.txt": "green tea"}}}: a fixture bucket
     * the fixtures subscribe the function to, and the objects to upload into it, each key with its text; every key
     * must fire the subscription, or the check could never pass.
     */
    private static Uploads uploads(JsonNode node, EventSpec event, Fixtures fixtures) {
        String bucket = node.path("bucket").asText("");
        Fixtures.BucketTrigger trigger = fixtures.subscription(bucket);
        if (trigger == null) {
            throw new IllegalArgumentException("uploads needs \"bucket\": a fixture bucket that \"fixtures\".subscriptions"
                    + " subscribes the function to" + (fixtures.subscriptions().isEmpty() ? " (it subscribes it to none)"
                    : " (" + fixtures.subscriptions().stream().map(Fixtures.BucketTrigger::bucket)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")") + ", not '" + bucket + "'");
        }
        JsonNode objects = node.path("objects");
        if (!objects.isObject() || objects.isEmpty() || objects.size() > Uploads.MAX_OBJECTS) {
            throw new IllegalArgumentException("uploads needs \"objects\": 1 to " + Uploads.MAX_OBJECTS + " keys, each with"
                    + " its text, as {\"notes/tea.txt\": \"green tea\"}");
        }
        Map<String, String> uploads = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> object : objects.properties()) {
            if (!object.getValue().isTextual()) {
                throw new IllegalArgumentException("uploads: the object '" + object.getKey() + "' needs its text, not "
                        + object.getValue());
            }
            if (!trigger.fires(object.getKey())) {
                throw new IllegalArgumentException("uploads: the key '" + object.getKey() + "' does not fire the"
                        + " subscription of " + trigger.describe() + ", so it could invoke nothing: choose a key it"
                        + " matches");
            }
            uploads.put(object.getKey(), object.getValue().textValue());
        }
        return new Uploads(event, bucket, uploads);
    }

    /**
     * {@code [{"table": "totals", "key": {"item": "tea"}, "equals": {…}}, {"table": "orders", "count": 97},
     * {"bucket": "summaries", "equals": 1}]}: an item (what it must be, {@code equals}), a table's count of items
     * ({@code count}, or {@code equals} with a number), or a bucket's count of objects; what it must be left out
     * where only a change is asked for.
     */
    private static List<Effect> effects(JsonNode node, Fixtures fixtures) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"effects\" lists what the fixture tables and buckets hold, as [{\"table\": "
                    + "\"totals\", \"key\": {\"item\": \"tea\"}, \"equals\": {…}}, {\"table\": \"orders\", \"count\": 97},"
                    + " {\"bucket\": \"summaries\", \"equals\": 1}]");
        }
        List<Effect> effects = new ArrayList<>();
        for (JsonNode effect : node) {
            JsonNode equals = effect.path("equals");
            if (effect.has("bucket")) {
                String bucket = effect.path("bucket").asText("");
                if (!fixtures.buckets().containsKey(bucket) || !onlyFields(effect, "bucket", "prefix", "equals")
                        || effect.has("prefix") && !effect.path("prefix").isTextual()
                        || !equals.isMissingNode() && !equals.canConvertToInt()) {
                    throw new IllegalArgumentException("a bucket's effect counts the objects of a fixture bucket (\"bucket\""
                            + (fixtures.buckets().isEmpty() ? ", and \"fixtures\" makes none" : ": "
                            + String.join(", ", fixtures.buckets().keySet())) + "), under a \"prefix\" if it has one,"
                            + " and \"equals\" is a whole number: {\"bucket\": \"summaries\", \"equals\": 1}, not " + effect);
                }
                effects.add(new Effect.Objects(bucket, effect.path("prefix").asText(""),
                        equals.isMissingNode() ? null : equals));
                continue;
            }
            String table = effect.path("table").asText("");
            if (!fixtures.tables().containsKey(table)) {
                throw new IllegalArgumentException("an effect names the table '" + table + "', which \"fixtures\" does"
                        + " not make" + (fixtures.tables().isEmpty() ? " (it makes no table)" : " (it makes "
                        + String.join(", ", fixtures.tables().keySet()) + ")"));
            }
            JsonNode key = effect.path("key");
            if (!key.isMissingNode() && !key.isObject()) {
                throw new IllegalArgumentException("an effect's \"key\" is an item's key, a JSON object, not " + key);
            }
            JsonNode count = effect.path("count");
            if (!count.isMissingNode() && (!key.isMissingNode() || !count.isIntegralNumber() || count.asLong() < 0
                    || effect.has("equals"))) {
                throw new IllegalArgumentException("an effect's \"count\" is how many items its table holds, a whole"
                        + " number, for an effect without a \"key\" or \"equals\": {\"table\": \"orders\", \"count\": 97}");
            }
            JsonNode expected = count.isMissingNode() ? equals : count;
            effects.add(new Effect.Item(table, key.isMissingNode() ? null : key, expected.isMissingNode() ? null : expected));
        }
        return effects;
    }

    /** The {@code queue} scenario (see exercises/README.md): its queues must be fixtures, the source one redriving. */
    private static QueueDelivery queueDelivery(JsonNode node, Fixtures fixtures) {
        String queue = node.path("queue").asText("");
        if (!fixtures.queues().containsKey(queue)) {
            throw new IllegalArgumentException("queue's \"queue\" is '" + queue + "', which \"fixtures\".queues does not"
                    + " make" + (fixtures.queues().isEmpty() ? " (it makes none: add \"queues\": {\"" + queue
                    + "\": {\"visibilityTimeout\": 1, \"redrive\": {…}}})" : " (it makes " + String.join(", ",
                    fixtures.queues().keySet()) + ")"));
        }
        if (!fixtures.redrives(queue)) {
            throw new IllegalArgumentException("the fixture queue '" + queue + "' needs a redrive policy: without a"
                    + " dead-letter queue, a message the function always fails comes back forever and the grade never"
                    + " ends. Give it \"redrive\": {\"deadLetterQueue\": \"" + queue + "-dlq\", \"maxReceiveCount\": 3}");
        }
        JsonNode messages = node.path("messages");
        if (!messages.isObject() || !onlyFields(messages, "count", "body") || !messages.path("count").isInt()
                || !messages.has("body")) {
            throw new IllegalArgumentException("queue's \"messages\" is {\"count\": 100, \"body\": {\"orderId\":"
                    + " \"o-{n}\", …}}: how many good messages, and their body, {n} numbering them from 1");
        }
        JsonNode poison = node.path("poison");
        if (!poison.isMissingNode() && !poison.isArray()) {
            throw new IllegalArgumentException("queue's \"poison\" lists the bodies of messages the function cannot"
                    + " process, as [{\"orderId\": \"bad-1\", \"quantity\": \"lots\"}], not " + poison);
        }
        if (node.has("duplicates") && !node.path("duplicates").isInt()) {
            throw new IllegalArgumentException("queue's \"duplicates\" is a whole number, not " + node.path("duplicates"));
        }
        JsonNode mapping = node.path("mapping");
        if (!mapping.isMissingNode() && (!mapping.isObject() || !onlyFields(mapping, "batchSize",
                "reportBatchItemFailures", "maximumConcurrency") || mapping.has("batchSize")
                && !mapping.path("batchSize").isInt() || mapping.has("reportBatchItemFailures")
                && !mapping.path("reportBatchItemFailures").isBoolean() || mapping.has("maximumConcurrency")
                && !mapping.path("maximumConcurrency").isInt())) {
            throw new IllegalArgumentException("queue's \"mapping\" is {\"batchSize\": 10, \"reportBatchItemFailures\":"
                    + " true, \"maximumConcurrency\": 5}, each optional (10, false and none by default), not " + mapping);
        }
        QueueDelivery.DeadLetterCount deadLetters = null;
        JsonNode dlq = node.path("deadLetters");
        if (!dlq.isMissingNode()) {
            if (!dlq.isObject() || !dlq.path("count").isInt() || dlq.path("count").asInt() < 0
                    || !dlq.path("queue").isTextual()) {
                throw new IllegalArgumentException("queue's \"deadLetters\" is {\"queue\": \"orders-dlq\", \"count\": 3}:"
                        + " the dead-letter queue and how many messages it must hold, not " + dlq);
            }
            String named = dlq.path("queue").asText();
            if (!named.equals(fixtures.queues().get(queue).redrivePolicy().deadLetterQueue())) {
                throw new IllegalArgumentException("queue's \"deadLetters\".queue is '" + named + "', but the"
                        + " dead-letter queue of '" + queue + "' is '" + fixtures.queues().get(queue).redrivePolicy()
                        .deadLetterQueue() + "'");
            }
            deadLetters = new QueueDelivery.DeadLetterCount(named, dlq.path("count").asInt());
        }
        return new QueueDelivery(queue, messages.path("count").asInt(), messages.path("body"),
                poison.isMissingNode() ? List.of() : poison.valueStream().toList(), node.path("duplicates").asInt(0),
                new QueueDelivery.QueueMapping(mapping.path("batchSize").asInt(10),
                        mapping.path("reportBatchItemFailures").asBoolean(false),
                        mapping.has("maximumConcurrency") ? mapping.path("maximumConcurrency").asInt() : null),
                effects(node.path("effects"), fixtures), deadLetters, bounds(node, "peakConcurrency"));
    }

    /** The {@code stream} scenario (see exercises/README.md): its table a fixture with a stream. */
    private static TableChanges tableChanges(JsonNode node, EventSpec event, Fixtures fixtures) {
        String table = node.path("table").asText("");
        Fixtures.TableKeys keys = fixtures.tables().get(table);
        if (keys == null || keys.stream() == null) {
            throw new IllegalArgumentException("stream's \"table\" is '" + table + "', which must be a fixture table"
                    + " with a stream, as \"tables\": {\"" + table + "\": {\"partitionKey\": \"orderId\", \"stream\":"
                    + " \"NEW_AND_OLD_IMAGES\"}}");
        }
        JsonNode item = node.path("item");
        JsonNode partition = item.path(keys.partitionKey());
        if (!item.isObject() || !partition.isTextual() || !partition.asText().contains("{n}")
                || keys.sortKey() != null && !item.path(keys.sortKey()).isTextual()) {
            throw new IllegalArgumentException("stream's \"item\" is the items' template, its partition key '"
                    + keys.partitionKey() + "' a string holding {n} so that each insert is a new item, as {\""
                    + keys.partitionKey() + "\": \"s-{n}\", \"item\": \"tea\"}");
        }
        JsonNode changes = node.path("changes");
        if (!changes.isObject() || !onlyFields(changes, "inserts", "modifies", "removes", "change")
                || !changes.path("inserts").isInt() || changes.has("modifies") && !changes.path("modifies").isInt()
                || changes.has("removes") && !changes.path("removes").isInt()
                || changes.has("change") && !changes.path("change").isObject()) {
            throw new IllegalArgumentException("stream's \"changes\" is {\"inserts\": 20, \"modifies\": 5, \"removes\":"
                    + " 3, \"change\": {\"status\": \"packed\"}} (modifies, removes and change optional), not " + changes);
        }
        JsonNode change = changes.has("change") ? changes.path("change")
                : Json.MAPPER.createObjectNode().put("status", "changed");
        if (change.has(keys.partitionKey()) || keys.sortKey() != null && change.has(keys.sortKey())) {
            throw new IllegalArgumentException("stream's \"changes\".change must not change an item's key: a new key"
                    + " is another item");
        }
        JsonNode mapping = node.path("mapping");
        if (!mapping.isMissingNode() && (!mapping.isObject() || !onlyFields(mapping, "batchSize",
                "maximumRetryAttempts", "bisectBatchOnFunctionError", "reportBatchItemFailures")
                || mapping.has("batchSize") && !mapping.path("batchSize").isInt()
                || mapping.has("maximumRetryAttempts") && !mapping.path("maximumRetryAttempts").isInt()
                || mapping.has("bisectBatchOnFunctionError") && !mapping.path("bisectBatchOnFunctionError").isBoolean()
                || mapping.has("reportBatchItemFailures") && !mapping.path("reportBatchItemFailures").isBoolean())) {
            throw new IllegalArgumentException("stream's \"mapping\" is {\"batchSize\": 100, \"maximumRetryAttempts\":"
                    + " 2, \"bisectBatchOnFunctionError\": false, \"reportBatchItemFailures\": false}, each optional, not "
                    + mapping);
        }
        return new TableChanges(event, table, keys, item, changes.path("inserts").asInt(),
                changes.path("modifies").asInt(0), changes.path("removes").asInt(0), change,
                new TableChanges.StreamSettings(mapping.path("batchSize").asInt(StreamMapping.DEFAULT_BATCH_SIZE),
                        mapping.path("maximumRetryAttempts").asInt(2),
                        mapping.path("bisectBatchOnFunctionError").asBoolean(false),
                        mapping.path("reportBatchItemFailures").asBoolean(false)),
                effects(node.path("effects"), fixtures));
    }

    private static BigDecimal usd(JsonNode node) {
        try {
            return new BigDecimal(node.asText("0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"maxUsd\" must be a number of dollars, such as 0.50, not " + node);
        }
    }

    static Expectation expectation(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("\"expect\" must hold one of exact, subset, regex or jsonPath");
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        return switch (entry.getKey()) {
            case "exact" -> new Expectation.Exact(entry.getValue());
            case "subset" -> new Expectation.Subset(entry.getValue());
            case "regex" -> {
                try {
                    yield new Expectation.Regex(Pattern.compile(entry.getValue().asText()));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("\"regex\" does not compile: " + e.getDescription());
                }
            }
            case "jsonPath" -> {
                Map<String, JsonNode> values = new LinkedHashMap<>();
                entry.getValue().fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("\"jsonPath\" must map at least one path to its value");
                }
                try {
                    yield new Expectation.JsonPaths(values);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("a JSON path does not compile: " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("unknown match '" + entry.getKey()
                    + "': use exact, subset, regex or jsonPath");
        };
    }

    /** {@code "event"}: the event as it is; {@code "http"}: an HTTP request, sent as API Gateway's event. */
    private static EventSpec event(JsonNode check) {
        if (check.has("http")) {
            Doors.Request request = request(check.path("http"));
            return GraderRequest.event(request.method(), request.path(), request.query(), request.headers().stream()
                    .map(header -> new HttpHeader(header.name(), header.value())).toList(), request.body());
        }
        if (check.has("event")) {
            return new EventSpec(check.path("event").toString(), false);
        }
        return EventSpec.EMPTY;
    }

    /**
     * An HTTP request as a manifest writes one: {@code method} (GET), {@code path} (/), {@code query}, {@code headers}
     * and {@code body} (text as it is; JSON, labelled {@code application/json} unless it says otherwise).
     */
    static Doors.Request request(JsonNode http) {
        List<dev.faaslab.runtime.Event.Header> headers = new ArrayList<>();
        http.path("headers").properties().forEach(field -> headers.add(new dev.faaslab.runtime.Event.Header(
                field.getKey(), field.getValue().asText())));
        JsonNode body = http.path("body");
        byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0]
                : (body.isTextual() ? body.textValue() : body.toString()).getBytes(StandardCharsets.UTF_8);
        if (body.isContainerNode() && headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("content-type"))) {
            headers.add(new dev.faaslab.runtime.Event.Header("content-type", "application/json"));
        }
        return new Doors.Request(http.path("method").asText("GET"), http.path("path").asText("/"),
                http.path("query").asText(""), headers, bytes);
    }

    private String text(JsonNode node, String field, String where) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw problem(where + ": \"" + field + "\" is missing");
        }
        return value;
    }

    private ExerciseException problem(String message) {
        return new ExerciseException(manifest + ": " + message);
    }

    /**
     * The lesson's id; {@code ""} for an exercise built ahead of its lesson ({@code "lesson": ""}, five-doors for
     * lesson 13), which then sends no learner to a lesson. Left out altogether, it is refused as any field is.
     */
    private String lesson(JsonNode root) {
        JsonNode lesson = root.get("lesson");
        if (lesson != null && lesson.isTextual() && lesson.asText().isEmpty()) {
            return "";
        }
        return text(root, "lesson", "the manifest");
    }
}
