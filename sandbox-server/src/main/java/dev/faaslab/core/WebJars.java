package dev.faaslab.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/** Where a WebJar on the class path keeps its files: {@code META-INF/resources/webjars/{name}/{version}/}. */
public final class WebJars {

    private static final String[] GROUPS = {"org.webjars.npm", "org.webjars"};

    private WebJars() {
    }

    /** The version of the WebJar {@code library} that {@code loader} holds, from its pom.properties; empty if none. */
    public static Optional<String> version(ClassLoader loader, String library) {
        for (String group : GROUPS) {
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + group + "/" + library + "/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return Optional.ofNullable(properties.getProperty("version"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the version of WebJar " + library, e);
            }
        }
        return Optional.empty();
    }
}
