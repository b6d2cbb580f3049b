package dev.faaslab.state.table;

import dev.faaslab.core.InvalidInputException;
import java.util.Locale;

/** The type of a key attribute, as DynamoDB declares it (S or N): all of a table's keys share it. */
public enum KeyType {
    STRING, NUMBER;

    /** As the API writes it: {@code string} or {@code number}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyType fromLabel(String label) {
        for (KeyType type : values()) {
            if (type.label().equals(label)) {
                return type;
            }
        }
        throw new InvalidInputException("a key type is 'string' or 'number', not '" + label + "'");
    }
}
