package dev.faaslab.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.faaslab.platform.VersionRecord;

/** A published version as the API shows it: the settings it froze, then its number and when it was published. */
record VersionView(@JsonUnwrapped SettingsView settings, String version, String description, String codeSha256,
                   String createdAt) {

    static VersionView of(VersionRecord version, boolean withCode) {
        return new VersionView(SettingsView.of(version.spec(), withCode), Integer.toString(version.version()),
                version.description(), version.codeSha256(), version.createdAt().toString());
    }
}
