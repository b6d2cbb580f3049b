package dev.faaslab.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A day of per-minute invocation counts in the format of the public Azure Functions 2019 dataset
 * ({@code invocations_per_function_md.anon.d01.csv} and its siblings): a header
 * {@code HashOwner,HashApp,HashFunction,Trigger,1,2,…,1440}, then one row per function.
 *
 * <p>The real dataset cannot be downloaded here; {@link #sample()} is a small synthetic file in its
 * format (made by {@code AzureSampleTest}'s generator), with every hash starting {@code synthetic}.
 */
public record AzureTrace(String source, List<Function> functions) {

    /** The bundled synthetic sample. */
    public static final String SAMPLE = "azure-sample.csv";

    private static final String[] FIXED_COLUMNS = {"HashOwner", "HashApp", "HashFunction", "Trigger"};

    /** One function's row: who owns it, what triggers it, and its count for each minute. */
    public record Function(String owner, String app, String function, String trigger, int[] countsPerMinute) {

        public Traffic.Replay traffic() {
            return new Traffic.Replay(function, countsPerMinute);
        }
    }

    public static AzureTrace read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), reader);
        }
    }

    public static AzureTrace sample() {
        try (InputStream in = AzureTrace.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + SAMPLE + " is missing from the build");
            }
            return read(SAMPLE, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AzureTrace read(String source, BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null) {
            throw new IllegalArgumentException(source + " is empty: expected the header "
                    + "HashOwner,HashApp,HashFunction,Trigger,1,2,…,1440");
        }
        String[] columns = header.strip().split(",", -1);
        if (columns.length < FIXED_COLUMNS.length + 1) {
            throw new IllegalArgumentException(source + ":1: expected the header HashOwner,HashApp,HashFunction,Trigger,"
                    + "1,2,… (the Azure Functions 2019 format), not '" + abbreviate(header) + "'");
        }
        for (int i = 0; i < FIXED_COLUMNS.length; i++) {
            if (!columns[i].strip().equals(FIXED_COLUMNS[i])) {
                throw new IllegalArgumentException(source + ":1: column " + (i + 1) + " should be " + FIXED_COLUMNS[i]
                        + ", not '" + columns[i] + "' (the Azure Functions 2019 format)");
            }
        }
        int minutes = columns.length - FIXED_COLUMNS.length;
        List<Function> functions = new ArrayList<>();
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.strip().split(",", -1);
            if (cells.length != columns.length) {
                throw new IllegalArgumentException(source + ":" + lineNumber + ": " + cells.length + " columns where the header"
                        + " has " + columns.length);
            }
            int[] counts = new int[minutes];
            for (int m = 0; m < minutes; m++) {
                String cell = cells[FIXED_COLUMNS.length + m].strip();
                try {
                    counts[m] = cell.isEmpty() ? 0 : Integer.parseInt(cell);
                } catch (NumberFormatException e) {
                    counts[m] = -1;
                }
                if (counts[m] < 0) {
                    throw new IllegalArgumentException(source + ":" + lineNumber + ": minute " + (m + 1)
                            + " should be a count of invocations (0 or more), not '" + cell + "'");
                }
            }
            functions.add(new Function(cells[0], cells[1], cells[2], cells[3], counts));
        }
        if (functions.isEmpty()) {
            throw new IllegalArgumentException(source + " has a header but no functions");
        }
        return new AzureTrace(source, List.copyOf(functions));
    }

    /** The function whose HashFunction is {@code hash}, or the first row when {@code hash} is null. */
    public Function function(String hash) {
        if (hash == null) {
            return functions.getFirst();
        }
        for (Function function : functions) {
            if (function.function().equals(hash)) {
                return function;
            }
        }
        List<String> known = functions.stream().map(Function::function).toList();
        throw new IllegalArgumentException(source + " has no function " + hash + "; it has " + String.join(", ", known));
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
