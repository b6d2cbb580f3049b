/**
 * The simulator: the platform's scaling rules ({@code dev.faaslab.platform.policy}) in virtual time, so
 * learners can ask what a day at 1,000 requests a second does, what it costs against an always-on
 * server, and which keep-alive wastes less memory. {@link dev.faaslab.sim.Simulation} is a
 * discrete-event simulation in the manner of SimFaaS (Mahmoudi and Khazaei, 2021): requests arrive
 * ({@link dev.faaslab.sim.Traffic}), take an idle instance or start one (a cold start), hold it for a
 * service time ({@link dev.faaslab.sim.ServiceTime}) and give it back; idle instances are reclaimed by
 * a keep-alive policy. There is no queue: a request over the concurrency limit is rejected, as a 429.
 */
package dev.faaslab.sim;
