package dev.faaslab.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Where every link of the course's text points, checked against what is there: a lab action the page knows, a
 * glossary term, a heading of the same page, another lesson and its section, an exercise, a Traffic lab preset, a
 * file the web root serves; and each exercise's lesson and the sections its checks send a learner to.
 *
 * <p>Loading a lesson already refuses an unknown prediction {@code try} and a {@code #glossary/} link in the text to
 * a term the glossary lacks ({@link LessonLibrary}); a link inside a prediction or check block (where a glossary link
 * goes to the glossary page), where an anchor or another page's link goes, and what an exercise names, nothing
 * checks until a learner follows it. Each problem names the file, its line and the link.
 */
final class CourseLinks {

    /** A link that goes nowhere: {@code file:line: link: what is wrong}. */
    record Problem(Path file, int line, String link, String what) {
        @Override
        public String toString() {
            return file.normalize() + ":" + line + ": " + link + ": " + what;
        }
    }

    /** A link as written: where it points and the line of the file it is on. */
    record Found(String destination, int line) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final Pattern ID_ATTRIBUTE = Pattern.compile("\\sid=\"([^\"]+)\"");
    private static final Pattern PRESET = Pattern.compile("^ {2}'([a-z0-9-]+)': \\{", Pattern.MULTILINE);

    private final Path lessonsDirectory;
    private final Path exercisesDirectory;
    private final Path webRoot;
    private final Map<String, Lesson> lessons = new HashMap<>();
    private final Map<String, Path> folders;
    private final Glossary glossary;
    private final Set<String> presets;

    /**
     * The course under these three directories.
     *
     * @throws LessonException when a lesson cannot be read at all: its own message names the file and line
     */
    CourseLinks(Path lessonsDirectory, Path exercisesDirectory, Path webRoot) {
        this.lessonsDirectory = lessonsDirectory;
        this.exercisesDirectory = exercisesDirectory;
        this.webRoot = webRoot;
        LessonLibrary library = LessonLibrary.load(lessonsDirectory);
        library.lessons().forEach(lesson -> lessons.put(lesson.id(), lesson));
        glossary = library.glossary();
        folders = foldersById(lessonsDirectory);
        presets = trafficLabPresets(webRoot.resolve("js").resolve("traffic-lab.js"));
    }

    /** The lessons' folders, in course order. */
    List<Path> lessonFolders() {
        return lessons.values().stream().sorted(java.util.Comparator.comparingInt(Lesson::order))
                .map(lesson -> folders.get(lesson.id())).toList();
    }

    /** The exercises' folders: those holding an {@code exercise.json}. */
    List<Path> exerciseFolders() {
        try (Stream<Path> entries = Files.list(exercisesDirectory)) {
            return entries.filter(folder -> Files.isRegularFile(folder.resolve("exercise.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with the links of the lesson in {@code folder}, and with the exercise it names. */
    List<Problem> inLesson(Path folder) {
        Path file = folder.resolve(LessonFolder.LESSON_FILE);
        String text = read(file);
        FrontMatter.Split split = FrontMatter.split(file, text);
        FrontMatter fields = FrontMatter.read(file, split.yaml());
        Lesson lesson = lessons.get(fields.id());
        Set<String> ids = pageIds(lesson.html(), webRoot.resolve("lesson.html"));
        List<Problem> problems = new ArrayList<>();
        for (Found link : links(split.markdown(), split.markdownLine())) {
            check(file, link, ids).ifPresent(problems::add);
        }
        if (fields.exercise() != null) {
            int line = FrontMatter.lineOf(file, "exercise");
            Path manifest = exercisesDirectory.resolve(fields.exercise()).resolve("exercise.json");
            if (!Files.isRegularFile(manifest)) {
                problems.add(new Problem(file, line, "exercise: " + fields.exercise(), "there is no "
                        + relative(manifest) + ": name the folder of an exercise under exercises/"));
            } else {
                String named = manifest(manifest).path("lesson").asText();
                if (!named.equals(lesson.id())) {
                    problems.add(new Problem(file, line, "exercise: " + fields.exercise(), relative(manifest)
                            + " says it belongs to the lesson '" + named + "', not '" + lesson.id()
                            + "': its checks' hints would send the learner to the other lesson"));
                }
            }
        }
        return problems;
    }

    /** What is wrong with an exercise's lesson, its checks' sections and its README's links. */
    List<Problem> inExercise(Path folder) {
        Path manifestFile = folder.resolve("exercise.json");
        JsonNode manifest = manifest(manifestFile);
        List<Problem> problems = new ArrayList<>();
        String lessonId = manifest.path("lesson").asText();
        Lesson lesson = lessons.get(lessonId);
        if (lessonId.isEmpty()) {
            // An exercise built ahead of its lesson (five-doors, for lesson 13) names none, and none of its checks
            // may send a learner to a section.
            for (JsonNode check : manifest.path("checks")) {
                if (!check.path("section").asText("").isEmpty()) {
                    problems.add(new Problem(manifestFile, lineOf(manifestFile, "\"section\"", 0), "section: "
                            + check.path("section").asText(), "an exercise without a lesson has no sections to send a learner to"));
                }
            }
        } else if (lesson == null) {
            problems.add(new Problem(manifestFile, lineOf(manifestFile, "\"lesson\"", 0), "lesson: " + lessonId,
                    "there is no lesson with this id; the lessons are " + lessons.keySet()));
        } else {
            List<String> sections = lesson.sections().stream().map(Lesson.Section::id).toList();
            int searchFrom = 0;
            for (JsonNode check : manifest.path("checks")) {
                String section = check.path("section").asText("");
                if (section.isEmpty()) {
                    continue;
                }
                int line = lineOf(manifestFile, "\"section\"", searchFrom);
                searchFrom = Math.max(searchFrom, line);
                if (!sections.contains(section)) {
                    problems.add(new Problem(manifestFile, line, "section: " + section, "the check '"
                            + check.path("name").asText() + "' sends the learner to a section the lesson '" + lessonId
                            + "' does not have; its sections are " + sections));
                }
            }
        }
        Path readme = folder.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            String text = read(readme);
            Set<String> ids = pageIds(MarkdownPage.of(text).html(), webRoot.resolve("exercise.html"));
            for (Found link : links(text, 1)) {
                check(readme, link, ids).ifPresent(problems::add);
            }
        }
        return problems;
    }

    // ---- one link ----

    private Optional<Problem> check(Path file, Found link, Set<String> ownIds) {
        String to = link.destination();
        String wrong = null;
        if (to.startsWith("#lab/")) {
            if (!LabAction.isKnown(to.substring("#lab/".length()))) {
                wrong = "not a lab action the page knows; the actions are " + LabAction.KNOWN;
            }
        } else if (to.startsWith(MarkdownPage.GLOSSARY_LINK)) {
            String term = to.substring(MarkdownPage.GLOSSARY_LINK.length());
            if (glossary.term(term).isEmpty()) {
                wrong = "the glossary has no term '" + term + "': add it at the end of lessons/glossary.yaml, or link one it has";
            }
        } else if (to.startsWith("#")) {
            String anchor = decode(to.substring(1));
            if (!ownIds.contains(anchor)) {
                wrong = "no heading of this page has the id '" + anchor + "' (a heading's id is its text in lower case,"
                        + " spaces as -, punctuation dropped)";
            }
        } else if (to.startsWith("/")) {
            wrong = sitePage(to);
        } else if (!to.matches("(?i)(https?|mailto):.*")) {
            wrong = "a relative link is read against the page's address, not the file's folder: write a path from the"
                    + " site's root, such as /lesson.html?id=cold-and-warm-starts#two-phases-init-and-invoke";
        }
        return Optional.ofNullable(wrong).map(what -> new Problem(file, link.line(), to, what));
    }

    /** Why a link to a page of the site goes nowhere, or null when it goes somewhere. */
    private String sitePage(String link) {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            return "not a valid address: " + e.getMessage();
        }
        String path = uri.getPath();
        Map<String, String> query = query(uri.getRawQuery());
        String fragment = uri.getFragment();
        switch (path) {
            case "/lesson.html" -> {
                Lesson other = lessons.get(query.get("id"));
                if (other == null) {
                    return "there is no lesson '" + query.get("id") + "'; the lessons are " + lessons.keySet();
                }
                if (fragment != null && !pageIds(other.html(), webRoot.resolve("lesson.html")).contains(fragment)) {
                    return "the lesson '" + other.id() + "' has no section '" + fragment + "'; its sections are "
                            + other.sections().stream().map(Lesson.Section::id).toList();
                }
                return null;
            }
            case "/exercise.html" -> {
                String id = query.get("id");
                return id != null && Files.isRegularFile(exercisesDirectory.resolve(id).resolve("exercise.json")) ? null
                        : "there is no exercise '" + id + "' (no exercises/" + id + "/exercise.json)";
            }
            case "/glossary.html" -> {
                return fragment == null || glossary.term(fragment).isPresent() ? null
                        : "the glossary has no term '" + fragment + "'";
            }
            case "/traffic-lab.html" -> {
                String preset = query.get("preset");
                return preset == null || presets.contains(preset) ? null
                        : "the Traffic lab has no preset '" + preset + "'; its presets are " + presets;
            }
            default -> {
                Path served = webRoot.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
                return served.startsWith(webRoot) && Files.isRegularFile(served) ? null
                        : "the site serves nothing at " + path + " (no such file under web/)";
            }
        }
    }

    // ---- reading ----

    /**
     * The links of a Markdown text whose first line is the file's {@code firstLine}: those of its prose, and those of
     * the Markdown inside its prediction and check blocks (questions, answers, explanations, reveals).
     */
    static List<Found> links(String markdown, int firstLine) {
        List<Found> found = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        MARKDOWN.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                found.add(new Found(link.getDestination(), firstLine + lineIndex(link)));
                visitChildren(link);
            }

            @Override
            public void visit(FencedCodeBlock block) {
                if (!LessonBlocks.KINDS.contains(block.getInfo() == null ? "" : block.getInfo().strip())) {
                    return;
                }
                JsonNode yaml;
                try {
                    yaml = YamlBlock.YAML.readTree(block.getLiteral());
                } catch (IOException e) {
                    return;   // the library refuses it, with its line
                }
                int start = lineIndex(block);
                for (String text : strings(yaml)) {
                    MARKDOWN.parse(text).accept(new AbstractVisitor() {
                        @Override
                        public void visit(Link link) {
                            found.add(new Found(link.getDestination(),
                                    firstLine + lineWith(lines, start, "(" + link.getDestination())));
                            visitChildren(link);
                        }
                    });
                }
            }
        });
        return found;
    }

    private static List<String> strings(JsonNode node) {
        List<String> strings = new ArrayList<>();
        if (node.isTextual()) {
            strings.add(node.asText());
        }
        node.forEach(child -> strings.addAll(strings(child)));
        return strings;
    }

    private static int lineIndex(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().getFirst().getLineIndex();
    }

    /** The index of the first line from {@code from} holding {@code text}; {@code from} when none does. */
    private static int lineWith(String[] lines, int from, String text) {
        for (int i = from; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i;
            }
        }
        return from;
    }

    /** The ids a page holds: those of its rendered text and those of the page around it. */
    private static Set<String> pageIds(String html, Path page) {
        Set<String> ids = new LinkedHashSet<>();
        for (String text : List.of(html, read(page))) {
            Matcher id = ID_ATTRIBUTE.matcher(text);
            while (id.find()) {
                ids.add(id.group(1));
            }
        }
        return ids;
    }

    private static Set<String> trafficLabPresets(Path script) {
        Set<String> names = new LinkedHashSet<>();
        String text = read(script);
        int start = text.indexOf("const PRESETS = {");
        Matcher preset = PRESET.matcher(text.substring(Math.max(0, start), text.indexOf("\n};", Math.max(0, start))));
        while (preset.find()) {
            names.add(preset.group(1));
        }
        return names;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                values.put(decode(equals < 0 ? pair : pair.substring(0, equals)), equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Each lesson's folder, by the id its front matter gives. */
    private static Map<String, Path> foldersById(Path directory) {
        Map<String, Path> folders = new HashMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path folder : entries.filter(LessonFolder::isLesson).toList()) {
                Path file = folder.resolve(LessonFolder.LESSON_FILE);
                folders.put(FrontMatter.read(file, FrontMatter.split(file, read(file)).yaml()).id(), folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folders;
    }

    private static JsonNode manifest(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** The line (from 1) of the first occurrence of {@code text} after line {@code after}; 0 when there is none. */
    private static int lineOf(Path file, String text, int after) {
        String[] lines = read(file).split("\n", -1);
        for (int i = after; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        return 0;
    }

    private String relative(Path file) {
        return exercisesDirectory.getFileName() + "/" + exercisesDirectory.relativize(file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
