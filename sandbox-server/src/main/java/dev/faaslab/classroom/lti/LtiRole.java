package dev.faaslab.classroom.lti;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a launch's roles mean to FaaS Lab: a learner does the lessons, an instructor also sees the class. LIS
 * has dozens of roles; these two are what the tool tells apart.
 */
public enum LtiRole {
    LEARNER,
    INSTRUCTOR;

    private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";
    private static final String INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
    private static final String SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";
    private static final Set<String> TEACHING = Set.of("Instructor", "TeachingAssistant", "ContentDeveloper",
            "Administrator");
    private static final Set<String> LEARNING = Set.of("Learner", "Student");

    /**
     * The roles that the LIS role URIs of a launch's roles claim amount to; empty when none is a teaching or
     * learning role (a mentor, a guest). Context roles ({@code membership#Instructor}, the sub-role
     * {@code membership/Instructor#TeachingAssistant}) count, as do institution roles ({@code …person#Student})
     * and the simple names LTI 1.1 used ({@code Instructor}); administrators of the system count as instructors.
     */
    public static Set<LtiRole> of(List<String> roleUris) {
        Set<LtiRole> roles = EnumSet.noneOf(LtiRole.class);
        for (String uri : roleUris) {
            String name = name(uri);
            if (name == null) {
                continue;
            }
            if (TEACHING.contains(name)) {
                roles.add(INSTRUCTOR);
            } else if (LEARNING.contains(name)) {
                roles.add(LEARNER);
            }
        }
        return roles;
    }

    /**
     * The role's name: the fragment of a LIS URI, where a sub-role ({@code membership/Learner#…} or
     * {@code membership/Instructor#TeachingAssistant}) counts by its principal role unless it is a teaching role
     * itself; a name without a namespace as it is; null for other vocabularies.
     */
    private static String name(String uri) {
        int hash = uri.indexOf('#');
        if (hash < 0) {
            return uri.contains("/") || uri.contains(":") ? null : uri;
        }
        String namespace = uri.substring(0, hash);
        String fragment = uri.substring(hash + 1);
        if (namespace.equals(MEMBERSHIP) || uri.startsWith(INSTITUTION) || uri.startsWith(SYSTEM)) {
            return fragment;
        }
        if (namespace.startsWith(MEMBERSHIP + "/")) {
            String principal = namespace.substring(MEMBERSHIP.length() + 1);
            return TEACHING.contains(fragment) ? fragment : principal;
        }
        return null;
    }
}
