package dev.faaslab.exercise;

import dev.faaslab.events.queue.QueuePoller;
import dev.faaslab.events.queue.QueueService;
import dev.faaslab.events.stream.StreamPoller;
import dev.faaslab.events.stream.TableStreams;
import dev.faaslab.platform.Platform;
import dev.faaslab.state.bucket.Buckets;
import dev.faaslab.state.table.Tables;

/**
 * What a grader is given by the server: the platform that runs and counts the submitted functions, the
 * tables and buckets an exercise's checks fill before they run (the data a setup reads) and read afterwards
 * (the effects a delivery left), the queues a check makes a function's on-failure destination and reads
 * (the events the platform gave up on), and the event sources a check wires to the function: queues through
 * their poller, tables' change streams through theirs.
 */
public record GradingServices(Platform platform, Tables tables, Buckets buckets, QueueService queues,
                              QueuePoller queuePoller, TableStreams tableStreams, StreamPoller streamPoller) {
}
