package dev.faaslab.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every lesson under one directory ({@code lessons/<folder>/lesson.md}), in course order.
 *
 * <p>The first call reads them all. That takes most of a second in a fresh JVM (the YAML and Markdown
 * libraries load), so {@code ./faaslab start} asks for it with {@link #preload} once it answers, rather
 * than make its start wait; a mistake is logged then with its file and field, and answered until it is fixed. Each
 * later call compares the files' modification times and sizes with those read (a directory listing and
 * a few stats: cheap) and reads a changed lesson again, so an author sees an edit on the next page load,
 * or its mistake as an error, without a restart.
 */
public final class LessonLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(LessonLibrary.class);

    /** A lesson as read, with the stamps of the files it was read from. */
    private record Loaded(List<LessonFolder.FileStamp> stamp, Lesson lesson) {
    }

    private final Path directory;
    private LessonFolder.FileStamp glossaryStamp;
    private Glossary glossary = Glossary.EMPTY;
    private Map<Path, Loaded> loaded = Map.of();
    private List<Lesson> ordered = List.of();
    private boolean listed;

    /** The lessons under {@code directory}, read when first asked for; null or a missing directory: none. */
    public LessonLibrary(Path directory) {
        this.directory = directory;
    }

    /**
     * Reads every lesson under {@code directory} now.
     *
     * @throws LessonException naming the file and field of the first mistake found
     */
    public static LessonLibrary load(Path directory) {
        LessonLibrary library = new LessonLibrary(directory);
        library.lessons();
        return library;
    }

    /** Reads the lessons on a thread of their own; a mistake is logged, and answered by each request until fixed. */
    public void preload() {
        Thread.ofPlatform().daemon(true).name("faaslab-lessons").start(() -> {
            try {
                LOG.debug("{} lessons read from {}", lessons().size(), directory);
            } catch (LessonException e) {
                LOG.error("A lesson cannot be read: {} (GET /api/lessons answers this error until the file is fixed)",
                        e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("The lessons in {} cannot be read", directory, e);
            }
        });
    }

    public Path directory() {
        return directory;
    }

    /**
     * The lessons by their {@code order}, any changed since the last call read again.
     *
     * @throws LessonException when a lesson changed and is now wrong, or two lessons share an id or order
     */
    public synchronized List<Lesson> lessons() {
        List<Path> folders = folders();
        boolean changed = folders.size() != loaded.size();
        if (directory != null) {
            // Every lesson links into the glossary: a changed glossary is read first, then every lesson again.
            LessonFolder.FileStamp stamp = LessonFolder.stampOf(directory.resolve(Glossary.FILE));
            if (!stamp.equals(glossaryStamp)) {
                glossary = Glossary.read(directory.resolve(Glossary.FILE));
                glossaryStamp = stamp;
                loaded = Map.of();
                changed = true;
            }
        }
        Map<Path, Loaded> current = new HashMap<>();
        for (Path folder : folders) {
            List<LessonFolder.FileStamp> stamp = LessonFolder.stamp(folder);
            Loaded before = loaded.get(folder);
            if (before != null && before.stamp().equals(stamp)) {
                current.put(folder, before);
            } else {
                changed = true;
                current.put(folder, new Loaded(stamp, LessonFolder.read(folder, glossary)));
            }
        }
        if (changed) {
            ordered = inOrder(current);
            loaded = current;
        }
        return ordered;
    }

    /** The course's glossary, read again with the lessons when it changes. */
    public synchronized Glossary glossary() {
        lessons();
        return glossary;
    }

    /** The lesson with this id, if there is one. */
    public Optional<Lesson> lesson(String id) {
        return lessons().stream().filter(lesson -> lesson.id().equals(id)).findFirst();
    }

    private List<Path> folders() {
        if (directory == null || !Files.isDirectory(directory)) {
            if (!listed && directory != null) {
                LOG.warn("There are no lessons: {} is not a directory, so the course is empty", directory);
            }
            listed = true;
            return List.of();
        }
        listed = true;
        try (Stream<Path> entries = Files.list(directory)) {
            // Sorted, so that of two lessons sharing an id or order, the later folder is the one reported.
            return entries.filter(Files::isDirectory).filter(LessonFolder::isLesson).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lessons in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lessons sorted by order; two sharing an id or an order are a mistake in the later folder, and so is a
     * prerequisite that is not a lesson coming earlier in the course.
     */
    private static List<Lesson> inOrder(Map<Path, Loaded> lessons) {
        Map<String, Path> ids = new HashMap<>();
        Map<Integer, Path> orders = new HashMap<>();
        List<Path> folders = new ArrayList<>(lessons.keySet());
        folders.sort(Comparator.naturalOrder());
        for (Path folder : folders) {
            Lesson lesson = lessons.get(folder).lesson();
            Path file = folder.resolve(LessonFolder.LESSON_FILE);
            Path other = ids.putIfAbsent(lesson.id(), file);
            if (other != null) {
                throw new LessonException(file, "id", "'" + lesson.id() + "' is already the id of " + other
                        + ": each lesson needs an id of its own");
            }
            other = orders.putIfAbsent(lesson.order(), file);
            if (other != null) {
                throw new LessonException(file, "order", lesson.order() + " is already the order of " + other
                        + ": each lesson needs a place of its own in the course");
            }
        }
        for (Path folder : folders) {
            Lesson lesson = lessons.get(folder).lesson();
            for (String prerequisite : lesson.prerequisites()) {
                Path other = ids.get(prerequisite);
                Path file = folder.resolve(LessonFolder.LESSON_FILE);
                if (other == null) {
                    throw new LessonException(file, FrontMatter.lineOf(file, "prerequisites"), "prerequisites",
                            "there is no lesson '" + prerequisite + "': a prerequisite is the id of another lesson");
                }
                Lesson before = lessons.get(other.getParent()).lesson();
                if (before.order() >= lesson.order()) {
                    throw new LessonException(file, FrontMatter.lineOf(file, "prerequisites"), "prerequisites", "'"
                            + prerequisite + "' comes at " + before.order() + ", not before this lesson's " + lesson.order()
                            + ": a prerequisite is an earlier lesson");
                }
            }
        }
        return lessons.values().stream().map(Loaded::lesson).sorted(Comparator.comparingInt(Lesson::order)).toList();
    }
}
