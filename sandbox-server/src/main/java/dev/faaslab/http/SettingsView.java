package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faaslab.platform.FunctionSpec;
import java.util.Map;

/** A function's settings as the API shows them, first in a function and in each of its versions. */
record SettingsView(String name, String arn, String runtime, String style, String handler, String fileName, int memoryMb,
                    long timeoutSeconds, Map<String, String> environment,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> bindings, Integer reservedConcurrency,
                    int provisionedConcurrency, long keepAliveSeconds, int maximumRetryAttempts,
                    long maximumEventAgeSeconds, String onFailure, String retryDelays,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String code,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> files) {

    /** @param withCode whether to show the code: a list leaves it out, one function or version read alone shows it */
    static SettingsView of(FunctionSpec spec, boolean withCode) {
        return new SettingsView(spec.name(), spec.toConfig("$LATEST").arn(), spec.language().runtimeName(),
                spec.style(), spec.handler().toString(), spec.fileName(), spec.memoryMb(), spec.timeout().toSeconds(),
                spec.environment(), spec.bindings(), spec.reservedConcurrency(), spec.provisionedConcurrency(),
                spec.keepAlive().toSeconds(), spec.eventInvoke().maximumRetryAttempts(),
                spec.eventInvoke().maximumEventAge().toSeconds(), spec.eventInvoke().onFailure(),
                spec.eventInvoke().retryDelays().label(), withCode ? spec.code() : null,
                withCode && spec.codePackage() != null ? files(spec.codePackage()) : null);
    }

    /** A package's files by path: each one's text, or null for one that is not UTF-8 (an image, a binary). */
    private static Map<String, String> files(dev.faaslab.runtime.CodePackage code) {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        for (String path : code.files().keySet()) {
            files.put(path, code.text(path).orElse(null));
        }
        return files;
    }
}
