package dev.faaslab.runtime.sdk;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services functions can reach through the {@code faaslab} module, by name ({@code table},
 * {@code bucket}, {@code queue}). The platform holds one; the composition root registers each service
 * as it builds it.
 */
public final class SdkRegistry {

    private final Map<String, SdkService> services = new ConcurrentHashMap<>();

    /** Adds a service under its name; a second service of the same name is a wiring mistake. */
    public void register(SdkService service) {
        SdkService earlier = services.putIfAbsent(service.name(), service);
        if (earlier != null && earlier != service) {
            throw new IllegalStateException("two SDK services are named '" + service.name() + "'");
        }
    }

    public Optional<SdkService> find(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** The names of the services registered, sorted. */
    public Set<String> names() {
        return new TreeSet<>(services.keySet());
    }
}
