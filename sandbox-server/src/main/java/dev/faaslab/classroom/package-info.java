/**
 * Classroom mode ({@code ./faaslab start --classroom}): instructors, the classes they run, the learners who join
 * them, and who a request comes from. Each instructor and each learner is a workspace of their own, so the
 * platform below isolates them as it isolates any two workspaces; this package decides who may act on which.
 * Everything is kept in the database through {@link dev.faaslab.classroom.ClassroomStore}, so that several
 * server replicas can share one class.
 */
package dev.faaslab.classroom;
