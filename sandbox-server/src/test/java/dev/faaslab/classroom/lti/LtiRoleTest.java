package dev.faaslab.classroom.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A launch's LIS roles")
class LtiRoleTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor, INSTRUCTOR",
            "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant, INSTRUCTOR",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper, INSTRUCTOR",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator, INSTRUCTOR",
            "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator, INSTRUCTOR",
            "Instructor, INSTRUCTOR",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner, LEARNER",
            "http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#NonCreditLearner, LEARNER",
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student, LEARNER",
    })
    @DisplayName("map to what FaaS Lab tells apart")
    void map(String uri, LtiRole role) {
        assertEquals(Set.of(role), LtiRole.of(List.of(uri)));
    }

    @Test
    @DisplayName("that are neither teaching nor learning map to none")
    void others() {
        assertEquals(Set.of(), LtiRole.of(List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor",
                "http://example.org/roles#Instructor")));
    }
}
