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

    /**
     * One lock per language: GraalPy takes seconds to start, and JavaScript cold starts must not wait
     * for it (a server warms Python up in the background while it already serves JavaScript).
     */
    private static final class Slot {
        private final Language language;
        private final HandlerStyle style;
        private volatile Engine engine;
        private volatile SandboxControl control;
        private volatile Long warmUpNanos;
        private volatile boolean closed;

        Slot(Language language, HandlerStyle style) {
            this.language = language;
            this.style = style;
        }

        Engine get() {
            Engine ready = engine;
            if (ready != null) {
                return ready;
            }
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the runtime is closed");
                }
                if (engine == null) {
                    long start = System.nanoTime();
                    Engine built = build(language);
                    prime(built, language, style);
                    warmUpNanos = System.nanoTime() - start;
                    control = built.getInstruments().get(SandboxInstrument.ID).lookup(SandboxControl.class);
                    engine = built;
                    if (closed) {
                        // close() ran while this engine was starting (a server stopped during Python's warm-up).
                        built.close();
                        throw new IllegalStateException("the runtime is closed");
                    }
                }
                return engine;
            }
        }

        /** Does not wait for an engine that is still starting: that one is closed as soon as it is built. */
        void close() {
            closed = true;
            Engine started = engine;
            if (started != null) {
                started.close();
            }
        }
    }

    private final Map<Language, Slot> slots = new EnumMap<>(Language.class);

    /** Engines that, as they start, compile the bootstrap of {@code style} (the style most functions follow). */
    Engines(HandlerStyle style) {
        for (Language language : Language.values()) {
            slots.put(language, new Slot(language, style));
        }
    }

    Engine engine(Language language) {
        return slots.get(language).get();
    }

    /** The sandbox instrument's controls on the language's engine (starts it if it has not started). */
    SandboxControl control(Language language) {
        Slot slot = slots.get(language);
        slot.get();
        return slot.control;
    }

    /** How long the language's engine took to start, once per process; null if not started. */
    Long warmUpNanos(Language language) {
        return slots.get(language).warmUpNanos;
    }

    /** Whether a language's engine has finished starting (without starting it). */
    boolean started(Language language) {
        return slots.get(language).engine != null;
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
    private static void prime(Engine engine, Language language, HandlerStyle style) {
        try (Context context = Context.newBuilder(language.polyglotId())
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build()) {
            context.eval(GuestSources.bootstrap(language, style));
        }
    }

    @Override
    public void close() {
        slots.values().forEach(Slot::close);
    }

    /** Kept here so that every caller sees the same cached Source objects. */
    static final class GuestSources {
        private static final String JS_CORE = read("bootstrap.js");
        private static final String PYTHON_CORE = read("bootstrap.py");
        /** One Source per language and style, so that the engine's cache of its compiled code serves every instance. */
        private static final Map<Language, Map<HandlerStyle, Source>> SOURCES = new EnumMap<>(Map.of(
                Language.NODEJS, new java.util.concurrent.ConcurrentHashMap<>(),
                Language.PYTHON, new java.util.concurrent.ConcurrentHashMap<>()));

        /**
         * A language's bootstrap for a style: the shared core and the style's file in one Source (one eval per
         * cold start, not two), evaluating to the function the guest calls with the host's entry points.
         */
        static Source bootstrap(Language language, HandlerStyle style) {
            return SOURCES.get(language).computeIfAbsent(style, s -> language == Language.NODEJS
                    ? Source.newBuilder(language.polyglotId(), "(function (core, style) {\n"
                            + "  return (record, now, done, config, sdk, lib, task) => core(record, now, done, config, sdk, lib, task, style);\n"
                            + "})(\n" + JS_CORE + ",\n" + s.javaScript() + "\n)\n", "faaslab-bootstrap-" + s.name() + ".js")
                            .internal(true).buildLiteral()
                    : Source.newBuilder(language.polyglotId(), PYTHON_CORE + "\n\n" + s.python() + "\n\n"
                            + "lambda record, write, now, config, sdk: faaslab_bootstrap(record, write, now, config, sdk,"
                            + " faaslab_style)\n", "faaslab-bootstrap-" + s.name() + ".py")
                            .internal(true).buildLiteral());
        }

        private static String read(String resource) {
            try (var in = Engines.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the runtime resource " + resource + " is missing from the build");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private GuestSources() {
        }
    }
}
