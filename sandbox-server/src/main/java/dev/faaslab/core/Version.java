package dev.faaslab.core;

import picocli.CommandLine;

/** The version shown by {@code --version}, read from the jar's manifest when there is one. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"FaaS Lab " + current(), "JVM " + Runtime.version()};
    }
}
