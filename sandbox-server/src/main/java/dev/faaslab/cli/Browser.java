package dev.faaslab.cli;

import java.io.File;
import java.net.URI;
import java.util.List;

/** Opens a URL in the desktop's browser when there is one; says nothing when there is not (a server, CI). */
final class Browser {

    private Browser() {
    }

    static void open(URI uri) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        List<String> command;
        if (os.contains("mac")) {
            command = List.of("open", uri.toString());
        } else if (os.contains("win")) {
            command = List.of("rundll32", "url.dll,FileProtocolHandler", uri.toString());
        } else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
            command = List.of("xdg-open", uri.toString());
        } else {
            return;
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File(os.contains("win") ? "NUL" : "/dev/null")))
                    .start();
        } catch (java.io.IOException e) {
            // No browser opener installed: the URL is printed, which is enough.
        }
    }
}
