package dev.faaslab.runtime;

import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;

/**
 * One shared polyglot Engine per language, created on first use. Sharing the engine is what makes a
 * cold start cost about a millisecond: parsed and compiled code is reused by every context on it.
 */
final class Engines implements AutoCloseable {

    private final Map<Language, Engine> engines = new EnumMap<>(Language.class);
    private final Map<Language, Long> warmUpNanos = new EnumMap<>(Language.class);

    synchronized Engine engine(Language language) {
        Engine engine = engines.get(language);
        if (engine == null) {
            long start = System.nanoTime();
            engine = build(language);
            prime(engine, language);
            engines.put(language, engine);
            warmUpNanos.put(language, System.nanoTime() - start);
        }
        return engine;
    }

    /** How long the language's engine took to start, once per process; null if not started. */
    synchronized Long warmUpNanos(Language language) {
        return warmUpNanos.get(language);
    }

    RuntimeMode mode() {
        return RuntimeMode.of(engine(Language.NODEJS).getImplementationName());
    }

    private static Engine build(Language language) {
        Engine.Builder builder = Engine.newBuilder(language.polyglotId())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // We report the mode ourselves (start-up, health, bench), in words a learner can act on.
                .option("engine.WarnInterpreterOnly", "false");
        if (language == Language.NODEJS) {
            builder.option("js.esm-eval-returns-exports", "true");
        }
        return builder.build();
    }

    /**
     * The first context of a language in a process pays for loading the language itself (for Python,
     * seconds: it unpacks and imports its standard library). That is the server's start-up, not a
     * function's cold start, so it is paid here, once, and reported as the engine's warm-up.
     */
    private static void prime(Engine engine, Language language) {
        try (Context context = Context.newBuilder(language.polyglotId())
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build()) {
            context.eval(GuestSources.bootstrap(language));
        }
    }

    @Override
    public synchronized void close() {
        engines.values().forEach(Engine::close);
        engines.clear();
    }

    /** Kept here so that every caller sees the same cached Source objects. */
    static final class GuestSources {
        private static final Source JS = load(Language.NODEJS, "bootstrap.js");
        private static final Source PYTHON = load(Language.PYTHON, "bootstrap.py");

        static Source bootstrap(Language language) {
            return language == Language.NODEJS ? JS : PYTHON;
        }

        private static Source load(Language language, String resource) {
            try (var in = Engines.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the runtime resource " + resource + " is missing from the build");
                }
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return Source.newBuilder(language.polyglotId(), text, "faaslab-" + resource).internal(true).buildLiteral();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private GuestSources() {
        }
    }
}
