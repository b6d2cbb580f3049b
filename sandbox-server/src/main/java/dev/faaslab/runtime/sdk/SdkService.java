package dev.faaslab.runtime.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faaslab.core.WorkspaceId;

/**
 * One service that a function reaches through the {@code faaslab} SDK module ({@code table},
 * {@code bucket}, {@code queue}): the only door out of the sandbox. The bridge in the runtime scopes
 * every call to the calling function's workspace, limits its size and counts it; a service only does
 * the work.
 */
public interface SdkService {

    /** The name guests use for it: {@code table}, {@code bucket} or {@code queue}. */
    String name();

    /**
     * Runs one operation for a function of {@code workspace}.
     *
     * @param operation the operation's name, as the SDK module sends it (for example {@code put})
     * @param args      the operation's arguments, a JSON object
     * @return the result, a JSON value
     * @throws SdkException for anything the function asked wrongly (no such resource, a failed condition,
     *                      bad arguments): the guest receives it as an error it can catch
     */
    JsonNode call(WorkspaceId workspace, String operation, JsonNode args);
}
