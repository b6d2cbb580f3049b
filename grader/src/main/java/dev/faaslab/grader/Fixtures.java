package dev.faaslab.grader;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.events.queue.QueueAttributes;
import dev.faaslab.events.stream.StreamViewType;
import dev.faaslab.exercise.GradingServices;
import dev.faaslab.platform.ConflictException;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.state.StateException;
import dev.faaslab.state.bucket.Buckets;
import dev.faaslab.state.bucket.StoredObject;
import dev.faaslab.state.table.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an exercise's checks find in their workspace before the function runs: tables (empty, with their keys,
 * and a change stream where they have one), buckets holding the exercise's files, and queues (empty, with their
 * settings). A setup reads its data from them, where the platform counts every read, and a delivery leaves its
 * effects in them, where a check reads them afterwards. Each check starts from them afresh.
 *
 * @param tables        each table's keys, by name
 * @param buckets       each bucket's objects, by name: key → the file in the exercise's folder that holds it
 * @param subscriptions the fixture buckets whose new objects invoke the check's function, asynchronously
 * @param queues        each queue's settings, by name; a queue's dead-letter queue is one of them
 */
public record Fixtures(Map<String, TableKeys> tables, Map<String, Map<String, Path>> buckets,
                       List<BucketTrigger> subscriptions, Map<String, QueueAttributes> queues) {

    public static final Fixtures NONE = new Fixtures(Map.of(), Map.of(), List.of(), Map.of());

    private static final Logger LOG = LoggerFactory.getLogger(Fixtures.class);
    private static final String SOURCE_IP = "127.0.0.1";

    public Fixtures {
        tables = Map.copyOf(tables);
        buckets = Map.copyOf(buckets);
        subscriptions = List.copyOf(subscriptions);
        queues = Map.copyOf(queues);
    }

    /** Tables and buckets, no subscriptions, no queues. */
    public Fixtures(Map<String, TableKeys> tables, Map<String, Map<String, Path>> buckets) {
        this(tables, buckets, List.of(), Map.of());
    }

    /**
     * A bucket's notification to the check's function for its new objects ({@code ObjectCreated:*}), as an upload
     * trigger on Lambda; the filters are S3's, {@code ""} for none.
     */
    public record BucketTrigger(String bucket, String prefix, String suffix) {

        /** Whether an object of this key fires it. */
        boolean fires(String key) {
            return key.startsWith(prefix) && key.endsWith(suffix);
        }

        String describe() {
            return "the bucket " + bucket + (prefix.isEmpty() && suffix.isEmpty() ? "" : " (keys"
                    + (prefix.isEmpty() ? "" : " starting '" + prefix + "'") + (prefix.isEmpty() || suffix.isEmpty()
                    ? "" : " and") + (suffix.isEmpty() ? "" : " ending '" + suffix + "'") + ")");
        }
    }

    /** The subscription of {@code bucket}, or null when the fixtures subscribe the function to no such bucket. */
    BucketTrigger subscription(String bucket) {
        return subscriptions.stream().filter(trigger -> trigger.bucket().equals(bucket)).findFirst().orElse(null);
    }

    /**
     * Subscribes the check's function, deployed after the buckets were filled (so their objects invoked nothing),
     * to the buckets the fixtures name.
     */
    void subscribe(GradingServices services, WorkspaceId workspace, String function) {
        for (BucketTrigger trigger : subscriptions) {
            services.buckets().subscribe(workspace, trigger.bucket(), null, function, List.of("ObjectCreated:*"),
                    trigger.prefix(), trigger.suffix());
        }
    }

    /**
     * A table's key attributes; both are strings.
     *
     * @param sortKey null for a table addressed by its partition key alone
     * @param stream  its change stream's view type, or null for a table without a stream
     */
    public record TableKeys(String partitionKey, String sortKey, StreamViewType stream) {

        public TableKeys(String partitionKey, String sortKey) {
            this(partitionKey, sortKey, null);
        }
    }

    /** Whether the queue's redrive policy sends a message that keeps failing to a dead-letter queue. */
    boolean redrives(String queue) {
        QueueAttributes attributes = queues.get(queue);
        return attributes != null && attributes.redrivePolicy() != null;
    }

    /** Makes the tables and buckets in {@code workspace}, as the exercise describes them, and nothing else. */
    void install(GradingServices services, WorkspaceId workspace) {
        remove(services, workspace); // what an earlier check left
        provide(services, workspace); // then all of it is missing, and made afresh
    }

    /**
     * Makes in a learner's own workspace what is missing of them, for a run of their code before they submit, and
     * changes nothing that is there: a table of the same name and keys, a bucket, an object under the same key all
     * stay as the learner left them.
     *
     * @return what it made, in words ("the table orders", "the object reference/primes.txt")
     * @throws dev.faaslab.state.StateException when a table of the same name has other keys
     */
    public List<String> provide(GradingServices services, WorkspaceId workspace) {
        List<String> made = new ArrayList<>();
        tables.forEach((name, keys) -> {
            if (services.tables().create(workspace, name, keys.partitionKey(), KeyType.STRING, keys.sortKey(),
                    keys.sortKey() == null ? null : KeyType.STRING).created()) {
                made.add("the table " + name);
                if (keys.stream() != null) {
                    services.tableStreams().enable(workspace, name, keys.stream());
                }
            }
        });
        // Dead-letter queues first: a redrive policy must name a queue that exists.
        queuesInOrder(false).forEach(name -> {
            if (!services.queues().exists(workspace, name)) {
                services.queues().put(workspace, name, queues.get(name));
                made.add("the queue " + name);
            }
        });
        buckets.forEach((name, objects) -> {
            if (services.buckets().create(workspace, name).created()) {
                made.add("the bucket " + name);
            }
            objects.forEach((key, file) -> {
                try {
                    services.buckets().head(workspace, name, key);
                } catch (StateException absent) {
                    if (absent.reason() != StateException.Reason.KEY_NOT_FOUND) {
                        throw absent;
                    }
                    put(services, workspace, name, key, file);
                    made.add("the object " + name + "/" + key);
                }
            });
        });
        return made;
    }

    /** Stores one file of the exercise's folder in a bucket: a fixture, or a check's upload (which notifies). */
    static void put(GradingServices services, WorkspaceId workspace, String bucket, String key, Path file) {
        try (InputStream body = Files.newInputStream(file)) {
            services.buckets().put(workspace, bucket, key, body, contentType(file), SOURCE_IP);
        } catch (IOException e) {
            throw new ExerciseException(file + ": cannot read it for the bucket '" + bucket + "' (" + e.getMessage()
                    + ")");
        }
    }

    /** The queues' names, those with a redrive policy last (or first, {@code redrivingFirst}). */
    private List<String> queuesInOrder(boolean redrivingFirst) {
        return queues.keySet().stream().sorted((a, b) -> Boolean.compare(redrives(a) != redrivingFirst,
                redrives(b) != redrivingFirst)).toList();
    }

    /** Removes them, with whatever the function wrote into them; a scratch workspace keeps nothing. */
    void remove(GradingServices services, WorkspaceId workspace) {
        // A queue that redrives to another goes first: its dead-letter queue cannot go while it names it.
        for (String name : queuesInOrder(true)) {
            try {
                services.queues().delete(workspace, name);
            } catch (NotFoundException absent) {
                // never made, or removed already
            } catch (ConflictException e) {
                LOG.warn("the fixture queue {} of {} could not be removed: {}", name, workspace, e.getMessage());
            }
        }
        for (String name : tables.keySet()) {
            try {
                services.tables().delete(workspace, name);
            } catch (StateException e) {
                unlessAbsent(e, workspace, name);
            }
        }
        for (String name : buckets.keySet()) {
            try {
                emptyAndDelete(services.buckets(), workspace, name);
            } catch (StateException e) {
                unlessAbsent(e, workspace, name);
            }
        }
    }

    private static void unlessAbsent(StateException e, WorkspaceId workspace, String name) {
        if (e.reason() != StateException.Reason.TABLE_NOT_FOUND && e.reason() != StateException.Reason.BUCKET_NOT_FOUND) {
            LOG.warn("the fixture {} of {} could not be removed: {}", name, workspace, e.getMessage());
        }
    }

    private static void emptyAndDelete(Buckets buckets, WorkspaceId workspace, String name) {
        List<StoredObject> objects = buckets.list(workspace, name, null, null, null, null).objects();
        while (!objects.isEmpty()) {
            for (StoredObject object : objects) {
                buckets.delete(workspace, name, object.key(), SOURCE_IP);
            }
            objects = buckets.list(workspace, name, null, null, null, null).objects();
        }
        buckets.delete(workspace, name);
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? "application/json" : name.endsWith(".txt") || name.endsWith(".csv")
                ? "text/plain; charset=utf-8" : Buckets.DEFAULT_CONTENT_TYPE;
    }
}
