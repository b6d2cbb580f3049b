/**
 * FaaS Lab's durable state: functions, versions, workspace documents and the asynchronous event log, in an
 * embedded H2 file database whose schema Flyway migrates, or in a PostgreSQL database ({@code --database})
 * migrated by the same scripts. The SQL is portable, so every store runs unchanged on both; the store
 * contract suite (each store's tests, on both) keeps it so.
 */
package dev.faaslab.store;
