package dev.faaslab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sandbox-safety corpus (code that loops, allocates, recurses, never settles ...), read where the tests read
 * it, {@code sandbox-server/src/test/resources/hostile} beside the launcher: one copy, so that a case added for
 * the tests is played by the bench too. Each case's {@code timeout:} and {@code memory:} header lines are its
 * function's settings, as {@code HostileCorpusTest} deploys them.
 */
record HostileCorpus(List<Case> cases) {

    static final Path FOLDER = Path.of("sandbox-server", "src", "test", "resources", "hostile");

    record Case(String file, String runtime, String code, int timeoutSeconds, int memoryMb) {

        /** The function's name: the file's, with its dot made a dash. */
        String name() {
            return file.replaceAll("[^A-Za-z0-9-]", "-");
        }
    }

    /** The corpus under {@code home} (the folder of the {@code faaslab} launcher). */
    static HostileCorpus read(Path home) throws IOException {
        Path folder = home.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            throw new IOException("the hostile corpus is not at " + folder + ": the bench reads it from the"
                    + " repository, beside the launcher");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Case> cases = files.filter(f -> f.toString().endsWith(".mjs") || f.toString().endsWith(".py"))
                    .sorted().map(HostileCorpus::readCase).toList();
            if (cases.isEmpty()) {
                throw new IOException("no .mjs or .py files in " + folder);
            }
            return new HostileCorpus(cases);
        }
    }

    private static Case readCase(Path file) {
        try {
            String code = Files.readString(file, StandardCharsets.UTF_8);
            boolean python = file.toString().endsWith(".py");
            String marker = python ? "#" : "//";
            return new Case(file.getFileName().toString(), python ? "python" : "nodejs", code,
                    Integer.parseInt(header(code, marker, "timeout", "2")),
                    Integer.parseInt(header(code, marker, "memory", "128")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String header(String code, String marker, String key, String otherwise) {
        Matcher found = Pattern.compile("(?m)^" + Pattern.quote(marker) + " " + key + ": (.+)$").matcher(code);
        return found.find() ? found.group(1).trim() : otherwise;
    }
}
