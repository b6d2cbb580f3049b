package dev.faaslab.store;

import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.runtime.Language;

/** Small valid functions for the store's tests. */
final class Specs {

    private Specs() {
    }

    /** A JavaScript function with Lambda's defaults that returns {@code reply}. */
    static FunctionSpec js(String name, String reply) {
        return FunctionSpec.of(name, Language.NODEJS, "index.handler",
                "export const handler = async () => '" + reply + "';");
    }

    static FunctionSpec js(String name) {
        return js(name, "v1");
    }
}
