package dev.faaslab.classroom.lti;

import dev.faaslab.classroom.Classroom;
import dev.faaslab.classroom.ClassroomStore;
import dev.faaslab.classroom.SignedIn;
import dev.faaslab.classroom.Submission;
import dev.faaslab.core.WorkspaceId;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * LTI launches into classroom mode. A course (the launch's context) is a class, made on its first launch; the
 * LMS's instructors teach it and its learners are its learners, each the same account at every launch. A learner's
 * launch of a graded exercise keeps the line item it names, and each later submission of that exercise posts its
 * score there (kept and retried until the LMS takes it).
 */
public final class ClassroomLaunches implements LaunchHandler {

    /** What a course can link to: a lesson or an exercise (with its points, for a graded link). */
    public record CourseItem(String kind, String id, String title, int points) {

        /** The tool URL a link to it launches, which the launch carries back as its target. */
        URI launchUrl(ToolEndpoints endpoints) {
            return URI.create(endpoints.launch() + "?item=" + kind + ":" + id);
        }
    }

    private final Classroom classroom;
    private final LtiTool tool;
    private final Supplier<List<CourseItem>> items;
    private final Function<SignedIn, String> cookie;

    /** @param cookie the {@code Set-Cookie} value that signs a browser in, as the server writes it */
    public ClassroomLaunches(Classroom classroom, LtiTool tool, Supplier<List<CourseItem>> items,
                             Function<SignedIn, String> cookie) {
        this.classroom = classroom;
        this.tool = tool;
        this.items = items;
        this.cookie = cookie;
    }

    @Override
    public LaunchReply resourceLaunched(LtiLaunch launch) {
        String classId = classOf(launch);
        String subject = launch.issuer() + "|" + launch.subject();
        Optional<CourseItem> item = target(launch);
        if (launch.isInstructor()) {
            SignedIn in = classroom.ltiInstructor(classId, subject, launch.name());
            return new LaunchReply.Redirect(URI.create("/#/classes/" + classId), List.of(cookie.apply(in)));
        }
        SignedIn in = classroom.ltiLearner(classId, subject, launch.name());
        item.filter(found -> found.kind().equals("exercise")).ifPresent(exercise -> launch.gradeService()
                .filter(LtiLaunch.GradeService::canPostScores).ifPresent(grades -> classroom.keepGradeLink(
                        new ClassroomStore.GradeLink(in.principal().workspace(), exercise.id(), launch.issuer(),
                                launch.clientId(), grades.lineItem().toString(), launch.subject()))));
        URI page = item.map(found -> URI.create(found.kind().equals("exercise") ? "/exercise.html?id=" + found.id()
                : "/lesson.html?id=" + found.id())).orElse(URI.create("/"));
        return new LaunchReply.Redirect(page, List.of(cookie.apply(in)));
    }

    @Override
    public LaunchReply deepLinkingRequested(LtiLaunch launch, String deepLinkSession) {
        if (!launch.isInstructor()) {
            return new LaunchReply.Page(403, Html.page("Not for learners", "<p>Only the course's instructors add"
                    + " FaaS Lab activities to it.</p>"), List.of());
        }
        StringBuilder choices = new StringBuilder();
        int n = 0;
        for (CourseItem item : items.get()) {
            String id = "item-" + n++;
            choices.append("<li><form method=\"post\" action=\"").append(Html.escape(tool.endpoints().deepLink()
                            .toString())).append("\">")
                    .append(hidden("deep_link_session", deepLinkSession))
                    .append(hidden("title", item.title()))
                    .append(hidden("url", item.launchUrl(tool.endpoints()).toString()))
                    .append(item.kind().equals("exercise") ? hidden("score_maximum", Integer.toString(item.points()))
                            + hidden("label", item.title()) + hidden("resource_id", item.id()) : "")
                    .append("<button id=\"").append(id).append("\" type=\"submit\">")
                    .append(item.kind().equals("exercise") ? "Exercise (graded, " + item.points() + " points): "
                            : "Lesson: ").append(Html.escape(item.title())).append("</button></form></li>");
        }
        return new LaunchReply.Page(200, Html.page("Add a FaaS Lab activity", "<h1>Add a FaaS Lab activity</h1>"
                + "<p>Choose a lesson, or an exercise whose score goes to your course's gradebook.</p><ul>" + choices
                + "</ul>"), List.of());
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
    }

    private String classOf(LtiLaunch launch) {
        String context = launch.context().map(LtiLaunch.Context::id)
                .or(() -> launch.resourceLink().map(link -> "link:" + link.id())).orElse("no-context");
        String title = launch.context().map(c -> c.title() != null ? c.title() : c.label()).orElse(null);
        return classroom.ltiClass(launch.issuer() + "|" + launch.deploymentId() + "|" + context, title);
    }

    /** The lesson or exercise the link names: {@code ?item=exercise:ID} on its URL, or custom parameters. */
    private Optional<CourseItem> target(LtiLaunch launch) {
        String wanted = null;
        if (launch.targetLink() != null) {
            String query = URI.create(launch.targetLink()).getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("item=")) {
                        wanted = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        if (wanted == null && launch.custom().containsKey("exercise")) {
            wanted = "exercise:" + launch.custom().get("exercise");
        } else if (wanted == null && launch.custom().containsKey("lesson")) {
            wanted = "lesson:" + launch.custom().get("lesson");
        }
        String name = wanted;
        return name == null ? Optional.empty()
                : items.get().stream().filter(item -> (item.kind() + ":" + item.id()).equals(name)).findFirst();
    }

    /**
     * A learner's graded submission: its score goes to the line item their launch named, if one did. The score is
     * kept before it is sent, so that an LMS that is down gets it on a later {@link PendingScores#retryDue()}.
     */
    public Optional<PassbackResult> submitted(WorkspaceId workspace, Submission submission) {
        return classroom.gradeLink(workspace, submission.exerciseId()).filter(link -> submission.maxScore() > 0)
                .map(link -> tool.pendingScores().submit(new Score(link.issuer(), link.clientId(),
                        URI.create(link.lineItem()), link.userId(), submission.score(), submission.maxScore(),
                        submission.score() >= submission.maxScore() ? Score.ActivityProgress.COMPLETED
                                : Score.ActivityProgress.SUBMITTED, submission.submittedAt())));
    }

    /** How often the scores an LMS did not take are tried again. */
    public static final Duration RETRY_EVERY = Duration.ofSeconds(30);
}
