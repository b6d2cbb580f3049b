package dev.faaslab.runtime;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request and instance ids. Random, like Lambda's, but without SecureRandom's cost on every request. */
public final class Ids {

    private Ids() {
    }

    /** A version-4 UUID, as Lambda's request ids are. */
    public static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Twelve hex digits: short enough to read in a table of instances. */
    public static String instanceId() {
        return String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL);
    }
}
