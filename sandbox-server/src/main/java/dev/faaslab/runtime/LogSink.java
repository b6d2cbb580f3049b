package dev.faaslab.runtime;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where an instance's output goes: the buffer of whichever invocation is running. The guest calls
 * {@link #record} and {@link #write}; anything written to the context's own streams lands here too.
 */
final class LogSink {

    private volatile LogBuffer current;

    void attach(LogBuffer buffer) {
        current = buffer;
    }

    void record(LogLevel level, String message) {
        LogBuffer buffer = current;
        if (buffer != null) {
            buffer.record(level, message);
        }
    }

    void write(LogLevel level, String fragment) {
        LogBuffer buffer = current;
        if (buffer != null) {
            buffer.write(level, fragment);
        }
    }

    /** The context's stdout or stderr; bytes are decoded per write, which suits line-oriented output. */
    OutputStream stream(LogLevel level) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                LogSink.this.write(level, String.valueOf((char) b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                LogSink.this.write(level, new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        };
    }
}
