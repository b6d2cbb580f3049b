-- LTI launches into classroom mode: which FaaS Lab class an LMS course (an LTI context, per platform and
-- deployment) is, who an LMS's instructor is here, and where a learner's exercise scores go back to (the line
-- item their launch named). Portable SQL, as V1's header says.

CREATE TABLE lti_classes (
    context_key VARCHAR(1024) NOT NULL,
    class_id    VARCHAR(36)   NOT NULL,
    PRIMARY KEY (context_key),
    FOREIGN KEY (class_id) REFERENCES classes (id) ON DELETE CASCADE
);

-- The platform's issuer and user id ('issuer|sub') of an instructor who came through LTI.
ALTER TABLE instructors ADD COLUMN lti_subject VARCHAR(1024);

-- One line item per learner and exercise: the latest launch's.
CREATE TABLE lti_grade_links (
    workspace_id VARCHAR(63)  NOT NULL,
    exercise_id  VARCHAR(128) NOT NULL,
    issuer       VARCHAR      NOT NULL,
    client_id    VARCHAR      NOT NULL,
    line_item    VARCHAR      NOT NULL,
    user_id      VARCHAR      NOT NULL,
    PRIMARY KEY (workspace_id, exercise_id)
);
