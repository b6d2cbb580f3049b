package dev.faaslab.platform;

import java.util.SortedMap;

/**
 * What a workspace uses of its quotas and limits now, as Lambda's GetAccountSettings shows an account's
 * usage beside its limits.
 *
 * @param functions           functions (quota {@code functionsPerWorkspace})
 * @param codeStorageBytes    the code of every {@code $LATEST} and published version (quota {@code codeStorageBytes})
 * @param asyncBacklogEvents  asynchronous events accepted and not finished (quota {@code asyncBacklogEvents})
 * @param asyncBacklogBytes   their payloads (quota {@code asyncBacklogBytes})
 * @param reservedConcurrency the concurrency the functions reserve, out of the workspace's limit
 * @param byFunction          each function's share, by name
 */
public record WorkspaceUsage(int functions, long codeStorageBytes, long asyncBacklogEvents, long asyncBacklogBytes,
                             int reservedConcurrency, SortedMap<String, FunctionUsage> byFunction) {

    /**
     * One function's share.
     *
     * @param codeBytes        {@code $LATEST}'s code (quota {@code codeBytesPerFunction})
     * @param versions         published versions (quota {@code versionsPerFunction})
     * @param versionCodeBytes their code together
     */
    public record FunctionUsage(long codeBytes, int versions, long versionCodeBytes) {
    }
}
