package dev.faaslab.platform;

/**
 * What one workspace may keep and queue, so that no learner can fill the server's disk or heap. Lambda's
 * figures where Lambda has one, scaled down where it is per region; FaaS Lab's own where Lambda has none.
 * Past a quota the request is refused with {@link QuotaExceededException} and nothing changes.
 *
 * @param functionsPerWorkspace functions (Lambda: no limit but code storage)
 * @param codeBytesPerFunction  one function's source file in UTF-8, or its package zipped (Lambda: 50 MB zipped, 250 MB unzipped,
 *                              3 MB in its console's editor; FaaS Lab functions are one hand-written file)
 * @param codeStorageBytes      the code of every function's {@code $LATEST} and every published version
 *                              together (Lambda: 75 GB per region; here 75 MB, a 1,024th)
 * @param versionsPerFunction   published versions of one function (Lambda: no limit but code storage)
 * @param asyncPayloadBytes     one asynchronous event (Lambda: 1 MB)
 * @param asyncBacklogEvents    asynchronous events accepted and not yet finished (running, or waiting for
 *                              a retry), across the workspace's functions (Lambda: no documented limit)
 * @param asyncBacklogBytes     those events' payloads together
 */
public record Quotas(int functionsPerWorkspace, long codeBytesPerFunction, long codeStorageBytes,
                     int versionsPerFunction, long asyncPayloadBytes, long asyncBacklogEvents,
                     long asyncBacklogBytes) {

    private static final long MB = 1024 * 1024;

    public static final Quotas DEFAULT = new Quotas(100, MB, 75 * MB, 100, MB, 10_000, 100 * MB);

    public Quotas {
        if (functionsPerWorkspace < 1 || codeBytesPerFunction < 1 || codeStorageBytes < codeBytesPerFunction
                || versionsPerFunction < 0 || asyncPayloadBytes < 1 || asyncBacklogEvents < 1
                || asyncBacklogBytes < asyncPayloadBytes) {
            throw new IllegalArgumentException("quotas must allow one function, one event, and the total at least"
                    + " one of each: " + this);
        }
    }

    public long limit(Quota quota) {
        return switch (quota) {
            case FUNCTIONS_PER_WORKSPACE -> functionsPerWorkspace;
            case CODE_BYTES_PER_FUNCTION -> codeBytesPerFunction;
            case CODE_STORAGE_BYTES -> codeStorageBytes;
            case VERSIONS_PER_FUNCTION -> versionsPerFunction;
            case ASYNC_PAYLOAD_BYTES -> asyncPayloadBytes;
            case ASYNC_BACKLOG_EVENTS -> asyncBacklogEvents;
            case ASYNC_BACKLOG_BYTES -> asyncBacklogBytes;
            case MEMORY_MB -> PlatformLimits.MAX_MEMORY_MB; // PlatformLimits.maxMemoryMb holds a workspace's own
        };
    }

    /** @param existing the workspace's functions before {@code name} would be created */
    void checkNewFunction(String name, int existing) {
        if (existing >= functionsPerWorkspace) {
            throw exceeded(Quota.FUNCTIONS_PER_WORKSPACE, "the workspace already has " + existing
                    + " functions, its quota: delete one it no longer needs (DELETE /api/functions/NAME) before"
                    + " creating '" + name + "'");
        }
    }

    void checkCodeSize(String name, long bytes) {
        if (bytes > codeBytesPerFunction) {
            throw exceeded(Quota.CODE_BYTES_PER_FUNCTION, "the code of '" + name + "' is " + bytes
                    + " bytes, over the quota of " + codeBytesPerFunction + " bytes for one function's code (a package"
                    + " counts its zip, as Lambda does): keep large data out of the code, in a bucket or a table, and read"
                    + " it when the function runs; leave out of a package's node_modules what it does not use");
        }
    }

    /**
     * A package's files are held in the server's memory while it has instances: unzipped, they may weigh five times
     * the quota, Lambda's ratio (250 MB unzipped for 50 MB zipped), so that a small zip of zeros cannot fill the heap.
     */
    void checkUnzippedSize(String name, long unzipped) {
        if (unzipped > 5 * codeBytesPerFunction) {
            throw exceeded(Quota.CODE_BYTES_PER_FUNCTION, "the package of '" + name + "' unzips to " + unzipped
                    + " bytes, over five times the quota of " + codeBytesPerFunction + " bytes for one function's code"
                    + " (Lambda allows 250 MB unzipped for 50 MB zipped): leave out of it what the function does not use");
        }
    }

    /**
     * @param stored the workspace's code before the change, in bytes
     * @param after  what it would be after
     * @param change what would bring it there, for the message: "saving 'f'", "publishing a version of 'f'"
     */
    void checkCodeStorage(long stored, long after, String change) {
        if (after > codeStorageBytes && after > stored) {
            throw exceeded(Quota.CODE_STORAGE_BYTES, change + " would bring the workspace's code to " + after
                    + " bytes, over its quota of " + codeStorageBytes + " bytes, which counts $LATEST and every"
                    + " published version of every function: delete the functions you no longer need (their"
                    + " versions go with them)");
        }
    }

    /** @param existing the function's published versions now */
    void checkNewVersion(String name, int existing) {
        if (existing >= versionsPerFunction) {
            throw exceeded(Quota.VERSIONS_PER_FUNCTION, "the function '" + name + "' already has " + existing
                    + " published versions, its quota: invoke $LATEST without publishing, or delete the function"
                    + " (and its versions) and create it again");
        }
    }

    void checkAsyncPayload(long bytes) {
        if (bytes > asyncPayloadBytes) {
            throw exceeded(Quota.ASYNC_PAYLOAD_BYTES, "the event is " + bytes + " bytes, over the limit of "
                    + asyncPayloadBytes + " bytes for an asynchronous invocation (Lambda's is 1 MB): send a"
                    + " reference to the data instead, such as a bucket's key");
        }
    }

    /**
     * @param events the workspace's accepted and unfinished events, the new one included
     * @param bytes  their payloads together
     */
    void checkAsyncBacklog(long events, long bytes) {
        String advice = ": wait for them to run, and look for a function that fails (each failure waits for its"
                + " retries) or is throttled (its events wait and back off)";
        if (events > asyncBacklogEvents) {
            throw exceeded(Quota.ASYNC_BACKLOG_EVENTS, "the workspace already has " + (events - 1)
                    + " asynchronous events accepted and not finished, its quota" + advice);
        }
        if (bytes > asyncBacklogBytes) {
            throw exceeded(Quota.ASYNC_BACKLOG_BYTES, "the workspace's asynchronous events accepted and not"
                    + " finished would hold " + bytes + " bytes with this one, over its quota of " + asyncBacklogBytes
                    + " bytes" + advice);
        }
    }

    private QuotaExceededException exceeded(Quota quota, String message) {
        return new QuotaExceededException(quota, limit(quota), message + " (quota " + quota.field() + ": "
                + limit(quota) + ")");
    }
}
