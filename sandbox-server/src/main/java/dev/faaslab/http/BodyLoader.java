package dev.faaslab.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's whole body before the routes see it, without holding a thread while it arrives. The routes
 * read bodies with blocking calls; when they did so from the network, 220 clients sending a byte every 5 s held
 * all of the server's threads and nobody else was answered. Here each chunk is copied as it comes (a demand
 * callback, no thread waits), and the route runs once the body is complete, finding it all in memory.
 *
 * <p>At most {@code maxBytes + 1} bytes are kept (the largest body a route takes, and one more so that the route
 * can tell it is too large); a larger body is read and dropped up to twice that, so that a client still sending
 * reads the route's 413 instead of a reset connection, and past that its connection is closed after the answer.
 * A body that arrives slower than its {@link BodyPace} is answered with 408.
 *
 * <p>Bodies no longer wait in threads, so threads no longer bound how many are held in memory at once:
 * {@code budget} does. A body that would take the bytes held past it is answered with 503 at once.
 */
final class BodyLoader extends Handler.Wrapper {

    /** The most a body's first array holds: a slow client that announces a large body takes no more. */
    static final int FIRST_ARRAY = 16_384;

    private final int maxBytes;
    private final long drainBytes;
    private final long budget;
    private final AtomicLong held = new AtomicLong();
    private volatile BodyPace pace = BodyPace.DEFAULT;

    BodyLoader(Handler routes, int maxBytes, long budget) {
        super(routes);
        this.maxBytes = maxBytes;
        this.drainBytes = 2L * maxBytes;
        this.budget = budget;
    }

    /** The bytes of bodies held now, read or being read. */
    long held() {
        return held.get();
    }

    void pace(BodyPace pace) {
        this.pace = pace;
    }

    /**
     * The body a request came with: what the loader read, or nothing when it read nothing (there was no body,
     * or its declared length was past any limit and the route refuses it unread).
     */
    static byte[] body(Request request) {
        Loaded loaded = Request.as(request, Loaded.class);
        return loaded == null ? new byte[0] : loaded.bytes;
    }

    /** Whether the request comes with a body: a length above 0, or chunks (a length it does not declare). */
    static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hasBody(request)) {
            return super.handle(request, response, callback);
        }
        long declared = request.getLength();
        if (declared > drainBytes) {
            // The route refuses it by its Content-Length without reading it; the rest cannot be skipped.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            return super.handle(request, response, callback);
        }
        Load load = new Load(request, response, callback, declared, pace);
        if (load.start()) {
            load.read(false);
        }
        return true;
    }

    /** One body on its way in. Jetty calls {@link #run} when more of it has arrived. */
    private final class Load implements Invocable.Task {

        private final Request request;
        private final Response response;
        private final Callback callback;
        private final BodyPace pace;
        private final long startNanos = NanoTime.now();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicLong reserved = new AtomicLong();
        private final long declared;
        private byte[] kept;
        private int size;
        private volatile long received;
        private Scheduler.Task check;

        Load(Request request, Response response, Callback callback, long declared, BodyPace pace) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.pace = pace;
            this.declared = declared;
        }

        /** Takes the first array from the budget; false (after answering 503) when the budget has no room. */
        boolean start() {
            // Grown with what actually arrives: a client that only announces 10 MB gets no 10 MB array.
            int first = (int) Math.min(declared < 0 ? 8192 : declared, Math.min(FIRST_ARRAY, maxBytes + 1L));
            if (!reserve(first)) {
                return false;
            }
            kept = new byte[first];
            return true;
        }

        @Override
        public InvocationType getInvocationType() {
            // Copying bytes never blocks, so Jetty may call it on its selecting thread; the route, which may
            // block, is handed to the pool (see complete).
            return InvocationType.NON_BLOCKING;
        }

        @Override
        public void run() {
            read(true);
        }

        /** Reads what has arrived; {@code called back}: from a demand callback rather than the handling thread. */
        void read(boolean calledBack) {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    scheduleCheck();
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                boolean taken = keep(chunk.getByteBuffer());
                boolean last = chunk.isLast();
                chunk.release();
                if (!taken) {
                    return; // answered 503
                }
                if (last) {
                    complete(calledBack, false);
                    return;
                }
                if (received > drainBytes) {
                    complete(calledBack, true);
                    return;
                }
            }
        }

        /** Copies what can be kept of {@code buffer}; false (after answering 503) when the budget has no room. */
        private boolean keep(ByteBuffer buffer) {
            int length = buffer.remaining();
            received += length;
            int room = maxBytes + 1 - size;
            int take = Math.min(length, room);
            if (take <= 0) {
                return true; // dropped: the route says 413 from the maxBytes + 1 it has
            }
            if (size + take > kept.length) {
                int grown = (int) Math.min(maxBytes + 1L, Math.max(size + take, 2L * kept.length));
                if (!reserve(grown - kept.length)) {
                    return false;
                }
                kept = Arrays.copyOf(kept, grown);
            }
            buffer.get(kept, size, take);
            size += take;
            return true;
        }

        private boolean reserve(long bytes) {
            if (held.addAndGet(bytes) > budget) {
                held.addAndGet(-bytes);
                busy();
                return false;
            }
            reserved.addAndGet(bytes);
            return true;
        }

        /** Gives back what this body took from the budget; once. */
        private void release() {
            held.addAndGet(-reserved.getAndSet(0));
        }

        private void busy() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            cancelCheck();
            release();
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            new Exchange(request, response, callback, Map.of()).error(new ApiException(503, "ServerBusy",
                    "the server holds " + budget / (1024 * 1024) + " MB of request bodies at once, and is full:"
                            + " try again in a moment"));
        }

        /** The body is in (or as much of it as a route would look at): on to the routes. */
        private void complete(boolean calledBack, boolean cutOff) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            cancelCheck();
            if (cutOff) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            Loaded loaded = new Loaded(request, size == kept.length ? kept : Arrays.copyOf(kept, size));
            kept = null;
            // The body is held until the answer is sent.
            Callback releasing = new Callback.Nested(callback) {
                @Override
                public void succeeded() {
                    release();
                    super.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    release();
                    super.failed(failure);
                }
            };
            if (calledBack) {
                request.getContext().execute(() -> route(loaded, releasing));
            } else {
                route(loaded, releasing);
            }
        }

        private void route(Loaded loaded, Callback releasing) {
            try {
                if (!getHandler().handle(loaded, response, releasing)) {
                    Response.writeError(request, response, releasing, 404);
                }
            } catch (Throwable e) {
                Response.writeError(request, response, releasing, e);
            }
        }

        private void failed(Throwable failure) {
            if (failure instanceof TimeoutException) {
                timedOut(); // the connector's idle timeout: nothing came for 30 s
            } else if (finished.compareAndSet(false, true)) {
                cancelCheck();
                release();
                callback.failed(failure); // the client went away, or sent something that is not HTTP
            }
        }

        private synchronized void scheduleCheck() {
            if (check == null && !finished.get()) {
                schedule();
            }
        }

        private synchronized void schedule() {
            long delay = pace.deadlineNanos(startNanos, received) - NanoTime.now();
            check = request.getComponents().getScheduler().schedule(this::checkPace, Math.max(delay, 0),
                    TimeUnit.NANOSECONDS);
        }

        private synchronized void cancelCheck() {
            if (check != null) {
                check.cancel();
            }
        }

        private void checkPace() {
            if (finished.get()) {
                return;
            }
            if (NanoTime.isBefore(NanoTime.now(), pace.deadlineNanos(startNanos, received))) {
                schedule(); // more came meanwhile: the deadline moved on
            } else {
                timedOut();
            }
        }

        private void timedOut() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            cancelCheck();
            release();
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            long seconds = NanoTime.secondsSince(startNanos);
            long declared = request.getLength();
            new Exchange(request, response, callback, Map.of()).error(new ApiException(408, "RequestTimeout",
                    "the request body came too slowly: " + received + (declared >= 0 ? " of " + declared : "")
                            + " bytes in " + seconds + " s, and " + pace.describe() + ". Send the body in one go"));
        }
    }

    /** A request whose body has been read: the routes read it from memory. */
    static final class Loaded extends Request.Wrapper {

        final byte[] bytes;
        private final Content.Source content;

        Loaded(Request request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
            this.content = Content.Source.from(ByteBuffer.wrap(bytes));
        }

        @Override
        public Content.Chunk read() {
            return content.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            content.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            content.fail(failure);
        }
    }
}
