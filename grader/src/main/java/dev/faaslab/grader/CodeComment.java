package dev.faaslab.grader;

import java.util.Map;

/**
 * A remark on how a submission is written, in the style of Exercism's analyzers: it scores nothing, and says what
 * a reviewer who knows serverless would say.
 *
 * @param comment what it is about, as an identifier ({@code faaslab.state.module_state}), stable across wordings
 * @param type    Exercism's kinds: {@code essential}, {@code actionable}, {@code informative} or {@code celebratory}
 * @param params  the specifics it was made with ({@code name}, {@code line} …)
 * @param text    the remark, in words a learner reads
 */
public record CodeComment(String comment, String type, Map<String, String> params, String text) {

    public CodeComment {
        if (!CodeReview.TYPES.contains(type)) {
            throw new IllegalArgumentException("a comment's type is one of " + CodeReview.TYPES + ", not " + type);
        }
        params = Map.copyOf(params);
    }

    /** The line of the source it is about, or 0. */
    public int line() {
        return Integer.parseInt(params.getOrDefault("line", "0"));
    }
}
