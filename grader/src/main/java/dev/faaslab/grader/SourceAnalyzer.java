package dev.faaslab.grader;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faaslab.core.Json;
import dev.faaslab.core.WorkspaceId;
import dev.faaslab.platform.FunctionSpec;
import dev.faaslab.platform.Invocation;
import dev.faaslab.platform.Platform;
import dev.faaslab.runtime.HandlerName;
import dev.faaslab.runtime.Language;
import dev.faaslab.runtime.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a submission's source with the language's own parser, Acorn (from its WebJar) for JavaScript and Python's
 * {@code ast}, run as a function on the platform: the source is untrusted, and a parser fed one nested a million
 * deep recurses, so it parses under the sandbox's limits like any learner's code, and one that makes the parser
 * fail costs only its own analysis. The analyzer's functions live in a workspace of their own and stay warm
 * between submissions.
 */
final class SourceAnalyzer {

    static final WorkspaceId WORKSPACE = new WorkspaceId("grade-analyzer");
    private static final int MEMORY_MB = 512;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Platform platform;
    private final Set<Language> deployed = EnumSet.noneOf(Language.class);

    SourceAnalyzer(Platform platform) {
        this.platform = platform;
    }

    /** The outline of {@code code}, whose handler is {@code handler} ({@code index.handler}). */
    SourceAnalysis analyze(Language language, String handler, String code) {
        String function = deploy(language);
        String event = Json.MAPPER.createObjectNode().put("source", code)
                .put("handler", HandlerName.parse(handler).function()).toString();
        Invocation invocation = platform.invoke(WORKSPACE, function, null, event);
        if (!(invocation instanceof Invocation.Completed completed)) {
            return new SourceAnalysis.Unread("the analyzer was not run (" + invocation + ")");
        }
        if (!(completed.result().outcome() instanceof Outcome.Success(String json))) {
            return new SourceAnalysis.Unread("the parser could not read the code: "
                    + completed.result().error().describe());
        }
        try {
            return new SourceAnalysis.Read(Json.MAPPER.readValue(json, SourceOutline.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the analyzer's outline is not what the grader reads: " + e.getMessage(), e);
        }
    }

    /** Deploys the language's analyzer once per grader (again if it was removed), and names it. */
    private String deploy(Language language) {
        String name = "outline-" + language.runtimeName();
        synchronized (deployed) {
            if (!deployed.contains(language) || platform.function(WORKSPACE, name).isEmpty()) {
                String handler = language == Language.NODEJS ? "index.handler" : "lambda_function.lambda_handler";
                platform.save(WORKSPACE, new FunctionSpec(name, language, HandlerName.parse(handler), code(language),
                        MEMORY_MB, TIMEOUT, Map.of(), null, 0, FunctionSpec.DEFAULT_KEEP_ALIVE), null);
                deployed.add(language);
            }
        }
        return name;
    }

    /**
     * The analyzer's code. For JavaScript, Acorn's and acorn-walk's browser builds come first in the module (each
     * sets {@code globalThis.acorn}), then the outline's own code, which exports the handler.
     */
    static String code(Language language) {
        if (language == Language.PYTHON) {
            return resource("/dev/faaslab/grader/outline.py");
        }
        return webJar("acorn", "dist/acorn.js") + "\n;\n" + webJar("acorn-walk", "dist/walk.js") + "\n;\n"
                + resource("/dev/faaslab/grader/outline.mjs");
    }

    /** A file of an npm WebJar on the class path, at the version the build put there. */
    private static String webJar(String artifact, String file) {
        Properties pom = new Properties();
        try (InputStream in = open("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resource("/META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/" + file);
    }

    private static String resource(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = SourceAnalyzer.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("the grader's resource " + path + " is missing from the class path");
        }
        return in;
    }
}
