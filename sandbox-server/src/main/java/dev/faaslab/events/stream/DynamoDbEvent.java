package dev.faaslab.events.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faaslab.core.Identity;
import java.time.Instant;
import java.util.List;

/**
 * The event Lambda hands a function for a batch of DynamoDB stream records ({@code Records[]}), its
 * images in DynamoDB's typed JSON, and the record an on-failure destination gets for a batch given up.
 */
public final class DynamoDbEvent {

    /** One shard per table: the shard id every batch names. */
    static final String SHARD_ID = "shardId-00000000000000000000-00000000";
    private static final ObjectMapper JSON = dev.faaslab.core.Json.MAPPER;

    private DynamoDbEvent() {
    }

    /** {@code {"Records":[…]}} for the records of the stream {@code streamArn}. */
    static String of(Identity identity, String streamArn, List<StreamRecord> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(record -> array.add(record(identity, streamArn, record)));
        return event.toString();
    }

    /** One record as DynamoDB Streams shows it, fields in its order. */
    public static ObjectNode record(Identity identity, String streamArn, StreamRecord record) {
        StreamChange change = record.change();
        ObjectNode node = JSON.createObjectNode();
        node.put("eventID", record.eventId());
        node.put("eventName", change.eventName().name());
        node.put("eventVersion", "1.1");
        node.put("eventSource", "aws:dynamodb");
        node.put("awsRegion", identity.region());
        ObjectNode dynamodb = node.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", record.createdAtMillis() / 1000);
        dynamodb.set("Keys", AttributeValues.item(StreamChange.read(change.keys())));
        if (change.newImage() != null) {
            dynamodb.set("NewImage", AttributeValues.item(StreamChange.read(change.newImage())));
        }
        if (change.oldImage() != null) {
            dynamodb.set("OldImage", AttributeValues.item(StreamChange.read(change.oldImage())));
        }
        dynamodb.put("SequenceNumber", record.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes());
        dynamodb.put("StreamViewType", change.viewType().name());
        node.put("eventSourceARN", streamArn);
        return node;
    }

    /**
     * What Lambda sends an on-failure destination for a stream batch given up: where the batch is in
     * the stream, not its records (they stay readable in the stream for 24 hours).
     */
    static String failure(String functionArn, String streamArn, List<StreamRecord> batch, int attempts,
                          String functionError, long nowMillis) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode request = node.putObject("requestContext");
        request.put("requestId", java.util.UUID.randomUUID().toString());
        request.put("functionArn", functionArn);
        request.put("condition", "RetryAttemptsExhausted");
        request.put("approximateInvokeCount", attempts);
        ObjectNode response = node.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", functionError);
        node.put("version", "1.0");
        node.put("timestamp", Instant.ofEpochMilli(nowMillis).toString());
        ObjectNode info = node.putObject("DDBStreamBatchInfo");
        info.put("shardId", SHARD_ID);
        info.put("startSequenceNumber", batch.getFirst().sequenceNumber());
        info.put("endSequenceNumber", batch.getLast().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", Instant.ofEpochMilli(batch.getFirst().createdAtMillis()).toString());
        info.put("approximateArrivalOfLastRecord", Instant.ofEpochMilli(batch.getLast().createdAtMillis()).toString());
        info.put("batchSize", batch.size());
        info.put("streamArn", streamArn);
        return node.toString();
    }
}
