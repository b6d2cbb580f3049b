package dev.faaslab.platform;

import dev.faaslab.core.Problem;
import dev.faaslab.runtime.FunctionError;
import java.util.LinkedHashMap;
import java.util.Map;

/** The code was refused on saving because it does not parse. */
public final class CodeException extends RuntimeException implements Problem {

    private final transient FunctionError error;

    public CodeException(FunctionError error) {
        super(error.errorMessage() + (error.location() == null ? "" : " at " + error.location()));
        this.error = error;
    }

    public FunctionError error() {
        return error;
    }

    @Override
    public String code() {
        return "SyntaxError";
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String sdkName() {
        return "InvalidParameterValueException";
    }

    /** Where the code stops parsing, in {@code location}, and what to try, in {@code hint}. */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (error.location() != null) {
            var location = error.location();
            details.put("location", Map.of("file", location.file(), "line", location.line(), "column", location.column()));
        }
        if (!error.hint().isEmpty()) {
            details.put("hint", error.hint());
        }
        return details;
    }
}
