package dev.faaslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's "How the code is laid out" stays true: its layers are the architecture test's, over the packages that exist. */
@DisplayName("The README's layout of the code")
class ReadmeLayoutTest {

    static final Path SOURCES = Path.of("src/main/java/dev/faaslab");
    static final String SECTION = section();

    static String section() {
        try {
            String readme = Files.readString(Path.of("../README.md"));
            int start = readme.indexOf("## How the code is laid out");
            assertTrue(start >= 0, "the README has the section");
            return readme.substring(start, readme.indexOf("\n## ", start + 1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("lists the architecture test's layers, in order, with their packages")
    void matchesTheArchitectureTest() {
        List<List<String>> table = new ArrayList<>();
        for (String row : SECTION.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| layer")).toList()) {
            String[] cells = row.split("\\|");
            List<String> layer = new ArrayList<>(List.of(cells[1].strip()));
            Matcher name = Pattern.compile("`([a-z.]+)`").matcher(cells[2]);
            while (name.find()) {
                layer.add(name.group(1).equals("dev.faaslab") ? "dev.faaslab" : "dev.faaslab." + name.group(1) + "..");
            }
            table.add(layer);
        }
        assertEquals(Arrays.stream(ArchitectureTest.LAYERS).map(List::of).toList(), table);
    }

    @Test
    @DisplayName("places every package that exists, and none that does not")
    void coversEveryPackage() throws IOException {
        TreeSet<String> existing = new TreeSet<>();
        try (Stream<Path> entries = Files.list(SOURCES)) {
            entries.filter(Files::isDirectory).forEach(dir -> existing.add(dir.getFileName().toString()));
        }
        TreeSet<String> placed = new TreeSet<>();
        for (String[] layer : ArchitectureTest.LAYERS) {
            for (int i = 1; i < layer.length; i++) {
                if (!layer[i].equals("dev.faaslab")) {
                    placed.add(layer[i].substring("dev.faaslab.".length(), layer[i].length() - 2));
                }
            }
        }
        assertEquals(existing, placed);
    }

    @Test
    @DisplayName("names only files that exist where it says each concept lives")
    void namesFilesThatExist() {
        Matcher file = Pattern.compile("`([a-z]+(?:/[a-z]+)*/[A-Z][A-Za-z]+\\.java)`").matcher(SECTION);
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (file.find()) {
            named++;
            if (!Files.isRegularFile(SOURCES.resolve(file.group(1)))) {
                missing.add(file.group(1));
            }
        }
        assertTrue(named >= 10, "the section names where concepts live: " + named);
        assertEquals(List.of(), missing);
    }
}
