package dev.faaslab.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A deployment package")
class CodePackageTest {

    /** A zip of (name, bytes) entries, written as any zip tool would, names unchecked. */
    static byte[] zip(Object... namesAndBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                out.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                Object content = namesAndBytes[i + 1];
                out.write(content instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    @DisplayName("reads a zip's files by their paths, skipping folders' entries")
    void readsItsFiles() throws IOException {
        CodePackage code = CodePackage.fromZip(zip("index.mjs", "export const handler = 1;", "lib/", new byte[0],
                "lib/a.mjs", "export const a = 1;"));
        assertEquals(java.util.List.of("index.mjs", "lib/a.mjs"), java.util.List.copyOf(code.files().keySet()));
        assertTrue(code.isDirectory("lib"));
        assertEquals("export const a = 1;", code.text("lib/a.mjs").orElseThrow());
    }

    @Test
    @DisplayName("hashes the same files the same, whatever order they came in (Lambda's CodeSha256 is the zip's)")
    void sameFilesSameHash() {
        CodePackage one = CodePackage.fromFiles(Map.of("a.js", new byte[] {1}, "b.js", new byte[] {2}));
        CodePackage two = CodePackage.fromFiles(new java.util.TreeMap<>(Map.of("b.js", new byte[] {2}, "a.js", new byte[] {1})));
        assertEquals(one.sha256(), two.sha256());
        assertEquals(one, CodePackage.fromBase64(one.toBase64()));
        assertArrayEquals(new byte[] {2}, CodePackage.fromBase64(one.toBase64()).file("b.js").orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../evil.js", "lib/../../evil.js", "/etc/passwd", "C:/evil.js", "a//b.js", "lib/./x.js"})
    @DisplayName("refuses a path that climbs out of the package (a zip slip), naming it")
    void refusesEscapes(String path) throws IOException {
        byte[] zip = zip("index.js", "x", path, "y");
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> CodePackage.fromZip(zip));
        assertTrue(refused.getMessage().contains(path) && refused.getMessage().contains("without '..'"), refused.getMessage());
    }

    @Test
    @DisplayName("refuses a zip bomb as it unzips, before it is held: 51 MB of zeros in a zip of a few kilobytes")
    void refusesABomb() throws IOException {
        byte[] bomb = zip("index.js", "x", "zeros.bin", new byte[51 << 20]);
        assertTrue(bomb.length < 1 << 20, "it is small zipped: " + bomb.length);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> CodePackage.fromZip(bomb));
        assertTrue(refused.getMessage().contains("more than FaaS Lab's 50 MB"), refused.getMessage());
    }

    @Test
    @DisplayName("refuses a zip over 10 MB, and what is not a zip, and a zip of nothing")
    void refusesWhatIsNotAPackage() throws IOException {
        java.util.Random random = new java.util.Random(7);
        byte[] noise = new byte[(10 << 20) + 1];
        random.nextBytes(noise);
        assertTrue(assertThrows(InvalidInputException.class, () -> CodePackage.fromZip(noise)).getMessage()
                .contains("over FaaS Lab's 10 MB"));
        assertTrue(assertThrows(InvalidInputException.class, () -> CodePackage.fromZip("not a zip".getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("holds no files"));
        assertTrue(assertThrows(InvalidInputException.class, () -> CodePackage.fromZip(zip("dir/", new byte[0])))
                .getMessage().contains("holds no files"));
    }

    @Test
    @DisplayName("refuses a file twice under one path")
    void refusesDuplicates() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("a.js"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("./a.js"));
            out.closeEntry();
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> CodePackage.fromZip(bytes.toByteArray()))
                .getMessage().contains("a.js twice"));
    }

    @Test
    @DisplayName("finds the handler's file as Lambda does, and lists the modules when it is missing")
    void findsTheEntry() {
        CodePackage code = CodePackage.fromFiles(Map.of("src/app.mjs", new byte[0], "pkg/mod.py", new byte[0],
                "node_modules/x/index.js", new byte[0]));
        assertEquals("src/app.mjs", code.entry(Language.NODEJS, HandlerName.parse("src/app.handler")));
        assertEquals("pkg/mod.py", code.entry(Language.PYTHON, HandlerName.parse("pkg.mod.handler")));
        assertEquals("pkg/mod.py", code.entry(Language.PYTHON, HandlerName.parse("pkg/mod.handler")));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> code.entry(Language.NODEJS, HandlerName.parse("index.handler")));
        assertTrue(missing.getMessage().contains("no index.js or index.mjs or index.cjs; its modules: src/app.mjs"),
                missing.getMessage());
    }
}
