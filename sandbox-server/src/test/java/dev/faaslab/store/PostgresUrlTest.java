package dev.faaslab.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A PostgreSQL URL for --database")
class PostgresUrlTest {

    private static final String FORM = "write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE, for example"
            + " postgresql://faaslab@localhost:5432/faaslab";

    @Nested
    @DisplayName("when well formed")
    class WellFormed {

        @Test
        @DisplayName("names the user, host, port and database, and shows itself without a password")
        void libpqForm() {
            PostgresUrl url = PostgresUrl.parse("postgresql://ada:s3cr%40t@db.school.lan:5433/faaslab");
            assertEquals(new PostgresUrl("ada", "s3cr@t", "db.school.lan", 5433, "faaslab", ""), url);
            assertEquals("jdbc:postgresql://db.school.lan:5433/faaslab", url.jdbcUrl());
            assertEquals("postgresql://ada@db.school.lan:5433/faaslab", url.toString());
            assertFalse(url.toString().contains("s3cr"));
        }

        @Test
        @DisplayName("takes PostgreSQL's port, 5432, when none is given, and no password when none is given")
        void defaults() {
            assertEquals(new PostgresUrl("faaslab", null, "localhost", 5432, "faaslab", ""),
                    PostgresUrl.parse("postgresql://faaslab@localhost/faaslab"));
        }

        @Test
        @DisplayName("reads the JDBC driver's form, passing its other parameters (such as sslmode) on")
        void jdbcForm() {
            PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://10.0.0.5:5432/lab?user=ada&password=pw&sslmode=require");
            assertEquals(new PostgresUrl("ada", "pw", "10.0.0.5", 5432, "lab", "sslmode=require"), url);
            assertEquals("jdbc:postgresql://10.0.0.5:5432/lab?sslmode=require", url.jdbcUrl());
        }
    }

    @Nested
    @DisplayName("when malformed")
    class Malformed {

        @ParameterizedTest(name = "''{0}''")
        @CsvSource(delimiter = '|', value = {
            "mysql://ada@localhost/faaslab | 'mysql://ada@localhost/faaslab' is not a PostgreSQL URL (FaaS Lab keeps its"
                + " state in its own H2 files, or in PostgreSQL): " + FORM,
            "postgresql://ada@localhost | 'postgresql://ada@localhost' names no database after the host (or more than"
                + " one): " + FORM,
            "postgresql://localhost:5432/faaslab | 'postgresql://localhost:5432/faaslab' names no user: put one before the"
                + " host, as in postgresql://faaslab@localhost/faaslab",
            "postgresql:///faaslab | 'postgresql:///faaslab' names no server host, or a port that is not a number: " + FORM,
        })
        @DisplayName("says what is wrong and how to write it")
        void saysWhatIsWrong(String text, String message) {
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse(text)).getMessage());
        }

        @Test
        @DisplayName("never repeats a password in its message")
        void hidesThePassword() {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> PostgresUrl.parse("postgresql://ada:hunter2@localhost:port/faaslab")).getMessage();
            assertFalse(message.contains("hunter2"), message);
            assertEquals("'postgresql://ada:***@localhost:port/faaslab' names no server host, or a port that is not a number: " + FORM, message);
        }

        @Test
        @DisplayName("says so when it is empty")
        void empty() {
            assertEquals("the database URL is empty: " + FORM,
                    assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse(" ")).getMessage());
        }
    }
}
