package dev.faaslab.course;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lesson's folder: {@code lesson.md} and a starter for each runtime the lab offers. Reading it gives
 * the lesson, or a {@link LessonException} naming the file and the field at fault.
 */
final class LessonFolder {

    static final String LESSON_FILE = "lesson.md";

    /** The starters, named as Lambda's console names a new function's file and handler. */
    private enum StarterFile {
        NODEJS("nodejs", "index.mjs", "index.handler"),
        PYTHON("python", "lambda_function.py", "lambda_function.lambda_handler");

        final String runtimeName;
        final String fileName;
        final String handler;

        StarterFile(String runtimeName, String fileName, String handler) {
            this.runtimeName = runtimeName;
            this.fileName = fileName;
            this.handler = handler;
        }
    }

    private LessonFolder() {
    }

    /** Whether {@code folder} holds a lesson. */
    static boolean isLesson(Path folder) {
        return Files.isRegularFile(folder.resolve(LESSON_FILE));
    }

    /** A file's size and when it last changed; both absent for a missing file. */
    record FileStamp(FileTime modified, long size) {
    }

    /** The stamps of the folder's files: a lesson is read again when they change. */
    static List<FileStamp> stamp(Path folder) {
        List<FileStamp> stamps = new ArrayList<>();
        stamps.add(stampOf(folder.resolve(LESSON_FILE)));
        for (StarterFile runtime : StarterFile.values()) {
            stamps.add(stampOf(folder.resolve(runtime.fileName)));
        }
        return stamps;
    }

    /** The lesson in {@code folder}, its glossary links checked against {@code glossary}. */
    static Lesson read(Path folder, Glossary glossary) {
        Path file = folder.resolve(LESSON_FILE);
        FrontMatter.Split split = FrontMatter.split(file, text(file));
        FrontMatter fields = FrontMatter.read(file, split.yaml());
        MarkdownPage page = MarkdownPage.lesson(file, split.markdownLine(), split.markdown(), glossary);
        Map<String, Lesson.Starter> starters = new LinkedHashMap<>();
        for (StarterFile runtime : StarterFile.values()) {
            Path starter = folder.resolve(runtime.fileName);
            if (!Files.isRegularFile(starter)) {
                throw new LessonException(starter, null, "the lesson '" + fields.id() + "' has no starter for "
                        + runtime.runtimeName + ": add " + runtime.fileName + " (its handler is " + runtime.handler
                        + ") beside " + LESSON_FILE);
            }
            starters.put(runtime.runtimeName, new Lesson.Starter(runtime.handler, runtime.fileName, text(starter)));
        }
        return new Lesson(fields.id(), fields.title(), fields.order(), fields.summary(), fields.concepts(),
                fields.function(), fields.exercise(), fields.events(), fields.minutes(), fields.level(),
                fields.prerequisites(), fields.objectives(), page.html(), page.sections(), starters, page.predictions(),
                page.check(), page.terms());
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new LessonException(file, null, "is not UTF-8 text: save it as UTF-8");
        } catch (IOException e) {
            throw new LessonException(file, null, "cannot be read: " + e.getMessage());
        }
    }

    static FileStamp stampOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return new FileStamp(null, -1);
        }
    }
}
