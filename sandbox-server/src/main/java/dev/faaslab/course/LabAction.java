package dev.faaslab.course;

import java.util.regex.Pattern;

/**
 * The actions a lesson can ask of the lab: the targets of {@code #lab/…} links, and the experiment a prediction
 * runs once the learner has chosen. The lesson page carries them out; this is their grammar, so that a lesson
 * naming an action the page does not know fails when it is read, not when a learner clicks.
 */
final class LabAction {

    private static final Pattern ACTION = Pattern.compile("invoke|event/(http|queue|schedule|upload|custom)"
            + "|language/(nodejs|python)|burst/[1-9][0-9]{0,2}|traffic/(steady|spike|sine)/[1-9][0-9]{0,2}/[1-9][0-9]{0,2}");

    static final String KNOWN = "invoke, event/KIND, language/nodejs or language/python, burst/N, traffic/PATTERN/RPS/SECONDS";

    private LabAction() {
    }

    static boolean isKnown(String action) {
        return ACTION.matcher(action).matches();
    }
}
