package dev.faaslab.http;

import dev.faaslab.core.WorkspaceId;
import org.eclipse.jetty.server.Request;

/**
 * Whose workspace a request acts on. Local mode has one learner, so one workspace; classroom mode will
 * resolve it from the learner's session instead, and no route needs to change.
 */
@FunctionalInterface
interface WorkspaceResolver {

    WorkspaceId resolve(Request request);

    static WorkspaceResolver local() {
        return request -> WorkspaceId.LOCAL;
    }
}
