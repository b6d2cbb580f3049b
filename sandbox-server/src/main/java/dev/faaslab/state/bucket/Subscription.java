package dev.faaslab.state.bucket;

import java.time.Instant;
import java.util.List;

/**
 * A bucket notification: which of a bucket's events invoke which function, asynchronously.
 *
 * @param id     S3's configurationId, which the event carries
 * @param events {@code ObjectCreated:*}, {@code ObjectCreated:Put}, {@code ObjectRemoved:*} or
 *               {@code ObjectRemoved:Delete}
 * @param prefix only keys that start with it ({@code ""} for all)
 * @param suffix only keys that end with it ({@code ""} for all)
 */
public record Subscription(String id, String bucket, String function, List<String> events, String prefix,
                           String suffix, Instant createdAt) {

    public static final List<String> EVENTS = List.of("ObjectCreated:*", "ObjectCreated:Put", "ObjectRemoved:*",
            "ObjectRemoved:Delete");

    /** Whether an event of this name ({@code ObjectCreated:Put} or {@code ObjectRemoved:Delete}) for this key fires it. */
    public boolean matches(String eventName, String key) {
        String family = eventName.substring(0, eventName.indexOf(':'));
        boolean wanted = events.contains(eventName) || events.contains(family + ":*");
        return wanted && key.startsWith(prefix) && key.endsWith(suffix);
    }
}
