package dev.faaslab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The exercises under one folder: every subfolder with an {@code exercise.json}. */
public record Exercises(Path root) {

    /**
     * Where the exercises are: {@code -Dfaaslab.exercises}, else {@code exercises} under {@code -Dfaaslab.home}
     * (which the launcher sets), else {@code ./exercises}.
     */
    public static Exercises located() {
        String explicit = System.getProperty("faaslab.exercises");
        if (explicit != null) {
            return new Exercises(Path.of(explicit));
        }
        return new Exercises(Path.of(System.getProperty("faaslab.home", ".")).resolve("exercises"));
    }

    /** Every exercise in course order (then by id). A folder without a manifest is not an exercise. */
    public List<Exercise> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(folder -> Files.isRegularFile(folder.resolve(Exercise.MANIFEST)))
                    .map(ExerciseReader::read)
                    .sorted(Comparator.comparingInt(Exercise::order).thenComparing(Exercise::id))
                    .toList();
        } catch (IOException e) {
            throw new ExerciseException(root + ": cannot list the exercises (" + e.getMessage() + ")");
        }
    }

    /** The exercise {@code id}, or empty. */
    public Optional<Exercise> find(String id) {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            return Optional.empty(); // never a path: "../x" names no exercise
        }
        Path folder = root.resolve(id);
        return Files.isRegularFile(folder.resolve(Exercise.MANIFEST)) ? Optional.of(ExerciseReader.read(folder))
                : Optional.empty();
    }
}
