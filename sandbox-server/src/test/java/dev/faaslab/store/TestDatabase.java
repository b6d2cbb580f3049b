package dev.faaslab.store;

import java.nio.file.Path;

/**
 * The databases every store is tested against: the store contract suite runs each store test class once
 * per constant, with {@code @ParameterizedClass @EnumSource(TestDatabase.class)}.
 */
public enum TestDatabase {

    /** The default: H2's files in the data directory. */
    H2 {
        @Override
        public Database open(Path directory) {
            return Database.open(directory);
        }
    },

    /** A database of its own on the test JVM's PostgreSQL server; the directory keeps only the buckets' files. */
    POSTGRESQL {
        @Override
        public Database open(Path directory) {
            return TestPostgres.get().open(directory);
        }
    };

    /** Opens this engine's database for {@code directory}: reopening the same directory finds the same data. */
    public abstract Database open(Path directory);
}
