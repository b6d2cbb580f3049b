package dev.faaslab.platform;

/**
 * Each of a workspace's quotas, by the name the API shows it under: the field of {@link Quotas} that
 * holds its figure, and the {@code quota} of a {@code QuotaExceeded} refusal.
 */
public enum Quota {

    FUNCTIONS_PER_WORKSPACE("functionsPerWorkspace", Kind.COUNT),
    CODE_BYTES_PER_FUNCTION("codeBytesPerFunction", Kind.SIZE),
    CODE_STORAGE_BYTES("codeStorageBytes", Kind.SIZE),
    VERSIONS_PER_FUNCTION("versionsPerFunction", Kind.COUNT),
    ASYNC_PAYLOAD_BYTES("asyncPayloadBytes", Kind.SIZE),
    ASYNC_BACKLOG_EVENTS("asyncBacklogEvents", Kind.COUNT),
    ASYNC_BACKLOG_BYTES("asyncBacklogBytes", Kind.SIZE);

    /** Whether a quota limits how many things there are, or how many bytes (HTTP answers 429 and 413). */
    public enum Kind { COUNT, SIZE }

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
