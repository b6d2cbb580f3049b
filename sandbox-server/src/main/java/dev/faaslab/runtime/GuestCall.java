package dev.faaslab.runtime;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The one object a JavaScript style's {@code invoke(call)} receives: the invocation's request id,
 * deadline and attempt, and the style's {@link HandlerStyle#input input} for the event. Read-only.
 */
record GuestCall(String requestId, long deadline, int attempt, Object input) implements ProxyObject {

    private static final ProxyArray KEYS = ProxyArray.fromArray("requestId", "deadline", "attempt", "input");

    @Override
    public Object getMember(String key) {
        return switch (key) {
            case "requestId" -> requestId;
            case "deadline" -> deadline;
            case "attempt" -> attempt;
            case "input" -> input;
            default -> null;
        };
    }

    @Override
    public Object getMemberKeys() {
        return KEYS;
    }

    @Override
    public boolean hasMember(String key) {
        return switch (key) {
            case "requestId", "deadline", "attempt", "input" -> true;
            default -> false;
        };
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("the call object is read-only");
    }
}
