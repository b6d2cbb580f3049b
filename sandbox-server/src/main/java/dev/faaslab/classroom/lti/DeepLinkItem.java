package dev.faaslab.classroom.lti;

import java.net.URI;

/**
 * One item an instructor chose to add to the course: an LTI resource link to a lesson or an exercise, with a
 * gradebook column when it is graded.
 *
 * @param url      where the link launches (the lesson's or exercise's address on this server)
 * @param text     a description the platform may show, or null
 * @param lineItem the gradebook column to create, or null for an ungraded link
 */
public record DeepLinkItem(String title, URI url, String text, LineItem lineItem) {

    public DeepLinkItem {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a deep-linking item needs a title: the name the course shows");
        }
        if (url == null || !url.isAbsolute()) {
            throw new IllegalArgumentException("a deep-linking item needs an absolute URL, not " + url);
        }
    }

    /**
     * A gradebook column.
     *
     * @param resourceId the tool's own name for what is graded (an exercise's id), so that scores find it
     */
    public record LineItem(double scoreMaximum, String label, String resourceId) {

        public LineItem {
            if (!(scoreMaximum > 0)) {
                throw new IllegalArgumentException("a line item's scoreMaximum must be above 0, not " + scoreMaximum);
            }
        }
    }
}
