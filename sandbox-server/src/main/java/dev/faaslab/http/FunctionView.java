package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.faaslab.platform.FunctionRecord;

/** A function ({@code $LATEST}) as the API shows it: its settings, then its revision and when it changed. */
record FunctionView(@JsonUnwrapped SettingsView settings, long revision, String codeSha256, String createdAt,
                    String updatedAt) {

    static FunctionView of(FunctionRecord record, boolean withCode) {
        return new FunctionView(SettingsView.of(record.spec(), withCode), record.revision(), record.codeSha256(),
                record.createdAt().toString(), record.updatedAt().toString());
    }
}
