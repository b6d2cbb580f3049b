/**
 * The course: lessons read from {@code lessons/<folder>/lesson.md} (YAML front matter, then Markdown) with
 * the lab's starter code beside each.
 *
 * <p>{@link dev.faaslab.course.LessonLibrary} reads every lesson once the server answers, and reads a lesson
 * again when its files change, so authors see their edits on the next page load;
 * {@link dev.faaslab.course.LessonFolder} reads one folder, {@link dev.faaslab.course.FrontMatter} checks
 * its fields and {@link dev.faaslab.course.MarkdownPage} renders its text. A mistake in a lesson is a
 * {@link dev.faaslab.course.LessonException} naming the file and the field.
 */
package dev.faaslab.course;
