package dev.faaslab.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faaslab.platform.PlatformLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The browser app's files")
class StaticFilesTest {

    @Test
    @DisplayName("are served from the web root, while API paths still reach the API")
    void servedBesideTheApi(@TempDir Path data, @TempDir Path web) throws Exception {
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>FaaS Lab</title>");
        Files.createDirectories(web.resolve("api"));
        Files.writeString(web.resolve("api/functions"), "a file that must never shadow the API");
        try (TestServer server = new TestServer(data, PlatformLimits.DEFAULT, web)) {
            TestServer.Reply index = server.get("/");
            assertEquals(200, index.status());
            assertTrue(index.body().contains("<title>FaaS Lab</title>"));
            assertTrue(server.get("/api/functions").json().has("functions"));
            assertEquals(404, server.get("/no-such-page.html").status());
        }
    }
}
