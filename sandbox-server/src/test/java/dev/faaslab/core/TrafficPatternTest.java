package dev.faaslab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faaslab.core.TrafficPattern.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficPatternTest {

    @Test
    void namesEachShapeOnceForBothEngines() {
        assertEquals(List.of("steady", "regular", "spike", "sine", "diurnal", "on-off", "burst"),
                java.util.Arrays.stream(TrafficPattern.values()).map(TrafficPattern::label).toList());
    }

    @Test
    void givesEachEngineTheShapesItMakes() {
        assertEquals("steady, spike, sine or burst", TrafficPattern.names(Engine.LIVE));
        assertEquals("steady, regular, spike, diurnal or on-off", TrafficPattern.names(Engine.SIMULATOR));
    }

    @Test
    void readsTheSameNameAsTheSameShapeInBoth() {
        assertEquals(TrafficPattern.SPIKE, TrafficPattern.of("spike", Engine.LIVE));
        assertEquals(TrafficPattern.SPIKE, TrafficPattern.of("spike", Engine.SIMULATOR));
        assertEquals(TrafficPattern.ON_OFF, TrafficPattern.of("on-off", Engine.SIMULATOR));
    }

    @Test
    void pointsAShapeOfTheOtherEngineToIt() {
        IllegalArgumentException sine = assertThrows(IllegalArgumentException.class,
                () -> TrafficPattern.of("sine", Engine.SIMULATOR));
        assertEquals("must be steady, regular, spike, diurnal or on-off, not 'sine': sine is a pattern of the live"
                + " traffic generator (POST /api/traffic)", sine.getMessage());
        IllegalArgumentException diurnal = assertThrows(IllegalArgumentException.class,
                () -> TrafficPattern.of("diurnal", Engine.LIVE));
        assertEquals("must be steady, spike, sine or burst, not 'diurnal': diurnal is a pattern of the simulator"
                + " (POST /api/simulations)", diurnal.getMessage());
    }
}
