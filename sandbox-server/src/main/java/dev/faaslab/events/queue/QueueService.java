package dev.faaslab.events.queue;

import dev.faaslab.core.InvalidInputException;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.ConflictException;
import dev.faaslab.platform.Destinations;
import dev.faaslab.platform.NotFoundException;
import dev.faaslab.runtime.Payloads;
import dev.faaslab.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Queues as SQS keeps them, per workspace and durable: send, receive with a visibility timeout,
 * delete by receipt handle, purge, and a dead-letter queue after too many receives. Everything that
 * waits reads the {@link Clock}. It is also where the platform sends failed asynchronous events.
 */
public final class QueueService implements Destinations {

    /** SQS's limit for one message, and for a batch's bodies together. */
    public static final int MAX_MESSAGE_BYTES = 262_144;
    /** SQS's limits for one receive and one batch send. */
    public static final int MAX_RECEIVE = 10;
    public static final int MAX_BATCH = 10;

    private final QueueStore store;
    private final Clock clock;

    public QueueService(QueueStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A message to send in a batch, as SQS's SendMessageBatchRequestEntry. */
    public record BatchEntry(String id, String body, Integer delaySeconds) {
    }

    /** A batch's result: each entry sent or refused, by its id. */
    public record BatchResult(List<Sent> successful, List<Failed> failed) {

        public record Sent(String id, String messageId, String md5OfBody) {
        }

        public record Failed(String id, String code, String message) {
        }
    }

    // ---- queues ----

    /**
     * Creates the queue or changes its attributes; true when it was created.
     *
     * @throws IllegalArgumentException when the redrive policy names a missing queue, or the queue itself
     */
    public boolean put(WorkspaceId workspace, String name, QueueAttributes attributes) {
        Queue.checkName("the queue name", name);
        QueueAttributes.RedrivePolicy redrive = attributes.redrivePolicy();
        if (redrive != null) {
            if (redrive.deadLetterQueue().equals(name)) {
                throw new InvalidInputException("the redrive policy of '" + name + "' names the queue itself as"
                        + " its dead-letter queue: create another queue for the messages that keep failing");
            }
            if (store.queue(workspace, redrive.deadLetterQueue()).isEmpty()) {
                throw new InvalidInputException("the redrive policy's deadLetterQueue '" + redrive.deadLetterQueue()
                        + "' does not exist: create it first with PUT /api/queues/" + redrive.deadLetterQueue());
            }
        }
        return store.putQueue(workspace, name, attributes, now());
    }

    /** @throws NotFoundException when there is no such queue */
    public Queue queue(WorkspaceId workspace, String name) {
        return store.queue(workspace, name).orElseThrow(() -> NotFoundException.queue(name));
    }

    public List<Queue> queues(WorkspaceId workspace) {
        return store.queues(workspace);
    }

    public QueueCounts counts(WorkspaceId workspace, Queue queue) {
        return store.counts(workspace, queue, clock.epochMillis());
    }

    /**
     * Deletes the queue and its messages.
     *
     * @throws NotFoundException when there is no such queue
     * @throws ConflictException when another queue uses it as its dead-letter queue, or it triggers a function
     */
    public void delete(WorkspaceId workspace, String name) {
        queue(workspace, name);
        List<String> redriving = store.queuesRedrivingTo(workspace, name);
        if (!redriving.isEmpty()) {
            throw new ConflictException("the queue '" + name + "' is the dead-letter queue of " + String.join(", ",
                    redriving) + ": change their redrive policy first (PUT /api/queues/" + redriving.getFirst()
                    + " without redrivePolicy)");
        }
        List<String> mappings = store.mappings(workspace).stream().filter(m -> m.queue().equals(name))
                .map(EventSourceMapping::uuid).toList();
        if (!mappings.isEmpty()) {
            throw new ConflictException("the queue '" + name + "' triggers a function: delete its event source"
                    + " mapping first (DELETE /api/event-source-mappings/" + mappings.getFirst() + ")");
        }
        if (!store.deleteQueue(workspace, name)) {
            throw NotFoundException.queue(name);
        }
    }

    // ---- messages ----

    /**
     * Sends one message.
     *
     * @param delaySeconds null for the queue's delay
     * @throws NotFoundException                 when there is no such queue
     * @throws Payloads.PayloadTooLargeException when the body is over 256 KB
     * @throws IllegalArgumentException          when the body is empty or holds characters SQS refuses
     */
    public SentMessage send(WorkspaceId workspace, String queueName, String body, Integer delaySeconds) {
        Queue queue = queue(workspace, queueName);
        checkBody("the message body", body);
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new Payloads.PayloadTooLargeException("the message body is " + bytes + " bytes, over SQS's limit of "
                    + MAX_MESSAGE_BYTES + " (256 KB): store the data elsewhere and send a reference to it");
        }
        QueueStore.NewMessage message = newMessage(queue, body, bytes, delaySeconds);
        store.send(workspace, queueName, List.of(message), clock.epochMillis());
        return new SentMessage(message.messageId(), message.md5OfBody());
    }

    /**
     * Sends up to ten messages at once, as SQS's SendMessageBatch: entries with a bad body or delay fail
     * alone, the others are sent together.
     *
     * @throws IllegalArgumentException          when the batch is empty, over ten, or its ids are missing or repeated
     * @throws Payloads.PayloadTooLargeException when the bodies add up to over 256 KB
     */
    public BatchResult sendBatch(WorkspaceId workspace, String queueName, List<BatchEntry> entries) {
        Queue queue = queue(workspace, queueName);
        if (entries.isEmpty() || entries.size() > MAX_BATCH) {
            throw new InvalidInputException("a batch holds 1 to " + MAX_BATCH + " entries, not " + entries.size());
        }
        List<String> ids = new ArrayList<>();
        long total = 0;
        for (BatchEntry entry : entries) {
            if (entry.id() == null || !entry.id().matches("[A-Za-z0-9_-]{1,80}")) {
                throw new InvalidInputException("each entry needs an id of 1 to 80 letters, digits, hyphens or"
                        + " underscores, unique in the batch, not '" + entry.id() + "'");
            }
            if (ids.contains(entry.id())) {
                throw new InvalidInputException("the entry id '" + entry.id() + "' appears twice: ids must be"
                        + " unique in a batch (SQS's BatchEntryIdsNotDistinct)");
            }
            ids.add(entry.id());
            total += entry.body() == null ? 0 : entry.body().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_MESSAGE_BYTES) {
            throw new Payloads.PayloadTooLargeException("the batch's bodies add up to " + total + " bytes, over SQS's"
                    + " limit of " + MAX_MESSAGE_BYTES + " (256 KB) for a batch: send fewer or smaller messages");
        }
        List<QueueStore.NewMessage> messages = new ArrayList<>();
        List<BatchResult.Sent> sent = new ArrayList<>();
        List<BatchResult.Failed> failed = new ArrayList<>();
        for (BatchEntry entry : entries) {
            try {
                checkBody("the body of entry '" + entry.id() + "'", entry.body());
                QueueStore.NewMessage message = newMessage(queue, entry.body(),
                        entry.body().getBytes(StandardCharsets.UTF_8).length, entry.delaySeconds());
                messages.add(message);
                sent.add(new BatchResult.Sent(entry.id(), message.messageId(), message.md5OfBody()));
            } catch (IllegalArgumentException e) {
                failed.add(new BatchResult.Failed(entry.id(), "ValidationException", e.getMessage()));
            }
        }
        if (!messages.isEmpty()) {
            store.send(workspace, queueName, messages, clock.epochMillis());
        }
        return new BatchResult(List.copyOf(sent), List.copyOf(failed));
    }

    /**
     * Receives up to {@code max} (1 to 10) visible messages, for inspection: each stays hidden for the
     * visibility timeout (the queue's, when {@code visibilityTimeoutSeconds} is null) and must be deleted
     * with its receipt handle, or it is received again.
     */
    public List<ReceivedMessage> receive(WorkspaceId workspace, String queueName, int max,
                                         Integer visibilityTimeoutSeconds) {
        QueueAttributes.range("maxMessages", max, 1, MAX_RECEIVE);
        return receiveBatch(workspace, queue(workspace, queueName), max, Long.MAX_VALUE, visibilityTimeoutSeconds);
    }

    /** As {@link #receive}, for a poller: any number of messages, their bodies together at most {@code maxBytes}. */
    List<ReceivedMessage> receiveBatch(WorkspaceId workspace, Queue queue, int max, long maxBytes,
                                       Integer visibilityTimeoutSeconds) {
        int visibility = visibilityTimeoutSeconds == null ? queue.attributes().visibilityTimeoutSeconds()
                : visibilityTimeoutSeconds;
        QueueAttributes.range("visibilityTimeoutSeconds", visibility, 0, QueueAttributes.MAX_VISIBILITY_TIMEOUT);
        return store.receive(workspace, queue, max, maxBytes, visibility * 1000L, clock.epochMillis());
    }

    /**
     * Deletes a received message.
     *
     * @throws NotFoundException when the queue does not exist, or no message holds this receipt handle
     */
    public void deleteMessage(WorkspaceId workspace, String queueName, String receiptHandle) {
        queue(workspace, queueName);
        if (!store.deleteMessage(workspace, queueName, receiptHandle)) {
            throw new NotFoundException("no message in the queue '" + queueName + "' holds this receipt handle:"
                    + " the message was deleted already, or received again since (each receive gives a new handle;"
                    + " use the latest)");
        }
    }

    /** Deletes the message if it still holds this receipt handle; false when it does not. */
    boolean deleteIfHeld(WorkspaceId workspace, String queueName, String receiptHandle) {
        return store.deleteMessage(workspace, queueName, receiptHandle);
    }

    /** Deletes every message; returns how many. */
    public int purge(WorkspaceId workspace, String queueName) {
        queue(workspace, queueName);
        return store.purge(workspace, queueName);
    }

    // ---- the platform's destinations ----

    @Override
    public boolean exists(WorkspaceId workspace, String queue) {
        return store.queue(workspace, queue).isPresent();
    }

    @Override
    public void send(WorkspaceId workspace, String queue, String body) {
        send(workspace, queue, body, null);
    }

    // ----

    /** The hex MD5 of the body's UTF-8 bytes, as SQS's MD5OfMessageBody. */
    public static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private QueueStore.NewMessage newMessage(Queue queue, String body, int bytes, Integer delaySeconds) {
        int delay = delaySeconds == null ? queue.attributes().delaySeconds() : delaySeconds;
        QueueAttributes.range("delaySeconds", delay, 0, QueueAttributes.MAX_DELAY);
        return new QueueStore.NewMessage(UUID.randomUUID().toString(), body, bytes, md5(body),
                clock.epochMillis() + delay * 1000L);
    }

    /** SQS refuses an empty body and characters outside XML's: most control characters and lone surrogates. */
    private static void checkBody(String what, String body) {
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException(what + " is empty: SQS needs at least one character");
        }
        for (int i = 0; i < body.length(); ) {
            int c = body.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                throw new InvalidInputException(what + " holds the character U+" + String.format("%04X", c)
                        + " at index " + i + ", which SQS refuses (InvalidMessageContents): encode binary data as"
                        + " base64");
            }
            i += Character.charCount(c);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }
}
