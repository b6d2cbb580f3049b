package dev.faaslab.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** Writes lesson folders for tests: {@code lesson.md} and both starters. */
public final class LessonFiles {

    public static final String NODE_STARTER = "export const handler = async (event) => ({ hello: event.name });\n";
    public static final String PYTHON_STARTER = "def lambda_handler(event, context):\n    return {'hello': event.get('name')}\n";

    private LessonFiles() {
    }

    /** Front matter with every required field, for lesson {@code id} at {@code order}. */
    public static String frontMatter(String id, int order) {
        return "id: " + id + "\n"
                + "title: Lesson " + id + "\n"
                + "order: " + order + "\n"
                + "summary: What " + id + " teaches, in one sentence.\n"
                + "concepts: [one idea, another idea]\n"
                + "function: fn-" + id + "\n"
                + "minutes: 20\n"
                + "level: beginner\n"
                + "objectives: [do one thing, do another]\n";
    }

    /** A lesson folder with {@code frontMatter} between its fences, {@code markdown} after, and both starters. */
    public static Path write(Path lessons, String folder, String frontMatter, String markdown) {
        Path directory = lessons.resolve(folder);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("lesson.md"), "---\n" + frontMatter + "---\n" + markdown);
            Files.writeString(directory.resolve("index.mjs"), NODE_STARTER);
            Files.writeString(directory.resolve("lambda_function.py"), PYTHON_STARTER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }

    /**
     * Replaces a lesson file's text as an author's edit would, its time moved on by two seconds: some file
     * systems keep whole seconds, and an edit within the same one must still show.
     */
    public static void rewrite(Path file, String text) {
        try {
            FileTime before = Files.getLastModifiedTime(file);
            Files.writeString(file, text);
            Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2_000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's line (counting from 1) on which {@code text} first appears; fails when it does not. */
    public static int lineOf(Path file, String text) {
        try {
            String[] lines = Files.readString(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("'" + text + "' is not in " + file);
    }

    /** A well-formed lesson. */
    public static Path write(Path lessons, String folder, String id, int order) {
        return write(lessons, folder, frontMatter(id, order), "# " + id + "\n\n## First\n\nText.\n");
    }
}
