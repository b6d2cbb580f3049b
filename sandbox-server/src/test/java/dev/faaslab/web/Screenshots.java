package dev.faaslab.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** PNGs of pages under {@code target/screenshots}, for a person to look at after the build. */
public final class Screenshots {

    /** Relative, so it lands in the module's own {@code target} (Maven runs tests in the module's folder). */
    public static final Path DIRECTORY = Path.of("target", "screenshots");

    private Screenshots() {
    }

    /**
     * Saves the whole current page, not just the window, as {@code target/screenshots/<name>.png}
     * (characters unsafe in file names become {@code _}) and returns the file.
     */
    public static Path save(BrowserSession browser, String name) {
        // Page.captureScreenshot with a clip the size of the content: Selenium's own screenshot stops at the window.
        Map<String, Object> metrics = browser.driver().executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = browser.driver().executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "scale", 1,
                        "width", ((Number) content.get("width")).doubleValue(),
                        "height", ((Number) content.get("height")).doubleValue())));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        try {
            Files.createDirectories(DIRECTORY);
            Path file = DIRECTORY.resolve(fileName(name) + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + name, e);
        }
    }

    static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
