package dev.faaslab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode body = Exchange.JSON.createObjectNode();
        ArrayNode list = body.putArray("buckets");
        buckets.buckets(workspace(exchange)).forEach(bucket -> list.add(view(bucket)));
        exchange.json(200, body);
    }

    private void describeHandler(Exchange exchange) {
        exchange.json(200, view(buckets.bucket(workspace(exchange), exchange.param("bucket"))));
    }

    private void createHandler(Exchange exchange) throws Exception {
        if (exchange.body().length > 0) {
            throw ApiException.badRequest("creating a bucket takes no body: PUT /api/buckets/{name} alone");
        }
        Buckets.Created created = buckets.create(workspace(exchange), exchange.param("bucket"));
        exchange.response.getHeaders().put("Location", "/api/buckets/" + created.bucket().name());
        exchange.json(created.created() ? 201 : 200, view(created.bucket()));
    }

    private void deleteHandler(Exchange exchange) {
        buckets.delete(workspace(exchange), exchange.param("bucket"));
        exchange.empty(204);
    }

    private void objectsHandler(Exchange exchange) {
        Buckets.Listing listing = buckets.list(workspace(exchange), exchange.param("bucket"), exchange.query("prefix"),
                exchange.query("delimiter"), exchange.intQuery("maxKeys", Buckets.MAX_KEYS, 1, Buckets.MAX_KEYS),
                exchange.query("continuationToken"));
        ObjectNode body = Exchange.JSON.createObjectNode();
        ArrayNode objects = body.putArray("objects");
        listing.objects().forEach(object -> objects.add(view(object)));
        ArrayNode prefixes = body.putArray("commonPrefixes");
        listing.commonPrefixes().forEach(prefixes::add);
        body.put("keyCount", listing.objects().size() + listing.commonPrefixes().size());
        body.put("isTruncated", listing.truncated());
        body.put("nextContinuationToken", listing.nextContinuationToken());
        exchange.json(200, body);
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
        ObjectNode reply = Exchange.JSON.createObjectNode();
        reply.put("key", object.key());
        reply.put("etag", object.quotedEtag());
        reply.put("size", object.size());
        exchange.json(200, reply);
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
        ObjectNode body = Exchange.JSON.createObjectNode();
        ArrayNode list = body.putArray("subscriptions");
        buckets.subscriptions(workspace(exchange), exchange.param("bucket")).forEach(s -> list.add(view(s)));
        exchange.json(200, body);
    }

    private void subscribeHandler(Exchange exchange) throws Exception {
        JsonNode body = exchange.jsonBody();
        JsonFields.onlyFields(body, SUBSCRIPTION_FIELDS, "a subscription is {\"function\":\"f\"} with, optionally,"
                + " id, events, prefix and suffix");
        List<String> events = new ArrayList<>();
        JsonNode given = body.get("events");
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw ApiException.badField("events", "the field 'events' must be an array such as [\"ObjectCreated:*\"]");
            }
            for (JsonNode event : given) {
                if (!event.isTextual()) {
                    throw ApiException.badField("events", "each of 'events' must be a string such as \"ObjectCreated:*\", not "
                            + event);
                }
                events.add(event.textValue());
            }
        }
        Subscription subscription = buckets.subscribe(workspace(exchange), exchange.param("bucket"),
                JsonFields.text(body, "id", null), JsonFields.text(body, "function"), events,
                JsonFields.text(body, "prefix", null), JsonFields.text(body, "suffix", null));
        exchange.json(201, view(subscription));
    }

    private void unsubscribeHandler(Exchange exchange) {
        String bucket = exchange.param("bucket");
        String id = exchange.param("id");
        if (!buckets.unsubscribe(workspace(exchange), bucket, id)) {
            throw new ApiException(404, "NotFound", "the bucket '" + bucket + "' has no subscription '" + id + "'");
        }
        exchange.empty(204);
    }

    // ---- views ----

    private static void describe(Exchange exchange, StoredObject object) {
        exchange.response.getHeaders().put(HttpHeader.ETAG, object.quotedEtag());
        exchange.response.getHeaders().put(HttpHeader.LAST_MODIFIED,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(object.lastModified().atOffset(ZoneOffset.UTC)));
    }

    static ObjectNode view(Bucket bucket) {
        ObjectNode view = Exchange.JSON.createObjectNode();
        view.put("name", bucket.name());
        view.put("arn", bucket.arn());
        view.put("objectCount", bucket.objectCount());
        view.put("bytes", bucket.bytes());
        view.put("createdAt", bucket.createdAt().toString());
        return view;
    }

    static ObjectNode view(StoredObject object) {
        ObjectNode view = Exchange.JSON.createObjectNode();
        view.put("key", object.key());
        view.put("size", object.size());
        view.put("etag", object.quotedEtag());
        view.put("contentType", object.contentType());
        view.put("lastModified", object.lastModified().toString());
        return view;
    }

    static ObjectNode view(Subscription subscription) {
        ObjectNode view = Exchange.JSON.createObjectNode();
        view.put("id", subscription.id());
        view.put("bucket", subscription.bucket());
        view.put("function", subscription.function());
        ArrayNode events = view.putArray("events");
        subscription.events().forEach(events::add);
        view.put("prefix", subscription.prefix());
        view.put("suffix", subscription.suffix());
        view.put("createdAt", subscription.createdAt().toString());
        return view;
    }

    private static String key(Exchange exchange) {
        return StateErrors.decoded(exchange.param("key"));
    }

    private WorkspaceId workspace(Exchange exchange) {
        return workspaces.resolve(exchange.request);
    }
}
