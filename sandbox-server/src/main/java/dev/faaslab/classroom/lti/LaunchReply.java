package dev.faaslab.classroom.lti;

import java.net.URI;
import java.util.List;

/** What the browser gets after a launch: the {@link LaunchHandler}'s answer, which the route sends as it is. */
public sealed interface LaunchReply {

    /** {@code Set-Cookie} header values to send with it: a session, say. */
    List<String> setCookies();

    /** 302 to {@code location}: the lesson, the exercise, the class page. */
    record Redirect(URI location, List<String> setCookies) implements LaunchReply {
        public Redirect {
            setCookies = List.copyOf(setCookies);
        }
    }

    /** A page of its own: a deep-linking picker, a message. */
    record Page(int status, String html, List<String> setCookies) implements LaunchReply {
        public Page {
            setCookies = List.copyOf(setCookies);
        }
    }
}
