package dev.faaslab.exercise;

import dev.faaslab.events.queue.QueueService;
import dev.faaslab.platform.Platform;
import dev.faaslab.state.bucket.Buckets;
import dev.faaslab.state.table.Tables;

/**
 * What a grader is given by the server: the platform that runs and counts the submitted functions, the
 * tables and buckets an exercise's checks fill before they run (the data a setup reads) and read afterwards
 * (the effects a delivery left), and the queues a check makes a function's on-failure destination and reads
 * (the events the platform gave up on).
 */
public record GradingServices(Platform platform, Tables tables, Buckets buckets, QueueService queues) {
}
