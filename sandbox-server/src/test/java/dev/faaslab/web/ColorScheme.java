package dev.faaslab.web;

/** The reader's preferred colour scheme, as CSS's {@code prefers-color-scheme} media feature sees it. */
public enum ColorScheme {
    LIGHT,
    DARK;

    String mediaValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
