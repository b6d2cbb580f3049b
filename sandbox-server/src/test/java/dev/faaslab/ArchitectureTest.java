package dev.faaslab;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server's packages in layers that only point down, as the README's "How the code is laid out" draws
 * them: a class that reaches up, or a new cycle between packages, fails the build and names the dependency.
 */
@DisplayName("The server's code")
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.faaslab");

    /** The layers, top to bottom, and the packages in each: the README's table, which a test keeps equal to the package list. */
    static final String[][] LAYERS = {
            {"entry points", "dev.faaslab", "dev.faaslab.cli..", "dev.faaslab.http..", "dev.faaslab.bench.."},
            {"wiring", "dev.faaslab.wiring..", "dev.faaslab.store.."},
            {"features", "dev.faaslab.events..", "dev.faaslab.state..", "dev.faaslab.traffic..", "dev.faaslab.sim..",
                    "dev.faaslab.exercise..", "dev.faaslab.course..", "dev.faaslab.style..", "dev.faaslab.classroom.."},
            {"platform", "dev.faaslab.platform..", "dev.faaslab.billing..", "dev.faaslab.metrics..", "dev.faaslab.logs..",
                    "dev.faaslab.stream.."},
            {"runtime", "dev.faaslab.runtime..", "dev.faaslab.agent.."},
            {"core", "dev.faaslab.core..", "dev.faaslab.time.."},
    };

    @Test
    @DisplayName("is in layers that only point down")
    void layersOnlyPointDown() {
        var architecture = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer(LAYERS[0][0]).definedBy(packages(0))
                .layer(LAYERS[1][0]).definedBy(packages(1))
                .layer(LAYERS[2][0]).definedBy(packages(2))
                .layer(LAYERS[3][0]).definedBy(packages(3))
                .layer(LAYERS[4][0]).definedBy(packages(4))
                .layer(LAYERS[5][0]).definedBy(packages(5));
        for (int layer = 0; layer < LAYERS.length; layer++) {
            String[] above = new String[layer];
            for (int upper = 0; upper < layer; upper++) {
                above[upper] = LAYERS[upper][0];
            }
            architecture = layer == 0 ? architecture.whereLayer(LAYERS[0][0]).mayNotBeAccessedByAnyLayer()
                    : architecture.whereLayer(LAYERS[layer][0]).mayOnlyBeAccessedByLayers(above);
        }
        architecture.check(CLASSES);
    }

    @Test
    @DisplayName("has no cycles between its packages")
    void hasNoCycles() {
        slices().matching("dev.faaslab.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    static String[] packages(int layer) {
        return java.util.Arrays.copyOfRange(LAYERS[layer], 1, LAYERS[layer].length);
    }
}
