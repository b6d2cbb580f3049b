package dev.faaslab.state.bucket;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.state.StateException;
import dev.faaslab.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3-like storage buckets: objects of bytes with a content type and an ETag, listed in key order, kept
 * under the data directory, with per-workspace quotas and notifications to functions.
 *
 * <p>An object's bytes are a file named by a random id ({@code <root>/<workspace>/<bucket>/<id>}), never
 * by its key, so no key ({@code ../x}, {@code a/b}, anything) can name a path; the key lives only in the
 * database. A put writes a temporary file, forces it to the disk, renames it into place atomically, and
 * only then commits the metadata that names it: an acknowledged put survives the process being killed,
 * and an interrupted one leaves at most a file that no object names, which the next start deletes.
 */
public final class Buckets {

    /** S3's rule for bucket names (without its IP-address exclusion); it also keeps them safe as directory names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_KEYS = 1000;
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\x20-\\x7e]{1,255}");
    private static final String TEMPORARY = ".put-";
    private static final HexFormat HEX = HexFormat.of();
    private static final Logger LOG = LoggerFactory.getLogger(Buckets.class);

    /** The functions that notifications invoke. */
    public interface Targets {
        boolean exists(WorkspaceId workspace, String function);

        /** Invokes asynchronously ({@code Event}): stored before this returns, run soon after. */
        void invokeAsync(WorkspaceId workspace, String function, String eventJson);
    }

    private final BucketStore store;
    private final Path root;
    private final Clock clock;
    private final BucketLimits limits;
    /** Bytes each workspace may keep in buckets and tables together; a classroom sets its learners'. */
    private volatile dev.faaslab.state.StorageQuota storage = dev.faaslab.state.StorageQuota.DEFAULT;
    private final Targets targets;
    private final BucketEvents events;
    private final Map<WorkspaceId, Object> writeLocks = new ConcurrentHashMap<>();

    /**
     * @param root the directory for the objects' bytes, created if missing; files in it that no object
     *             names (left by a put the process did not finish) are deleted
     */
    public Buckets(BucketStore store, Path root, Clock clock, BucketLimits limits, Targets targets) {
        this.store = store;
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.limits = limits;
        this.targets = targets;
        this.events = new BucketEvents(clock);
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the buckets' directory " + this.root, e);
        }
        sweep();
    }

    /** Sets how many bytes each workspace may keep (its objects and its tables' items together), from the next write. */
    public void limitEach(dev.faaslab.state.StorageQuota storage) {
        this.storage = storage;
    }

    public BucketLimits limits() {
        return limits;
    }

    // ---- buckets ----

    /** A bucket, and whether {@link #create} made it. */
    public record Created(Bucket bucket, boolean created) {
    }

    /** Creates a bucket; creating one that exists changes nothing (as S3 in us-east-1 answers its owner). */
    public Created create(WorkspaceId workspace, String name) {
        checkName(name);
        Optional<Bucket> existing = store.bucket(workspace, name);
        if (existing.isPresent()) {
            return new Created(existing.get(), false);
        }
        return new Created(store.create(workspace, name, limits.maxBuckets(), now()), true);
    }

    public Bucket bucket(WorkspaceId workspace, String name) {
        checkName(name);
        return store.bucket(workspace, name).orElseThrow(() -> noSuchBucket(name));
    }

    public List<Bucket> buckets(WorkspaceId workspace) {
        return store.buckets(workspace);
    }

    /** @throws StateException BUCKET_NOT_FOUND, BUCKET_NOT_EMPTY */
    public void delete(WorkspaceId workspace, String name) {
        checkName(name);
        store.delete(workspace, name);
        Path directory = directory(workspace, name);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (NoSuchFileException e) {
            // never held an object
        } catch (IOException e) {
            LOG.warn("the deleted bucket's directory {} could not be removed: {}", directory, e.getMessage());
        }
    }

    // ---- objects ----

    /**
     * Stores an object, replacing any with its key, and notifies the bucket's subscribers.
     *
     * @param body        the bytes; read to the end, or until they pass the per-object limit
     * @param contentType null for {@value #DEFAULT_CONTENT_TYPE}
     * @param sourceIp    who sent it, for the event's {@code requestParameters.sourceIPAddress}
     * @throws StateException BUCKET_NOT_FOUND, QUOTA_EXCEEDED (the object's size or the workspace's bytes), INVALID
     */
    public StoredObject put(WorkspaceId workspace, String bucket, String key, InputStream body, String contentType,
                            String sourceIp) {
        checkName(bucket);
        String keyHex = keyHex(key);
        String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType.strip();
        if (!CONTENT_TYPE.matcher(type).matches()) {
            throw StateException.invalid("the content type must be 1 to 255 printable ASCII characters, such as"
                    + " text/plain or image/png");
        }
        bucket(workspace, bucket);
        Path directory = directory(workspace, bucket);
        String fileName = UUID.randomUUID().toString();
        Path file = directory.resolve(fileName);
        Path temporary = directory.resolve(TEMPORARY + fileName);
        StoredObject object;
        try {
            Files.createDirectories(directory);
            MessageDigest md5 = md5();
            long size;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), md5)) {
                size = copy(body, out, bucket, key);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
            object = new StoredObject(key, fileName, size, type, HEX.formatHex(md5.digest()), now());
        } catch (IOException e) {
            deleteQuietly(temporary);
            deleteQuietly(file);
            throw new UncheckedIOException("could not write the object '" + key + "' of '" + bucket + "': "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
        Optional<StoredObject> replaced;
        try {
            // One writer per workspace at a time, so that two puts cannot both fit under the quota together.
            synchronized (writeLocks.computeIfAbsent(workspace, w -> new Object())) {
                replaced = store.put(workspace, bucket, keyHex, object, storage.bytesOf(workspace));
            }
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        replaced.ifPresent(old -> deleteQuietly(directory.resolve(old.fileName())));
        notify(workspace, bucket, BucketEvents.CREATED, object, sourceIp);
        return object;
    }

    /** An object's metadata and its bytes. */
    public record Content(StoredObject object, byte[] bytes) {
    }

    /** @throws StateException BUCKET_NOT_FOUND, KEY_NOT_FOUND */
    public Content get(WorkspaceId workspace, String bucket, String key) {
        // A concurrent put may replace the object, and delete its file, between the two reads: read again.
        for (int attempt = 1; ; attempt++) {
            StoredObject object = head(workspace, bucket, key);
            try {
                return new Content(object, Files.readAllBytes(directory(workspace, bucket).resolve(object.fileName())));
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw new UncheckedIOException("the file of the object '" + key + "' of '" + bucket
                            + "' is missing from " + directory(workspace, bucket), e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the object '" + key + "' of '" + bucket + "'", e);
            }
        }
    }

    /** @throws StateException BUCKET_NOT_FOUND, KEY_NOT_FOUND */
    public StoredObject head(WorkspaceId workspace, String bucket, String key) {
        checkName(bucket);
        String keyHex = keyHex(key);
        return store.object(workspace, bucket, keyHex).orElseThrow(() -> {
            bucket(workspace, bucket);
            return new StateException(StateException.Reason.KEY_NOT_FOUND, "the bucket '" + bucket
                    + "' has no object with the key '" + key + "'");
        });
    }

    /**
     * Deletes an object; as S3, deleting a key that holds none succeeds (and notifies no one).
     *
     * @return whether there was an object
     */
    public boolean delete(WorkspaceId workspace, String bucket, String key, String sourceIp) {
        checkName(bucket);
        Optional<StoredObject> removed = store.remove(workspace, bucket, keyHex(key));
        removed.ifPresent(old -> {
            deleteQuietly(directory(workspace, bucket).resolve(old.fileName()));
            notify(workspace, bucket, BucketEvents.REMOVED, old, sourceIp);
        });
        return removed.isPresent();
    }

    /**
     * One page of a listing, S3's ListObjectsV2: objects in key order (by UTF-8 bytes) and, with a
     * delimiter, the common prefixes that stand for the keys under them.
     */
    public record Listing(List<StoredObject> objects, List<String> commonPrefixes, String nextContinuationToken) {
        public boolean truncated() {
            return nextContinuationToken != null;
        }
    }

    /**
     * @param prefix    only keys that start with it (null for all)
     * @param delimiter null, or what rolls the keys that hold it after the prefix into one common prefix
     * @param maxKeys   1 to {@value #MAX_KEYS} objects and common prefixes together; null for the most
     * @param token     null, or the {@code nextContinuationToken} of the previous page
     */
    public Listing list(WorkspaceId workspace, String bucket, String prefix, String delimiter, Integer maxKeys,
                        String token) {
        bucket(workspace, bucket);
        String from = prefix == null ? "" : prefix;
        int max = maxKeys == null ? MAX_KEYS : maxKeys;
        if (max < 1 || max > MAX_KEYS) {
            throw StateException.invalid("maxKeys must be between 1 and " + MAX_KEYS + ", not " + max);
        }
        if (delimiter != null && delimiter.isEmpty()) {
            delimiter = null;
        }
        String cursor = token == null ? null : fromToken(token);
        List<StoredObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String prefixHex = hex(from);
        while (true) {
            // One row more than the page holds tells whether there is a next page.
            int wanted = max - objects.size() - prefixes.size() + 1;
            List<StoredObject> batch = store.objects(workspace, bucket, prefixHex, cursor, wanted);
            boolean rolledUp = false;
            for (StoredObject object : batch) {
                if (objects.size() + prefixes.size() == max) {
                    return new Listing(List.copyOf(objects), List.copyOf(prefixes), token(cursor));
                }
                int cut = delimiter == null ? -1 : object.key().indexOf(delimiter, from.length());
                if (cut < 0) {
                    objects.add(object);
                    cursor = hex(object.key());
                    continue;
                }
                prefixes.add(object.key().substring(0, cut + delimiter.length()));
                // 'g' sorts after every hex digit: the next rows start after every key under this prefix.
                cursor = hex(prefixes.getLast()) + "g";
                rolledUp = true;
                break;
            }
            if (!rolledUp && batch.size() < wanted) {
                return new Listing(List.copyOf(objects), List.copyOf(prefixes), null);
            }
        }
    }

    // ---- subscriptions ----

    /**
     * Subscribes a function to a bucket's events.
     *
     * <p>A function that writes to the bucket that invokes it, under keys its subscription matches,
     * invokes itself again and again. Nothing here can tell whether a function will write there; the
     * platform stops the loop after 16 invocations of one chain, as Lambda does (see
     * {@link dev.faaslab.runtime.sdk.Lineage}), and a prefix or suffix that its own writes do not match is
     * the remedy, as the API's documentation says.
     *
     * @param id null for a generated one
     * @throws StateException BUCKET_NOT_FOUND, ALREADY_EXISTS, INVALID (no such function, an unknown event)
     */
    public Subscription subscribe(WorkspaceId workspace, String bucket, String id, String function, List<String> eventNames,
                                  String prefix, String suffix) {
        checkName(bucket);
        String chosen = id == null ? "notify-" + UUID.randomUUID().toString().substring(0, 8) : id;
        if (!chosen.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw StateException.invalid("a subscription id is 1 to 64 letters, digits, dots, hyphens or underscores,"
                    + " not '" + chosen + "'");
        }
        if (function == null || !targets.exists(workspace, function)) {
            throw StateException.invalid("there is no function named '" + function
                    + "' in this workspace to notify: create it first");
        }
        List<String> wanted = eventNames == null || eventNames.isEmpty() ? List.of("ObjectCreated:*") : List.copyOf(eventNames);
        for (String event : wanted) {
            if (!Subscription.EVENTS.contains(event)) {
                throw StateException.invalid("the event '" + event + "' is not one a bucket sends: the events are "
                        + Subscription.EVENTS);
            }
        }
        for (String[] filter : new String[][] {{"prefix", prefix}, {"suffix", suffix}}) {
            if (filter[1] != null && filter[1].getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                throw StateException.invalid("the " + filter[0] + " is longer than a key can be (" + MAX_KEY_BYTES
                        + " bytes)");
            }
        }
        return store.subscribe(workspace, new Subscription(chosen, bucket, function, wanted,
                prefix == null ? "" : prefix, suffix == null ? "" : suffix, now()));
    }

    public List<Subscription> subscriptions(WorkspaceId workspace, String bucket) {
        bucket(workspace, bucket);
        return store.subscriptions(workspace, bucket);
    }

    /** @return false when the bucket has no subscription with this id */
    public boolean unsubscribe(WorkspaceId workspace, String bucket, String id) {
        bucket(workspace, bucket);
        return store.unsubscribe(workspace, bucket, id);
    }

    // ---- the rest ----

    private void notify(WorkspaceId workspace, String bucket, String eventName, StoredObject object, String sourceIp) {
        List<Subscription> subscriptions = store.subscriptions(workspace, bucket);
        for (Subscription subscription : subscriptions) {
            if (!subscription.matches(eventName, object.key())) {
                continue;
            }
            String event = events.event(workspace.identity(), eventName, bucket, object, subscription.id(), sourceIp);
            try {
                targets.invokeAsync(workspace, subscription.function(), event);
            } catch (RuntimeException e) {
                // The write has happened; a function deleted since it subscribed cannot undo it.
                LOG.warn("the {} event of '{}' in '{}' could not be sent to '{}': {}", eventName, object.key(), bucket,
                        subscription.function(), e.getMessage());
            }
        }
    }

    private long copy(InputStream in, OutputStream out, String bucket, String key) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read; (read = in.read(buffer)) >= 0; ) {
            total += read;
            if (total > limits.maxObjectBytes()) {
                throw tooLarge(bucket, key, -1);
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    /** The object is over the per-object limit; {@code size} is -1 when unknown. */
    public StateException tooLarge(String bucket, String key, long size) {
        return new StateException(StateException.Reason.QUOTA_EXCEEDED, "the object '" + key + "' for '" + bucket
                + "' is " + (size < 0 ? "over " + limits.maxObjectBytes() : size) + " bytes; an object may hold at most "
                + limits.maxObjectBytes() + " bytes here: split it, or store less");
    }

    /** Deletes files that no object names: the remains of puts that did not finish. */
    private void sweep() {
        Set<String> named = store.files();
        try (DirectoryStream<Path> workspaces = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path workspace : workspaces) {
                try (DirectoryStream<Path> bucketDirectories = Files.newDirectoryStream(workspace, Files::isDirectory)) {
                    for (Path bucket : bucketDirectories) {
                        try (DirectoryStream<Path> files = Files.newDirectoryStream(bucket)) {
                            for (Path file : files) {
                                String name = workspace.getFileName() + "/" + bucket.getFileName() + "/" + file.getFileName();
                                if (!named.contains(name)) {
                                    LOG.info("deleting {}, which no object names (a put that did not finish)", file);
                                    deleteQuietly(file);
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("could not look for unfinished puts under {}: {}", root, e.getMessage());
        }
    }

    private Path directory(WorkspaceId workspace, String bucket) {
        // Both names are checked against patterns without '/' or "..": this only guards against a mistake.
        Path directory = root.resolve(workspace.value()).resolve(bucket).normalize();
        if (!directory.startsWith(root) || directory.equals(root)) {
            throw new IllegalStateException("the bucket '" + bucket + "' would be outside " + root);
        }
        return directory;
    }

    private static void forceDirectory(Path directory) {
        // Makes the rename durable; some file systems (and Windows) cannot open a directory, and need not.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("could not force the directory {}: {}", directory, e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.getMessage());
        }
    }

    private static String keyHex(String key) {
        if (key == null || key.isEmpty()) {
            throw StateException.invalid("an object needs a key of 1 to " + MAX_KEY_BYTES + " bytes");
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_KEY_BYTES) {
            throw StateException.invalid("the key is " + bytes.length + " bytes in UTF-8; S3 allows at most "
                    + MAX_KEY_BYTES);
        }
        if (!new String(bytes, StandardCharsets.UTF_8).equals(key)) {
            throw StateException.invalid("the key holds a lone surrogate, which UTF-8 cannot encode");
        }
        return HEX.formatHex(bytes);
    }

    private static String hex(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String token(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.US_ASCII));
    }

    private static String fromToken(String token) {
        try {
            String cursor = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (cursor.matches("([0-9a-f]{2})+g?")) {
                return cursor;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw StateException.invalid("the continuation token '" + token + "' is not one a listing returned: pass"
                + " the nextContinuationToken of the previous page unchanged");
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw StateException.invalid("the bucket name '" + name + "' must be 3 to 63 lower-case letters, digits,"
                    + " dots or hyphens, starting and ending with a letter or digit (S3's rule)");
        }
    }

    /** No such bucket, with what to do about it. */
    public static StateException noSuchBucket(String name) {
        return new StateException(StateException.Reason.BUCKET_NOT_FOUND, "there is no bucket named '" + name
                + "' in this workspace: create it first (PUT /api/buckets/" + name + ")");
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }
}
