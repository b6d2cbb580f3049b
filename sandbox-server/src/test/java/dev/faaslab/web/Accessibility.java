package dev.faaslab.web;

import com.deque.html.axecore.providers.EmbeddedResourceAxeProvider;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * axe-core's checks on the page a browser shows: WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best
 * practices. A serious or critical violation fails the test; the rest are reported and kept in the results.
 */
public final class Accessibility {

    /** Relative, so it lands in the module's own {@code target} (Maven runs tests in the module's folder). */
    public static final Path DIRECTORY = Path.of("target", "axe");

    static final List<String> TAGS = List.of(
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice");

    static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Accessibility() {
    }

    /**
     * Runs axe on the current page, writes every result to {@code target/axe/<page>.json}, and fails with one
     * line per serious or critical violation: rule, impact, what to do, and the selectors of the elements.
     */
    public static Results assertNoSeriousViolations(BrowserSession browser, String page) {
        Results results = check(browser, page);
        List<Rule> failing = results.getViolations().stream()
                .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
                .toList();
        long others = results.getViolations().size() - failing.size();
        if (others > 0) {
            System.out.printf("axe: %d moderate or minor violation(s) on %s, see %s%n", others, page, file(page));
        }
        if (!failing.isEmpty()) {
            throw new AssertionError("expected no serious or critical accessibility violation on " + page
                    + " (" + results.getUrl() + "), but axe found " + failing.size()
                    + " (all results: " + file(page) + "):\n" + describe(failing));
        }
        return results;
    }

    /** Runs axe on the current page and writes every result to {@code target/axe/<page>.json}. */
    public static Results check(BrowserSession browser, String page) {
        // The script comes from the axe jar itself (the default too, said here so it stays so): no network.
        // Legacy mode runs axe.run in the page itself; the default runs it per frame and then opens a tab of its own
        // to put the frames' results together, a third of each check's time. The app's pages have no frames, and
        // both modes gave the same passes, violations and nodes on every page (compared when this was set).
        Results results = new AxeBuilder()
                .setAxeScriptProvider(new EmbeddedResourceAxeProvider())
                .withTags(TAGS)
                .setLegacyMode(true)
                .analyze(browser.driver());
        write(results, page);
        if (results.isErrored()) {
            throw new AssertionError("axe could not check " + page + ": " + results.getErrorMessage());
        }
        return results;
    }

    /** One block per rule: "rule-id (impact): help  url", then each failing element's selector and why. */
    static String describe(List<Rule> rules) {
        StringBuilder text = new StringBuilder();
        for (Rule rule : rules) {
            text.append("- ").append(rule.getId()).append(" (").append(rule.getImpact()).append("): ")
                    .append(rule.getHelp()).append("  ").append(rule.getHelpUrl()).append('\n');
            for (CheckedNode node : rule.getNodes()) {
                text.append("    at ").append(selector(node.getTarget())).append(": ")
                        .append(oneLine(node.getFailureSummary())).append('\n');
            }
        }
        return text.toString();
    }

    /** axe's target is a list of selectors, one per frame or shadow root on the way to the element. */
    private static String selector(Object target) {
        if (target instanceof List<?> parts) {
            return parts.stream().map(String::valueOf).collect(Collectors.joining(" >>> "));
        }
        return String.valueOf(target);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private static Path file(String page) {
        return DIRECTORY.resolve(Screenshots.fileName(page) + ".json");
    }

    private static void write(Results results, String page) {
        try {
            Files.createDirectories(DIRECTORY);
            JSON.writerWithDefaultPrettyPrinter().writeValue(file(page).toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the axe results for " + page, e);
        }
    }
}
