package dev.faaslab.platform;

import dev.faaslab.runtime.HandlerStyle;
import dev.faaslab.runtime.HttpReply;
import dev.faaslab.runtime.InvocationResult;

/** What became of one request: it ran, or it was throttled before it could. */
public sealed interface Invocation {

    /**
     * @param function    the function's name
     * @param version     the version that ran ({@code $LATEST} or a number)
     * @param result      its outcome, logs and REPORT
     * @param provisioned whether a provisioned instance served it (billed at the provisioned rate)
     * @param memoryMb    the memory size it ran with
     * @param style       the handler contract of the deployment that ran it, which maps its answer to HTTP
     */
    record Completed(String function, String version, InvocationResult result, boolean provisioned, int memoryMb,
                     HandlerStyle style) implements Invocation {

        /** The HTTP response its style makes of its answer, as the HTTP trigger sends it. */
        public HttpReply httpReply() {
            return style.response(result.outcome());
        }
    }

    record Throttled(Throttle throttle) implements Invocation {
    }
}
