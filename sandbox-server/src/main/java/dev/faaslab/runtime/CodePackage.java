package dev.faaslab.runtime;

import dev.faaslab.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A function's code of several files, as Lambda's deployment package: a zip whose files sit under
 * {@code /var/task}. The zip is what is stored and hashed (Lambda's CodeSha256 is the zip's); its files are read
 * once, on first use, and checked when it is made: every path stays inside the package (no {@code ../}, no
 * absolute path), and the sizes are Lambda's scaled down ({@link #MAX_ZIPPED_BYTES}, {@link #MAX_UNZIPPED_BYTES},
 * {@link #MAX_FILES}), so that a zip bomb is refused before it is held.
 */
public final class CodePackage {

    /** Lambda takes 50 MB zipped in a direct upload; a fifth of it here, where packages live in the database. */
    public static final int MAX_ZIPPED_BYTES = 10 << 20;
    /** Lambda allows 250 MB unzipped; a fifth here, held in memory while the function has instances. */
    public static final long MAX_UNZIPPED_BYTES = 50L << 20;
    public static final int MAX_FILES = 10_000;

    private final byte[] zip;
    private final String sha256;
    private volatile SortedMap<String, byte[]> files;

    private CodePackage(byte[] zip, SortedMap<String, byte[]> files) {
        this.zip = zip;
        this.files = files;
        this.sha256 = sha256(zip);
    }

    /** The package a zip holds; refused, with what is wrong, when it is not a zip or breaks a limit. */
    public static CodePackage fromZip(byte[] zip) {
        if (zip.length > MAX_ZIPPED_BYTES) {
            throw tooLarge("the zip is " + zip.length + " bytes, over FaaS Lab's " + (MAX_ZIPPED_BYTES >> 20)
                    + " MB for a zipped package (Lambda's is 50 MB)");
        }
        SortedMap<String, byte[]> files = unzip(zip);
        if (files.isEmpty()) {
            throw new InvalidInputException("code", "the zip holds no files: zip the folder's contents"
                    + " (cd my-function && zip -r ../function.zip .)");
        }
        return new CodePackage(zip.clone(), files);
    }

    /** A package of these files (path to bytes), zipped in a fixed order so that the same files hash the same. */
    public static CodePackage fromFiles(Map<String, byte[]> given) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        long total = 0;
        for (var file : given.entrySet()) {
            String path = checkedPath(file.getKey());
            total += file.getValue().length;
            files.put(path, file.getValue().clone());
        }
        checkSizes(files.size(), total);
        if (files.isEmpty()) {
            throw new InvalidInputException("files", "a package needs at least one file");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(315532800000L); // 1980-01-01, zip's first date: the same files, the same bytes
                out.putNextEntry(entry);
                out.write(file.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.size() > MAX_ZIPPED_BYTES) {
            throw tooLarge("the files zip to " + bytes.size() + " bytes, over FaaS Lab's " + (MAX_ZIPPED_BYTES >> 20)
                    + " MB for a zipped package");
        }
        return new CodePackage(bytes.toByteArray(), Collections.unmodifiableSortedMap(files));
    }

    /** The package stored as base64 text (how the database keeps it), read back. */
    public static CodePackage fromBase64(String text) {
        byte[] zip = Base64.getDecoder().decode(text);
        return new CodePackage(zip, null);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(zip);
    }

    public byte[] zip() {
        return zip.clone();
    }

    public int zippedBytes() {
        return zip.length;
    }

    /** Lambda's CodeSha256: the base64 SHA-256 of the zip. */
    public String sha256() {
        return sha256;
    }

    /** Every file, by its path inside the package ({@code index.mjs}, {@code node_modules/ms/index.js}), sorted. */
    public SortedMap<String, byte[]> files() {
        SortedMap<String, byte[]> read = files;
        if (read == null) {
            read = Collections.unmodifiableSortedMap(unzip(zip));
            files = read;
        }
        return read;
    }

    public Optional<byte[]> file(String path) {
        return Optional.ofNullable(files().get(path));
    }

    public boolean isDirectory(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        SortedMap<String, byte[]> after = files().tailMap(prefix);
        return !after.isEmpty() && after.firstKey().startsWith(prefix);
    }

    /** A file's text, if it is UTF-8 (the editor shows these; others are listed by name only). */
    public Optional<String> text(String path) {
        return file(path).flatMap(CodePackage::utf8);
    }

    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The file a handler's module names, as Lambda finds it: Node.js tries {@code module.js}, {@code .mjs} and
     * {@code .cjs}; Python {@code module.py}, with dots or slashes between packages.
     */
    public String entry(Language language, HandlerName handler) {
        String module = handler.module();
        List<String> candidates = language == Language.NODEJS
                ? List.of(module + ".js", module + ".mjs", module + ".cjs")
                : List.of(module.replace('.', '/') + ".py", module + ".py");
        for (String candidate : candidates) {
            if (files().containsKey(candidate)) {
                return candidate;
            }
        }
        List<String> modules = new ArrayList<>();
        for (String path : files().keySet()) {
            boolean code = language == Language.NODEJS ? path.matches(".*\\.(m|c)?js") : path.endsWith(".py");
            if (code && !path.startsWith("node_modules/") && modules.size() < 8) {
                modules.add(path);
            }
        }
        throw new InvalidInputException("handler", "the handler '" + handler + "' names the module '" + module
                + "', but the package has no " + String.join(" or ", candidates)
                + (modules.isEmpty() ? "" : "; its modules: " + String.join(", ", modules))
                + ". Set the handler to FILE.FUNCTION, the file's path without its extension (src/app.handler)");
    }

    /** The bytes of all its files together. */
    public long unzippedBytes() {
        return files().values().stream().mapToLong(bytes -> bytes.length).sum();
    }

    private static SortedMap<String, byte[]> unzip(byte[] zip) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String path = checkedPath(entry.getName());
                if (files.containsKey(path)) {
                    throw new InvalidInputException("code", "the zip holds " + path + " twice");
                }
                byte[] bytes = readBounded(in, MAX_UNZIPPED_BYTES - total, path);
                total += bytes.length;
                files.put(path, bytes);
                checkSizes(files.size(), total);
            }
        } catch (ZipException e) {
            throw new InvalidInputException("code", "the body is not a readable zip: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("code", "the zip could not be read: " + e.getMessage());
        }
        return files;
    }

    /** A file's bytes, read no further than the room left: a bomb's declared size cannot be trusted. */
    private static byte[] readBounded(InputStream in, long room, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = in.read(chunk)) > 0) {
            if (out.size() + (long) read > room) {
                throw tooLarge("the package unzips to more than FaaS Lab's " + (MAX_UNZIPPED_BYTES >> 20)
                        + " MB (Lambda's is 250 MB), at " + path);
            }
            out.write(chunk, 0, read);
        }
        return out.toByteArray();
    }

    private static void checkSizes(int count, long total) {
        if (count > MAX_FILES) {
            throw tooLarge("the package holds more than " + MAX_FILES + " files");
        }
        if (total > MAX_UNZIPPED_BYTES) {
            throw tooLarge("the package unzips to " + total + " bytes, over FaaS Lab's " + (MAX_UNZIPPED_BYTES >> 20)
                    + " MB (Lambda's is 250 MB)");
        }
    }

    /** A path inside the package: relative, with / between folders, and nothing that climbs out of it. */
    static String checkedPath(String given) {
        String path = given.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        boolean escapes = path.isEmpty() || path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.contains("\0");
        for (String part : path.split("/", -1)) {
            escapes |= part.equals("..") || part.isEmpty() || part.equals(".");
        }
        if (escapes || path.length() > 1024) {
            throw new InvalidInputException("code", "the package's path '" + given + "' is not a file inside it:"
                    + " paths are relative, without '..' (a zip that climbs out of its folder is refused)");
        }
        return path;
    }

    private static InvalidInputException tooLarge(String message) {
        return new InvalidInputException("code", message);
    }

    /** Lambda's CodeSha256 of some bytes: their SHA-256, in base64. */
    public static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodePackage that && sha256.equals(that.sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "CodePackage[" + sha256 + ", " + zip.length + " bytes zipped]";
    }
}
