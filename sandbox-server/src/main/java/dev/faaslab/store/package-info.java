/**
 * FaaS Lab's durable state: functions, versions, workspace documents and the asynchronous event log, in an
 * embedded H2 file database whose schema Flyway migrates. The SQL is kept portable so that PostgreSQL can
 * take H2's place for classroom mode.
 */
package dev.faaslab.store;
