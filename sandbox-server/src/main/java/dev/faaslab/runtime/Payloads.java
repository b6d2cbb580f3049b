package dev.faaslab.runtime;

import dev.faaslab.core.Problem;

/** Lambda's 6 MB limit on a synchronous invocation's event and response. */
public final class Payloads {

    public static final int MAX_BYTES = 6 * 1024 * 1024;

    private Payloads() {
    }

    /** The UTF-8 size of {@code text}, counted only as far as it matters. */
    public static long utf8Length(String text) {
        if (text.length() * 3L <= MAX_BYTES) {
            return text.length(); // cannot be over the limit; the exact size is not needed
        }
        return utf8Size(text);
    }

    /** The exact UTF-8 size of {@code text}, counted without encoding it. */
    public static long utf8Size(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate is encoded as '?' by Java, but 3 is the safe side
            }
        }
        return bytes;
    }

    /** Refuses an event over the limit before any guest code runs. */
    public static void checkEvent(Event event) {
        // An HTTP request's size as the guest sees it depends on the style's mapping: the style checks it.
        if (event instanceof Event.Json(String json)) {
            checkEvent(json);
        }
    }

    /** Refuses an event over the limit before any guest code runs. */
    public static void checkEvent(String eventJson) {
        long size = utf8Length(eventJson);
        if (size > MAX_BYTES) {
            throw new PayloadTooLargeException("the event is " + size + " bytes, over Lambda's limit of "
                    + MAX_BYTES + " bytes (6 MB) for a synchronous invocation. Send a smaller event, or a reference to the data.");
        }
    }

    static boolean responseTooLarge(String json) {
        return utf8Length(json) > MAX_BYTES;
    }

    /** An event over 6 MB: the request is refused (HTTP 413), no invocation happens. */
    public static final class PayloadTooLargeException extends IllegalArgumentException implements Problem {
        private static final long serialVersionUID = 1L;

        public PayloadTooLargeException(String message) {
            super(message);
        }

        @Override
        public String code() {
            return "PayloadTooLarge";
        }

        @Override
        public int status() {
            return 413;
        }

        @Override
        public String sdkName() {
            return "RequestTooLargeException";
        }
    }
}
