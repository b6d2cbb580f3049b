package dev.faaslab.billing;

import static dev.faaslab.billing.Prices.AWS_LAMBDA_ARM_US_EAST_1;
import static dev.faaslab.billing.Prices.AWS_LAMBDA_X86_US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Prices")
class PricesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Nested
    @DisplayName("as JSON configuration")
    class AsJson {

        @Test
        void roundTripThroughAPlainObjectMapper() throws JsonProcessingException {
            for (Prices prices : List.of(AWS_LAMBDA_X86_US_EAST_1, AWS_LAMBDA_ARM_US_EAST_1)) {
                String text = json.writeValueAsString(prices);
                assertEquals(prices, json.readValue(text, Prices.class), text);
            }
        }

        @Test
        void carryExactlyTheRecordsFieldsWithTheirDecimalsIntact() throws JsonProcessingException {
            String text = json.writeValueAsString(AWS_LAMBDA_X86_US_EAST_1);
            var tree = json.readTree(text);
            assertEquals(List.of("name", "perMillionRequests", "perGbSecond", "provisionedPerGbSecond",
                    "provisionedDurationPerGbSecond", "freeRequests", "freeGbSeconds"),
                    StreamSupport.stream(((Iterable<String>) tree::fieldNames).spliterator(), false).toList());
            assertTrue(text.contains("\"perMillionRequests\":0.20,"), text);
            assertTrue(text.contains("\"perGbSecond\":0.0000166667,"), text);
        }

        @Test
        void readAsAPersonWouldWriteThem() throws JsonProcessingException {
            Prices prices = json.readValue("""
                    {"name": "Cheap cloud", "perMillionRequests": 0.1, "perGbSecond": 0.00001,
                     "provisionedPerGbSecond": 0, "provisionedDurationPerGbSecond": 0,
                     "freeRequests": 0, "freeGbSeconds": 0}""", Prices.class);
            assertEquals(new BigDecimal("0.0000001"), prices.perRequest());
            assertEquals(new BigDecimal("0.00001"), prices.perGbSecond());
        }

        @Test
        void refuseANegativePriceWithTheFieldsName() {
            var error = assertThrows(JsonProcessingException.class, () -> json.readValue("""
                    {"name": "Typo", "perMillionRequests": 0.20, "perGbSecond": -0.0000166667,
                     "provisionedPerGbSecond": 0, "provisionedDurationPerGbSecond": 0,
                     "freeRequests": 0, "freeGbSeconds": 0}""", Prices.class));
            assertTrue(error.getMessage().contains("perGbSecond must be 0 or more, not -0.0000166667"), error.getMessage());
        }

        @Test
        void refuseAMissingPrice() {
            var error = assertThrows(JsonProcessingException.class, () -> json.readValue("""
                    {"name": "Short", "perMillionRequests": 0.20}""", Prices.class));
            assertTrue(error.getMessage().contains("perGbSecond is missing from the prices"), error.getMessage());
        }
    }

    @Nested
    @DisplayName("when constructed")
    class Constructed {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"perMillionRequests", "perGbSecond", "provisionedPerGbSecond",
                "provisionedDurationPerGbSecond", "freeGbSeconds"})
        void rejectANegativeAmountSayingWhichAndWhy(String field) {
            BigDecimal minus = new BigDecimal("-0.01");
            BigDecimal ok = BigDecimal.ONE;
            var error = assertThrows(IllegalArgumentException.class, () -> new Prices("Bad",
                    field.equals("perMillionRequests") ? minus : ok,
                    field.equals("perGbSecond") ? minus : ok,
                    field.equals("provisionedPerGbSecond") ? minus : ok,
                    field.equals("provisionedDurationPerGbSecond") ? minus : ok,
                    0, field.equals("freeGbSeconds") ? minus : ok));
            assertEquals(field + " must be 0 or more, not -0.01", error.getMessage());
        }

        @Test
        void rejectNegativeFreeRequests() {
            var error = assertThrows(IllegalArgumentException.class, () -> new Prices("Bad", BigDecimal.ONE,
                    BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, -1, BigDecimal.ONE));
            assertEquals("freeRequests must be 0 or more, not -1", error.getMessage());
        }

        @Test
        void needAName() {
            var error = assertThrows(IllegalArgumentException.class, () -> new Prices(" ", BigDecimal.ONE,
                    BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 0, BigDecimal.ONE));
            assertTrue(error.getMessage().startsWith("prices need a name"), error.getMessage());
        }
    }

    @Nested
    @DisplayName("per request")
    class PerRequest {

        @Test
        void isExactlyAMillionthOfThePricePerMillion() {
            // $0.20 / 1,000,000 = $0.0000002
            assertEquals(0, new BigDecimal("0.0000002").compareTo(AWS_LAMBDA_X86_US_EAST_1.perRequest()));
        }
    }
}
