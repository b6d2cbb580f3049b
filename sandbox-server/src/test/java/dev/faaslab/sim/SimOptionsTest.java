package dev.faaslab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.faaslab.billing.Prices;
import dev.faaslab.platform.policy.KeepAlivePolicy;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimOptionsTest {

    @Nested
    class TheBuilder {

        @Test
        void startsFromTheDefaults() {
            assertEquals(SimOptions.DEFAULTS, SimOptions.builder().build());
        }

        @Test
        void changesOnlyTheSettingsItIsGivenByName() {
            SimOptions options = SimOptions.builder().arrivalRate(5).keepAlivePolicy("hybrid").build();
            assertEquals(5, options.arrivalRate());
            assertEquals("hybrid", options.keepAlivePolicy());
            assertEquals(SimOptions.DEFAULTS, options.toBuilder().arrivalRate(SimOptions.DEFAULTS.arrivalRate())
                    .keepAlivePolicy(SimOptions.DEFAULTS.keepAlivePolicy()).build(), "every other setting is the default's");
            assertNotEquals(SimOptions.DEFAULTS, options);
        }
    }

    @Nested
    class TheDefaults {

        @Test
        void billWithTheDefaultListPrices() {
            assertEquals(Prices.AWS_LAMBDA_X86_US_EAST_1, SimOptions.DEFAULTS.prices());
            assertEquals(SimOptions.listPrices(SimOptions.DEFAULT_PRICE_LIST).orElseThrow(), SimOptions.DEFAULTS.prices());
        }

        @Test
        void areTheModelsDefaults() {
            SimModel model = SimModel.defaults();
            SimModel fromOptions = SimOptions.DEFAULTS.model(Function.identity());
            assertEquals(new Traffic.Poisson(1), model.traffic());
            assertEquals(fromOptions.traffic(), model.traffic());
            assertEquals(fromOptions.pricing(), model.pricing());
            assertEquals(1000, model.maxConcurrency());
            assertEquals(3600, model.durationSeconds());
            assertEquals(KeepAlivePolicy.fixed(SimModel.DEFAULT_KEEP_ALIVE), model.keepAlive().get());
        }
    }
}
