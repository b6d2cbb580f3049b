package dev.faaslab.runtime;

import dev.faaslab.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Lambda's handler setting, {@code module.function}: the file's base name, then the exported name.
 *
 * @param module   the file name without its extension ({@code index}, {@code lambda_function}); in a package,
 *                 its path ({@code src/app}, or for Python {@code pkg.app} too)
 * @param function the exported function's name ({@code handler}, {@code lambda_handler})
 */
public record HandlerName(String module, String function) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");

    public HandlerName {
        if (!MODULE.matcher(module).matches()) {
            throw new InvalidInputException("the handler's module '" + module + "' is not a file name");
        }
        if (!IDENTIFIER.matcher(function).matches()) {
            throw new InvalidInputException("the handler's function '" + function + "' is not a valid name");
        }
    }

    /** Splits at the last dot, as Lambda does: {@code index.handler}, {@code src.app.main}. */
    public static HandlerName parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new InvalidInputException("the handler '" + text
                    + "' must look like FILE.FUNCTION, for example index.handler or lambda_function.lambda_handler");
        }
        return new HandlerName(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return module + "." + function;
    }
}
