package dev.faaslab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@DisplayName("The runtime mode")
class RuntimeModeTest {

    @Test
    @EnabledIfSystemProperty(named = "faaslab.expectCompiled", matches = "true")
    @DisplayName("is compiled in the test JVM, which the build starts with Graal's compiler")
    void isCompiledInTheTestJvm() {
        assertEquals(RuntimeMode.COMPILED, TestRuntime.shared().mode(),
                "the surefire argLine puts the JIT jars on --upgrade-module-path; check the pom");
    }

    @Test
    @DisplayName("reads Truffle's name for its fallback runtime as interpreted")
    void readsTheImplementationName() {
        assertEquals(RuntimeMode.INTERPRETED, RuntimeMode.of("Interpreted"));
        assertEquals(RuntimeMode.COMPILED, RuntimeMode.of("GraalVM CE"));
    }
}
