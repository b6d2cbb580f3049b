package dev.faaslab.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Node's zlib over {@link java.util.zip}: gzip, zlib's deflate and raw deflate, both ways, in one call. Whatever
 * comes out is capped, so that a small bomb cannot fill the server's heap: past the cap (the caller's
 * {@code maxOutputLength}, at most {@link #MAX_OUTPUT}) it is refused as Node refuses it.
 */
final class HostZlib {

    /** The most one call gives back: what a function of the largest memory size may reasonably hold in one buffer. */
    static final int MAX_OUTPUT = 64 << 20;

    private HostZlib() {
    }

    /** @throws LibraryDoor.Refusal with Node's code and message for data that is not what it should be */
    static byte[] run(String operation, byte[] input, int level, int maxOutput) {
        int cap = maxOutput <= 0 ? MAX_OUTPUT : Math.min(maxOutput, MAX_OUTPUT);
        try {
            byte[] output = switch (operation) {
                case "gzip" -> gzip(input, level);
                case "deflate" -> deflate(input, level, false);
                case "deflateRaw" -> deflate(input, level, true);
                case "gunzip" -> read(new GZIPInputStream(new ByteArrayInputStream(input)), cap);
                case "inflate" -> inflate(input, false, cap);
                case "inflateRaw" -> inflate(input, true, cap);
                case "unzip" -> input.length >= 2 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b
                        ? read(new GZIPInputStream(new ByteArrayInputStream(input)), cap) : inflate(input, false, cap);
                default -> throw new IllegalArgumentException("no zlib operation " + operation);
            };
            if (output == null) {
                throw new LibraryDoor.Refusal("ERR_BUFFER_TOO_LARGE", "Cannot create a Buffer larger than " + cap
                        + " bytes" + (cap == MAX_OUTPUT ? " (FaaS Lab's limit for one call)" : ""));
            }
            return output;
        } catch (EOFException e) {
            throw new LibraryDoor.Refusal("Z_BUF_ERROR", "unexpected end of file");
        } catch (IOException e) {
            throw new LibraryDoor.Refusal("Z_DATA_ERROR", e.getMessage() == null ? "invalid data" : e.getMessage());
        }
    }

    private static byte[] gzip(byte[] input, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, input.length / 2));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(input);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] input, int level, boolean raw) {
        Deflater deflater = new Deflater(level, raw);
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, input.length / 2));
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] input, boolean raw, int cap) throws IOException {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, input.length * 2));
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int count = inflater.inflate(chunk);
                if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new EOFException();
                }
                if (out.size() + count > cap) {
                    return null;
                }
                out.write(chunk, 0, count);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ZipException(e.getMessage() == null ? "invalid data" : e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static byte[] read(InputStream in, int cap) throws IOException {
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int count;
            while ((count = stream.read(chunk)) > 0) {
                if (out.size() + count > cap) {
                    return null;
                }
                out.write(chunk, 0, count);
            }
            return out.toByteArray();
        }
    }
}
