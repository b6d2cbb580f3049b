package dev.faaslab.course;

/**
 * One answer offered by a prediction or a concept-check question, with what the page says to whoever picks it.
 *
 * @param html the answer's text, rendered from Markdown
 * @param right whether it is the right one
 * @param explanationHtml why it is right, or why not, rendered from Markdown
 */
public record Choice(String html, boolean right, String explanationHtml) {
}
