/**
 * FaaS Lab as an LTI 1.3 tool (1EdTech's Learning Tools Interoperability, with LTI Advantage's deep linking and
 * Assignment and Grade Services): a learning platform such as Moodle or Canvas launches a lesson or an exercise,
 * an instructor picks one to add to a course, and a grade goes back to the platform's gradebook.
 *
 * <p>The protocol only, independent of accounts: a launch ends in an {@link dev.faaslab.classroom.lti.LtiLaunch}
 * handed to a {@link dev.faaslab.classroom.lti.LaunchHandler}, which the classroom's accounts implement. All
 * state between requests is in the database (migration V11), so that servers sharing it can take turns.
 */
package dev.faaslab.classroom.lti;
