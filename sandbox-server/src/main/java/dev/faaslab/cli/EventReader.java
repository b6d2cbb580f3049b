package dev.faaslab.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code --event}: inline JSON, {@code @file.json}, or {@code -} for standard input; checks that it is JSON. */
final class EventReader {

    private static final ObjectMapper JSON = dev.faaslab.core.Json.ONE_VALUE;

    /** The event is missing, unreadable or not JSON; the message says which and where. */
    static final class BadEventException extends Exception {
        private static final long serialVersionUID = 1L;

        BadEventException(String message) {
            super(message);
        }
    }

    private EventReader() {
    }

    static String read(String option, InputStream stdin) throws BadEventException {
        String source;
        String text;
        try {
            if (option.equals("-")) {
                source = "standard input";
                text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } else if (option.startsWith("@")) {
                source = option.substring(1);
                text = Files.readString(Path.of(source));
            } else {
                source = "--event";
                text = option;
            }
        } catch (NoSuchFileException e) {
            throw new BadEventException("the event file " + e.getFile() + " does not exist");
        } catch (IOException e) {
            throw new BadEventException("cannot read the event: " + e.getMessage());
        }
        try {
            JSON.readTree(text.isBlank() ? "" : text);
            if (text.isBlank()) {
                throw new BadEventException("the event from " + source + " is empty: give a JSON value such as {}");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadEventException("the event from " + source + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage().replaceAll("\\s*\\n.*", ""));
        }
        return text;
    }
}
