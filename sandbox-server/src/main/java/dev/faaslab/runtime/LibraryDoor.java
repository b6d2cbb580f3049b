package dev.faaslab.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The JavaScript library's one host function: {@code lib(operation, ...arguments)}. It loads the library's
 * modules ({@link NodeLibrary}) and does what Node does in native code, over the JDK: hashes, HMACs, random
 * bytes ({@link HostCrypto}) and zlib ({@link HostZlib}). No host object ever reaches the guest: bytes go in as
 * (ArrayBuffer, offset, length), read in one copy; what comes back is its length, and the guest then hands an
 * ArrayBuffer of that length to {@code lib('take', buffer)}, which fills it. A refusal comes back as text: '!',
 * Node's error code, ':' and its message.
 */
final class LibraryDoor {

    /** Stateless but for the bytes waiting for {@code take}: every context may share it. */
    static final ProxyExecutable EXECUTABLE = LibraryDoor::call;

    /** The answer of the guest thread's last call, until it takes it. */
    private static final ThreadLocal<byte[]> WAITING = new ThreadLocal<>();

    private LibraryDoor() {
    }

    /** A refusal the guest throws as Node would: {@code code} is Node's error code. */
    static final class Refusal extends RuntimeException {
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Drops an answer the guest never took (it failed before taking it), so that the thread does not keep it. */
    static void forget() {
        WAITING.remove();
    }

    private static Object call(Value... args) {
        String operation = args[0].asString();
        if (!operation.equals("take")) {
            WAITING.remove();
        }
        try {
            Object result = run(operation, args);
            if (result instanceof byte[] bytes) {
                WAITING.set(bytes);
                return bytes.length;
            }
            return result;
        } catch (Refusal refusal) {
            return "!" + refusal.code + ":" + refusal.getMessage();
        }
    }

    private static Object run(String operation, Value... args) {
        return switch (operation) {
            case "resolve" -> NodeLibrary.resolve(args[1].isNull() ? null : args[1].asString(), args[2].asString())
                    .orElse(null);
            case "refusal" -> NodeLibrary.refusal(args[1].asString()).orElse(null);
            case "load" -> {
                String id = args[1].asString();
                if (!NodeLibrary.valid(id)) {
                    throw new IllegalArgumentException("no library module " + id);
                }
                yield Context.getCurrent().eval(NodeLibrary.source(id));
            }
            case "take" -> {
                take(args[1]);
                yield null;
            }
            case "digest" -> HostCrypto.digest(args[1].asString(), bytes(args, 2));
            case "hmac" -> HostCrypto.hmac(args[1].asString(), bytes(args, 2), bytes(args, 5));
            case "random" -> HostCrypto.random(args[1].asInt());
            case "zlib" -> HostZlib.run(args[1].asString(), bytes(args, 2), args[5].asInt(), args[6].asInt());
            default -> throw new IllegalArgumentException("no library operation " + operation);
        };
    }

    /** The bytes of {@code (ArrayBuffer, offset, length)} starting at {@code args[at]}, in one copy. */
    private static byte[] bytes(Value[] args, int at) {
        Value buffer = args[at];
        long offset = args[at + 1].asLong();
        int length = args[at + 2].asInt();
        byte[] bytes = new byte[length];
        buffer.readBuffer(offset, bytes, 0, length);
        return bytes;
    }

    /** Fills the guest's ArrayBuffer with the waiting answer, eight bytes at a time. */
    private static void take(Value buffer) {
        byte[] bytes = WAITING.get();
        WAITING.remove();
        if (bytes == null || buffer.getBufferSize() != bytes.length) {
            throw new IllegalStateException("lib('take') needs an ArrayBuffer of the last answer's length");
        }
        ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int whole = bytes.length & ~7;
        for (int i = 0; i < whole; i += 8) {
            buffer.writeBufferLong(ByteOrder.LITTLE_ENDIAN, i, view.getLong(i));
        }
        for (int i = whole; i < bytes.length; i++) {
            buffer.writeBufferByte(i, bytes[i]);
        }
    }
}
