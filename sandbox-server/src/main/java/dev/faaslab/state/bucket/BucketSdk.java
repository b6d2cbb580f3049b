package dev.faaslab.state.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.sdk.SdkException;
import dev.faaslab.runtime.sdk.SdkService;
import dev.faaslab.state.SdkArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code bucket} service of the SDK: {@code put}, {@code get}, {@code head}, {@code list} and
 * {@code delete}. Bodies travel as text, {@code utf8} or {@code base64}. Puts and deletes notify the
 * bucket's subscribers, as the REST API's do.
 */
public final class BucketSdk implements SdkService {

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;
    /** A function's calls come from inside the sandbox. */
    private static final String SOURCE_IP = "127.0.0.1";

    private final Buckets buckets;

    public BucketSdk(Buckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public String name() {
        return "bucket";
    }

    @Override
    public JsonNode call(WorkspaceId workspace, String operation, JsonNode args) {
        return SdkArgs.translate(() -> {
            SdkArgs in = new SdkArgs("bucket", operation, args);
            ObjectNode result = JSON.createObjectNode();
            switch (operation) {
                case "put" -> {
                    in.only("bucket", "key", "body", "encoding", "contentType");
                    String bucket = in.text("bucket");
                    String key = in.text("key");
                    byte[] body = decode(in.text("body"), encoding(in.optionalText("encoding")));
                    if (body.length > buckets.limits().maxObjectBytes()) {
                        throw buckets.tooLarge(bucket, key, body.length);
                    }
                    StoredObject object = buckets.put(workspace, bucket, key, new ByteArrayInputStream(body),
                            in.optionalText("contentType"), SOURCE_IP);
                    result.put("etag", object.quotedEtag());
                    result.put("size", object.size());
                }
                case "get" -> {
                    in.only("bucket", "key", "encoding");
                    String encoding = encoding(in.optionalText("encoding"));
                    Buckets.Content content = buckets.get(workspace, in.text("bucket"), in.text("key"));
                    result.put("body", encoding.equals("base64") ? Base64.getEncoder().encodeToString(content.bytes())
                            : new String(content.bytes(), StandardCharsets.UTF_8));
                    result.put("encoding", encoding);
                    describe(result, content.object());
                }
                case "head" -> {
                    in.only("bucket", "key");
                    describe(result, buckets.head(workspace, in.text("bucket"), in.text("key")));
                }
                case "list" -> {
                    in.only("bucket", "prefix", "delimiter", "maxKeys", "continuationToken");
                    Long maxKeys = in.whole("maxKeys");
                    Buckets.Listing listing = buckets.list(workspace, in.text("bucket"), in.optionalText("prefix"),
                            in.optionalText("delimiter"), maxKeys == null ? null : (int) Math.clamp(maxKeys, -1, Integer.MAX_VALUE),
                            in.optionalText("continuationToken"));
                    ArrayNode objects = result.putArray("objects");
                    for (StoredObject object : listing.objects()) {
                        ObjectNode entry = objects.addObject();
                        entry.put("key", object.key());
                        entry.put("size", object.size());
                        entry.put("etag", object.quotedEtag());
                        entry.put("lastModified", object.lastModified().toString());
                    }
                    ArrayNode prefixes = result.putArray("commonPrefixes");
                    listing.commonPrefixes().forEach(prefixes::add);
                    result.put("nextContinuationToken", listing.nextContinuationToken());
                }
                case "delete" -> {
                    in.only("bucket", "key");
                    buckets.delete(workspace, in.text("bucket"), in.text("key"), SOURCE_IP);
                }
                default -> throw in.unknownOperation("put, get, head, list, delete");
            }
            return result;
        });
    }

    private static void describe(ObjectNode result, StoredObject object) {
        result.put("contentType", object.contentType());
        result.put("etag", object.quotedEtag());
        result.put("size", object.size());
        result.put("lastModified", object.lastModified().toString());
    }

    private static String encoding(String encoding) {
        if (encoding == null) {
            return "utf8";
        }
        if (!encoding.equals("utf8") && !encoding.equals("base64")) {
            throw new SdkException("ValidationException", "encoding is 'utf8' or 'base64', not '" + encoding + "'");
        }
        return encoding;
    }

    private static byte[] decode(String body, String encoding) {
        if (encoding.equals("utf8")) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new SdkException("ValidationException", "the body is not valid base64: " + e.getMessage());
        }
    }
}
