package dev.faaslab.classroom;

/** Who a signed-in person is to the server. */
public enum Role {
    INSTRUCTOR("instructor"),
    LEARNER("learner");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** As stored and as the API shows it. */
    public String label() {
        return label;
    }

    public static Role of(String label) {
        for (Role role : values()) {
            if (role.label.equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role '" + label + "'");
    }
}
