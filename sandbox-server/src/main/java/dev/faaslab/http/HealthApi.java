package dev.faaslab.http;

import dev.faaslab.core.Version;
import dev.faaslab.platform.InstanceCounts;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.RuntimeMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /health}: whether the server is up, how it runs guest code, and how many instances it holds. */
final class HealthApi {

    private final Platform platform;

    HealthApi(Platform platform) {
        this.platform = platform;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/health", this::healthHandler));
    }

    private void healthHandler(Exchange exchange) {
        // Not waiting for the engine: a server answers its health check while JavaScript still starts.
        String mode = platform.runtime().modeIfStarted().map(RuntimeMode::label).orElse("starting");
        Map<String, String> engines = new LinkedHashMap<>();
        for (Language language : Language.values()) {
            engines.put(language.runtimeName(), platform.runtime().started(language) ? "ready" : "starting");
        }
        exchange.json(200, new Health("ok", Version.current(), mode, engines, platform.uptimeMillis() / 1000.0,
                Instances.of(platform.instanceCounts())));
    }

    /** What {@code GET /health} answers. */
    record Health(String status, String version, String runtimeMode, Map<String, String> engines,
                  double uptimeSeconds, Instances instances) {
    }

    /** The server's instances by state, and all of them. */
    record Instances(int initialising, int busy, int idle, int total) {

        static Instances of(InstanceCounts counts) {
            return new Instances(counts.initialising(), counts.busy(), counts.idle(), counts.total());
        }
    }
}
