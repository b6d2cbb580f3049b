package dev.faaslab.course;

import java.util.regex.Pattern;

/**
 * The actions a lesson can ask of the lab: the targets of {@code #lab/…} links, and the experiment a prediction
 * runs once the learner has chosen. The lesson page carries them out; this is their grammar, so that a lesson
 * naming an action the page does not know fails when it is read, not when a learner clicks.
 */
final class LabAction {

    /** Every action the lesson page's lab carries out (web/js/lab-links.js); lessons/README.md explains each. */
    static final Pattern ACTION = Pattern.compile("invoke|event/(http|queue|schedule|upload|custom)"
            + "|language/(nodejs|python)|burst/[1-9][0-9]{0,2}|traffic/(steady|spike|sine)/[1-9][0-9]{0,2}/[1-9][0-9]{0,2}"
            + "|config/(memoryMb|timeoutSeconds|keepAliveSeconds|provisionedConcurrency|maximumRetryAttempts)/\\d+"
            + "|config/reservedConcurrency/(\\d+|none)|config/onFailure/([A-Za-z0-9_-]{1,80}|none)"
            + "|config/retryDelays/(lambda|demonstration)|redeploy|fresh-instances|requests/(malformed|binary)"
            + "|queue/[A-Za-z0-9_-]{1,80}(/redrive/[A-Za-z0-9_-]{1,80}/[1-9]\\d*(/visibility/\\d{1,5})?)?"
            + "|trigger/queue/[A-Za-z0-9_-]{1,80}|message/[A-Za-z0-9_-]{1,80}/[^/].*"
            + "|stream/[A-Za-z0-9_.-]{3,255}/[A-Za-z0-9_]{1,64}|trigger/stream/[A-Za-z0-9_.-]{3,255}"
            + "|put/[A-Za-z0-9_.-]{3,255}(/[A-Za-z0-9_]{1,64}=[^/]+){1,8}|delete/[A-Za-z0-9_.-]{3,255}/[^/]+"
            + "|subscribe/bucket/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/prefix/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?)?"
            + "|upload/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*|async/(event|fail)"
            + "|table/[A-Za-z0-9_.-]{3,80}|schedule/[A-Za-z0-9_.-]{1,64}/([5-9]|[1-9]\\d+|off)");

    static final String KNOWN = "invoke, event/KIND, language/nodejs or language/python, burst/N, "
            + "traffic/PATTERN/RPS/SECONDS, config/SETTING/VALUE, redeploy, fresh-instances, requests/malformed, "
            + "requests/binary, queue/NAME, trigger/queue/NAME, message/QUEUE/BODY, stream/TABLE/KEY, "
            + "trigger/stream/TABLE, put/TABLE/KEY=VALUE/…, delete/TABLE/KEY, subscribe/bucket/NAME (/prefix/PREFIX), "
            + "upload/BUCKET/KEY, async/event or async/fail, table/NAME, schedule/NAME/SECONDS (see lessons/README.md)";

    private LabAction() {
    }

    static boolean isKnown(String action) {
        return ACTION.matcher(action).matches();
    }
}
