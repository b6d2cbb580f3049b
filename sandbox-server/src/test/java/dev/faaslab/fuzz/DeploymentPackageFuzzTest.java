package dev.faaslab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.faaslab.core.InvalidInputException;
import dev.faaslab.runtime.CodePackage;
import dev.faaslab.runtime.PackageModules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A deployment package is a learner's upload: any bytes sent as a zip are either a package whose every path stays
 * inside it, or refused with a clear error, never another exception; and whatever a module asks {@code require} or
 * {@code import} for, the file found is one of the package's, at a path without {@code ..}, or nothing.
 */
class DeploymentPackageFuzzTest {

    /** A package with a bit of everything the resolver reads: folders, package.json's main and exports, JSON. */
    private static final PackageModules MODULES = new PackageModules(CodePackage.fromFiles(Map.of(
            "index.mjs", bytes("export const handler = 1;"),
            "lib/util.js", bytes("module.exports = 1;"),
            "lib/index.js", bytes("module.exports = 2;"),
            "data.json", bytes("{}"),
            "node_modules/a/package.json", bytes("{\"main\": \"./main.js\", \"exports\": {\".\": {\"import\": \"./m.mjs\", \"require\": \"./main.js\"}, \"./sub\": \"./../../index.mjs\"}}"),
            "node_modules/a/main.js", bytes("module.exports = 3;"),
            "node_modules/a/m.mjs", bytes("export default 3;"),
            "node_modules/@s/b/package.json", bytes("{\"main\": \"../../../lib/util.js\"}"),
            "node_modules/@s/b/index.js", bytes("module.exports = 4;"))));

    @FuzzTest(maxDuration = "10s")
    void anyBytesAreAPackageInsideItselfOrAClearRefusal(byte[] input) {
        try {
            check(CodePackage.fromZip(input));
        } catch (InvalidInputException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
        }
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"../", "..", "./", "/", "\\", "C:", "\u0000", "node_modules/", "//", "/var/task/"})
    void anyZipOfAnyNamesIsAPackageInsideItselfOrAClearRefusal(FuzzedDataProvider data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            int entries = data.consumeInt(0, 6);
            for (int i = 0; i < entries; i++) {
                String name = data.consumeString(40);
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    out.putNextEntry(new ZipEntry(name));
                } catch (java.util.zip.ZipException duplicate) {
                    continue;
                }
                out.write(data.consumeBytes(64));
                out.closeEntry();
            }
        } catch (java.util.zip.ZipException empty) {
            return; // a zip of no entries cannot be written
        }
        try {
            check(CodePackage.fromZip(bytes.toByteArray()));
        } catch (InvalidInputException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
        }
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"../", "..", "./", "/", "/var/task/", "node_modules", "a", "@s/b", "lib", "index", ".json", "/sub"})
    void anySpecifierFindsAFileOfThePackageOrNothing(FuzzedDataProvider data) {
        String from = "/var/task/" + data.pickValue(new String[] {"index.mjs", "lib/util.js", "node_modules/a/main.js"});
        String specifier = data.consumeRemainingAsString();
        Optional<String> found;
        try {
            found = MODULES.resolve(from, specifier, specifier.length() % 2 == 0);
        } catch (PackageModules.Escape escape) {
            return; // refused, saying it climbs out
        }
        found.ifPresent(path -> {
            assertTrue(path.startsWith("/var/task/"), path);
            String inside = path.substring("/var/task/".length());
            assertTrue(!inside.contains("..") && !inside.contains("//") && !inside.startsWith("/"), path);
            assertTrue(MODULES.files().file(inside).isPresent(), () -> specifier + " found " + path + ", not a file of the package");
        });
    }

    private static void check(CodePackage code) {
        for (String path : code.files().keySet()) {
            assertTrue(!path.isEmpty() && !path.startsWith("/") && !path.contains("\\"), path);
            for (String part : path.split("/", -1)) {
                assertTrue(!part.isEmpty() && !part.equals("..") && !part.equals("."), path);
            }
        }
        assertTrue(code.unzippedBytes() <= CodePackage.MAX_UNZIPPED_BYTES);
        assertEquals(code, CodePackage.fromBase64(code.toBase64()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
