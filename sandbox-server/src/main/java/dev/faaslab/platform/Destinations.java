package dev.faaslab.platform;

import dev.faaslab.core.WorkspaceId;

/**
 * Where asynchronous events go after their last failure: queues of the same workspace. The queue
 * service provides them; the platform only names one and hands it a record.
 */
public interface Destinations {

    /** No queues: a function can name no on-failure destination. */
    Destinations NONE = new Destinations() {
        @Override
        public boolean exists(WorkspaceId workspace, String queue) {
            return false;
        }

        @Override
        public void send(WorkspaceId workspace, String queue, String body) {
            throw NotFoundException.queue(queue);
        }
    };

    boolean exists(WorkspaceId workspace, String queue);

    /**
     * Sends one message to the queue, durably.
     *
     * @throws NotFoundException when the workspace has no such queue
     */
    void send(WorkspaceId workspace, String queue, String body);
}
