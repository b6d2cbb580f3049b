package dev.faaslab.stream;

import dev.faaslab.logs.LogEntry;
import dev.faaslab.metrics.MetricPoint;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** What the live stream of a workspace carries to the browser. */
public sealed interface StreamEvent {

    /** The SSE event name. */
    String type();

    /**
     * A function's figures for the second that just ended, and what that second cost (on-demand requests
     * and duration, as {@code GET /api/functions/{name}/metrics} shows per point), so that a cost meter
     * can add the ticks up.
     */
    record MetricsTick(String function, MetricPoint point, BigDecimal costUsd) implements StreamEvent {
        public String type() {
            return "metrics";
        }
    }

    /**
     * An instance changed state: {@code initialising}, {@code busy}, {@code idle}, {@code reaped}
     * (keep-alive expired or the function changed) or {@code discarded} (a limit or crash ended it).
     */
    record InstanceChanged(String function, String version, String instanceId, String state, boolean provisioned)
            implements StreamEvent {
        public String type() {
            return "instance";
        }
    }

    /** Lines a function's invocation wrote, START to REPORT. */
    record LogLines(String function, List<LogEntry> lines) implements StreamEvent {
        public String type() {
            return "log";
        }
    }

    /** A function was created, updated, published or deleted. */
    record FunctionChanged(String function, String change) implements StreamEvent {
        public String type() {
            return "function";
        }
    }

    /** The workspace's traffic run: once a second while it lasts, and once when it ends (finished or stopped). */
    record TrafficProgress(TrafficStatus run) implements StreamEvent {
        public String type() {
            return "traffic";
        }
    }

    /** Events this subscriber missed because it read too slowly. */
    record Dropped(long count) implements StreamEvent {
        public String type() {
            return "dropped";
        }
    }

    /**
     * A learner of a class did something its dashboard shows (answered, submitted, saved, or came back after a
     * while): the dashboard reads that learner's row again. On a class's stream, never a workspace's.
     */
    record LearnerActivity(String learnerId, String what) implements StreamEvent {
        public String type() {
            return "learner-activity";
        }
    }

    /**
     * A learner's class changed what its learners see: its title, its pause, the lessons and exercises it has
     * closed. On each of the class's learners' own streams, so that their pages change without a reload; never on
     * another class's learners'.
     */
    record ClassChanged(String classId, String title, boolean paused, Set<String> closed) implements StreamEvent {
        public String type() {
            return "class";
        }
    }
}
