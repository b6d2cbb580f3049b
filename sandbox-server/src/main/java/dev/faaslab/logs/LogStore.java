package dev.faaslab.logs;

import dev.faaslab.runtime.InvocationResult;
import dev.faaslab.runtime.LogLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The recent log of one function, bounded in bytes: the oldest invocations' lines go first. Lines are
 * kept as the invocation produced them and formatted only when read, so a function serving tens of
 * thousands of requests a second does not pay for formatting logs nobody reads.
 */
public final class LogStore {

    public static final long DEFAULT_CAP_BYTES = 1024 * 1024;

    /** An invocation's lines (START, its logs, END, REPORT), or one line the platform wrote about one ({@code note}). */
    private record Stored(long firstSequence, long epochMillis, String version, InvocationResult result, LogLine note,
                          long bytes) {
        int lines() {
            return result == null ? 1 : result.logs().size() + 3;
        }
    }

    private final long capBytes;
    private final Deque<Stored> invocations = new ArrayDeque<>();
    private long bytes;
    private long nextSequence = 1;

    public LogStore(long capBytes) {
        this.capBytes = capBytes;
    }

    public LogStore() {
        this(DEFAULT_CAP_BYTES);
    }

    /** Keeps an invocation's START, log lines, END and REPORT; returns the first line's sequence number. */
    public synchronized long append(long epochMillis, String version, InvocationResult result) {
        long size = 200;
        for (LogLine line : result.logs()) {
            size += line.message().length() + 60;
        }
        return keep(new Stored(nextSequence, epochMillis, version, result, null, size));
    }

    /** Keeps one line the platform wrote about an invocation already kept; returns its sequence number. */
    public synchronized long appendNote(String version, LogLine note) {
        return keep(new Stored(nextSequence, note.epochMillis(), version, null, note, note.message().length() + 60));
    }

    private long keep(Stored stored) {
        nextSequence += stored.lines();
        invocations.addLast(stored);
        bytes += stored.bytes();
        while (bytes > capBytes && invocations.size() > 1) {
            bytes -= invocations.removeFirst().bytes();
        }
        return stored.firstSequence();
    }

    /** Up to {@code limit} lines with a sequence above {@code afterSequence}, oldest first. */
    public List<LogEntry> after(long afterSequence, int limit) {
        List<Stored> copy;
        synchronized (this) {
            copy = new ArrayList<>(invocations);
        }
        List<LogEntry> lines = new ArrayList<>();
        for (Stored stored : copy) {
            if (stored.firstSequence() + stored.lines() <= afterSequence + 1) {
                continue;
            }
            for (LogEntry entry : entries(stored)) {
                if (entry.sequence() > afterSequence) {
                    lines.add(entry);
                    if (lines.size() == limit) {
                        return lines;
                    }
                }
            }
        }
        return lines;
    }

    /** The last {@code limit} lines, oldest first. */
    public List<LogEntry> tail(int limit) {
        long last;
        synchronized (this) {
            last = nextSequence - 1;
        }
        return after(Math.max(0, last - limit), limit);
    }

    /** One invocation's lines, numbered from {@code firstSequence}. */
    public static List<LogEntry> entries(long firstSequence, long epochMillis, String version, InvocationResult result) {
        List<String> text = result.logText(version);
        List<LogEntry> entries = new ArrayList<>(text.size());
        List<LogLine> logs = result.logs();
        for (int i = 0; i < text.size(); i++) {
            long at = i >= 1 && i <= logs.size() ? logs.get(i - 1).epochMillis() : epochMillis;
            entries.add(new LogEntry(firstSequence + i, at, result.requestId(), version, text.get(i)));
        }
        return entries;
    }

    /** The line a platform's note makes, numbered {@code sequence}. */
    public static LogEntry noteEntry(long sequence, String version, LogLine note) {
        return new LogEntry(sequence, note.epochMillis(), note.requestId(), version, note.format());
    }

    private static List<LogEntry> entries(Stored stored) {
        if (stored.result() == null) {
            return List.of(noteEntry(stored.firstSequence(), stored.version(), stored.note()));
        }
        return entries(stored.firstSequence(), stored.epochMillis(), stored.version(), stored.result());
    }
}
