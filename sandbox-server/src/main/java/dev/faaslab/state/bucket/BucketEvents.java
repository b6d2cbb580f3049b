package dev.faaslab.state.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Identity;
import dev.faaslab.time.Clock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * S3's event notification, as Lambda receives it: {@code {"Records":[{…"s3":{"bucket","object"}}]}}, one
 * record per event, with the key URL-encoded as S3 encodes it (a space becomes {@code +}).
 */
final class BucketEvents {

    static final String CREATED = "ObjectCreated:Put";
    static final String REMOVED = "ObjectRemoved:Delete";

    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    /** S3's sequencer orders the events of one key; growing with the clock keeps it growing across restarts. */
    private final AtomicLong sequence;

    BucketEvents(Clock clock) {
        this.clock = clock;
        this.sequence = new AtomicLong(clock.epochMillis() * 1000);
    }

    /** The event's JSON; {@code object} is the object written, or the one deleted, in {@code identity}'s account. */
    String event(Identity identity, String eventName, String bucket, StoredObject object, String configurationId, String sourceIp) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", identity.region());
        record.put("eventTime", TIME.format(Instant.ofEpochMilli(clock.epochMillis())));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", identity.principalId());
        record.putObject("requestParameters").put("sourceIPAddress", sourceIp == null ? "127.0.0.1" : sourceIp);
        ObjectNode response = record.putObject("responseElements");
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        response.put("x-amz-request-id", requestId);
        response.put("x-amz-id-2", requestId + "/faaslab");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", identity.accountId());
        bucketNode.put("arn", Identity.bucketArn(bucket));
        ObjectNode objectNode = s3.putObject("object");
        objectNode.put("key", encodeKey(object.key()));
        if (eventName.equals(CREATED)) {
            // A deletion's record carries only the key and the sequencer, as S3's does.
            objectNode.put("size", object.size());
            objectNode.put("eTag", object.etag());
        }
        objectNode.put("sequencer", String.format(Locale.ROOT, "%016X", sequence.incrementAndGet()));
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always JSON", e);
        }
    }

    /** S3 URL-encodes the key in events as a form value, except that '/' stays. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
