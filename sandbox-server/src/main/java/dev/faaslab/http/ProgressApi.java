package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.WorkspaceData;
import dev.faaslab.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /api/progress}: the learner's progress, one JSON document per key, and a whole workspace's
 * progress as a file to keep or carry to another machine (export, then import).
 */
final class ProgressApi {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** Path segments the API uses beside {@code {key}}: a document under either name could not be read back. */
    private static final Set<String> RESERVED = Set.of("export", "import");

    static final String FORMAT = "faaslab-progress";
    static final int VERSION = 1;

    private final WorkspaceData data;
    private final Clock clock;
    private final WorkspaceResolver workspaces;

    ProgressApi(WorkspaceData data, Clock clock, WorkspaceResolver workspaces) {
        this.data = data;
        this.clock = clock;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/progress", this::progressHandler),
                new Route("GET", "/api/progress/export", this::exportHandler),
                new Route("POST", "/api/progress/import", this::importHandler),
                new Route("PUT", "/api/progress/{key}", this::putHandler),
                new Route("DELETE", "/api/progress/{key}", this::deleteHandler));
    }

    private void progressHandler(Exchange exchange) throws Exception {
        exchange.json(200, new Progress(documents(workspace(exchange))));
    }

    private void putHandler(Exchange exchange) throws Exception {
        String key = checkKey(exchange.param("key"));
        JsonNode body = exchange.jsonBody();
        WorkspaceId workspace = workspace(exchange);
        Revision incoming = Revision.of(body);
        if (incoming == null) {
            data.putProgress(workspace, key, body.toString(), now());
        } else {
            // A page saves as the learner types, and its last save may travel beside an earlier one still on its way
            // (one sent as the page closed): whichever arrives last, the newer edit stays.
            synchronized (this) {
                Revision stored = data.progress(workspace, key).map(ProgressApi::readStored).map(Revision::of).orElse(null);
                if (stored != null && stored.number() > incoming.number()) {
                    throw new ApiException(409, "Conflict", "the progress document '" + key + "' is at revision "
                            + stored.number() + ", newer than this one's " + incoming.number()
                            + ": it was saved from another page since; reload to see it", Map.of("revision", stored.number()));
                }
                data.putProgress(workspace, key, body.toString(), now());
            }
        }
        exchange.json(200, body);
    }

    private static JsonNode readStored(String document) {
        try {
            return Exchange.JSON.readTree(document);
        } catch (Exception e) {
            return null; // an unreadable old document has no revision to keep
        }
    }

    private void deleteHandler(Exchange exchange) {
        data.deleteProgress(workspace(exchange), checkKey(exchange.param("key")));
        exchange.empty(204);
    }

    private void exportHandler(Exchange exchange) throws Exception {
        ProgressFile file = new ProgressFile(FORMAT, VERSION, now().toString(), documents(workspace(exchange)));
        exchange.response.getHeaders().put("Content-Disposition", "attachment; filename=\"faaslab-progress.json\"");
        exchange.json(200, file);
    }

    private void importHandler(Exchange exchange) throws Exception {
        ProgressFile file = ProgressFile.from(exchange.jsonBody());
        Map<String, String> documents = new LinkedHashMap<>();
        file.progress().forEach((key, document) -> documents.put(key, document.toString()));
        data.replaceProgress(workspace(exchange), documents, now());
        exchange.json(200, new Imported(documents.size()));
    }

    private Map<String, JsonNode> documents(WorkspaceId workspace) throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : data.progress(workspace).entrySet()) {
            documents.put(entry.getKey(), Exchange.JSON.readTree(entry.getValue()));
        }
        return documents;
    }

    /** @throws ApiException unless {@code key} can name a progress document */
    private static String checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("the progress key '" + key
                    + "' must be 1 to 128 letters, digits, dots, hyphens or underscores");
        }
        if (RESERVED.contains(key)) {
            throw ApiException.badRequest("the progress key '" + key + "' is taken by /api/progress/" + key
                    + ": choose another name, such as 'course' or 'lesson.<id>'");
        }
        return key;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }

    /** The learner's progress: each document by its key. */
    record Progress(Map<String, JsonNode> progress) {
    }

    /** A whole workspace's progress as a file: what export writes and import reads. */
    record ProgressFile(String format, int version, String exportedAt, Map<String, JsonNode> progress) {

        /** The file in {@code body}, refused unless it is this format and version, and every key could be stored. */
        static ProgressFile from(JsonNode body) {
            String file = " (a progress file is what GET /api/progress/export gives)";
            if (!body.isObject() || !FORMAT.equals(body.path("format").asText(null))) {
                throw ApiException.badRequest("this is not a FaaS Lab progress file: its \"format\" is "
                        + (body.isObject() && body.has("format") ? body.get("format") : "missing")
                        + ", not \"" + FORMAT + "\"" + file);
            }
            JsonNode version = body.path("version");
            if (!version.isIntegralNumber() || version.asLong() != VERSION) {
                throw ApiException.badRequest("this progress file is version " + (version.isMissingNode() ? "(missing)" : version)
                        + ", and this FaaS Lab reads version " + VERSION + " only: export it again from a FaaS Lab as"
                        + " new as this one");
            }
            JsonNode progress = body.path("progress");
            if (!progress.isObject()) {
                throw ApiException.badRequest("the progress file has no \"progress\" object of keys and their documents"
                        + (progress.isMissingNode() ? "" : ", but " + progress.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
                        + file);
            }
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            progress.properties().forEach(entry -> documents.put(checkKey(entry.getKey()), entry.getValue()));
            return new ProgressFile(FORMAT, VERSION, body.path("exportedAt").textValue(), documents);
        }
    }

    /**
     * A document's {@code revision}: a whole number that only grows as its writer changes it (the browser app's
     * saved code counts its edits). A document without one is stored whatever is stored already.
     */
    record Revision(long number) {

        static Revision of(JsonNode document) {
            JsonNode revision = document == null ? null : document.get("revision");
            return revision != null && revision.isIntegralNumber() && revision.canConvertToLong()
                    ? new Revision(revision.longValue()) : null;
        }
    }

    /** How many documents an import stored. */
    record Imported(int imported) {
    }
}
