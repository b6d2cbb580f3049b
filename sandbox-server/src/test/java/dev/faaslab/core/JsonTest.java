package dev.faaslab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The server reads and writes JSON with one configuration, built in one place. */
class JsonTest {

    /** The lessons' YAML front matter is the one mapper of its own: it reads YAML. */
    private static final List<String> OWN_MAPPERS = List.of("core/Json.java", "course/YamlBlock.java");

    @Test
    void noOtherClassBuildsAMapperOfItsOwn() throws IOException {
        Path sources = Path.of("src/main/java/dev/faaslab");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> own = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !OWN_MAPPERS.contains(sources.relativize(file).toString().replace('\\', '/')))
                    .filter(file -> {
                        try {
                            String text = Files.readString(file);
                            return text.contains("new ObjectMapper(") || text.contains("JsonMapper.builder(");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(file -> sources.relativize(file).toString())
                    .toList();
            assertEquals(List.of(), own, "use dev.faaslab.core.Json's mappers (or its builder, in Json itself)");
        }
    }

    @Test
    void decimalsAreWrittenAsWritten() throws JsonProcessingException {
        assertEquals("0.0000166667", Json.MAPPER.writeValueAsString(new BigDecimal("1.66667E-5")));
    }

    @Test
    void exactNumbersKeepEveryDigit() throws JsonProcessingException {
        assertEquals("0.10000000000000000001", Json.EXACT_NUMBERS.readTree("0.10000000000000000001").toString());
    }

    @Test
    void oneValueRefusesTextAfterIt() throws JsonProcessingException {
        assertTrue(Json.MAPPER.readTree("{} x").isObject(), "the default stops after the value");
        assertThrows(JsonProcessingException.class, () -> Json.ONE_VALUE.readTree("{} x"));
    }
}
