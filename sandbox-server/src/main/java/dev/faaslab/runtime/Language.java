package dev.faaslab.runtime;

import dev.faaslab.core.InvalidInputException;
import java.util.Locale;

/** The languages a function can be written in, named as Lambda names its runtimes. */
public enum Language {
    NODEJS("nodejs", "js", ".mjs", "handler"),
    PYTHON("python", "python", ".py", "lambda_handler");

    private final String runtimeName;
    private final String polyglotId;
    private final String defaultExtension;
    private final String defaultFunctionName;

    Language(String runtimeName, String polyglotId, String defaultExtension, String defaultFunctionName) {
        this.runtimeName = runtimeName;
        this.polyglotId = polyglotId;
        this.defaultExtension = defaultExtension;
        this.defaultFunctionName = defaultFunctionName;
    }

    /** The name used in configuration and APIs: {@code nodejs} or {@code python}. */
    public String runtimeName() {
        return runtimeName;
    }

    String polyglotId() {
        return polyglotId;
    }

    public String defaultExtension() {
        return defaultExtension;
    }

    /** The exported name Lambda's console proposes: {@code index.handler}, {@code lambda_function.lambda_handler}. */
    public String defaultFunctionName() {
        return defaultFunctionName;
    }

    /** Parses {@code nodejs}, {@code node}, {@code javascript}, {@code js}, {@code python}, {@code nodejs22.x}, {@code python3.13}. */
    public static Language fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("nodejs") || n.equals("node") || n.equals("js") || n.equals("javascript")) {
            return NODEJS;
        }
        if (n.startsWith("python") || n.equals("py")) {
            return PYTHON;
        }
        throw new InvalidInputException(
                "unknown runtime '" + name + "': use \"nodejs\" (JavaScript) or \"python\"");
    }

    /** Guesses the language from a file name: {@code .js .mjs .cjs} or {@code .py}. */
    public static Language fromFileName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".js") || n.endsWith(".mjs") || n.endsWith(".cjs")) {
            return NODEJS;
        }
        if (n.endsWith(".py")) {
            return PYTHON;
        }
        throw new InvalidInputException(
                "cannot tell the language of '" + fileName + "': name it .js, .mjs, .cjs or .py");
    }
}
