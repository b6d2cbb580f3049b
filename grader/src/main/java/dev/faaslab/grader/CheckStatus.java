package dev.faaslab.grader;

/** How one check ended. The labels are what every report and the gradebook write. */
public enum CheckStatus {
    PASS("pass"),
    /** It ran and the result was not the one expected. */
    FAIL("fail"),
    /** The function threw, or its module did not load. */
    ERROR("error"),
    TIMEOUT("timeout"),
    MEMORY_LIMIT("memory-limit"),
    SYNTAX_ERROR("syntax-error");

    private final String label;

    CheckStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
