package dev.faaslab.grader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faaslab.core.Json;
import dev.faaslab.events.http.HttpApiEvent;
import dev.faaslab.events.http.HttpHeader;
import dev.faaslab.events.http.HttpRequestData;
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
        Exercise.Limits limits = limits(root.path("limits"));
        Fixtures fixtures = fixtures(root.path("fixtures"), directory);
        List<Check> checks = new ArrayList<>();
        JsonNode checkNodes = root.path("checks");
        if (!checkNodes.isArray() || checkNodes.isEmpty()) {
            throw problem("\"checks\" must list at least one check");
        }
        for (int i = 0; i < checkNodes.size(); i++) {
            checks.add(check(i + 1, checkNodes.get(i), handlers, limits, fixtures));
        }
        Exercise exercise = new Exercise(id, text(root, "title", "the manifest"), text(root, "lesson", "the manifest"),
                root.path("order").asInt(0), handlers, limits, checks, fixtures, directory);
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
            files.add("starter" + language.defaultExtension());
            files.add("solution" + language.defaultExtension());
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
        if (!node.isObject() || !onlyFields(node, "tables", "buckets")) {
            throw problem("\"fixtures\" must be an object holding \"tables\" and \"buckets\", as {\"tables\": "
                    + "{\"orders\": {\"partitionKey\": \"orderId\"}}, \"buckets\": {\"reference\": {\"primes.txt\": "
                    + "\"fixtures/primes.txt\"}}}");
        }
        for (String part : List.of("tables", "buckets")) {
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
                    || !onlyFields(keys, "partitionKey", "sortKey")
                    || keys.has("sortKey") && (!keys.path("sortKey").isTextual() || keys.path("sortKey").asText()
                    .isEmpty() || keys.path("sortKey").asText().equals(keys.path("partitionKey").asText()))) {
                throw problem(where + ": a table names its string keys, as {\"partitionKey\": \"orderId\"} (and "
                        + "\"sortKey\", another attribute, if it has one)");
            }
            tables.put(table.getKey(), new Fixtures.TableKeys(keys.path("partitionKey").asText(),
                    keys.has("sortKey") ? keys.path("sortKey").asText() : null));
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
        return new Fixtures(tables, buckets);
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

    private Check check(int number, JsonNode node, Map<Language, String> handlers, Exercise.Limits limits,
                        Fixtures fixtures) {
        String where = "check " + number + (node.has("name") ? " ('" + node.path("name").asText() + "')" : "");
        String name = text(node, "name", where);
        int points = node.path("points").asInt(-1);
        if (points < 0) {
            throw problem(where + ": \"points\" must be 0 or more");
        }
        Probe probe;
        try {
            probe = node.has("structure") ? structure(node.path("structure"), handlers.keySet())
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
            case "idempotent" -> new Idempotent(event, node.path("deliveries").asInt(0), effects(node.path("effects"),
                    fixtures));
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
            case "burst" -> new Burst(event, node.path("invocations").asInt(0),
                    reservedConcurrency(node),
                    bounds(node, "throttles"), bounds(node, "peakConcurrency"));
            case "answers" -> answers(node, event);
            default -> throw new IllegalArgumentException("unknown scenario kind '" + kind + "': use coldStarts, initOnce,"
                    + " idempotent, deadLetters, retries, burst, answers, withinTimeout or costPerMillion");
        };
    }

    private static final List<String> ANSWERS_FIELDS = List.of("kind", "sequential", "concurrent", "waves", "events",
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
        for (String count : List.of("sequential", "concurrent", "waves")) {
            if (node.has(count) && !node.path(count).isIntegralNumber()) {
                throw new IllegalArgumentException("answers' \"" + count + "\" is a whole number of invocations, not "
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
                node.path("waves").asInt(1),
                distinct, boundsAt(node.path("coldStarts"), "answers' \"coldStarts\""),
                boundsAt(node.path("instances"), "answers' \"instances\""),
                node.has("last") ? expectation(node.path("last")) : null, echoes, fromPlatform);
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
    private static Probe structure(JsonNode node, java.util.Set<Language> languages) {
        String kind = node.path("kind").asText("");
        if (!kind.equals("builtInInit")) {
            throw new IllegalArgumentException("unknown structure kind '" + kind + "': use builtInInit");
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

    /** {@code [{"table": "totals", "key": {"item": "tea"}, "equals": {…}}, {"table": "orders"}]}. */
    private static List<Idempotent.Effect> effects(JsonNode node, Fixtures fixtures) {
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("idempotent needs \"effects\": the fixture tables' items it leaves, as "
                    + "[{\"table\": \"totals\", \"key\": {\"item\": \"tea\"}}], or a table alone for its count of items");
        }
        List<Idempotent.Effect> effects = new ArrayList<>();
        for (JsonNode effect : node) {
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
            JsonNode equals = effect.path("equals");
            effects.add(new Idempotent.Effect(table, key.isMissingNode() ? null : key,
                    equals.isMissingNode() ? null : equals));
        }
        return effects;
    }

    private static BigDecimal usd(JsonNode node) {
        try {
            return new BigDecimal(node.asText("0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"maxUsd\" must be a number of dollars, such as 0.50, not " + node);
        }
    }

    private static Expectation expectation(JsonNode node) {
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
            JsonNode http = check.path("http");
            List<HttpHeader> headers = new ArrayList<>();
            http.path("headers").fields().forEachRemaining(field -> headers.add(new HttpHeader(field.getKey(),
                    field.getValue().asText())));
            JsonNode body = http.path("body");
            byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0]
                    : (body.isTextual() ? body.textValue() : body.toString()).getBytes(StandardCharsets.UTF_8);
            if (body.isContainerNode() && headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("content-type"))) {
                headers.add(new HttpHeader("content-type", "application/json"));
            }
            HttpRequestData request = new HttpRequestData(http.path("method").asText("GET"),
                    http.path("path").asText("/"), http.path("query").asText(""), headers, bytes, "127.0.0.1",
                    "localhost", "grader-request", 1_767_225_600_000L);
            return new EventSpec(HttpApiEvent.toJson(request), true);
        }
        if (check.has("event")) {
            return new EventSpec(check.path("event").toString(), false);
        }
        return EventSpec.EMPTY;
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
}
