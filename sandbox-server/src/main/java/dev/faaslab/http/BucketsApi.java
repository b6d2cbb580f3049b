package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.state.bucket.Bucket;
import dev.faaslab.state.bucket.Buckets;
import dev.faaslab.state.bucket.StoredObject;
import dev.faaslab.state.bucket.Subscription;
import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The REST API of storage buckets under {@code /api/buckets}: buckets, objects by key with raw bodies
 * (as S3's REST API carries them), listings, and subscriptions of functions to a bucket's events.
 */
final class BucketsApi {

    static final Set<String> SUBSCRIPTION_FIELDS = Set.of("id", "function", "events", "prefix", "suffix");
    private static final String OBJECT = "/api/buckets/{bucket}/objects/{key...}";

    private final Buckets buckets;
    private final WorkspaceResolver workspaces;

    BucketsApi(Buckets buckets, WorkspaceResolver workspaces) {
        this.buckets = buckets;
        this.workspaces = workspaces;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/buckets", this::listHandler),
                new Route("GET", "/api/buckets/{bucket}", this::describeHandler),
                new Route("PUT", "/api/buckets/{bucket}", this::createHandler),
                new Route("DELETE", "/api/buckets/{bucket}", this::deleteHandler),
                new Route("GET", "/api/buckets/{bucket}/subscriptions", this::subscriptionsHandler),
                new Route("POST", "/api/buckets/{bucket}/subscriptions", this::subscribeHandler),
                new Route("DELETE", "/api/buckets/{bucket}/subscriptions/{id}", this::unsubscribeHandler),
                // Before the objects by key, which would otherwise take a listing for an empty key.
                new Route("GET", "/api/buckets/{bucket}/objects", this::objectsHandler),
                new Route("PUT", OBJECT, this::putObjectHandler),
                new Route("GET", OBJECT, this::getObjectHandler),
                new Route("HEAD", OBJECT, this::headObjectHandler),
                new Route("DELETE", OBJECT, this::deleteObjectHandler));
    }

    private void listHandler(Exchange exchange) {
        exchange.json(200, new BucketList(buckets.buckets(workspace(exchange)).stream().map(BucketView::of).toList()));
    }

    private void describeHandler(Exchange exchange) {
        exchange.json(200, BucketView.of(buckets.bucket(workspace(exchange), exchange.param("bucket"))));
    }

    private void createHandler(Exchange exchange) throws Exception {
        if (exchange.body().length > 0) {
            throw ApiException.badRequest("creating a bucket takes no body: PUT /api/buckets/{name} alone");
        }
        Buckets.Created created = buckets.create(workspace(exchange), exchange.param("bucket"));
        exchange.response.getHeaders().put("Location", "/api/buckets/" + created.bucket().name());
        exchange.json(created.created() ? 201 : 200, BucketView.of(created.bucket()));
    }

    private void deleteHandler(Exchange exchange) {
        buckets.delete(workspace(exchange), exchange.param("bucket"));
        exchange.empty(204);
    }

    private void objectsHandler(Exchange exchange) {
        Buckets.Listing listing = buckets.list(workspace(exchange), exchange.param("bucket"), exchange.query("prefix"),
                exchange.query("delimiter"), exchange.intQuery("maxKeys", Buckets.MAX_KEYS, 1, Buckets.MAX_KEYS),
                exchange.query("continuationToken"));
        exchange.json(200, ObjectListing.of(listing));
    }

    private void putObjectHandler(Exchange exchange) throws Exception {
        String bucket = exchange.param("bucket");
        String key = key(exchange);
        long declared = exchange.request.getLength();
        if (declared > buckets.limits().maxObjectBytes()) {
            throw buckets.tooLarge(bucket, key, declared); // BodyLoader has read and dropped it, or closes the connection
        }
        StoredObject object = buckets.put(workspace(exchange), bucket, key,
                new ByteArrayInputStream(BodyLoader.body(exchange.request)), exchange.header("Content-Type"),
                Request.getRemoteAddr(exchange.request));
        exchange.response.getHeaders().put(HttpHeader.ETAG, object.quotedEtag());
        exchange.json(200, new PutObjectResult(object.key(), object.quotedEtag(), object.size()));
    }

    private void getObjectHandler(Exchange exchange) {
        Buckets.Content content = buckets.get(workspace(exchange), exchange.param("bucket"), key(exchange));
        describe(exchange, content.object());
        exchange.send(200, content.object().contentType(), content.bytes());
    }

    private void headObjectHandler(Exchange exchange) {
        StoredObject object = buckets.head(workspace(exchange), exchange.param("bucket"), key(exchange));
        describe(exchange, object);
        exchange.response.getHeaders().put(HttpHeader.CONTENT_TYPE, object.contentType());
        exchange.response.getHeaders().put(HttpHeader.CONTENT_LENGTH, object.size());
        exchange.empty(200);
    }

    private void deleteObjectHandler(Exchange exchange) {
        buckets.delete(workspace(exchange), exchange.param("bucket"), key(exchange),
                Request.getRemoteAddr(exchange.request));
        exchange.empty(204);
    }

    private void subscriptionsHandler(Exchange exchange) {
        exchange.json(200, new SubscriptionList(buckets.subscriptions(workspace(exchange), exchange.param("bucket"))
                .stream().map(SubscriptionView::of).toList()));
    }

    private void subscribeHandler(Exchange exchange) throws Exception {
        SubscriptionRequest request = SubscriptionRequest.from(exchange.jsonBody());
        Subscription subscription = buckets.subscribe(workspace(exchange), exchange.param("bucket"), request.id(),
                request.function(), request.events(), request.prefix(), request.suffix());
        exchange.json(201, SubscriptionView.of(subscription));
    }

    private void unsubscribeHandler(Exchange exchange) {
        String bucket = exchange.param("bucket");
        String id = exchange.param("id");
        if (!buckets.unsubscribe(workspace(exchange), bucket, id)) {
            throw new ApiException(404, "NotFound", "the bucket '" + bucket + "' has no subscription '" + id + "'");
        }
        exchange.empty(204);
    }

    /** The object's ETag and Last-Modified headers, as S3 sends them with its bytes. */
    private static void describe(Exchange exchange, StoredObject object) {
        exchange.response.getHeaders().put(HttpHeader.ETAG, object.quotedEtag());
        exchange.response.getHeaders().put(HttpHeader.LAST_MODIFIED,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(object.lastModified().atOffset(ZoneOffset.UTC)));
    }

    // ---- bodies ----

    /** A subscription of a function to a bucket's events; what is left out is null, for the bucket's defaults. */
    record SubscriptionRequest(String id, String function, List<String> events, String prefix, String suffix) {

        static SubscriptionRequest from(JsonNode body) {
            JsonFields.onlyFields(body, SUBSCRIPTION_FIELDS, "a subscription is {\"function\":\"f\"} with, optionally,"
                    + " id, events, prefix and suffix");
            List<String> events = new ArrayList<>();
            JsonNode given = body.get("events");
            if (given != null && !given.isNull()) {
                if (!given.isArray()) {
                    throw ApiException.badField("events", "the field 'events' must be an array such as"
                            + " [\"ObjectCreated:*\"]");
                }
                for (JsonNode event : given) {
                    if (!event.isTextual()) {
                        throw ApiException.badField("events", "each of 'events' must be a string such as"
                                + " \"ObjectCreated:*\", not " + event);
                    }
                    events.add(event.textValue());
                }
            }
            return new SubscriptionRequest(JsonFields.text(body, "id", null), JsonFields.text(body, "function"), events,
                    JsonFields.text(body, "prefix", null), JsonFields.text(body, "suffix", null));
        }
    }

    // ---- answers ----

    /** A bucket as the API shows it. */
    record BucketView(String name, String arn, long objectCount, long bytes, String createdAt) {

        static BucketView of(Bucket bucket) {
            return new BucketView(bucket.name(), bucket.arn(), bucket.objectCount(), bucket.bytes(),
                    bucket.createdAt().toString());
        }
    }

    /** The buckets of a workspace. */
    record BucketList(List<BucketView> buckets) {
    }

    /** An object in a listing: its metadata, not its bytes. */
    record ObjectSummary(String key, long size, String etag, String contentType, String lastModified) {

        static ObjectSummary of(StoredObject object) {
            return new ObjectSummary(object.key(), object.size(), object.quotedEtag(), object.contentType(),
                    object.lastModified().toString());
        }
    }

    /** A page of a bucket's keys, with S3's field names for the prefixes and the continuation. */
    record ObjectListing(List<ObjectSummary> objects, List<String> commonPrefixes, int keyCount, boolean isTruncated,
                         String nextContinuationToken) {

        static ObjectListing of(Buckets.Listing listing) {
            return new ObjectListing(listing.objects().stream().map(ObjectSummary::of).toList(),
                    listing.commonPrefixes(), listing.objects().size() + listing.commonPrefixes().size(),
                    listing.truncated(), listing.nextContinuationToken());
        }
    }

    /** What a stored object answers: its key, its quoted ETag (as the header) and its size. */
    record PutObjectResult(String key, String etag, long size) {
    }

    /** A subscription as the API shows it. */
    record SubscriptionView(String id, String bucket, String function, List<String> events, String prefix,
                            String suffix, String createdAt) {

        static SubscriptionView of(Subscription subscription) {
            return new SubscriptionView(subscription.id(), subscription.bucket(), subscription.function(),
                    subscription.events(), subscription.prefix(), subscription.suffix(),
                    subscription.createdAt().toString());
        }
    }

    /** A bucket's subscriptions. */
    record SubscriptionList(List<SubscriptionView> subscriptions) {
    }

    // ---- parameters ----

    private static String key(Exchange exchange) {
        return StateErrors.decoded(exchange.param("key"));
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }
}
