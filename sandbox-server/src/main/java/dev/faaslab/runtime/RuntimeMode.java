package dev.faaslab.runtime;

/** Whether guest code is compiled by Graal's optimizing compiler or only interpreted. */
public enum RuntimeMode {
    COMPILED, INTERPRETED;

    /** Truffle names its fallback runtime "Interpreted"; anything else ("GraalVM CE") compiles. */
    static RuntimeMode of(String implementationName) {
        return "Interpreted".equalsIgnoreCase(implementationName) ? INTERPRETED : COMPILED;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What to tell someone when the optimizing runtime is off, and how to turn it on. */
    public static final String INTERPRETED_WARNING =
            "FaaS Lab: Graal's optimizing compiler is not active, so functions run interpreted (several times slower). "
                    + "Start through ./faaslab, which puts the compiler on --upgrade-module-path with -XX:+EnableJVMCI.";
}
