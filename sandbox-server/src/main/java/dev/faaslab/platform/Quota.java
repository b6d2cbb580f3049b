package dev.faaslab.platform;

/**
 * Each of a workspace's quotas, by the name the API shows it under: the field of {@link Quotas} that
 * holds its figure, and the {@code quota} of a {@code QuotaExceeded} refusal.
 */
public enum Quota {

    FUNCTIONS_PER_WORKSPACE("functionsPerWorkspace", Kind.TOO_MANY),
    CODE_BYTES_PER_FUNCTION("codeBytesPerFunction", Kind.TOO_LARGE),
    CODE_STORAGE_BYTES("codeStorageBytes", Kind.TOO_LARGE),
    VERSIONS_PER_FUNCTION("versionsPerFunction", Kind.TOO_MANY),
    ASYNC_PAYLOAD_BYTES("asyncPayloadBytes", Kind.TOO_LARGE),
    ASYNC_BACKLOG_EVENTS("asyncBacklogEvents", Kind.TOO_MANY),
    // Bytes, but of events that will run and leave: waiting helps, as it does after a throttle.
    ASYNC_BACKLOG_BYTES("asyncBacklogBytes", Kind.TOO_MANY),
    // Lambda's 10,240 MB unless a class's quotas lower it for its learners.
    MEMORY_MB("memoryMb", Kind.TOO_LARGE);

    /**
     * How a refusal is answered: too many things (functions, versions, events waiting), 429, which a
     * client may retry once some are gone; or too large to keep (code, an event), 413.
     */
    public enum Kind { TOO_MANY, TOO_LARGE }

    private final String field;
    private final Kind kind;

    Quota(String field, Kind kind) {
        this.field = field;
        this.kind = kind;
    }

    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }
}
