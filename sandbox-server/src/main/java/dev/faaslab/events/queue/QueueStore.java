package dev.faaslab.events.queue;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where queues, their messages and their triggers are kept, durably: what a method accepted survives
 * the process being killed right after. Times are epoch milliseconds from the caller's clock.
 */
public interface QueueStore {

    /** A message to store: its id, body and when it becomes visible. */
    record NewMessage(String messageId, String body, int bodyBytes, String md5OfBody, long visibleAtMillis) {
    }

    /** Creates the queue, or replaces its attributes; true when it was created. */
    boolean putQueue(WorkspaceId workspace, String name, QueueAttributes attributes, Instant now);

    Optional<Queue> queue(WorkspaceId workspace, String name);

    /** By name. */
    List<Queue> queues(WorkspaceId workspace);

    /** Deletes the queue and its messages; false when there was none. */
    boolean deleteQueue(WorkspaceId workspace, String name);

    /** The queues whose redrive policy names {@code name} as their dead-letter queue. */
    List<String> queuesRedrivingTo(WorkspaceId workspace, String name);

    /** Stores the messages, all or none, as sent at {@code nowMillis}. */
    void send(WorkspaceId workspace, String queue, List<NewMessage> messages, long nowMillis);

    /**
     * Receives up to {@code max} visible messages, oldest first, whose bodies add up to at most
     * {@code maxBytes} (at least one is received, if any is visible): each gets a new receipt handle, one
     * more receive and stays hidden for {@code visibilityMillis}. On the way, messages past the queue's
     * retention are deleted, and messages already received {@code maxReceiveCount} times move to the
     * dead-letter queue instead of being received.
     */
    List<ReceivedMessage> receive(WorkspaceId workspace, Queue queue, int max, long maxBytes, long visibilityMillis,
                                  long nowMillis);

    /** Deletes the message that this receipt handle was last given for; false when none was. */
    boolean deleteMessage(WorkspaceId workspace, String queue, String receiptHandle);

    /** Deletes every message in the queue; returns how many. */
    int purge(WorkspaceId workspace, String queue);

    QueueCounts counts(WorkspaceId workspace, Queue queue, long nowMillis);

    // ---- event source mappings ----

    void putMapping(WorkspaceId workspace, EventSourceMapping mapping);

    Optional<EventSourceMapping> mapping(WorkspaceId workspace, String uuid);

    /** The workspace's mappings, oldest first. */
    List<EventSourceMapping> mappings(WorkspaceId workspace);

    /** Every workspace's enabled mappings, for the poller. */
    List<Enabled> enabledMappings();

    record Enabled(WorkspaceId workspace, EventSourceMapping mapping) {
    }

    boolean deleteMapping(WorkspaceId workspace, String uuid);
}
