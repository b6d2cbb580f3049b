package dev.faaslab.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faaslab.core.WorkspaceId;
import dev.faaslab.runtime.Language;
import dev.faaslab.stream.EventHub;
import dev.faaslab.stream.StreamEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance states the live panel draws come from these events, in this order. */
@DisplayName("The live stream's instance events")
class InstanceEventsTest {

    static final WorkspaceId LEARNER = new WorkspaceId("learner");

    TestPlatform fixture;
    Platform platform;

    @BeforeEach
    void start(@TempDir Path data) {
        fixture = new TestPlatform(data, PlatformLimits.DEFAULT);
        platform = fixture.platform;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    static FunctionSpec hello(String greeting) {
        return FunctionSpec.of("hello", Language.NODEJS, "index.handler",
                "export const handler = async () => '" + greeting + "';");
    }

    @Test
    @DisplayName("show a cold start initialising, then busy once Init is over, then idle; a warm one busy, then idle")
    void coldThenWarm() throws Exception {
        platform.save(LEARNER, hello("hi"), null);
        try (EventHub.Subscription events = platform.hub(LEARNER).subscribe(100)) {
            platform.invoke(LEARNER, "hello", null, "{}");
            platform.invoke(LEARNER, "hello", null, "{}");
            assertEquals(List.of("initialising", "busy", "idle", "busy", "idle"), states(events));
        }
    }

    @Test
    @DisplayName("show idle instances reaped when the code changes, and when the function is deleted")
    void reapedOnUpdateAndDelete() throws Exception {
        platform.save(LEARNER, hello("hi"), null);
        platform.invoke(LEARNER, "hello", null, "{}");
        try (EventHub.Subscription events = platform.hub(LEARNER).subscribe(100)) {
            platform.save(LEARNER, hello("hello"), null);
            assertEquals(List.of("reaped"), states(events), "the old code's instance leaves with the update");
            platform.invoke(LEARNER, "hello", null, "{}");
            states(events);
            platform.delete(LEARNER, "hello");
            assertEquals(List.of("reaped"), states(events), "the new code's instance leaves with the function");
        }
    }

    private static List<String> states(EventHub.Subscription events) throws InterruptedException {
        List<String> states = new ArrayList<>();
        StreamEvent event;
        while ((event = events.next(Duration.ofMillis(300))) != null) {
            if (event instanceof StreamEvent.InstanceChanged changed) {
                states.add(changed.state());
            }
        }
        return states;
    }
}
